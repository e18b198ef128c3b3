import { Field, ObjectType, registerEnumType } from '@nestjs/graphql';

export enum MatchVerdictEnum {
  APPROVE = 'APPROVE',
  NEEDS_REVIEW = 'NEEDS_REVIEW',
  DENY = 'DENY',
}
registerEnumType(MatchVerdictEnum, {
  name: 'MatchVerdict',
  description: 'APPROVE: the purpose fits; NEEDS_REVIEW: a steward must judge; DENY: the consent excludes it',
});

@ObjectType('ConsentMatchReason')
export class ConsentMatchReasonModel {
  @Field({
    description: 'The DUO shorthand this reason is about, or PURPOSE for the research purpose itself',
  })
  code: string;

  @Field(() => MatchVerdictEnum)
  verdict: MatchVerdictEnum;

  @Field()
  reason: string;
}

@ObjectType('ConsentMatch', { description: 'A research purpose matched against a DUO consent' })
export class ConsentMatchModel {
  @Field(() => MatchVerdictEnum, {
    description: 'DENY if any code denies, else NEEDS_REVIEW if any, else APPROVE',
  })
  outcome: MatchVerdictEnum;

  @Field(() => [ConsentMatchReasonModel])
  reasons: ConsentMatchReasonModel[];
}
