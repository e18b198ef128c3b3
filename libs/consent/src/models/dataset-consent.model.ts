import { Field, GraphQLISODateTime, ID, Int, ObjectType, registerEnumType } from '@nestjs/graphql';

export enum DuoPermissionEnum {
  NRES = 'NRES',
  GRU = 'GRU',
  HMB = 'HMB',
  DS = 'DS',
  POA = 'POA',
}
export enum DuoModifierEnum {
  NPU = 'NPU',
  NCU = 'NCU',
  IRB = 'IRB',
  GSO = 'GSO',
  PUB = 'PUB',
  COL = 'COL',
  GS = 'GS',
  MOR = 'MOR',
  TS = 'TS',
  US = 'US',
  PS = 'PS',
  IS = 'IS',
  RTN = 'RTN',
  CC = 'CC',
  NPOA = 'NPOA',
  NMDS = 'NMDS',
  RS = 'RS',
  NPUNCU = 'NPUNCU',
}
export enum RsResearchTypeEnum {
  PEDIATRIC = 'PEDIATRIC',
  FEMALE = 'FEMALE',
  MALE = 'MALE',
  CONTROLS = 'CONTROLS',
}
registerEnumType(DuoPermissionEnum, { name: 'DuoPermission', description: 'DUO data use permission' });
registerEnumType(DuoModifierEnum, { name: 'DuoModifier', description: 'DUO data use modifier' });
registerEnumType(RsResearchTypeEnum, {
  name: 'RsResearchType',
  description:
    'RS: the research type use is limited to (PEDIATRIC: RS-PD; FEMALE/MALE: RS-G; CONTROLS: use as controls)',
});

@ObjectType('ConsentModifier', { description: 'A DUO modifier with the parameter its code takes, if any' })
export class ConsentModifierModel {
  @Field(() => DuoModifierEnum)
  code: DuoModifierEnum;

  @Field(() => String, { nullable: true, description: 'GS: the region use is limited to' })
  region?: string;

  @Field(() => String, { nullable: true, description: 'MOR: no publication before this date (YYYY-MM-DD)' })
  moratoriumUntil?: string;

  @Field(() => Int, { nullable: true, description: 'TS: months use is approved for' })
  months?: number;

  @Field(() => String, { nullable: true, description: 'COL/US/PS/IS/RS: investigators, users, project, ...' })
  note?: string;

  @Field(() => RsResearchTypeEnum, { nullable: true, description: 'RS: a research type the matcher checks' })
  researchType?: RsResearchTypeEnum;
}

@ObjectType('DatasetConsent', { description: "A dataset's consent as DUO codes" })
export class DatasetConsentModel {
  @Field(() => ID)
  datasetId: string;

  @Field(() => DuoPermissionEnum)
  permission: DuoPermissionEnum;

  @Field(() => [String], { description: 'Disease ids, MONDO or cross-references such as DOID:162 (DS only)' })
  diseases: string[];

  @Field(() => [ConsentModifierModel])
  modifiers: ConsentModifierModel[];

  @Field(() => GraphQLISODateTime)
  updatedAt: Date;
}
