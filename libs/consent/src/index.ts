/**
 * @helixgate/consent — DUO consent of datasets and research-purpose matching.
 *
 * For other modules (e.g. `libs/access`):
 * - `ConsentModule` exports `ConsentService`:
 *   - `setConsent(datasetId, consent: DuoConsentInput, actor: { subject })` validates (INVALID_CONSENT naming
 *     each bad code), checks the dataset exists (UNKNOWN_DATASET) and stores/replaces it; returns StoredConsent.
 *   - `getConsent(datasetId)` → StoredConsent | null; `getConsents(ids)` for many at once;
 *     `getConsentOrThrow(datasetId)` → NOT_FOUND when none is recorded.
 *   - `validatePurpose(input)` → normalised ResearchPurpose (store this on an access request).
 *   - `match(consent, purpose)` → ConsentMatch { outcome APPROVE | NEEDS_REVIEW | DENY, reasons[] per code };
 *     `matchDataset(datasetId, purpose)` does the same against the stored consent.
 *   - `duoTerms()`, `diseaseHierarchy()` (MONDO through `@helixgate/ontology`) for reference data.
 * - GraphQL: `DatasetConsentInput`, `ResearchPurposeInput` inputs and `DatasetConsentModel`, `ConsentMatchModel`
 *   with the `toDatasetConsentModel` / `toConsentMatchModel` mappers are for resolvers that decide visibility
 *   (libs/access). Authorisation (steward of the dataset?) is the caller's job.
 * The pure functions (`validateConsent`, `matchPurpose`, ...) and the rule tables (`PERMISSION_RULES` /
 * `MODIFIER_RULES` / `PURPOSE_REVIEW_RULE`, documented in docs/consent.md) are internal: use ConsentService.
 */
export { type DuoModifier, MODIFIER_PARAMETER, type ModifierParameter, RS_RESEARCH_TYPES } from './duo-codes';
export { type ResearchPurposeInputShape } from './research-purpose';
export { type DuoConsentInput } from './consent-validation';
export { type ConsentMatch, type MatchVerdict } from './purpose-matcher';
export { ConsentService, consentSummary, type StoredConsent } from './consent.service';
export { toConsentMatchModel, toDatasetConsentModel } from './consent.resolver';
export { ConsentModule } from './consent.module';
export { DatasetConsentModel } from './models/dataset-consent.model';
export { ConsentMatchModel } from './models/consent-match.model';
export { ResearchPurposeInput } from './dto/research-purpose.input';
export { DatasetConsentInput } from './dto/dataset-consent.input';
