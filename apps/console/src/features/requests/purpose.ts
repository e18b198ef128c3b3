import type { ResearchPurposeInput, PurposeCategory } from '@/gql/graphql';

export const CATEGORIES: { value: PurposeCategory; label: string }[] = [
  { value: 'GENERAL_RESEARCH', label: 'General research' },
  { value: 'HEALTH_MEDICAL_BIOMEDICAL', label: 'Health, medical or biomedical research' },
  { value: 'DISEASE_SPECIFIC', label: 'Research on a specific disease' },
  { value: 'POPULATION_ORIGINS_ANCESTRY', label: 'Population origins or ancestry' },
  { value: 'METHODS_DEVELOPMENT', label: 'Methods, software or algorithm development' },
];

/** The request form's state (strings and booleans as the inputs hold them). */
export interface RequestForm {
  datasetId: string;
  projectTitle: string;
  justification: string;
  ethicsRef: string;
  category: PurposeCategory | '';
  diseases: string[];
  commercial: boolean;
  forProfitOrganization: boolean;
  methodsDevelopment: boolean;
  geneticStudiesOnly: boolean;
  clinicalCare: boolean;
  collaborationWithPrimaryInvestigators: boolean;
  willPublish: boolean;
  returnDerivedData: boolean;
  geographicArea: string;
}

export const emptyRequestForm = (datasetId = ''): RequestForm => ({
  datasetId,
  projectTitle: '',
  justification: '',
  ethicsRef: '',
  category: '',
  diseases: [],
  commercial: false,
  forProfitOrganization: false,
  methodsDevelopment: false,
  geneticStudiesOnly: false,
  clinicalCare: false,
  collaborationWithPrimaryInvestigators: false,
  willPublish: false,
  returnDerivedData: false,
  geographicArea: '',
});

export const MIN_JUSTIFICATION = 20;

/**
 * The coded research purpose the API matches, or null while it is incomplete (no category yet, or a
 * disease-specific purpose that names no disease).
 */
export function purposeOf(f: RequestForm): ResearchPurposeInput | null {
  if (!f.category) return null;
  if (f.category === 'DISEASE_SPECIFIC' && f.diseases.length === 0) return null;
  return {
    category: f.category,
    commercial: f.commercial,
    forProfitOrganization: f.forProfitOrganization,
    ...(f.category === 'DISEASE_SPECIFIC' ? { diseases: f.diseases } : {}),
    methodsDevelopment: f.methodsDevelopment,
    geneticStudiesOnly: f.geneticStudiesOnly,
    clinicalCare: f.clinicalCare,
    collaborationWithPrimaryInvestigators: f.collaborationWithPrimaryInvestigators,
    willPublish: f.willPublish,
    returnDerivedData: f.returnDerivedData,
    ...(f.ethicsRef.trim() ? { ethicsApprovalRef: f.ethicsRef.trim() } : {}),
    ...(f.geographicArea.trim() ? { geographicArea: f.geographicArea.trim() } : {}),
  };
}

export type FormErrors = Partial<Record<keyof RequestForm, string>>;

/** Checked before anything is sent (the API checks again and its coded error is shown too). */
export function validateRequestForm(f: RequestForm): FormErrors {
  const e: FormErrors = {};
  if (!f.datasetId) e.datasetId = 'Choose the dataset';
  if (!f.projectTitle.trim()) e.projectTitle = 'Give the project a title';
  if (f.justification.trim().length < MIN_JUSTIFICATION)
    e.justification = `Explain why you need the data (at least ${MIN_JUSTIFICATION} characters)`;
  if (!f.category) e.category = 'Choose what kind of research this is';
  if (f.category === 'DISEASE_SPECIFIC' && f.diseases.length === 0)
    e.diseases = 'Name at least one disease (MONDO)';
  return e;
}

/**
 * The errors still to show after an edit: each error shown is checked again against the edited form (gone
 * once its field is fixed, reworded if it changed); no new error appears while typing (only on submit).
 */
export function recheckRequestForm(shown: FormErrors, next: RequestForm): FormErrors {
  const fresh = validateRequestForm(next);
  const kept: FormErrors = {};
  for (const k of Object.keys(shown) as (keyof RequestForm)[]) if (fresh[k]) kept[k] = fresh[k];
  return kept;
}
