import { Args, Int, Query, Resolver } from '@nestjs/graphql';
import { ConsentService, type StoredConsent } from './consent.service';
import { searchDiseases } from './disease-search';
import type { ConsentMatch } from './purpose-matcher';
import { ConsentMatchModel, MatchVerdictEnum } from './models/consent-match.model';
import { DatasetConsentModel } from './models/dataset-consent.model';
import { DiseaseTermModel } from './models/disease-term.model';
import { DuoTermKindEnum, DuoTermModel } from './models/duo-term.model';

export function toDatasetConsentModel(c: StoredConsent): DatasetConsentModel {
  return {
    datasetId: c.datasetId,
    permission: c.permission,
    diseases: c.diseases,
    modifiers: c.modifiers,
    updatedAt: c.updatedAt,
  };
}

export function toConsentMatchModel(m: ConsentMatch): ConsentMatchModel {
  return {
    outcome: m.outcome as MatchVerdictEnum,
    reasons: m.reasons.map((r) => ({
      code: r.code,
      verdict: r.verdict as MatchVerdictEnum,
      reason: r.reason,
    })),
  };
}

/**
 * Public reference data only. Dataset consent is served where dataset visibility is decided: `libs/access`
 * resolves `Dataset.consent`, `matchResearchPurpose` and the steward's `setDatasetConsent` on top of
 * `ConsentService`, so every consent read goes through the caller's ability.
 */
@Resolver()
export class ConsentResolver {
  constructor(private readonly consentService: ConsentService) {}

  @Query(() => [DuoTermModel], { description: 'The DUO terms this node understands (public reference data)' })
  duoTerms(): DuoTermModel[] {
    return this.consentService.duoTerms().map((t) => ({ ...t, kind: t.kind as DuoTermKindEnum }));
  }

  @Query(() => [DiseaseTermModel], {
    description:
      'MONDO disease terms for purpose pickers (public reference data): those matching `search` by id or label, and those named in `ids`',
  })
  diseaseTerms(
    @Args('search', { type: () => String, nullable: true }) search?: string,
    @Args('ids', { type: () => [String], nullable: true }) ids?: string[],
    @Args('first', { type: () => Int, nullable: true, defaultValue: 20 }) first?: number,
  ): DiseaseTermModel[] {
    return searchDiseases(this.consentService.diseaseHierarchy(), search, ids ?? [], first);
  }
}
