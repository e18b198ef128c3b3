import { Field, ID, InputType } from '@nestjs/graphql';
import { ResearchPurposeInput } from '@helixgate/consent';

@InputType()
export class SubmitAccessRequestInput {
  @Field(() => ID)
  datasetId: string;
  @Field()
  projectTitle: string;
  @Field({ description: 'Why the data is needed (at least 20 characters)' })
  justification: string;
  @Field({ nullable: true, description: 'Ethics (IRB/ERB) approval reference' })
  ethicsRef?: string;
  @Field(() => ResearchPurposeInput)
  purpose: ResearchPurposeInput;
}

@InputType()
export class ResubmitAccessRequestInput {
  @Field({ nullable: true })
  projectTitle?: string;
  @Field({ nullable: true })
  justification?: string;
  @Field({ nullable: true })
  ethicsRef?: string;
  @Field(() => ResearchPurposeInput, { nullable: true })
  purpose?: ResearchPurposeInput;
}
