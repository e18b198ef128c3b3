import { Field, ObjectType, registerEnumType } from '@nestjs/graphql';

export enum DuoTermKindEnum {
  PERMISSION = 'PERMISSION',
  MODIFIER = 'MODIFIER',
  CLASS = 'CLASS',
}
registerEnumType(DuoTermKindEnum, {
  name: 'DuoTermKind',
  description: 'PERMISSION: what use is allowed; MODIFIER: an added condition; CLASS: a grouping term',
});

@ObjectType('DuoTerm', { description: 'A GA4GH Data Use Ontology term (CC BY 4.0)' })
export class DuoTermModel {
  @Field({ description: 'DUO CURIE, e.g. DUO:0000007' })
  id: string;

  @Field(() => String, { nullable: true, description: 'DUO shorthand, e.g. DS; null for grouping classes' })
  shorthand: string | null;

  @Field()
  label: string;

  @Field()
  description: string;

  @Field(() => DuoTermKindEnum)
  kind: DuoTermKindEnum;
}
