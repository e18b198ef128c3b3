import { Field, ID, InputType, ObjectType } from '@nestjs/graphql';
import { RoleEnum } from '@helixgate/identity';

@ObjectType('UserAccount', {
  description: 'A user of this node as its administrators see them (no password, no invitation token)',
})
export class UserAccountModel {
  @Field(() => ID)
  id: string;

  @Field()
  username: string;

  @Field({ description: 'Their name as the console shows it (the username when none is recorded)' })
  name: string;

  @Field(() => String, { nullable: true })
  institution: string | null;

  @Field(() => [RoleEnum])
  roles: RoleEnum[];

  @Field({ description: 'The issuer of their identity: this node, or their institutional provider' })
  issuer: string;

  @Field({ description: 'Their subject at that issuer (what stewardships and the audit trail name)' })
  subject: string;

  @Field({
    description:
      'Signs in with an institutional OpenID Connect provider, which sets their name, institution and roles at each sign-in',
  })
  external: boolean;

  @Field({ description: 'A console password is set' })
  passwordSet: boolean;

  @Field(() => Date, { nullable: true, description: 'An unused invitation link is valid until then' })
  invitationExpiresAt: Date | null;

  @Field(() => Date, { nullable: true })
  disabledAt: Date | null;

  @Field()
  createdAt: Date;

  @Field(() => [ID], { description: 'Datasets they steward' })
  stewardOf: string[];
}

@ObjectType('UserInvitation', {
  description:
    'A one-time invitation: the token goes in the link `<console>/invitation#<token>`, shown once and never stored in clear or audited',
})
export class UserInvitationModel {
  @Field(() => UserAccountModel)
  user: UserAccountModel;

  @Field()
  token: string;

  @Field()
  expiresAt: Date;
}

@InputType('AddUserInput')
export class AddUserInput {
  @Field({ description: 'Lowercase letters, digits, . _ - (at most 64)' })
  username: string;

  @Field(() => String, { nullable: true, description: 'The name the console shows ("Alice Smith")' })
  displayName?: string | null;

  @Field(() => String, { nullable: true })
  institution?: string | null;

  @Field(() => [RoleEnum])
  roles: RoleEnum[];
}
