import { Field, InputType, registerEnumType } from '@nestjs/graphql';

export enum PurposeCategoryEnum {
  DISEASE_SPECIFIC = 'DISEASE_SPECIFIC',
  HEALTH_MEDICAL_BIOMEDICAL = 'HEALTH_MEDICAL_BIOMEDICAL',
  POPULATION_ORIGINS_ANCESTRY = 'POPULATION_ORIGINS_ANCESTRY',
  METHODS_DEVELOPMENT = 'METHODS_DEVELOPMENT',
  GENERAL_RESEARCH = 'GENERAL_RESEARCH',
  OTHER = 'OTHER',
}
registerEnumType(PurposeCategoryEnum, {
  name: 'PurposeCategory',
  description: 'What kind of research (OTHER: described in otherPurpose, always read by a steward)',
});

export enum GenderFocusEnum {
  FEMALE = 'FEMALE',
  MALE = 'MALE',
  OTHER = 'OTHER',
}
registerEnumType(GenderFocusEnum, {
  name: 'GenderFocus',
  description: 'The one gender a study is limited to',
});

@InputType({ description: 'A research purpose, coded for matching against DUO consent' })
export class ResearchPurposeInput {
  @Field(() => PurposeCategoryEnum)
  category: PurposeCategoryEnum;

  @Field(() => [String], {
    nullable: true,
    description:
      'Disease ids (DISEASE_SPECIFIC only): MONDO, or cross-references MONDO maps such as DOID:162',
  })
  diseases?: string[];

  @Field({ description: 'The use is commercial' })
  commercial: boolean;

  @Field({ description: 'The requesting organisation is for-profit' })
  forProfitOrganization: boolean;

  @Field({ nullable: true, description: 'The study also develops methods, software or algorithms' })
  methodsDevelopment?: boolean;

  @Field({
    nullable: true,
    description: 'The study also researches population origins or ancestry (a combined purpose)',
  })
  populationOriginsAncestry?: boolean;

  @Field({ nullable: true, description: 'Genetic studies only (not phenotype research alone)' })
  geneticStudiesOnly?: boolean;

  @Field({ nullable: true, description: 'Results will be made available to the scientific community' })
  willPublish?: boolean;

  @Field({ nullable: true, description: 'Agrees to collaborate with the primary investigators' })
  collaborationWithPrimaryInvestigators?: boolean;

  @Field({ nullable: true, description: 'Derived or enriched data will be returned' })
  returnDerivedData?: boolean;

  @Field({ nullable: true, description: 'The use includes clinical care' })
  clinicalCare?: boolean;

  @Field({ nullable: true, description: 'Uses the data as controls (e.g. a case-control comparison group)' })
  controls?: boolean;

  @Field({
    nullable: true,
    description: 'Studies variation in the general population (e.g. variant calling)',
  })
  populationVariation?: boolean;

  @Field(() => GenderFocusEnum, { nullable: true, description: 'The study is limited to one gender' })
  genderFocus?: GenderFocusEnum;

  @Field({ nullable: true, description: 'The study is limited to a pediatric population (under 18)' })
  pediatric?: boolean;

  @Field({ nullable: true, description: 'Targets a vulnerable population (children, prisoners, ...)' })
  vulnerablePopulations?: boolean;

  @Field({ nullable: true, description: 'Studies illegal behaviour (violence, abuse, ...)' })
  illegalBehavior?: boolean;

  @Field({ nullable: true, description: 'Studies sexual preferences or sexually transmitted diseases' })
  sexualDiseases?: boolean;

  @Field({ nullable: true, description: 'Studies stigmatising illnesses' })
  stigmatizedDiseases?: boolean;

  @Field({ nullable: true, description: 'Studies psychological traits, intelligence or attention' })
  psychologicalTraits?: boolean;

  @Field({
    nullable: true,
    description:
      'Correlates ethnicity, race or gender with genetic or phenotypic variables beyond health research',
  })
  notHealth?: boolean;

  @Field({
    nullable: true,
    description: 'Other aspects in free text (required for OTHER); a steward reads it',
  })
  otherPurpose?: string;

  @Field({ nullable: true, description: 'Country or region where the data will be used' })
  geographicArea?: string;

  @Field({ nullable: true, description: 'Ethics (IRB/ERB) approval reference' })
  ethicsApprovalRef?: string;
}
