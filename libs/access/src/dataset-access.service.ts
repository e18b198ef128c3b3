import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DomainError, pageSizeOf, type Caller } from '@helixgate/common';
import { ConsentService, consentSummary, type DuoConsentInput, type StoredConsent } from '@helixgate/consent';
import { AuditService } from '@helixgate/audit';
import {
  DatasetEntity,
  DatasetService,
  ParticipantWithdrawalService,
  type CreateDataset,
  type DatasetIngestRow,
  type WithdrawalOptions,
  type WithdrawalResult,
} from '@helixgate/variants';
import { DataSource, type EntityManager } from 'typeorm';
import { AbilityFactory } from './ability.factory';
import { actorOf } from './access-request.service';
import { returnedRows } from '@helixgate/db';

/** Dataset reads and administration under the caller's ability (lists are filtered in SQL). */
@Injectable()
export class DatasetAccessService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly abilities: AbilityFactory,
    private readonly datasets: DatasetService,
    private readonly consent: ConsentService,
    private readonly withdrawal: ParticipantWithdrawalService,
    private readonly audit: AuditService,
  ) {}

  async list(caller: Caller): Promise<DatasetEntity[]> {
    const where = await this.abilities.sqlFilter(caller, 'read', 'Dataset', 'd');
    return this.datasets.listWhere(where);
  }

  /**
   * One page of the visible datasets, keyset-paged on the id (the cursor is the last id of the page): `first`
   * from 1 to 200 (default 50), validated by pageSizeOf; one row more than the page tells whether another follows.
   */
  async listPage(
    caller: Caller,
    first: number | null | undefined,
    after: string | null | undefined,
  ): Promise<{ datasets: DatasetEntity[]; hasNextPage: boolean }> {
    const size = pageSizeOf(first, 50, 200);
    const where = await this.abilities.sqlFilter(caller, 'read', 'Dataset', 'd');
    const rows = await this.datasets.listWhere(where, { after, limit: size + 1 });
    return { datasets: rows.slice(0, size), hasNextPage: rows.length > size };
  }

  /** The dataset, or UNKNOWN_DATASET "not found or no access" — the same answer whether it exists or not. */
  async getVisible(caller: Caller, id: string): Promise<DatasetEntity> {
    const d = await this.datasets.findById(id);
    if (
      !d ||
      !(await this.abilities.can(caller, 'read', 'Dataset', { id: d.id, securityLevel: d.securityLevel }))
    ) {
      throw new DomainError('UNKNOWN_DATASET', `dataset "${id}" not found or no access`);
    }
    return d;
  }

  /** Registers a dataset; `dataset.create` is recorded in the same transaction. */
  async create(caller: Caller, input: CreateDataset): Promise<DatasetEntity> {
    await this.abilities.assert(caller, 'create', 'Dataset', undefined, 'datasets');
    this.audit.annotate({ datasetIds: [String(input.id).slice(0, 64)] });
    return this.dataSource.transaction(async (tx) => {
      const d = await this.datasets.create(input, tx);
      await this.audit.recordFor(
        caller,
        {
          action: 'dataset.create',
          resource: `dataset:${d.id}`,
          datasetIds: [d.id],
          outcome: 'allow',
          detail: { name: d.name, assembly: d.assembly, securityLevel: d.securityLevel },
        },
        tx,
      );
      return d;
    });
  }

  async assignSteward(
    caller: Caller,
    datasetId: string,
    steward: { issuer: string; subject: string },
  ): Promise<void> {
    await this.changeSteward(caller, datasetId, steward, 'dataset.steward', async (tx, id) => {
      if (!steward.subject.trim() || !steward.issuer.trim())
        throw new DomainError('BAD_REQUEST', 'a steward needs an issuer and a subject');
      await tx.query(
        'INSERT INTO dataset_steward (dataset_id, issuer, subject, assigned_by) VALUES ($1, $2, $3, $4) ON CONFLICT DO NOTHING',
        [id, steward.issuer, steward.subject, actorOf(caller)],
      );
    });
  }

  /** Removes a steward from a dataset (admins); `dataset.steward.remove` in the same transaction. */
  async unassignSteward(
    caller: Caller,
    datasetId: string,
    steward: { issuer: string; subject: string },
  ): Promise<void> {
    await this.changeSteward(caller, datasetId, steward, 'dataset.steward.remove', async (tx, id) => {
      const removed: unknown = await tx.query(
        'DELETE FROM dataset_steward WHERE dataset_id = $1 AND issuer = $2 AND subject = $3 RETURNING subject',
        [id, steward.issuer, steward.subject],
      );
      const rows = returnedRows(removed);
      if (rows.length === 0) {
        throw new DomainError(
          'NOT_FOUND',
          `${steward.issuer}#${steward.subject} is not a steward of dataset ${id}`,
        );
      }
    });
  }

  /**
   * A change of a dataset's stewards by someone who may assign them (`assignSteward` on the dataset): the
   * change and its audit event (`action`, the steward named) in one transaction.
   */
  private async changeSteward(
    caller: Caller,
    datasetId: string,
    steward: { issuer: string; subject: string },
    action: 'dataset.steward' | 'dataset.steward.remove',
    change: (tx: EntityManager, datasetId: string) => Promise<void>,
  ): Promise<void> {
    const d = await this.getVisibleAnnotated(caller, datasetId);
    await this.abilities.assert(
      caller,
      'assignSteward',
      'Dataset',
      { id: d.id, securityLevel: d.securityLevel },
      `stewards of dataset ${d.id}`,
    );
    await this.dataSource.transaction(async (tx) => {
      await change(tx, d.id);
      await this.audit.recordFor(
        caller,
        {
          action,
          resource: `dataset:${d.id}`,
          datasetIds: [d.id],
          outcome: 'allow',
          detail: { steward: `${steward.issuer}#${steward.subject}` },
        },
        tx,
      );
    });
  }

  /**
   * Steward assignments: every one for an administrator (`assignSteward` on any dataset); with `datasetId`,
   * that dataset's for its administrators and its own stewards. FORBIDDEN otherwise: who decides on a
   * dataset is not public.
   */
  async stewardAssignments(
    caller: Caller,
    datasetId: string | null,
  ): Promise<{ datasetId: string; issuer: string; subject: string; assignedAt: Date }[]> {
    const select = `SELECT dataset_id AS "datasetId", issuer, subject, assigned_at AS "assignedAt"
                    FROM dataset_steward`;
    if (datasetId === null) {
      await this.abilities.assert(caller, 'assignSteward', 'Dataset', undefined, 'the stewards of datasets');
      return this.dataSource.query(`${select} ORDER BY dataset_id, assigned_at`);
    }
    const d = await this.getVisible(caller, datasetId);
    const fields = { id: d.id, securityLevel: d.securityLevel };
    if (!(await this.abilities.can(caller, 'update', 'Dataset', fields))) {
      await this.abilities.assert(
        caller,
        'assignSteward',
        'Dataset',
        fields,
        `the stewards of dataset ${d.id}`,
      );
    }
    return this.dataSource.query(`${select} WHERE dataset_id = $1 ORDER BY assigned_at`, [d.id]);
  }

  /**
   * A dataset's ingest history, newest first: every VCF load that committed (file, SHA-256, counts, who,
   * how long). For whoever may ingest into the dataset (its stewards, administrators).
   */
  async ingestHistory(caller: Caller, datasetId: string): Promise<DatasetIngestRow[]> {
    const d = await this.getVisible(caller, datasetId);
    if (
      !(await this.abilities.can(caller, 'ingest', 'Dataset', { id: d.id, securityLevel: d.securityLevel }))
    ) {
      if (!caller.subject) throw new DomainError('UNAUTHENTICATED', 'sign in to see an ingest history');
      const roles = caller.roles.length ? caller.roles.join(', ') : 'no role';
      throw new DomainError(
        'FORBIDDEN',
        `only the stewards of dataset ${d.id} and administrators see its ingest history (your roles: ${roles})`,
        { action: 'ingest', subject: 'Dataset' },
      );
    }
    return this.datasets.ingestHistory(d.id);
  }

  async stewards(datasetId: string): Promise<{ issuer: string; subject: string }[]> {
    return this.dataSource.query(
      'SELECT issuer, subject FROM dataset_steward WHERE dataset_id = $1 ORDER BY assigned_at',
      [datasetId],
    );
  }

  /** Sets (replaces) a dataset's consent; `consent.set` (before and after) is recorded in the same transaction. */
  async setConsent(caller: Caller, datasetId: string, consent: DuoConsentInput): Promise<StoredConsent> {
    const d = await this.getVisibleAnnotated(caller, datasetId);
    await this.abilities.assert(
      caller,
      'setConsent',
      'Dataset',
      { id: d.id, securityLevel: d.securityLevel },
      `the consent of dataset ${d.id}`,
    );
    return this.dataSource.transaction(async (tx) => {
      const previous = await this.consent.getConsent(d.id, tx);
      const stored = await this.consent.setConsent(d.id, consent, { subject: actorOf(caller) }, tx);
      await this.audit.recordFor(
        caller,
        {
          action: 'consent.set',
          resource: `dataset:${d.id}`,
          datasetIds: [d.id],
          outcome: 'allow',
          detail: { previousConsent: consentSummary(previous), consent: consentSummary(stored) },
        },
        tx,
      );
      return stored;
    });
  }

  /** getVisible, and the request's audit event names the dataset (when it exists) whatever is decided. */
  private async getVisibleAnnotated(caller: Caller, id: string): Promise<DatasetEntity> {
    const d = await this.datasets.findById(id);
    if (d) this.audit.annotate({ datasetIds: [d.id] });
    return this.getVisible(caller, id);
  }

  /** Throws FORBIDDEN unless the caller may run `action` (ingest, withdrawParticipant…) on the dataset. */
  async assertDatasetAction(
    caller: Caller,
    datasetId: string,
    action: 'ingest' | 'withdrawParticipant' | 'update',
  ): Promise<DatasetEntity> {
    const d = await this.getVisibleAnnotated(caller, datasetId);
    await this.abilities.assert(
      caller,
      action,
      'Dataset',
      { id: d.id, securityLevel: d.securityLevel },
      `dataset ${d.id}`,
    );
    return d;
  }

  /**
   * Withdraws a participant (steward of the dataset, or admin): see ParticipantWithdrawalService. Its start
   * (or resumption after a run that stopped) is audited in the start's transaction, the withdrawal itself in
   * the transaction that destroys the old keys, and its completion after the master-key retirement; no event
   * carries the sample id or any genetic content. Running it again after a crash continues the work.
   */
  async withdrawParticipant(
    caller: Caller,
    datasetId: string,
    sampleId: string,
    progress: Pick<WithdrawalOptions, 'onProgress' | 'signal' | 'batchIds'> = {},
  ): Promise<WithdrawalResult> {
    const d = await this.assertDatasetAction(caller, datasetId, 'withdrawParticipant');
    if (!sampleId.trim())
      throw new DomainError('BAD_REQUEST', 'say which participant: the sample id in the source VCF');
    const event = (action: string, detail: Record<string, unknown>) => ({
      action,
      resource: `dataset:${d.id}`,
      datasetIds: [d.id],
      outcome: 'allow' as const,
      detail,
    });
    const result = await this.withdrawal.withdraw(d.id, sampleId.trim(), {
      ...progress,
      onStarted: async (tx, s) => {
        await this.audit.recordFor(
          caller,
          event(s.resumed ? 'participant.withdraw.resumed' : 'participant.withdraw.started', {
            individualId: s.individualIdx,
            keyVersion: s.newKeyVersion,
            ...(s.resumed ? { variantsDone: s.variantsDone } : {}),
          }),
          tx,
        );
      },
      onCommitted: async (tx, r) => {
        await this.audit.recordFor(
          caller,
          event('participant.withdraw', {
            individualId: r.individualIdx,
            variantCount: r.variantsRewritten,
            keyVersion: r.newKeyVersion,
          }),
          tx,
        );
      },
    });
    await this.audit.recordFor(
      caller,
      event('participant.withdraw.completed', {
        individualId: result.individualIdx,
        keyVersion: result.newKeyVersion,
        durationMs: Math.round(result.seconds * 1000),
      }),
    );
    return result;
  }
}
