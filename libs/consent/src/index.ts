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
 * - Pure functions: `validateConsent`, `validatePurpose`, `matchPurpose(consent, purpose, hierarchy)`, and the
 *   rule tables `PERMISSION_RULES` / `MODIFIER_RULES` / `PURPOSE_REVIEW_RULE` (documented in docs/consent.md).
 * - GraphQL: `ConsentResolver` serves only the public `duoTerms` query. `DatasetConsentInput`,
 *   `ResearchPurposeInput` inputs and `DatasetConsent`, `ConsentMatch`, `DuoTerm` models with the
 *   `toDatasetConsentModel` / `toConsentMatchModel` mappers are for resolvers that decide visibility (libs/access).
 *   Authorisation (steward of the dataset?) is the caller's job.
 */
export * from './duo-codes';
export * from './duo-terms';
export * from './research-purpose';
export * from './disease-hierarchy';
export * from './consent-validation';
export * from './purpose-matcher';
export * from './dataset-consent.entity';
export * from './consent.service';
export * from './consent.resolver';
export * from './consent.module';
export * from './models/duo-term.model';
export * from './models/dataset-consent.model';
export * from './models/consent-match.model';
export * from './dto/research-purpose.input';
export * from './dto/dataset-consent.input';
