import { Field, GraphQLISODateTime, ID, Int, ObjectType, registerEnumType } from '@nestjs/graphql';

export enum AssemblyId {
  GRCh37 = 'GRCh37',
  GRCh38 = 'GRCh38',
}
export enum SecurityLevelEnum {
  PUBLIC = 'PUBLIC',
  REGISTERED = 'REGISTERED',
  CONTROLLED = 'CONTROLLED',
}
registerEnumType(AssemblyId, { name: 'AssemblyId', description: 'Reference genome assembly' });
registerEnumType(SecurityLevelEnum, {
  name: 'SecurityLevel',
  description:
    'PUBLIC: boolean answers for anyone; REGISTERED: counts for bona fide researchers; CONTROLLED: records with a grant',
});

@ObjectType('Dataset')
export class DatasetModel {
  @Field(() => ID)
  id: string;

  @Field()
  name: string;

  @Field()
  description: string;

  @Field(() => AssemblyId)
  assembly: AssemblyId;

  @Field(() => SecurityLevelEnum)
  securityLevel: SecurityLevelEnum;

  @Field(() => Int, { description: 'Individuals in the dataset (withdrawn ones excluded)' })
  individualCount: number;

  @Field(() => Int, { description: 'Variant rows (one per ALT allele)' })
  variantCount: number;

  @Field(() => GraphQLISODateTime)
  createdAt: Date;
}
