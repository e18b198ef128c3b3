import { Args, ID, Query, Resolver } from '@nestjs/graphql';
import { DomainError } from '@helixgate/common';
import { DatasetService } from './dataset.service';
import { DatasetModel, AssemblyId, SecurityLevelEnum } from './models/dataset.model';
import type { DatasetEntity } from './dataset.entity';

export function toDatasetModel(d: DatasetEntity): DatasetModel {
  return {
    id: d.id,
    name: d.name,
    description: d.description,
    assembly: d.assembly as AssemblyId,
    securityLevel: d.securityLevel as SecurityLevelEnum,
    individualCount: d.individualCount,
    variantCount: d.variantCount,
    createdAt: d.createdAt,
  };
}

@Resolver(() => DatasetModel)
export class DatasetResolver {
  constructor(private readonly datasetService: DatasetService) {}

  // Until identity and access control land, every caller is anonymous and sees PUBLIC datasets only.
  @Query(() => [DatasetModel], { description: 'Datasets visible to the caller' })
  async datasets(): Promise<DatasetModel[]> {
    return (await this.datasetService.list({ securityLevels: ['PUBLIC'] })).map(toDatasetModel);
  }

  @Query(() => DatasetModel, {
    description: 'One dataset; "not found or no access" when the caller may not see it',
  })
  async dataset(@Args('id', { type: () => ID }) id: string): Promise<DatasetModel> {
    const d = await this.datasetService.getOrThrow(id);
    if (d.securityLevel !== 'PUBLIC')
      throw new DomainError('UNKNOWN_DATASET', `dataset "${id}" not found or no access`);
    return toDatasetModel(d);
  }
}
