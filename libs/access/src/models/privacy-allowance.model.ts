import { Field, Float, GraphQLISODateTime, ID, Int, ObjectType, registerEnumType } from '@nestjs/graphql';

export enum AllowanceHolder {
  ACCOUNT = 'ACCOUNT',
  INSTITUTION = 'INSTITUTION',
  ANONYMOUS = 'ANONYMOUS',
}
registerEnumType(AllowanceHolder, {
  name: 'AllowanceHolder',
  description:
    "Whose allowance it is: the caller's account (with its LinkedIdentities), every account of the caller's institution (policy collusion: institution), or all anonymous callers together",
});

export enum EntitledGranularity {
  NONE = 'NONE',
  BOOLEAN = 'BOOLEAN',
  COUNT = 'COUNT',
  RECORD = 'RECORD',
}
registerEnumType(EntitledGranularity, {
  name: 'EntitledGranularity',
  description: 'The most a dataset may tell the caller (security level, visas, grants)',
});

@ObjectType('CountCostEstimate', {
  description:
    'What one noisy count of an autosomal allele of this reference-panel frequency costs in this dataset, and how many such counts the count budget left still buys (alleles on MT, X or Y cost half as much). A small panel prices an allele at the lower end of its frequency interval, so a real allele may cost a little more.',
})
export class CountCostEstimateModel {
  @Field(() => Float)
  alleleFrequency: number;

  @Field(() => Float, {
    nullable: true,
    description:
      'Nats of the count budget one count costs; null: at this dataset size such an allele is answered yes/no only (no count is released, nothing is charged)',
  })
  natsPerCount: number | null;

  @Field(() => Int, { nullable: true, description: 'Counts of such alleles the budget left buys' })
  countsLeft: number | null;
}

@ObjectType('CountBudget', {
  description:
    'The count budget (docs/privacy.md rule 7): every noisy allele count you are told from the dataset is charged its evidence, for good (it never refills). Past it, count questions are refused with PRIVACY_COUNT_BUDGET_SPENT; yes/no (BOOLEAN) questions are not charged.',
})
export class CountBudgetModel {
  @Field(() => Float, { description: 'Nats spent' })
  spentNats: number;

  @Field(() => Float, { description: 'The budget (counts.budget), nats per dataset, for good' })
  capNats: number;

  @Field(() => Float, { description: 'Nats left' })
  leftNats: number;

  @Field(() => Float, { description: 'Share of the budget left, 0 to 1' })
  fractionLeft: number;

  @Field(() => [CountCostEstimateModel], {
    description: 'What a count costs at allele frequencies 50%, 20% and 5%, and how many are left',
  })
  estimates: CountCostEstimateModel[];
}

@ObjectType('AlleleQuota', {
  description:
    'The quota of priced (rarer) alleles and the share of the participants’ budgets your questions may draw in the current window (docs/privacy.md rules 5 and 6); past either, PRIVACY_QUOTA_EXCEEDED until the window ends',
})
export class AlleleQuotaModel {
  @Field(() => Int)
  allelesUsed: number;

  @Field(() => Int, { description: '0: no quota' })
  allelesCap: number;

  @Field(() => Float, { description: 'Nats of the share drawn in this window' })
  shareUsedNats: number;

  @Field(() => Float, { description: '0: no share' })
  shareCapNats: number;

  @Field(() => Int)
  windowSeconds: number;

  @Field(() => GraphQLISODateTime, { description: 'When the current window ends (quota and share refill)' })
  windowEndsAt: Date;
}

@ObjectType('PrivacyAllowance', {
  description:
    "Your own privacy allowance in one dataset: what the privacy guard has charged you and what is left. Read from your own questions and the policy, never from the dataset's data.",
})
export class PrivacyAllowanceModel {
  @Field(() => ID)
  datasetId: string;

  @Field(() => EntitledGranularity)
  granularity: EntitledGranularity;

  @Field({
    description:
      'Whether your answers from this dataset go through the privacy guard (false with a grant, or for a dataset without the risk budget): when false, nothing below is charged',
  })
  guarded: boolean;

  @Field(() => AllowanceHolder)
  holder: AllowanceHolder;

  @Field(() => CountBudgetModel, { nullable: true, description: 'null: the policy sets no count budget' })
  countBudget: CountBudgetModel | null;

  @Field(() => AlleleQuotaModel)
  quota: AlleleQuotaModel;
}
