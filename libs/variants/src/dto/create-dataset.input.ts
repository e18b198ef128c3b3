import { Field, InputType } from '@nestjs/graphql';
import { AssemblyId, SecurityLevelEnum } from '../models/dataset.model';

@InputType()
export class CreateDatasetInput {
  @Field({ description: 'Lowercase identifier: letters, digits, dot, dash, underscore (max 63)' })
  id: string;

  @Field()
  name: string;

  @Field({ nullable: true })
  description?: string;

  @Field(() => AssemblyId)
  assembly: AssemblyId;

  @Field(() => SecurityLevelEnum)
  securityLevel: SecurityLevelEnum;
}
