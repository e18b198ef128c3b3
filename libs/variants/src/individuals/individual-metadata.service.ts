import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DomainError } from '@helixgate/common';
import { EnvelopeService, type Opener, type Sealer } from '@helixgate/crypto';
import { OntologyService } from '@helixgate/ontology';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { DataSource, type EntityManager } from 'typeorm';
import {
  MetadataFormatError,
  fromBitmap,
  parseIndividualMetadata,
  recordTerms,
  toBitmap,
  type IndividualRecord,
  type MetadataField,
  type TermLookup,
} from './individual-metadata';
import { DatasetRepository } from '../dataset.repository';

export interface IndividualImportSummary {
  datasetId: string;
  file: string;
  /** Individuals described (each one an individual of the dataset). */
  individuals: number;
  /** Individuals of the dataset the file does not describe (no metadata). */
  undescribed: number;
  /** Distinct terms stored, by field. */
  terms: Record<MetadataField, number>;
  seconds: number;
}

/** A term present in a dataset (plain: which terms exist is what /filtering_terms lists). */
export interface PresentTerm {
  datasetId: string;
  id: string;
  label: string;
  field: MetadataField;
}

/** The individuals of one dataset matching a set of filters (indexes; never leaves the process). */
export interface Cohort {
  members: Set<number>;
  size: number;
}

const RECORD_REF = (idx: number) => ({ table: 'individual_metadata', row: String(idx), column: 'record' });
const TERM_REF = (termId: string) => ({ table: 'individual_term', row: termId, column: 'members' });

/** Ontologies whose terms are checked at import (and walked by filters) when installed. */
export const CHECKED_ONTOLOGIES = ['MONDO', 'HANCESTRO', 'HP'] as const;

/**
 * Individual metadata of a dataset: import (atomic: the dataset's metadata is replaced in one transaction),
 * the terms present (for /filtering_terms), and cohorts by term (for filters). Per individual the record
 * is sealed with the dataset's data key like the sample id; per term the individuals carrying it are a
 * sealed bitmap. Counting opens the bitmaps in process: the database never holds who has which term in
 * the clear, and no count needs plaintext outside the process.
 */
@Injectable()
export class IndividualMetadataService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly envelope: EnvelopeService,
    private readonly ontologies: OntologyService,
    private readonly datasets: DatasetRepository,
  ) {}

  /** Term checks from the installed ontologies (MONDO, HANCESTRO shipped; HPO when a node imported it). */
  termLookup(): TermLookup {
    return {
      lookup: (id) => {
        const prefix = id.slice(0, id.indexOf(':'));
        if (!(CHECKED_ONTOLOGIES as readonly string[]).includes(prefix)) return undefined;
        let o;
        try {
          o = this.ontologies.get(prefix);
        } catch {
          return undefined; // not installed here: kept as written
        }
        if (o.has(id)) return { label: o.label(id) ?? id };
        const t = o.term(id);
        if (t?.obsolete)
          return {
            error: `${id} is obsolete in ${prefix} ${o.meta.version}${t.replacedBy ? `; use ${t.replacedBy} (${o.label(t.replacedBy) ?? ''})` : ''}`,
          };
        return { error: `${id} is not a term of ${prefix} ${o.meta.version}` };
      },
    };
  }

  /**
   * Reads a Phenopackets JSON, TSV or PED file and replaces the dataset's individual metadata with it, in
   * one transaction: every individual of the file must be an individual of the dataset (its VCF sample
   * id), or nothing is stored. A bad value fails with INGEST_FAILED naming file, line and field.
   */
  async importFile(datasetId: string, filePath: string): Promise<IndividualImportSummary> {
    const started = process.hrtime.bigint();
    const fileName = path.basename(filePath);
    let text: string;
    try {
      text = fs.readFileSync(filePath, 'utf8');
    } catch (err) {
      throw new DomainError(
        'INGEST_FAILED',
        `${fileName}: cannot read (${(err as NodeJS.ErrnoException).code})`,
      );
    }
    let parsed;
    try {
      parsed = parseIndividualMetadata(fileName, text, this.termLookup());
    } catch (err) {
      if (err instanceof MetadataFormatError) throw new DomainError('INGEST_FAILED', err.message);
      throw err;
    }
    const summary = await this.dataSource.transaction(async (tx) => {
      if ((await this.datasets.lockIndividualCount(tx, datasetId)) === null)
        throw new DomainError('UNKNOWN_DATASET', `dataset "${datasetId}" not found or no access`);
      const individuals = await tx.query<{ idx: number; sample_id_enc: Buffer; withdrawn: boolean }[]>(
        'SELECT idx, sample_id_enc, withdrawn_at IS NOT NULL AS withdrawn FROM individual WHERE dataset_id = $1 ORDER BY idx',
        [datasetId],
      );
      if (individuals.length === 0)
        throw new DomainError(
          'INGEST_FAILED',
          `${fileName}: dataset ${datasetId} has no individuals yet: ingest its VCF first (individuals are its samples)`,
        );
      const opener = await this.envelope.openerFor(datasetId, tx);
      const idxOf = new Map<string, number>();
      for (const i of individuals) {
        if (i.withdrawn) continue;
        idxOf.set(
          opener
            .open(i.sample_id_enc, { table: 'individual', row: String(i.idx), column: 'sample_id' })
            .toString('utf8'),
          i.idx,
        );
      }
      const n = individuals.length;
      const placed = parsed.map((p) => {
        const idx = idxOf.get(p.record.id);
        if (idx === undefined)
          throw new DomainError(
            'INGEST_FAILED',
            `${fileName}:${p.line}: field individual_id: ${p.record.id.slice(0, 64)} is not an individual of dataset ${datasetId} (its VCF sample ids), or has withdrawn`,
          );
        return { idx, record: p.record };
      });
      const sealer = await this.envelope.sealerFor(datasetId, tx);
      await tx.query('DELETE FROM individual_metadata WHERE dataset_id = $1', [datasetId]);
      await tx.query('DELETE FROM individual_term WHERE dataset_id = $1', [datasetId]);
      await this.writeRecords(tx, datasetId, placed, sealer);
      const terms = await this.writeTerms(tx, datasetId, placed, n, sealer);
      await this.datasets.touch(tx, datasetId);
      return { individuals: placed.length, undescribed: idxOf.size - placed.length, terms };
    });
    return {
      datasetId,
      file: fileName,
      ...summary,
      seconds: Number(process.hrtime.bigint() - started) / 1e9,
    };
  }

  private async writeRecords(
    tx: EntityManager,
    datasetId: string,
    placed: { idx: number; record: IndividualRecord }[],
    sealer: Sealer,
  ): Promise<void> {
    for (let from = 0; from < placed.length; from += 5000) {
      const chunk = placed.slice(from, from + 5000);
      await tx.query(
        `INSERT INTO individual_metadata (dataset_id, idx, record_enc, key_version)
         SELECT $1, i, e, $2 FROM unnest($3::int[], $4::bytea[]) AS u(i, e)`,
        [
          datasetId,
          sealer.keyVersion,
          chunk.map((p) => p.idx),
          chunk.map((p) => sealer.seal(Buffer.from(JSON.stringify(p.record), 'utf8'), RECORD_REF(p.idx))),
        ],
      );
    }
  }

  private async writeTerms(
    tx: EntityManager,
    datasetId: string,
    placed: { idx: number; record: IndividualRecord }[],
    n: number,
    sealer: Sealer,
  ): Promise<Record<MetadataField, number>> {
    const byTerm = new Map<string, { label: string; field: MetadataField; members: number[] }>();
    for (const p of placed)
      for (const { field, term } of recordTerms(p.record)) {
        let e = byTerm.get(term.id);
        if (!e) byTerm.set(term.id, (e = { label: term.label, field, members: [] }));
        e.members.push(p.idx);
      }
    const ids = [...byTerm.keys()];
    if (ids.length)
      await tx.query(
        `INSERT INTO individual_term (dataset_id, term_id, label, field, members_enc, key_version)
         SELECT $1, t, l, f, m, $2 FROM unnest($3::text[], $4::text[], $5::text[], $6::bytea[]) AS u(t, l, f, m)`,
        [
          datasetId,
          sealer.keyVersion,
          ids,
          ids.map((id) => byTerm.get(id)!.label),
          ids.map((id) => byTerm.get(id)!.field),
          ids.map((id) => sealer.seal(toBitmap(byTerm.get(id)!.members, n), TERM_REF(id))),
        ],
      );
    const counts: Record<MetadataField, number> = { sex: 0, ancestry: 0, disease: 0, phenotype: 0 };
    for (const e of byTerm.values()) counts[e.field]++;
    return counts;
  }

  /** The terms present in these datasets (all datasets when null), sorted by id. */
  async presentTerms(datasetIds: readonly string[] | null): Promise<PresentTerm[]> {
    const rows = await this.dataSource.query<
      { dataset_id: string; term_id: string; label: string; field: MetadataField }[]
    >(
      `SELECT dataset_id, term_id, label, field FROM individual_term
        WHERE $1::text[] IS NULL OR dataset_id = ANY($1::text[]) ORDER BY term_id, dataset_id`,
      [datasetIds ? [...datasetIds] : null],
    );
    return rows.map((r) => ({ datasetId: r.dataset_id, id: r.term_id, label: r.label, field: r.field }));
  }

  /** Whether a dataset carries individual metadata at all. */
  async hasMetadata(datasetId: string): Promise<boolean> {
    const rows: unknown[] = await this.dataSource.query(
      'SELECT 1 FROM individual_metadata WHERE dataset_id = $1 LIMIT 1',
      [datasetId],
    );
    return rows.length > 0;
  }

  /**
   * The individuals of a dataset matching every filter, a filter being the set of term ids any of which
   * matches (a term and its descendants): the AND of ORs of the sealed bitmaps, opened in process. Withdrawn
   * individuals are never members.
   */
  async cohort(datasetId: string, filters: readonly ReadonlySet<string>[]): Promise<Cohort> {
    const wanted = [...new Set(filters.flatMap((f) => [...f]))];
    const rows = await this.dataSource.query<{ term_id: string; members_enc: Buffer }[]>(
      `SELECT term_id, members_enc FROM individual_term WHERE dataset_id = $1 AND term_id = ANY($2::text[])`,
      [datasetId, wanted],
    );
    const withdrawn = new Set(
      (
        await this.dataSource.query<{ idx: number }[]>(
          'SELECT idx FROM individual WHERE dataset_id = $1 AND withdrawn_at IS NOT NULL',
          [datasetId],
        )
      ).map((r) => r.idx),
    );
    const opener = rows.length ? await this.envelope.openerFor(datasetId) : null;
    const membersOf = new Map(
      rows.map((r) => [r.term_id, fromBitmap(opener!.open(r.members_enc, TERM_REF(r.term_id)))]),
    );
    let members: number[] | null = null;
    for (const f of filters) {
      const any = new Set<number>();
      for (const id of f) for (const i of membersOf.get(id) ?? []) any.add(i);
      members = members === null ? [...any] : members.filter((i) => any.has(i));
    }
    const out = new Set<number>((members ?? []).filter((i) => !withdrawn.has(i)));
    return { members: out, size: out.size };
  }

  /** The indexes of the individuals described by the dataset's metadata (withdrawn ones have none). */
  async describedIndexes(datasetId: string): Promise<Set<number>> {
    const rows = await this.dataSource.query<{ idx: number }[]>(
      'SELECT idx FROM individual_metadata WHERE dataset_id = $1',
      [datasetId],
    );
    return new Set(rows.map((r) => r.idx));
  }

  /** The records of these individuals (record-level answers; the caller audits the decryption). */
  async records(datasetId: string, indexes: readonly number[]): Promise<IndividualRecord[]> {
    if (indexes.length === 0) return [];
    const rows = await this.dataSource.query<{ idx: number; record_enc: Buffer }[]>(
      `SELECT idx, record_enc FROM individual_metadata WHERE dataset_id = $1 AND idx = ANY($2::int[]) ORDER BY idx`,
      [datasetId, [...indexes]],
    );
    const opener = await this.envelope.openerFor(datasetId);
    return rows.map(
      (r) => JSON.parse(opener.open(r.record_enc, RECORD_REF(r.idx)).toString('utf8')) as IndividualRecord,
    );
  }

  /**
   * Withdrawal (participant-withdrawal.service.ts), inside its transaction: the participant's record is
   * deleted, every other record and every term bitmap (without them) re-sealed under the new data key, so
   * destroying the old keys loses nothing else.
   */
  static async resealForWithdrawal(
    tx: EntityManager,
    datasetId: string,
    target: number,
    oldOpener: Opener,
    sealer: Sealer,
  ): Promise<void> {
    await tx.query('DELETE FROM individual_metadata WHERE dataset_id = $1 AND idx = $2', [datasetId, target]);
    const records = await tx.query<{ idx: number; record_enc: Buffer }[]>(
      'SELECT idx, record_enc FROM individual_metadata WHERE dataset_id = $1',
      [datasetId],
    );
    for (const r of records)
      await tx.query(
        'UPDATE individual_metadata SET record_enc = $3, key_version = $4 WHERE dataset_id = $1 AND idx = $2',
        [
          datasetId,
          r.idx,
          sealer.seal(oldOpener.open(r.record_enc, RECORD_REF(r.idx)), RECORD_REF(r.idx)),
          sealer.keyVersion,
        ],
      );
    const terms = await tx.query<{ term_id: string; members_enc: Buffer }[]>(
      'SELECT term_id, members_enc FROM individual_term WHERE dataset_id = $1',
      [datasetId],
    );
    for (const t of terms) {
      const bits = Buffer.from(oldOpener.open(t.members_enc, TERM_REF(t.term_id)));
      if (target >> 3 < bits.length) bits[target >> 3] &= ~(1 << (target & 7));
      if (fromBitmap(bits).length === 0) {
        await tx.query('DELETE FROM individual_term WHERE dataset_id = $1 AND term_id = $2', [
          datasetId,
          t.term_id,
        ]);
        continue;
      }
      await tx.query(
        'UPDATE individual_term SET members_enc = $3, key_version = $4 WHERE dataset_id = $1 AND term_id = $2',
        [datasetId, t.term_id, sealer.seal(bits, TERM_REF(t.term_id)), sealer.keyVersion],
      );
    }
  }
}
