import { Field, GraphQLISODateTime, ID, Int, ObjectType, registerEnumType } from '@nestjs/graphql';
import {
  DUO_MODIFIERS,
  DUO_PERMISSIONS,
  RS_RESEARCH_TYPES,
  type DuoModifier,
  type DuoPermission,
  type RsResearchType,
} from '../duo-codes';

/**
 * The GraphQL enums of DUO codes, made from the code lists in duo-codes.ts (the one home of the codes; the
 * matcher, the validator and these enums read the same list).
 */
function enumOf<T extends string>(codes: readonly T[]): { [K in T]: K } {
  return Object.fromEntries(codes.map((c) => [c, c])) as { [K in T]: K };
}
export const DuoPermissionEnum = enumOf(DUO_PERMISSIONS);
export type DuoPermissionEnum = DuoPermission;
export const DuoModifierEnum = enumOf(DUO_MODIFIERS);
export type DuoModifierEnum = DuoModifier;
export const RsResearchTypeEnum = enumOf(RS_RESEARCH_TYPES);
export type RsResearchTypeEnum = RsResearchType;
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
