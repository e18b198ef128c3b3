import { Args, ID, Query, Resolver } from '@nestjs/graphql';
import { DomainError } from '@helixgate/common';
import { DatasetService } from '@helixgate/variants';
import { ConsentService, type StoredConsent } from './consent.service';
import { ResearchPurposeInput } from './dto/research-purpose.input';
import type { ConsentMatch } from './purpose-matcher';
import { ConsentMatchModel, MatchVerdictEnum } from './models/consent-match.model';
import { DatasetConsentModel, DuoModifierEnum, DuoPermissionEnum } from './models/dataset-consent.model';
import { DuoTermKindEnum, DuoTermModel } from './models/duo-term.model';

export function toDatasetConsentModel(c: StoredConsent): DatasetConsentModel {
  return {
    datasetId: c.datasetId,
    permission: c.permission as DuoPermissionEnum,
    diseases: c.diseases,
    modifiers: c.modifiers.map((m) => ({ ...m, code: m.code as DuoModifierEnum })),
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

@Resolver()
export class ConsentResolver {
  constructor(
    private readonly consentService: ConsentService,
    private readonly datasetService: DatasetService,
  ) {}

  @Query(() => [DuoTermModel], { description: 'The DUO terms this node understands (public reference data)' })
  duoTerms(): DuoTermModel[] {
    return this.consentService.duoTerms().map((t) => ({ ...t, kind: t.kind as DuoTermKindEnum }));
  }

  // Until identity and access control land, consent is shown for PUBLIC datasets only (as `dataset` does).
  @Query(() => DatasetConsentModel, {
    description: 'The DUO consent of a dataset; "not found or no access" when the caller may not see it',
  })
  async datasetConsent(
    @Args('datasetId', { type: () => ID }) datasetId: string,
  ): Promise<DatasetConsentModel> {
    await this.visibleDataset(datasetId);
    return toDatasetConsentModel(await this.consentService.getConsentOrThrow(datasetId));
  }

  @Query(() => ConsentMatchModel, {
    description: "Dry run: how a research purpose matches a dataset's consent (no request is filed)",
  })
  async matchResearchPurpose(
    @Args('datasetId', { type: () => ID }) datasetId: string,
    @Args('purpose') purpose: ResearchPurposeInput,
  ): Promise<ConsentMatchModel> {
    await this.visibleDataset(datasetId);
    return toConsentMatchModel(await this.consentService.matchDataset(datasetId, purpose));
  }

  private async visibleDataset(id: string): Promise<void> {
    const d = await this.datasetService.findById(id);
    if (!d || d.securityLevel !== 'PUBLIC')
      throw new DomainError('UNKNOWN_DATASET', `dataset "${id}" not found or no access`);
  }
}
