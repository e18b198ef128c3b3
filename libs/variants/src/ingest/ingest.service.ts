import * as path from 'node:path';
import { Injectable, Logger, Optional } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DomainError } from '@helixgate/common';
import { EnvelopeService, type Sealer } from '@helixgate/crypto';
import { DatabaseConnection } from '@helixgate/db';
import { DataSource, type QueryRunner } from 'typeorm';
import type { Variant } from '@gmod/vcf';
import { normalizeContig } from '../contig';
import { DatasetRepository } from '../dataset.repository';
import { ContigChecker, ContigError } from './contig-check';
import { GenotypeParseError, RecordGenotypes } from './genotype-codec';
import {
  AnnotationFormatError,
  annotationFormat,
  annotationsByAllele,
  type AnnotationFormat,
} from './annotations';
import { AlleleError, classifyAllele, isValidRef, MAX_POSITION } from './variant-allele';
import { VcfFormatError, VcfReader, type VcfLine } from './vcf-reader';
import { withdrawalRepository } from '../withdrawal/participant-withdrawal.repository';
import {
  DuplicateVariantError,
  rawPgClient,
  VariantBulkWriter,
  type VariantRow,
  type WritePath,
} from './variant-bulk-writer';

export interface IngestOptions {
  /** Replace the dataset's individuals and variants (same transaction) instead of adding to them. */
  replace?: boolean;
  /** Called every 4,096 lines and at the end with compressed bytes read and the file size. */
  onProgress?: (bytesRead: number, totalBytes: number) => void;
  /** Rows per bulk-write batch (default 5,000). */
  batchRows?: number;
  /** Who loads the file, for the dataset's ingest history (`issuer#subject`, or an operator name). */
  actor?: string | null;
  /** SHA-256 (hex) of the file as given, for the ingest history. */
  sha256?: string | null;
}

export interface IngestSummary {
  datasetId: string;
  file: string;
  /** VCF data lines read */
  records: number;
  /** variant rows written (one per ALT allele) */
  altRows: number;
  /** records with ALT `.` (no variant), skipped */
  skipped: number;
  individuals: number;
  /** functional annotations stored (VEP CSQ / SnpEff ANN entries, one per allele x transcript or feature) */
  annotations: number;
  /** total genotype calls stored (ALT rows x individuals) */
  genotypes: number;
  seconds: number;
  recordsPerSecond: number;
  writePath: WritePath;
  /** `file:line: field: problem` for what was ingested but deserves a look (non-primary contigs). */
  warnings: string[];
}

/** A problem at one line of the file; becomes INGEST_FAILED `file:line: message`. */
class LineError extends Error {
  constructor(
    readonly lineNo: number | undefined,
    message: string,
  ) {
    super(message);
  }
}

const POS_RE = /^\d+$/;
const MAX_BATCH_BYTES = 16 << 20;
/** Loads of at least this many ALT rows refresh the planner's statistics (ANALYZE) once committed. */
const ANALYZE_AFTER_ROWS = 10_000;

/**
 * VCF ingest into the variant store: streams the file, splits multi-allelic records like `bcftools norm -m-`,
 * computes AC/AN/het/hom-alt/hemi from the genotypes, encrypts the per-row genotypes and the sample ids, and
 * writes everything (individuals, variants, dataset counters) in ONE transaction: any error leaves the
 * dataset exactly as it was.
 */
@Injectable()
export class IngestService {
  private readonly logger = new Logger(IngestService.name);
  /** The last FORMAT column found free of repeated keys (most records share one). */
  private lastFormat: string | undefined;
  /** That FORMAT's key count and the place of GT among its keys (-1: none). */
  private lastFormatKeys = 0;
  private lastGtIndex = -1;

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly envelope: EnvelopeService,
    private readonly datasets: DatasetRepository,
    @Optional() private readonly connection?: DatabaseConnection,
  ) {}

  async ingestFile(datasetId: string, filePath: string, opts: IngestOptions = {}): Promise<IngestSummary> {
    const started = process.hrtime.bigint();
    const fileName = path.basename(filePath);
    const fail = (lineNo: number | undefined, message: string) =>
      new DomainError(
        'INGEST_FAILED',
        lineNo === undefined ? `${fileName}: ${message}` : `${fileName}:${lineNo}: ${message}`,
      );

    const dataset = await this.datasets.findById(datasetId);
    if (!dataset) throw new DomainError('UNKNOWN_DATASET', `dataset "${datasetId}" not found or no access`);

    let reader: VcfReader;
    try {
      reader = await VcfReader.open(filePath);
    } catch (err) {
      if (err instanceof VcfFormatError) throw fail(err.lineNo, err.message);
      throw err;
    }
    const contigs = new ContigChecker(dataset.assembly, reader);
    try {
      contigs.checkHeader();
    } catch (err) {
      reader.close();
      if (err instanceof ContigError) throw fail(err.lineNo, err.message);
      throw err;
    }

    const qr = this.dataSource.createQueryRunner();
    try {
      await qr.connect();
      await qr.startTransaction();
      const { newIndividuals, ...summary } = await this.ingestInTransaction(
        qr,
        datasetId,
        reader,
        contigs,
        opts,
      );
      const seconds = Number(process.hrtime.bigint() - started) / 1e9;
      // The dataset's ingest history: written with the data, so a row exists exactly when the load committed.
      await qr.query(
        `INSERT INTO dataset_ingest (dataset_id, file, sha256, replace, records, alt_rows, skipped, individuals,
           annotations, seconds, actor) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)`,
        [
          datasetId,
          fileName,
          opts.sha256 ?? null,
          opts.replace ?? false,
          summary.records,
          summary.altRows,
          summary.skipped,
          summary.individuals,
          summary.annotations,
          seconds,
          opts.actor ?? null,
        ],
      );
      await qr.commitTransaction();
      await this.refreshPlannerStatistics(qr, datasetId, { ...summary, newIndividuals });
      const result: IngestSummary = {
        datasetId,
        file: fileName,
        ...summary,
        warnings: contigs.warnings.map((w) => `${fileName}:${w}`),
        seconds,
        recordsPerSecond: seconds > 0 ? summary.records / seconds : 0,
      };
      for (const w of result.warnings) this.logger.warn(w);
      this.logger.log(
        `ingested ${result.records} records (${result.altRows} ALT rows, ${result.skipped} skipped) into ${datasetId} in ${seconds.toFixed(1)} s`,
      );
      return result;
    } catch (err) {
      if (qr.isTransactionActive) await qr.rollbackTransaction().catch(() => undefined);
      if (err instanceof LineError || err instanceof VcfFormatError || err instanceof ContigError)
        throw fail(err.lineNo, err.message);
      if (err instanceof DuplicateVariantError) {
        const r = err.row;
        throw r
          ? fail(
              r.lineNo,
              `duplicate variant ${r.chrom}:${r.pos} ${r.ref}>${r.alt} (already in the file or the dataset)`,
            )
          : fail(undefined, 'duplicate variant (already in the file or the dataset)');
      }
      throw err;
    } finally {
      reader.close();
      await qr.release();
    }
  }

  /**
   * After a large load the planner's statistics no longer say how many rows `dataset_id = $1` selects, and until
   * autovacuum's next ANALYZE (which a load under 10% of the table never triggers) per-range statements on the new
   * dataset can be planned as scans of all of it: participant withdrawal on 10^6 rows planned each batch that way.
   * Only that statistic is refreshed: `variant`'s dataset_id column (the other columns' distributions barely move
   * with one dataset, and computing them, the wide genotypes above all, was half of the ANALYZE: ~0.5 s of a 1.3 s
   * chr20 ingest into a 12 M-row table), `variant_annotation` when the load wrote annotations, `individual` when it
   * wrote individuals. ANALYZE samples a bounded number of rows, so it costs about the same at any size; small
   * loads leave it to autovacuum. A role that does not own the tables gets PostgreSQL's warning, not an error: it
   * is only advice. It runs on the load's own connection, committed by now (the embedded database has one
   * connection).
   */
  private async refreshPlannerStatistics(
    qr: QueryRunner,
    datasetId: string,
    load: { altRows: number; annotations: number; newIndividuals: boolean },
  ): Promise<void> {
    if (load.altRows < ANALYZE_AFTER_ROWS) return;
    const tables = ['variant (dataset_id)'];
    if (load.annotations > 0) tables.push('variant_annotation');
    if (load.newIndividuals) tables.push('individual');
    try {
      await qr.query(`ANALYZE ${tables.join(', ')}`);
    } catch (err) {
      this.logger.warn(
        `${datasetId}: planner statistics not refreshed after the load (${err instanceof Error ? err.message : String(err)})`,
      );
    }
  }

  private async ingestInTransaction(
    qr: QueryRunner,
    datasetId: string,
    reader: VcfReader,
    contigs: ContigChecker,
    opts: IngestOptions,
  ): Promise<
    Omit<IngestSummary, 'datasetId' | 'file' | 'seconds' | 'recordsPerSecond' | 'warnings'> & {
      /** The load wrote the dataset's individuals (its first, or a --replace). */
      newIndividuals: boolean;
    }
  > {
    const client = await rawPgClient(qr);
    // Serialises ingests into the same dataset; the counters below are read under this lock.
    const [ds] = (
      await client.query<{ variant_count: string; individual_count: number; max_variant_length: number }>(
        'SELECT variant_count, individual_count, max_variant_length FROM dataset WHERE id = $1 FOR UPDATE',
        [datasetId],
      )
    ).rows;
    if (!ds) throw new DomainError('UNKNOWN_DATASET', `dataset "${datasetId}" not found or no access`);
    if (await withdrawalRepository.hasJob(qr.manager, datasetId))
      throw new DomainError(
        'CONFLICT',
        `a participant withdrawal is under way in dataset ${datasetId}: run \`participants withdraw\` again to finish it first`,
      );
    const samples = reader.samples;
    let baseVariants = Number(ds.variant_count);
    let baseMaxLength = ds.max_variant_length;

    if (opts.replace) {
      await client.query('DELETE FROM variant WHERE dataset_id = $1', [datasetId]);
      // Individual metadata names individuals by index: the term bitmaps go with them (records cascade).
      await client.query('DELETE FROM individual_term WHERE dataset_id = $1', [datasetId]);
      await client.query('DELETE FROM individual WHERE dataset_id = $1', [datasetId]);
      baseVariants = 0;
      baseMaxLength = 0;
    }
    const hasContent = !opts.replace && (baseVariants > 0 || ds.individual_count > 0);
    const sealer = await this.envelope.sealerFor(datasetId, qr.manager);
    if (hasContent) await this.checkSamples(qr, datasetId, samples, reader.headerLineNo);
    else await this.insertIndividuals(qr, datasetId, samples, sealer);

    const version = (await client.query<{ v: string }>('SELECT version() AS v')).rows[0].v;
    const pglite = this.connection?.embedded?.owned ? this.connection.embedded.pglite : undefined;
    const writePath: WritePath = !/PGlite|emscripten/i.test(version) ? 'copy' : pglite ? 'blob' : 'insert';
    const writer = new VariantBulkWriter(client, writePath, datasetId, sealer.keyVersion, pglite);
    const formats = this.annotationFormats(reader);
    let annotations = 0;

    const batchRows = opts.batchRows ?? 5000;
    const n = samples.length;
    const gts = new RecordGenotypes(n);
    let records = 0;
    let altRows = 0;
    let skipped = 0;
    let maxLength = baseMaxLength;
    let batch: VariantRow[] = [];
    let batchBytes = 0;
    let pending: Promise<void> | undefined;
    // Parsing the next batch overlaps with the database writing the previous one; at most two in memory.
    const flush = async () => {
      if (pending) await pending;
      const rows = batch;
      batch = [];
      batchBytes = 0;
      pending = writer.write(rows).then(async () => {
        annotations += await writeAnnotations(client, datasetId, rows);
      });
      pending.catch(() => undefined); // observed when awaited; avoids an unhandled rejection meanwhile
    };

    for await (const line of reader.dataLines()) {
      records++;
      const rows = this.parseRecord(reader, contigs, line, gts, sealer, formats);
      if (rows === null) {
        skipped++;
      } else {
        for (const row of rows) {
          batch.push(row);
          batchBytes += row.genotypes.length + 64;
          if (row.endPos - row.pos > maxLength) maxLength = row.endPos - row.pos;
        }
        altRows += rows.length;
      }
      if (batch.length >= batchRows || batchBytes >= MAX_BATCH_BYTES) await flush();
      if ((records & 0xfff) === 0) opts.onProgress?.(reader.bytesRead, reader.totalBytes);
    }
    await flush();
    await pending;
    opts.onProgress?.(reader.totalBytes, reader.totalBytes);

    await client.query(
      `UPDATE dataset SET individual_count = $2, variant_count = $3, max_variant_length = $4, updated_at = now()
       WHERE id = $1`,
      [datasetId, n, baseVariants + altRows, maxLength],
    );
    return {
      records,
      altRows,
      skipped,
      individuals: n,
      annotations,
      genotypes: altRows * n,
      writePath,
      newIndividuals: !hasContent,
    };
  }

  /** A later file must carry the dataset's samples in the same order (ids compared decrypted, never printed). */
  private async checkSamples(qr: QueryRunner, datasetId: string, samples: string[], headerLineNo: number) {
    const client = await rawPgClient(qr);
    const { rows } = await client.query<{ idx: number; sample_id_enc: Buffer }>(
      'SELECT idx, sample_id_enc FROM individual WHERE dataset_id = $1 ORDER BY idx',
      [datasetId],
    );
    if (rows.length !== samples.length) {
      throw new LineError(
        headerLineNo,
        `the file has ${samples.length} samples but the dataset has ${rows.length}; a dataset's samples are fixed by its first ingest (use --replace to start over)`,
      );
    }
    const opener = await this.envelope.openerFor(datasetId, qr.manager);
    for (const r of rows) {
      const id = opener.open(r.sample_id_enc, {
        table: 'individual',
        row: String(r.idx),
        column: 'sample_id',
      });
      if (id.toString('utf8') !== samples[r.idx]) {
        throw new LineError(
          headerLineNo,
          `sample column ${r.idx + 1} differs from the dataset's individual ${r.idx + 1}; the file must have the dataset's samples in the same order`,
        );
      }
    }
  }

  private async insertIndividuals(qr: QueryRunner, datasetId: string, samples: string[], sealer: Sealer) {
    const client = await rawPgClient(qr);
    const chunk = 10_000;
    for (let from = 0; from < samples.length; from += chunk) {
      const idx: number[] = [];
      const enc: Buffer[] = [];
      for (let i = from; i < Math.min(samples.length, from + chunk); i++) {
        idx.push(i);
        enc.push(
          sealer.seal(Buffer.from(samples[i], 'utf8'), {
            table: 'individual',
            row: String(i),
            column: 'sample_id',
          }),
        );
      }
      await client.query(
        `INSERT INTO individual (dataset_id, idx, sample_id_enc, key_version)
         SELECT $1, i, e, $2 FROM unnest($3::int[], $4::bytea[]) AS u(i, e)`,
        [datasetId, sealer.keyVersion, idx, enc],
      );
    }
  }

  /** The VEP CSQ / SnpEff ANN sub-field orders the header declares (none: the file carries no annotations). */
  private annotationFormats(reader: VcfReader): AnnotationFormat[] {
    const formats: AnnotationFormat[] = [];
    for (const key of ['CSQ', 'ANN']) {
      const description = reader.parser.getMetadata('INFO', key, 'Description') as string | undefined;
      if (description === undefined) continue;
      try {
        const f = annotationFormat(key, description);
        if (f) formats.push(f);
      } catch (err) {
        if (err instanceof AnnotationFormatError) throw new LineError(reader.headerLineNo, err.message);
        throw err;
      }
    }
    return formats;
  }

  /** Parses one data line into its variant rows (one per ALT), or null for `ALT=.`. */
  private parseRecord(
    reader: VcfReader,
    contigs: ContigChecker,
    line: VcfLine,
    gts: RecordGenotypes,
    sealer: Sealer,
    formats: readonly AnnotationFormat[] = [],
  ): VariantRow[] | null {
    const text = line.text;
    const n = reader.samples.length;
    const expected = n > 0 ? 9 + n : 8;
    const columnError = (columns: number) =>
      new LineError(line.lineNo, `expected ${expected} tab-separated columns, found ${columns}`);
    // The fixed columns' tabs here; the sample columns are counted by the genotype scan, which reads them
    // anyway. A wrong column count is the error a line gets whatever else is wrong with it, as when every
    // line's tabs were counted first: any error below is re-checked against a full count.
    let t9 = -1;
    let fixedTabs = 0;
    for (let i = text.indexOf('\t'); i !== -1 && fixedTabs < 9; i = text.indexOf('\t', i + 1)) {
      fixedTabs++;
      if (fixedTabs === 9) t9 = i;
    }
    if (n === 0 || t9 === -1) {
      const columns = columnsOf(text);
      if (columns !== expected && !(n === 0 && columns === 9)) throw columnError(columns);
    }
    try {
      return this.parseFields(reader, contigs, line, gts, sealer, formats, t9, expected);
    } catch (err) {
      if (err instanceof LineError || err instanceof ContigError) {
        const columns = columnsOf(text);
        if (columns !== expected && !(n === 0 && columns === 9)) throw columnError(columns);
      }
      throw err;
    }
  }

  /** `parseRecord` after the column check: `t9` is the tab before the first sample column (-1: none). */
  private parseFields(
    reader: VcfReader,
    contigs: ContigChecker,
    line: VcfLine,
    gts: RecordGenotypes,
    sealer: Sealer,
    formats: readonly AnnotationFormat[],
    t9: number,
    expected: number,
  ): VariantRow[] | null {
    const text = line.text;
    const n = reader.samples.length;
    const t1 = text.indexOf('\t');
    const t2 = text.indexOf('\t', t1 + 1);
    const rawPos = text.slice(t1 + 1, t2);
    if (!POS_RE.test(rawPos) || Number(rawPos) > MAX_POSITION) {
      throw new LineError(line.lineNo, `POS "${rawPos.slice(0, 20)}" is not a non-negative integer`);
    }
    let v: Variant;
    try {
      v = reader.parser.parseLine(text);
    } catch (err) {
      throw new LineError(line.lineNo, `unparseable record (${(err as Error).message})`);
    }
    const rawChrom = v.CHROM ?? '';
    if (rawChrom.length === 0 || /\s/.test(rawChrom))
      throw new LineError(line.lineNo, 'empty or invalid CHROM');
    contigs.checkRecord(line.lineNo, rawChrom, v.POS);
    const chrom = normalizeContig(rawChrom);
    const pos = v.POS;
    const ref = (v.REF ?? '').toUpperCase();
    if (!isValidRef(ref)) throw new LineError(line.lineNo, 'REF must be one or more of A, C, G, T, N');
    const alts = v.ALT;
    if (!alts) {
      // No genotype scan for a record without variant: its columns are counted here.
      const columns = columnsOf(text);
      if (columns !== expected && !(n === 0 && columns === 9))
        throw new LineError(line.lineNo, `expected ${expected} tab-separated columns, found ${columns}`);
      return null;
    }

    const altCount = alts.length;
    gts.reset();
    if (n > 0) {
      if (v.FORMAT !== this.lastFormat) {
        const keys = (v.FORMAT ?? '').split(':');
        const repeated = keys.find((k, i) => keys.indexOf(k) !== i);
        if (repeated !== undefined) {
          throw new LineError(line.lineNo, `FORMAT: key "${repeated.slice(0, 20)}" appears more than once`);
        }
        this.lastFormat = v.FORMAT;
        this.lastFormatKeys = keys.length;
        this.lastGtIndex = keys.indexOf('GT');
      }
      let lineEnd = text.length;
      while (lineEnd > t9 + 1 && (text.charCodeAt(lineEnd - 1) === 13 || text.charCodeAt(lineEnd - 1) === 10))
        lineEnd--;
      let sampleColumns: number;
      try {
        sampleColumns = gts.scanSamples(
          text,
          t9 + 1,
          lineEnd,
          this.lastGtIndex,
          this.lastFormatKeys,
          altCount,
        );
      } catch (err) {
        if (err instanceof GenotypeParseError) throw new LineError(line.lineNo, err.message);
        throw err;
      }
      if (sampleColumns !== n)
        throw new LineError(
          line.lineNo,
          `expected ${expected} tab-separated columns, found ${9 + sampleColumns}`,
        );
    }
    const annotated = formats.map((f) => {
      const raw = v.INFO[f.key] as unknown;
      const entries = (Array.isArray(raw) ? raw : raw == null ? [] : [raw]).map((e) =>
        typeof e === 'string' ? e : '',
      );
      try {
        return { source: f.source, byAllele: annotationsByAllele(f, entries, ref, alts) };
      } catch (err) {
        if (err instanceof AnnotationFormatError) throw new LineError(line.lineNo, err.message);
        throw err;
      }
    });
    const rows: VariantRow[] = [];
    for (let k = 0; k < altCount; k++) {
      const rawAlt = alts[k];
      const alt = /^[acgtnACGTN]+$/.test(rawAlt) ? rawAlt.toUpperCase() : rawAlt;
      let info;
      try {
        info = classifyAllele(pos, ref, alt, v.INFO);
      } catch (err) {
        if (err instanceof AlleleError) throw new LineError(line.lineNo, `ALT ${k + 1}: ${err.message}`);
        throw err;
      }
      // Sealed into a new buffer at once below: one plaintext buffer serves every row.
      const plain = gts.scratch;
      const c = gts.encodeAlt(k + 1, plain);
      rows.push({
        chrom,
        pos,
        endPos: info.endPos,
        ref,
        alt,
        variantType: info.variantType,
        ac: c.ac,
        an: c.an,
        het: c.het,
        homAlt: c.homAlt,
        hemi: c.hemi,
        genotypes: sealer.seal(plain, {
          table: 'variant',
          row: `${chrom}:${pos}:${ref}:${alt}`,
          column: 'genotypes',
        }),
        lineNo: line.lineNo,
        ...(annotated.length
          ? { annotations: annotated.flatMap((a) => a.byAllele[k].map((x) => ({ ...x, source: a.source }))) }
          : {}),
      });
    }
    return rows;
  }
}

/** Tab-separated columns of a line. */
function columnsOf(text: string): number {
  let tabs = 0;
  for (let i = text.indexOf('\t'); i !== -1; i = text.indexOf('\t', i + 1)) tabs++;
  return tabs + 1;
}

/**
 * Writes the annotations of a batch of variant rows already written, attached to their variant ids (found
 * by the unique key), in one multi-row statement. Returns how many were written.
 */
async function writeAnnotations(
  client: { query: (text: string, values: unknown[]) => Promise<unknown> },
  datasetId: string,
  rows: readonly VariantRow[],
): Promise<number> {
  const cols = {
    chrom: [] as string[],
    pos: [] as number[],
    ref: [] as string[],
    alt: [] as string[],
    source: [] as string[],
    geneSymbol: [] as (string | null)[],
    geneId: [] as (string | null)[],
    consequences: [] as string[],
    impact: [] as (string | null)[],
    transcript: [] as (string | null)[],
    hgvsC: [] as (string | null)[],
    hgvsP: [] as (string | null)[],
  };
  for (const r of rows) {
    for (const a of r.annotations ?? []) {
      cols.chrom.push(r.chrom);
      cols.pos.push(r.pos);
      cols.ref.push(r.ref);
      cols.alt.push(r.alt);
      cols.source.push(a.source);
      cols.geneSymbol.push(a.geneSymbol);
      cols.geneId.push(a.geneId);
      // SO terms never contain "&" (VEP and SnpEff join them with it).
      cols.consequences.push(a.consequences.join('&'));
      cols.impact.push(a.impact);
      cols.transcript.push(a.transcript);
      cols.hgvsC.push(a.hgvsc);
      cols.hgvsP.push(a.hgvsp);
    }
  }
  if (cols.chrom.length === 0) return 0;
  // ORDER BY the input's ordinal: annotation ids follow the file (each transcript's place in CSQ / ANN)
  // whatever join the planner picks; without it the order followed the plan, which fresh statistics change.
  await client.query(
    `INSERT INTO variant_annotation
       (variant_id, dataset_id, source, gene_symbol, gene_id, consequences, impact, transcript, hgvs_c, hgvs_p)
     SELECT v.id, $1, u.source, u.gene_symbol, u.gene_id, string_to_array(u.consequences, '&'), u.impact,
            u.transcript, u.hgvs_c, u.hgvs_p
       FROM unnest($2::text[], $3::int[], $4::text[], $5::text[], $6::text[], $7::text[], $8::text[],
                   $9::text[], $10::text[], $11::text[], $12::text[], $13::text[]) WITH ORDINALITY
            AS u(chrom, pos, ref, alt, source, gene_symbol, gene_id, consequences, impact, transcript, hgvs_c, hgvs_p, ord)
       JOIN variant v ON v.dataset_id = $1 AND v.chrom = u.chrom AND v.pos = u.pos AND v.ref = u.ref
                     AND v.alt = u.alt
      ORDER BY u.ord`,
    [datasetId, ...Object.values(cols)],
  );
  return cols.chrom.length;
}
