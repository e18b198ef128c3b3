/**
 * A research purpose as a researcher states it on an access request, coded so that it can be matched
 * against a dataset's DUO consent (modelled on the DUOS research purpose).
 */
export const PURPOSE_CATEGORIES = [
  /** Research on one or more named diseases (MONDO ids required). */
  'DISEASE_SPECIFIC',
  /** Health, medical or biomedical research not limited to a named disease. */
  'HEALTH_MEDICAL_BIOMEDICAL',
  /** The study of population origins or ancestry. */
  'POPULATION_ORIGINS_ANCESTRY',
  /** Development of methods, software or algorithms (not tied to a disease). */
  'METHODS_DEVELOPMENT',
  /** Any other research (fundamental biology, social sciences, ...). */
  'GENERAL_RESEARCH',
] as const;
export type PurposeCategory = (typeof PURPOSE_CATEGORIES)[number];

export interface ResearchPurpose {
  category: PurposeCategory;
  /** MONDO ids: required (non-empty) for DISEASE_SPECIFIC, empty otherwise; sorted, unique. */
  diseases: string[];
  /** The study develops methods / software / algorithms (always true for METHODS_DEVELOPMENT). */
  methodsDevelopment: boolean;
  /** The use is commercial (a product, a service sold, ...). */
  commercial: boolean;
  /** The requesting organisation is for-profit. */
  forProfitOrganization: boolean;
  /** Only genetic studies (genotype, or genotype and phenotype; not phenotype alone). */
  geneticStudiesOnly: boolean;
  /** Results will be made available to the wider scientific community. */
  willPublish: boolean;
  /** The researcher agrees to collaborate with the dataset's primary investigators. */
  collaborationWithPrimaryInvestigators: boolean;
  /** Derived or enriched data will be returned to this node. */
  returnDerivedData: boolean;
  /** The use includes clinical care. */
  clinicalCare: boolean;
  /** Where the data will be used (country or region), if stated. */
  geographicArea?: string;
  /** Reference of the ethics (IRB/ERB) approval, if any. */
  ethicsApprovalRef?: string;
}

/** What callers may pass: everything but `category` and the two profit flags is optional. */
export type ResearchPurposeInputShape = Pick<
  ResearchPurpose,
  'category' | 'commercial' | 'forProfitOrganization'
> &
  Partial<Omit<ResearchPurpose, 'category' | 'commercial' | 'forProfitOrganization'>>;
