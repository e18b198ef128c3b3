/**
 * A research purpose as a researcher states it on an access request, coded so that it can be matched
 * against a dataset's DUO consent (modelled on the DUOS research purpose, data-use schema v4).
 */
export const PURPOSE_CATEGORIES = [
  /** Research on one or more named diseases (disease ids required). */
  'DISEASE_SPECIFIC',
  /** Health, medical or biomedical research not limited to a named disease. */
  'HEALTH_MEDICAL_BIOMEDICAL',
  /** The study of population origins or ancestry. */
  'POPULATION_ORIGINS_ANCESTRY',
  /** Development of methods, software or algorithms is the primary purpose (not tied to a disease). */
  'METHODS_DEVELOPMENT',
  /** Any other research (fundamental biology, social sciences, ...). */
  'GENERAL_RESEARCH',
  /** None of the above: the research is described in free text (`otherPurpose`, required); a steward reads it. */
  'OTHER',
] as const;
export type PurposeCategory = (typeof PURPOSE_CATEGORIES)[number];

export const GENDER_FOCUS = ['FEMALE', 'MALE', 'OTHER'] as const;
export type GenderFocus = (typeof GENDER_FOCUS)[number];

/**
 * Sensitive aspects of a study on which DUOS's algorithm abstains (data-use schema v4): each sends the request
 * to a steward (NEEDS_REVIEW) whatever the consent. Key → the wording used in reasons and docs.
 */
export const SENSITIVE_PURPOSE_FLAGS = {
  controls: 'uses the data as controls (e.g. a case-control comparison group)',
  populationVariation:
    'studies variation in the general population (e.g. calling variants, their distribution)',
  pediatric: 'is limited to a pediatric population (under 18)',
  vulnerablePopulations: 'targets a vulnerable population (children, prisoners, pregnant women, ...)',
  illegalBehavior: 'studies illegal behaviour (violence, abuse, ...)',
  sexualDiseases: 'studies sexual preferences or sexually transmitted diseases',
  stigmatizedDiseases: 'studies stigmatising illnesses',
  psychologicalTraits: 'studies psychological traits, intelligence or attention',
  notHealth:
    'correlates ethnicity, race or gender with genetic or phenotypic variables beyond health research',
} as const;
export type SensitivePurposeFlag = keyof typeof SENSITIVE_PURPOSE_FLAGS;

export interface ResearchPurpose {
  category: PurposeCategory;
  /**
   * Disease ids (MONDO, or a cross-reference such as DOID:162 that MONDO maps): required (non-empty) for
   * DISEASE_SPECIFIC, empty otherwise; sorted, unique.
   */
  diseases: string[];
  /** The study develops methods / software / algorithms (always true for METHODS_DEVELOPMENT). */
  methodsDevelopment: boolean;
  /** The study also researches population origins or ancestry (always true for POPULATION_ORIGINS_ANCESTRY). */
  populationOriginsAncestry: boolean;
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
  /** Sensitive aspects (see SENSITIVE_PURPOSE_FLAGS), false when not stated. */
  controls: boolean;
  populationVariation: boolean;
  pediatric: boolean;
  vulnerablePopulations: boolean;
  illegalBehavior: boolean;
  sexualDiseases: boolean;
  stigmatizedDiseases: boolean;
  psychologicalTraits: boolean;
  notHealth: boolean;
  /** The study is limited to one gender, if stated. */
  genderFocus?: GenderFocus;
  /** Free-text description of other research aspects (required for OTHER); always read by a steward. */
  otherPurpose?: string;
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
