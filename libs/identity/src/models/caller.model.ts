import { Field, Float, GraphQLISODateTime, ObjectType, registerEnumType } from '@nestjs/graphql';

export enum RoleEnum {
  RESEARCHER = 'researcher',
  STEWARD = 'steward',
  COMPLIANCE = 'compliance',
  ADMIN = 'admin',
  DAC_MEMBER = 'dac_member',
  DAC_CHAIR = 'dac_chair',
}
registerEnumType(RoleEnum, { name: 'Role', description: 'Helixgate roles' });

@ObjectType('Visa', {
  description: 'A GA4GH visa that passed signature, trust, expiry and conditions checks',
})
export class VisaModel {
  @Field()
  type: string;

  @Field()
  value: string;

  @Field()
  source: string;

  @Field(() => String, { nullable: true })
  by: string | null;

  @Field(() => Float, {
    description: 'When the source asserted it (seconds since epoch)',
    deprecationReason: 'Use assertedAt (a DateTime)',
  })
  asserted: number;

  @Field(() => GraphQLISODateTime, { description: 'When the source asserted it' })
  assertedAt: Date;

  @Field(() => Float, {
    description: 'Visa expiry (seconds since epoch)',
    deprecationReason: 'Use expiresAt (a DateTime)',
  })
  exp: number;

  @Field(() => GraphQLISODateTime, { description: 'When the visa expires' })
  expiresAt: Date;

  @Field({ description: 'Issuer of the visa' })
  issuer: string;
}

@ObjectType('Caller', { description: 'Who this request runs as' })
export class CallerModel {
  @Field(() => String, { nullable: true, description: 'Token subject; null when anonymous' })
  subject: string | null;

  @Field(() => String, { nullable: true })
  issuer: string | null;

  @Field(() => [RoleEnum])
  roles: RoleEnum[];

  @Field(() => String, { nullable: true })
  institution: string | null;

  @Field(() => [VisaModel])
  visas: VisaModel[];

  @Field({ description: 'Correlation id of this request' })
  requestId: string;
}
