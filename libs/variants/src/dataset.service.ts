import { Injectable } from '@nestjs/common';
import { DomainError } from '@helixgate/common';
import type { EntityManager } from 'typeorm';
import {
  ASSEMBLIES,
  SECURITY_LEVELS,
  type Assembly,
  type DatasetEntity,
  type SecurityLevel,
} from './dataset.entity';
import { DatasetRepository, type DatasetIngestRow, type DatasetPredicate } from './dataset.repository';

export type { DatasetIngestRow, DatasetPredicate } from './dataset.repository';

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
  constructor(private readonly datasets: DatasetRepository) {}

  /** Registers a dataset; with `manager`, inside that transaction (e.g. with its audit event). */
  async create(input: CreateDataset, manager?: EntityManager): Promise<DatasetEntity> {
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
    if (await this.datasets.exists(input.id, manager)) {
      throw new DomainError('DATASET_EXISTS', `dataset "${input.id}" already exists`);
    }
    return this.datasets.insert(
      {
        id: input.id,
        name: input.name.trim(),
        description: input.description ?? '',
        assembly: input.assembly as Assembly,
        securityLevel: input.securityLevel as SecurityLevel,
      },
      manager,
    );
  }

  list(filter: { securityLevels?: SecurityLevel[] } = {}): Promise<DatasetEntity[]> {
    return this.datasets.findAll(filter.securityLevels);
  }

  /**
   * The datasets a predicate over alias `d` admits (the caller's ability as SQL, from libs/access), by id;
   * with `page`, those after the id `after`, at most `limit`.
   */
  listWhere(
    where: DatasetPredicate,
    page?: { after?: string | null; limit: number },
  ): Promise<DatasetEntity[]> {
    return this.datasets.findWhere(where, page?.after, page?.limit);
  }

  /** The dataset's ingest history, newest first (the latest 200 loads); authorisation is the caller's job. */
  ingestHistory(datasetId: string): Promise<DatasetIngestRow[]> {
    return this.datasets.findIngests(datasetId);
  }

  findById(id: string, manager?: EntityManager): Promise<DatasetEntity | null> {
    return this.datasets.findById(id, manager);
  }

  async getOrThrow(id: string, manager?: EntityManager): Promise<DatasetEntity> {
    const dataset = await this.findById(id, manager);
    if (!dataset) throw new DomainError('UNKNOWN_DATASET', `dataset "${id}" not found or no access`);
    return dataset;
  }
}
