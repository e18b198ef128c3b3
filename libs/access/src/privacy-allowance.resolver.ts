import { Args, ID, Query, Resolver } from '@nestjs/graphql';
import { CurrentCaller, type Caller } from '@helixgate/common';
import {
  AllowanceHolder,
  EntitledGranularity,
  PrivacyAllowanceModel,
} from './models/privacy-allowance.model';
import { PrivacyAllowanceService, type DatasetAllowance } from './privacy-allowance.service';

const toModel = (a: DatasetAllowance): PrivacyAllowanceModel => ({
  datasetId: a.datasetId,
  granularity: EntitledGranularity[a.granularity],
  guarded: a.guarded,
  holder: AllowanceHolder[a.sharedBy.toUpperCase() as keyof typeof AllowanceHolder],
  countBudget: a.counts ? { ...a.counts, estimates: [...a.counts.estimates] } : null,
  quota: { ...a.quota, windowEndsAt: new Date(a.quota.windowEndsAt) },
});

/** The caller's own privacy allowance (count budget, quota, share) per dataset. */
@Resolver(() => PrivacyAllowanceModel)
export class PrivacyAllowanceResolver {
  constructor(private readonly allowances: PrivacyAllowanceService) {}

  @Query(() => PrivacyAllowanceModel, {
    description:
      'Your own privacy allowance in a dataset: count budget spent and left (docs/privacy.md rule 7), quota and share of the current window; "not found or no access" when you may not see the dataset',
  })
  async myPrivacyAllowance(
    @CurrentCaller() caller: Caller,
    @Args('datasetId', { type: () => ID }) datasetId: string,
  ): Promise<PrivacyAllowanceModel> {
    const [a] = await this.allowances.allowances(caller, [datasetId]);
    return toModel(a);
  }

  @Query(() => [PrivacyAllowanceModel], {
    description:
      'Your own privacy allowance in several datasets (at most 100), or in every dataset you may see when datasetIds is omitted; refused (UNKNOWN_DATASET) if any named dataset is not visible to you',
  })
  async myPrivacyAllowances(
    @CurrentCaller() caller: Caller,
    @Args('datasetIds', { type: () => [ID], nullable: true }) datasetIds?: string[] | null,
  ): Promise<PrivacyAllowanceModel[]> {
    return (await this.allowances.allowances(caller, datasetIds ?? null)).map(toModel);
  }
}
