import { Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import * as path from 'node:path';
import { pipeline } from 'node:stream/promises';
import { DataSource } from 'typeorm';
import { AuditService } from '@helixgate/audit';
import { DomainError, type Caller } from '@helixgate/common';
import { RecordGenotypes, VcfFormatError, VcfReader } from '@helixgate/variants';
import { PanelLineError, panelAllelesOf, type FrequencySource, type ParsedPanelAllele } from './panel-record';
import { PanelRepository, type PanelAllele, type PanelWindow, type ReferencePanel } from './panel.repository';

export const PANEL_ASSEMBLIES = ['GRCh37', 'GRCh38'] as const;
export type PanelAssembly = (typeof PANEL_ASSEMBLIES)[number];
const PANEL_NAME = /^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/;
const BATCH = 5000;

export interface PanelImportOptions {
  /** Replace a panel of the same name (in the same transaction); otherwise an existing name is refused. */
  replace?: boolean;
  /** Called every 4,096 lines and at the end with compressed bytes read and the file size. */
  onProgress?: (bytesRead: number, totalBytes: number) => void;
}

export interface PanelImportSummary {
  name: string;
  assembly: PanelAssembly;
  file: string;
  sha256: string;
  records: number;
  alleles: number;
  /** Records without a usable ALT (`.` or `*`). */
  skipped: number;
  /** How many alleles took their frequency from each source. */
  sources: Partial<Record<FrequencySource, number>>;
  seconds: number;
}

/**
 * Reference panels (docs/privacy.md): allele frequencies of people who are not in any dataset they price,
 * read from a VCF (INFO/AF, or the genotypes when a record has no AF, or INFO/AC and AN). An import is one
 * transaction: a bad line (reported as `file:line: problem`) leaves the node as it was. Each import is an
 * audited operator action.
 */
@Injectable()
export class PanelService {
  private readonly logger = new Logger(PanelService.name);

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly panels: PanelRepository,
    private readonly audit: AuditService,
  ) {}

  list(): Promise<ReferencePanel[]> {
    return this.panels.list();
  }

  /** The panel by name, or PANEL_NOT_FOUND. */
  async get(name: string): Promise<ReferencePanel> {
    const p = await this.panels.findByName(name);
    if (!p)
      throw new DomainError('PANEL_NOT_FOUND', `reference panel "${name.slice(0, 64)}" is not imported`);
    return p;
  }

  /** The panel's alleles with these keys (absent keys: the panel never saw the allele). */
  allelesByKey(
    panel: ReferencePanel,
    keys: readonly { chrom: string; pos: number; ref: string; alt: string }[],
  ): Promise<PanelAllele[]> {
    return this.panels.allelesByKey(panel.id, keys);
  }

  /** The panel's alleles a query window may match, at most `limit`. */
  allelesInWindow(panel: ReferencePanel, w: PanelWindow, limit: number): Promise<PanelAllele[]> {
    return this.panels.allelesInWindow(panel, w, limit);
  }

  async importFile(
    caller: Caller,
    name: string,
    assembly: string,
    filePath: string,
    opts: PanelImportOptions = {},
  ): Promise<PanelImportSummary> {
    const started = process.hrtime.bigint();
    const file = path.basename(filePath);
    const fail = (lineNo: number | undefined, message: string) =>
      new DomainError(
        'PANEL_IMPORT_FAILED',
        lineNo === undefined ? `${file}: ${message}` : `${file}:${lineNo}: ${message}`,
      );
    if (!PANEL_NAME.test(name))
      throw new DomainError(
        'BAD_REQUEST',
        `panel name "${name.slice(0, 64)}" must be letters, digits, . _ - (at most 64)`,
      );
    if (!(PANEL_ASSEMBLIES as readonly string[]).includes(assembly))
      throw new DomainError(
        'INVALID_ASSEMBLY',
        `assembly "${assembly.slice(0, 20)}" must be GRCh37 or GRCh38`,
      );
    let reader: VcfReader;
    try {
      reader = await VcfReader.open(filePath);
    } catch (err) {
      if (err instanceof VcfFormatError) throw fail(err.lineNo, err.message);
      throw err;
    }
    try {
      const sha256 = await sha256Of(filePath);
      const result = await this.dataSource.transaction(async (em) => {
        // Two imports of one name serialise here; the loser sees the winner's row.
        await em.query(`SELECT pg_advisory_xact_lock(hashtext('reference-panel'), hashtext($1))`, [name]);
        if (await this.panels.findByName(name, em)) {
          if (!opts.replace)
            throw new DomainError(
              'CONFLICT',
              `reference panel "${name}" exists (use --replace to replace it)`,
            );
          await this.panels.remove(em, name);
        }
        const id = await this.panels.create(em, {
          name,
          assembly: assembly as PanelAssembly,
          sourceFile: file,
          sha256,
          frequencySource: 'pending',
          importedBy: caller.subject,
        });
        const gts = new RecordGenotypes(reader.samples.length);
        const sources: Partial<Record<FrequencySource, number>> = {};
        let records = 0;
        let alleles = 0;
        let skipped = 0;
        let maxLength = 0;
        let batch: ParsedPanelAllele[] = [];
        // Repeats are found here line by line at one position (files are sorted); the unique key catches the rest.
        let here = '';
        const seenHere = new Set<string>();
        const flush = async () => {
          try {
            await this.panels.insertAlleles(em, id, batch);
          } catch (err) {
            if ((err as { code?: string }).code === '23505') throw duplicateIn(batch);
            throw err;
          }
          batch = [];
        };
        for await (const line of reader.dataLines()) {
          records++;
          const rows = panelAllelesOf(reader, line, gts);
          if (rows.length === 0) skipped++;
          for (const r of rows) {
            const at = `${r.chrom}:${r.pos}`;
            if (at !== here) {
              here = at;
              seenHere.clear();
            }
            const key = `${r.ref}>${r.alt}`;
            if (seenHere.has(key))
              throw new PanelLineError(
                r.lineNo,
                `allele ${r.chrom}:${r.pos} ${r.ref}>${r.alt} is listed twice`,
              );
            seenHere.add(key);
            batch.push(r);
            sources[r.source] = (sources[r.source] ?? 0) + 1;
            if (r.endPos - r.pos > maxLength) maxLength = r.endPos - r.pos;
          }
          alleles += rows.length;
          if (batch.length >= BATCH) await flush();
          if ((records & 0xfff) === 0) opts.onProgress?.(reader.bytesRead, reader.totalBytes);
        }
        await flush();
        opts.onProgress?.(reader.totalBytes, reader.totalBytes);
        if (alleles === 0)
          throw new PanelLineError(undefined, 'no alleles: the file has no usable ALT allele');
        const frequencySource = Object.keys(sources).sort().join(', ');
        await this.panels.finish(em, id, {
          alleleCount: alleles,
          maxVariantLength: maxLength,
          frequencySource,
        });
        const summary: PanelImportSummary = {
          name,
          assembly: assembly as PanelAssembly,
          file,
          sha256,
          records,
          alleles,
          skipped,
          sources,
          seconds: Number(process.hrtime.bigint() - started) / 1e9,
        };
        // The operator action is recorded in the import's own transaction: no panel without its event.
        await this.audit.recordFor(
          caller,
          {
            action: 'panel.import',
            outcome: 'allow',
            resource: `panel:${name}`,
            detail: { panel: name, assembly, file, sha256, records, alleles, replace: !!opts.replace },
          },
          em,
        );
        return summary;
      });
      this.logger.log(
        `imported panel ${name}: ${result.alleles} alleles from ${file} in ${result.seconds.toFixed(1)} s`,
      );
      return result;
    } catch (err) {
      if (err instanceof PanelLineError || err instanceof VcfFormatError) throw fail(err.lineNo, err.message);
      throw err;
    } finally {
      reader.close();
    }
  }
}

/** The first allele of a batch that repeats an earlier one (the database only says the batch failed). */
function duplicateIn(batch: readonly ParsedPanelAllele[]): PanelLineError {
  const first = batch[0];
  return new PanelLineError(
    first?.lineNo,
    'an allele is listed twice in the file (same CHROM, POS, REF and ALT); each allele must appear once',
  );
}

async function sha256Of(file: string): Promise<string> {
  const hash = createHash('sha256');
  await pipeline(createReadStream(file), hash);
  return hash.digest('hex');
}
