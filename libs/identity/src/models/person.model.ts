import { Field, ObjectType } from '@nestjs/graphql';

@ObjectType('Person', { description: 'Someone who acts on this node, as the console shows them' })
export class PersonModel {
  @Field({ description: 'Their name (the username, or the subject when the node has never seen them)' })
  name: string;

  @Field(() => String, { nullable: true })
  institution: string | null;

  @Field(() => String, { nullable: true, description: 'Local username, when they have an account here' })
  username: string | null;

  @Field()
  issuer: string;

  @Field()
  subject: string;
}
