import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { DomainError } from '@helixgate/common';
import { Repository, type EntityManager } from 'typeorm';
import {
  ASSEMBLIES,
  DatasetEntity,
  SECURITY_LEVELS,
  type Assembly,
  type SecurityLevel,
} from './dataset.entity';

export interface CreateDataset {
  id: string;
  name: string;
  description?: string;
  assembly: string;
  securityLevel: string;
}

const DATASET_ID = /^[a-z0-9][a-z0-9._-]{0,62}$/;

@Injectable()
export class DatasetService {
  constructor(@InjectRepository(DatasetEntity) private readonly datasets: Repository<DatasetEntity>) {}

  /** Registers a dataset; with `manager`, inside that transaction (e.g. with its audit event). */
  async create(input: CreateDataset, manager?: EntityManager): Promise<DatasetEntity> {
    const datasets = manager ? manager.getRepository(DatasetEntity) : this.datasets;
    if (!DATASET_ID.test(input.id)) {
      throw new DomainError('BAD_REQUEST', `dataset id "${input.id}" must match ${DATASET_ID.source}`);
    }
    if (!ASSEMBLIES.includes(input.assembly as Assembly)) {
      throw new DomainError(
        'INVALID_ASSEMBLY',
        `assembly "${input.assembly}" is not one of ${ASSEMBLIES.join(', ')}`,
      );
    }
    if (!SECURITY_LEVELS.includes(input.securityLevel as SecurityLevel)) {
      throw new DomainError(
        'BAD_REQUEST',
        `security level "${input.securityLevel}" is not one of ${SECURITY_LEVELS.join(', ')}`,
      );
    }
    if (!input.name.trim()) throw new DomainError('BAD_REQUEST', 'dataset name must not be empty');
    if (await datasets.existsBy({ id: input.id })) {
      throw new DomainError('DATASET_EXISTS', `dataset "${input.id}" already exists`);
    }
    return datasets.save(
      datasets.create({
        id: input.id,
        name: input.name.trim(),
        description: input.description ?? '',
        assembly: input.assembly as Assembly,
        securityLevel: input.securityLevel as SecurityLevel,
      }),
    );
  }

  list(filter: { securityLevels?: SecurityLevel[] } = {}): Promise<DatasetEntity[]> {
    const qb = this.datasets.createQueryBuilder('d').orderBy('d.id');
    if (filter.securityLevels)
      qb.where('d.security_level IN (:...levels)', { levels: filter.securityLevels });
    return qb.getMany();
  }

  findById(id: string, manager?: EntityManager): Promise<DatasetEntity | null> {
    return (manager ? manager.getRepository(DatasetEntity) : this.datasets).findOneBy({ id });
  }

  async getOrThrow(id: string, manager?: EntityManager): Promise<DatasetEntity> {
    const dataset = await this.findById(id, manager);
    if (!dataset) throw new DomainError('UNKNOWN_DATASET', `dataset "${id}" not found or no access`);
    return dataset;
  }
}
