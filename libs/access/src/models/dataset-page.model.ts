import { PageInfoModel } from '@helixgate/common';
import { Field, ObjectType } from '@nestjs/graphql';
import { DatasetModel } from '@helixgate/variants';

@ObjectType('DatasetPage', { description: 'A page of the datasets visible to the caller, by id' })
export class DatasetPageModel {
  @Field(() => [DatasetModel])
  datasets: DatasetModel[];

  @Field(() => PageInfoModel, {
    description: 'Whether another page follows, and the cursor (a dataset id) to ask after',
  })
  pageInfo: PageInfoModel;
}
