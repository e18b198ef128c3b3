import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import * as zlib from 'node:zlib';
import type { INestApplicationContext } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import VCF from '@gmod/vcf';
import { DatabaseConnection } from '@helixgate/db';
import { DatasetService, IngestService } from '@helixgate/variants';
import { DataSource } from 'typeorm';
import { CliModule } from '../../apps/cli/src/cli.module';
import { loadReferenceSites, writeSyntheticVcf, type ReferenceSite } from '../../bench/synthetic-vcf';
import { testConfig, uniqueId } from '../support/test-config';

interface ParsedSite {
  pos: number;
  ref: string;
  alt: string;
  an: number;
  ac: number;
  het: number;
  homAlt: number;
}

/** Reads a generated file back with @gmod/vcf (strict), counting alleles per record from its GTs. */
function parseVcf(file: string): { samples: string[]; sites: ParsedSite[] } {
  const lines = zlib.gunzipSync(fs.readFileSync(file)).toString('latin1').split('\n').filter(Boolean);
  const headerEnd = lines.findIndex((l) => l.startsWith('#CHROM'));
  const parser = new VCF({ header: lines.slice(0, headerEnd + 1).join('\n'), strict: true });
  let badGenotypes = 0;
  const sites = lines.slice(headerEnd + 1).map((line) => {
    const v = parser.parseLine(line);
    const site: ParsedSite = {
      pos: v.POS,
      ref: v.REF!,
      alt: v.ALT!.join(','),
      an: 0,
      ac: 0,
      het: 0,
      homAlt: 0,
    };
    // processGenotypes: no allocation per sample (these files have up to 8 million genotypes).
    v.processGenotypes((str, start, end) => {
      const a = str.charCodeAt(start);
      const b = str.charCodeAt(start + 2);
      if (end - start !== 3 || str[start + 1] !== '|' || (a !== 48 && a !== 49) || (b !== 48 && b !== 49)) {
        badGenotypes++;
        return;
      }
      const copies = a - 48 + (b - 48);
      site.an += 2;
      site.ac += copies;
      if (copies === 1) site.het++;
      if (copies === 2) site.homAlt++;
    });
    return site;
  });
  expect(badGenotypes).toBe(0);
  return { samples: parser.samples, sites };
}

/** Fraction of sites whose AF falls in each bin. */
function afHistogram(afs: number[]): number[] {
  const edges = [0.005, 0.01, 0.05, 0.1, 0.25, 0.5, 1.01];
  const counts = new Array<number>(edges.length).fill(0);
  for (const af of afs) counts[edges.findIndex((e) => af < e)]++;
  return counts.map((c) => c / afs.length);
}

describe('synthetic VCF generator (bench)', () => {
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'helixgate-synth-'));
  let reference: ReferenceSite[];

  beforeAll(async () => {
    reference = await loadReferenceSites();
  });
  afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));

  it('takes allele frequencies from the genotypes of the real chr20 fixture', () => {
    expect(reference).toHaveLength(24_990);
    // The fixture's first record: 20:1000226 A>T, one ALT allele among 600 (INFO says AC=1, AN=600).
    expect(reference[0]).toEqual({ ref: 'A', alt: 'T', af: 1 / 600 });
    expect(reference.every((s) => s.af >= 0 && s.af <= 1)).toBe(true);
  });

  it('writes the same file for the same seed and a different one for another seed', async () => {
    const opts = { records: 400, samples: 60, reference };
    const a = await writeSyntheticVcf({ ...opts, seed: 11, out: path.join(tmp, 'a.vcf.gz') });
    const b = await writeSyntheticVcf({ ...opts, seed: 11, out: path.join(tmp, 'b.vcf.gz') });
    const c = await writeSyntheticVcf({ ...opts, seed: 12, out: path.join(tmp, 'c.vcf.gz') });
    const text = (p: string) => zlib.gunzipSync(fs.readFileSync(p)).toString('latin1');
    expect(a.bytesWritten).toBe(text(a.path).length);
    expect(text(a.path)).toBe(text(b.path));
    const bodyA = text(a.path).split('\n').slice(7).join('\n');
    const bodyC = text(c.path).split('\n').slice(7).join('\n');
    expect(bodyC).not.toBe(bodyA);
  });

  it('draws genotypes whose allele frequencies follow the reference distribution, under Hardy-Weinberg', async () => {
    const file = path.join(tmp, 'af.vcf.gz');
    await writeSyntheticVcf({ records: 4000, samples: 2000, seed: 5, reference, out: file });
    const { samples, sites } = parseVcf(file);
    expect(samples).toHaveLength(2000);
    expect(sites).toHaveLength(4000);
    for (let i = 1; i < sites.length; i++) expect(sites[i].pos).toBeGreaterThan(sites[i - 1].pos);

    const generated = sites.map((s) => s.ac / s.an);
    const refAfs = reference.map((s) => s.af);
    const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;
    expect(Math.abs(mean(generated) - mean(refAfs))).toBeLessThan(0.01);
    const h = afHistogram(generated);
    const r = afHistogram(refAfs);
    h.forEach((fraction, bin) => expect(Math.abs(fraction - r[bin])).toBeLessThan(0.03));

    // Hardy-Weinberg: heterozygotes ~ 2pq and hom-alt ~ p^2 of the samples, summed over sites.
    let het = 0;
    let expectedHet = 0;
    let homAlt = 0;
    let expectedHomAlt = 0;
    for (const s of sites) {
      const p = s.ac / s.an;
      het += s.het;
      homAlt += s.homAlt;
      expectedHet += 2 * p * (1 - p) * samples.length;
      expectedHomAlt += p * p * samples.length;
    }
    expect(het / expectedHet).toBeGreaterThan(0.97);
    expect(het / expectedHet).toBeLessThan(1.03);
    expect(homAlt / expectedHomAlt).toBeGreaterThan(0.95);
    expect(homAlt / expectedHomAlt).toBeLessThan(1.05);
  });

  describe('ingest', () => {
    let app: INestApplicationContext;
    let connection: DatabaseConnection;

    beforeAll(async () => {
      const config = testConfig();
      connection = await DatabaseConnection.open(config);
      app = await NestFactory.createApplicationContext(CliModule.forRoot(config, connection), {
        logger: false,
      });
    });
    afterAll(async () => {
      await app?.close();
      await connection?.close();
    });

    it('accepts a generated file and stores counts equal to its genotypes', async () => {
      const file = path.join(tmp, 'ingest.vcf.gz');
      await writeSyntheticVcf({ records: 1500, samples: 120, seed: 3, reference, out: file });
      const { sites } = parseVcf(file);
      const id = uniqueId('synth');
      await app
        .get(DatasetService)
        .create({ id, name: 'synthetic', assembly: 'GRCh37', securityLevel: 'PUBLIC' });

      const summary = await app.get(IngestService).ingestFile(id, file);

      expect(summary).toMatchObject({ records: 1500, altRows: 1500, skipped: 0, individuals: 120 });
      expect(summary.genotypes).toBe(1500 * 120);
      const rows = await app
        .get(DataSource)
        .query<
          { pos: number; ref: string; alt: string; an: number; ac: number; het: number; hom_alt: number }[]
        >('SELECT pos, ref, alt, an, ac, het, hom_alt FROM variant WHERE dataset_id = $1 ORDER BY pos', [id]);
      expect(
        rows.map((r) => ({
          pos: r.pos,
          ref: r.ref,
          alt: r.alt,
          an: r.an,
          ac: r.ac,
          het: r.het,
          homAlt: r.hom_alt,
        })),
      ).toEqual(sites);
    });
  });
});
