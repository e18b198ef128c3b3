import { Field, InputType, registerEnumType } from '@nestjs/graphql';

export enum PurposeCategoryEnum {
  DISEASE_SPECIFIC = 'DISEASE_SPECIFIC',
  HEALTH_MEDICAL_BIOMEDICAL = 'HEALTH_MEDICAL_BIOMEDICAL',
  POPULATION_ORIGINS_ANCESTRY = 'POPULATION_ORIGINS_ANCESTRY',
  METHODS_DEVELOPMENT = 'METHODS_DEVELOPMENT',
  GENERAL_RESEARCH = 'GENERAL_RESEARCH',
}
registerEnumType(PurposeCategoryEnum, { name: 'PurposeCategory', description: 'What kind of research' });

@InputType({ description: 'A research purpose, coded for matching against DUO consent' })
export class ResearchPurposeInput {
  @Field(() => PurposeCategoryEnum)
  category: PurposeCategoryEnum;

  @Field(() => [String], { nullable: true, description: 'MONDO disease ids (DISEASE_SPECIFIC only)' })
  diseases?: string[];

  @Field({ description: 'The use is commercial' })
  commercial: boolean;

  @Field({ description: 'The requesting organisation is for-profit' })
  forProfitOrganization: boolean;

  @Field({ nullable: true, description: 'The study also develops methods, software or algorithms' })
  methodsDevelopment?: boolean;

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

  @Field({ nullable: true, description: 'Country or region where the data will be used' })
  geographicArea?: string;

  @Field({ nullable: true, description: 'Ethics (IRB/ERB) approval reference' })
  ethicsApprovalRef?: string;
}
