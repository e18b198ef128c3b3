import { Field, InputType, Int } from '@nestjs/graphql';
import { DuoModifierEnum, DuoPermissionEnum, RsResearchTypeEnum } from '../models/dataset-consent.model';

@InputType({ description: 'A DUO modifier; set only the parameter its code takes' })
export class ConsentModifierInput {
  @Field(() => DuoModifierEnum)
  code: DuoModifierEnum;

  @Field({ nullable: true, description: 'GS: region' })
  region?: string;

  @Field({ nullable: true, description: 'MOR: date YYYY-MM-DD' })
  moratoriumUntil?: string;

  @Field(() => Int, { nullable: true, description: 'TS: months (1-1200)' })
  months?: number;

  @Field({ nullable: true, description: 'COL/US/PS/IS/RS: free text' })
  note?: string;

  @Field(() => RsResearchTypeEnum, {
    nullable: true,
    description: 'RS only: a research type the matcher checks',
  })
  researchType?: RsResearchTypeEnum;
}

@InputType({ description: "A dataset's consent: one DUO permission plus modifiers" })
export class DatasetConsentInput {
  @Field(() => DuoPermissionEnum)
  permission: DuoPermissionEnum;

  @Field(() => [String], {
    nullable: true,
    description:
      'Disease ids (DS only, at least one): MONDO, or cross-references MONDO maps such as DOID:162',
  })
  diseases?: string[];

  @Field(() => [ConsentModifierInput], { nullable: true })
  modifiers?: ConsentModifierInput[];
}
