import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type EntityManager, type SelectQueryBuilder } from 'typeorm';
import { AccessRequestEntity } from './access-request.entity';
import type { SqlPredicate } from './sql-conditions';
import { returnedRows } from '@helixgate/db';

/** A grant whose end date has passed, as the expiry sweep marks it. */
export interface ExpiredGrantRow {
  id: string;
  dataset_id: string;
  researcher_issuer: string;
  researcher_subject: string;
  expires_at: Date;
  visa_jti: string | null;
}

/** A grant a ControlledAccessGrants visa names (by its jti), with its effective status. */
export interface GrantRow {
  id: string;
  dataset_id: string;
  researcher_issuer: string;
  researcher_subject: string;
  /** The grant's state, EXPIRED for an APPROVED one whose end has passed. */
  status: string;
}

/** A researcher's active grant (`kind: 'grant'`) or steward block on a dataset. */
export interface GrantOrBlockRow {
  kind: 'grant' | 'block';
  id: string | null;
  dataset_id: string;
  purpose: string | null;
}

/** An approved grant due a reminder, as claimed in grant_reminder. */
export interface DueReminderRow {
  id: string;
  dataset_id: string;
  researcher_issuer: string;
  researcher_subject: string;
  expires_at: Date;
}

export interface AccessRequestFilter {
  datasetId?: string;
  states?: readonly string[];
  /** Only the requests of this researcher. */
  researcher?: { issuer: string; subject: string };
}

/**
 * The queries of `access_request` (its one owner; services of this lib call it, other libs ask those
 * services). Writes take the caller's transaction (`tx`); reads without one use the data source, the
 * query path's two grant reads included (EntitlementService: grants named by visas, active grants with blocks).
 */
@Injectable()
export class AccessRequestRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  private repo(tx?: EntityManager) {
    return (tx ?? this.dataSource.manager).getRepository(AccessRequestEntity);
  }

  findById(id: string): Promise<AccessRequestEntity | null> {
    return this.repo().findOneBy({ id });
  }

  /** The grants these visa jtis name (ids), with their effective status: the query path reads it per visa. */
  findGrantsByIds(ids: readonly string[]): Promise<GrantRow[]> {
    return this.dataSource.query(
      `SELECT id, dataset_id, researcher_issuer, researcher_subject,
              CASE WHEN state = 'APPROVED' AND expires_at <= now() THEN 'EXPIRED' ELSE state END AS status
         FROM access_request WHERE id = ANY($1::uuid[])`,
      [ids],
    );
  }

  /**
   * The researcher's active grants and steward blocks on these datasets, in one statement (the query path
   * reads them on every request, so that a revocation or block counts from the next one).
   */
  findActiveGrantsAndBlocks(
    issuer: string | null,
    subject: string | null,
    datasetIds: readonly string[],
  ): Promise<GrantOrBlockRow[]> {
    return this.dataSource.query(
      `SELECT 'grant' AS kind, id::text AS id, dataset_id,
              concat_ws(' ', purpose->>'category', NULLIF((purpose->'diseases')::text, '[]')) AS purpose
         FROM access_request
        WHERE researcher_issuer = $1 AND researcher_subject = $2 AND dataset_id = ANY($3)
          AND state = 'APPROVED' AND expires_at > now()
       UNION ALL
       SELECT 'block', NULL, dataset_id, NULL
         FROM access_block
        WHERE researcher_issuer = $1 AND researcher_subject = $2 AND dataset_id = ANY($3)`,
      [issuer, subject, datasetIds],
    );
  }

  /** The request under a row lock (pessimistic write) in `tx`: workflow steps on it serialise. */
  lockById(tx: EntityManager, id: string): Promise<AccessRequestEntity | null> {
    return this.repo(tx)
      .createQueryBuilder('r')
      .where('r.id = :id', { id })
      .setLock('pessimistic_write')
      .getOne();
  }

  async insert(tx: EntityManager, request: AccessRequestEntity, renewalOf?: string): Promise<void> {
    await this.repo(tx).insert(request);
    if (renewalOf) {
      await tx.query('UPDATE access_request SET renewal_of = $2 WHERE id = $1', [request.id, renewalOf]);
    }
  }

  async save(tx: EntityManager, request: AccessRequestEntity): Promise<void> {
    await this.repo(tx).save(request);
  }

  /**
   * How many open requests (submitted, returned) or active grants the researcher has for the dataset, leaving
   * out `except` (the grant a renewal renews).
   */
  async countOpen(
    tx: EntityManager,
    datasetId: string,
    researcher: { issuer: string | null; subject: string | null },
    except: string | null,
  ): Promise<number> {
    const open: { n: string }[] = await tx.query(
      `SELECT count(*) AS n FROM access_request
        WHERE dataset_id = $1 AND researcher_issuer = $2 AND researcher_subject = $3
          AND (state IN ('SUBMITTED', 'RETURNED') OR (state = 'APPROVED' AND expires_at > now()))
          AND ($4::uuid IS NULL OR id <> $4::uuid)`,
      [datasetId, researcher.issuer, researcher.subject, except],
    );
    return Number(open[0].n);
  }

  /** Requests matching `where` (the caller's ability as SQL on alias `r`) and the filter, newest first. */
  findVisible(
    where: SqlPredicate,
    filter: AccessRequestFilter,
    limit: number,
  ): Promise<AccessRequestEntity[]> {
    return this.visibleQuery(where, filter).orderBy('r.created_at', 'DESC').limit(limit).getMany();
  }

  /**
   * One keyset page of the requests matching `where` and the filter, newest first on (created_at to the
   * millisecond, id), after the request named by `after`; `limit` rows at most.
   */
  findVisiblePage(
    where: SqlPredicate,
    filter: AccessRequestFilter,
    after: { at: string; id: string } | null,
    limit: number,
  ): Promise<AccessRequestEntity[]> {
    const qb = this.visibleQuery(where, filter);
    const at = "date_trunc('milliseconds', r.created_at)";
    if (after)
      qb.andWhere(`(${at} < :cAt OR (${at} = :cAt AND r.id < :cId))`, { cAt: after.at, cId: after.id });
    return qb.orderBy(at, 'DESC').addOrderBy('r.id', 'DESC').limit(limit).getMany();
  }

  private visibleQuery(
    where: SqlPredicate,
    filter: AccessRequestFilter,
  ): SelectQueryBuilder<AccessRequestEntity> {
    const qb = this.repo().createQueryBuilder('r').where(where.sql, where.params);
    if (filter.datasetId) qb.andWhere('r.dataset_id = :datasetId', { datasetId: filter.datasetId });
    // The effective status (what `status` shows): an APPROVED grant whose end has passed is EXPIRED before the
    // sweeper records it, so a filter on EXPIRED finds it and one on APPROVED does not.
    if (filter.states?.length)
      qb.andWhere(
        "(CASE WHEN r.state = 'APPROVED' AND r.expires_at <= now() THEN 'EXPIRED' ELSE r.state END) IN (:...states)",
        { states: filter.states },
      );
    if (filter.researcher) {
      qb.andWhere('r.researcher_issuer = :iss AND r.researcher_subject = :sub', {
        iss: filter.researcher.issuer,
        sub: filter.researcher.subject,
      });
    }
    return qb;
  }

  /** The researcher's approved grants that have not ended. */
  findActiveGrantsOf(issuer: string | null, subject: string): Promise<AccessRequestEntity[]> {
    return this.repo()
      .createQueryBuilder('r')
      .where(
        "r.researcher_issuer = :iss AND r.researcher_subject = :sub AND r.state = 'APPROVED' AND r.expires_at > now()",
        { iss: issuer, sub: subject },
      )
      .getMany();
  }

  /**
   * Marks every approved grant whose end has passed and that no sweep has marked yet (`expiry_recorded_at`),
   * in `tx`, and returns them: the marking locks the rows, so each expiry is returned to one sweep only.
   */
  async markExpiredGrants(tx: EntityManager): Promise<ExpiredGrantRow[]> {
    const raw: unknown = await tx.query(
      `UPDATE access_request SET expiry_recorded_at = now()
        WHERE state = 'APPROVED' AND expires_at <= now() AND expiry_recorded_at IS NULL
      RETURNING id, dataset_id, researcher_issuer, researcher_subject, expires_at, visa_jti`,
    );
    return returnedRows<ExpiredGrantRow>(raw);
  }

  /**
   * Claims, in `tx`, the `days`-day reminder of every active grant ending within that many days that has not
   * had it (or a closer one) yet, and returns those grants.
   */
  claimDueReminders(tx: EntityManager, days: number): Promise<DueReminderRow[]> {
    return tx.query(
      `WITH due AS (
         INSERT INTO grant_reminder (request_id, days)
         SELECT r.id, $1 FROM access_request r
          WHERE r.state = 'APPROVED' AND r.expires_at > now()
            AND r.expires_at <= now() + make_interval(days => $1)
            AND NOT EXISTS (SELECT 1 FROM grant_reminder g WHERE g.request_id = r.id AND g.days <= $1)
         ON CONFLICT DO NOTHING
         RETURNING request_id
       )
       SELECT r.id, r.dataset_id, r.researcher_issuer, r.researcher_subject, r.expires_at
         FROM access_request r JOIN due ON due.request_id = r.id`,
      [days],
    );
  }

  /** The grant a renewal renews (null: not a renewal). */
  async findRenewalOf(requestId: string): Promise<string | null> {
    const rows: { renewal_of: string | null }[] = await this.dataSource.query(
      'SELECT renewal_of FROM access_request WHERE id = $1',
      [requestId],
    );
    return rows[0]?.renewal_of ?? null;
  }

  /** The renewals of a grant, oldest first. */
  async findRenewals(requestId: string): Promise<string[]> {
    const rows: { id: string }[] = await this.dataSource.query(
      'SELECT id FROM access_request WHERE renewal_of = $1 ORDER BY created_at',
      [requestId],
    );
    return rows.map((r) => r.id);
  }

  async setHandler(tx: EntityManager, id: string, handler: string): Promise<void> {
    await tx.query('UPDATE access_request SET handler = $2 WHERE id = $1', [id, handler]);
  }

  async setResearcherAttestation(tx: EntityManager, id: string, by: string, note: string): Promise<void> {
    await tx.query(
      `UPDATE access_request SET researcher_attested_by = $2, researcher_attested_at = now(),
         researcher_attestation_note = $3 WHERE id = $1`,
      [id, by, note],
    );
  }
}
