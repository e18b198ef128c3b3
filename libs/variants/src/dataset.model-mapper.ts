import type { DatasetEntity } from './dataset.entity';
import { AssemblyId, DatasetModel, SecurityLevelEnum } from './models/dataset.model';

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
