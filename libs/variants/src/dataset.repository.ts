import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type EntityManager } from 'typeorm';
import { DatasetEntity, type SecurityLevel } from './dataset.entity';

/** One committed VCF load into a dataset (its ingest history). */
export interface DatasetIngestRow {
  id: string;
  datasetId: string;
  file: string;
  sha256: string | null;
  replace: boolean;
  records: number;
  altRows: number;
  skipped: number;
  individuals: number;
  annotations: number;
  seconds: number;
  /** `issuer#subject` of who loaded it (null: not recorded). */
  actor: string | null;
  ingestedAt: Date;
}

/** A SQL predicate over the alias `d` (e.g. the caller's ability from libs/access), with its named parameters. */
export interface DatasetPredicate {
  sql: string;
  params: Record<string, unknown>;
}

/**
 * Queries of `dataset`, and the reads of `dataset_ingest` (their owner; other libs ask DatasetService). Not yet
 * here: the ingest's counter lock and update on its COPY connection and participant withdrawal's, both being
 * reworked; the beacon's match statement (BeaconRepository) and the data-key lock in libs/crypto read it too.
 */
@Injectable()
export class DatasetRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  private repo(tx?: EntityManager) {
    return (tx ?? this.dataSource.manager).getRepository(DatasetEntity);
  }

  findById(id: string, tx?: EntityManager): Promise<DatasetEntity | null> {
    return this.repo(tx).findOneBy({ id });
  }

  exists(id: string, tx?: EntityManager): Promise<boolean> {
    return this.repo(tx).existsBy({ id });
  }

  insert(
    dataset: Omit<
      DatasetEntity,
      'createdAt' | 'updatedAt' | 'individualCount' | 'variantCount' | 'maxVariantLength'
    >,
    tx?: EntityManager,
  ): Promise<DatasetEntity> {
    const repo = this.repo(tx);
    return repo.save(repo.create(dataset));
  }

  /** All datasets by id, or those of the given security levels. */
  findAll(securityLevels?: SecurityLevel[]): Promise<DatasetEntity[]> {
    const qb = this.repo().createQueryBuilder('d').orderBy('d.id');
    if (securityLevels) qb.where('d.security_level IN (:...levels)', { levels: securityLevels });
    return qb.getMany();
  }

  /** The datasets `where` admits, by id, after the id `after`; at most `limit` (all without one). */
  findWhere(where: DatasetPredicate, after?: string | null, limit?: number): Promise<DatasetEntity[]> {
    const q = this.repo().createQueryBuilder('d').where(where.sql, where.params);
    if (after) q.andWhere('d.id > :after', { after });
    q.orderBy('d.id');
    if (limit !== undefined) q.take(limit);
    return q.getMany();
  }

  /**
   * Locks the dataset's row in `tx` (FOR UPDATE: serialises changes to its individuals and counters) and
   * returns its individual count; null when there is no such dataset.
   */
  async lockIndividualCount(tx: EntityManager, id: string): Promise<number | null> {
    const [ds] = await tx.query<{ individual_count: number }[]>(
      'SELECT individual_count FROM dataset WHERE id = $1 FOR UPDATE',
      [id],
    );
    return ds ? ds.individual_count : null;
  }

  /** Records that the dataset's content changed (updated_at), in `tx`. */
  async touch(tx: EntityManager, id: string): Promise<void> {
    await tx.query('UPDATE dataset SET updated_at = now() WHERE id = $1', [id]);
  }

  /** The dataset's ingest history (dataset_ingest), newest first, the latest 200 loads. */
  async findIngests(datasetId: string): Promise<DatasetIngestRow[]> {
    const rows = await this.dataSource.query<
      {
        id: string;
        file: string;
        sha256: string | null;
        replace: boolean;
        records: number;
        alt_rows: number;
        skipped: number;
        individuals: number;
        annotations: number;
        seconds: number;
        actor: string | null;
        ingested_at: Date;
      }[]
    >(
      `SELECT id, file, sha256, replace, records, alt_rows, skipped, individuals, annotations, seconds, actor,
              ingested_at FROM dataset_ingest WHERE dataset_id = $1 ORDER BY ingested_at DESC, id DESC LIMIT 200`,
      [datasetId],
    );
    return rows.map((r) => ({
      id: String(r.id),
      datasetId,
      file: r.file,
      sha256: r.sha256,
      replace: r.replace,
      records: r.records,
      altRows: r.alt_rows,
      skipped: r.skipped,
      individuals: r.individuals,
      annotations: r.annotations,
      seconds: Number(r.seconds),
      actor: r.actor,
      ingestedAt: new Date(r.ingested_at),
    }));
  }
}
