import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as zlib from 'node:zlib';
import type { INestApplication } from '@nestjs/common';
import { IngestService } from '@helixgate/variants';
import { DataSource } from 'typeorm';
import { createGateway } from '../apps/gateway/src/bootstrap';
import { createTestDataset } from './support/beacon-factory';
import { testConfig, uniqueId } from './support/test-config';
import { exactAnswerPolicies } from './support/test-policies';

const VCF = path.join(__dirname, 'fixtures/vcf/1kgp3_chr20_1-4Mb_300s.vcf.gz');
const TRUTH = path.join(__dirname, 'fixtures/truth/1kgp3_chr20_1-4Mb_300s.tsv.gz');
const HAVE_BCFTOOLS = spawnSync('bcftools', ['--version'], { stdio: 'ignore' }).status === 0;

/** One ALT allele as bcftools sees it after `norm -m-` and `+fill-tags`. */
interface Expected {
  pos: number;
  ref: string;
  alt: string;
  an: number;
  ac: number;
  acHet: number;
  acHom: number;
  acHemi: number;
}

function bash(cmd: string): string {
  const r = spawnSync('bash', ['-o', 'pipefail', '-c', cmd], { maxBuffer: 1 << 28, encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`bcftools failed: ${r.stderr}`);
  return r.stdout;
}

/**
 * Per-ALT truth: bcftools itself when installed, else the truth file that test/fixtures/truth/README.md
 * says was made by this same command.
 */
function expectedAlleles(): Expected[] {
  const text = HAVE_BCFTOOLS
    ? bash(
        `bcftools norm -m- '${VCF}' 2>/dev/null | bcftools +fill-tags -- -t AC,AN,AC_Het,AC_Hom,AC_Hemi | ` +
          `bcftools query -f '%CHROM\\t%POS\\t%REF\\t%ALT\\t%AN\\t%AC\\t%AC_Het\\t%AC_Hom\\t%AC_Hemi\\n'`,
      )
    : zlib.gunzipSync(fs.readFileSync(TRUTH)).toString('utf8');
  return text
    .split('\n')
    .filter((l) => l && l.split('\t')[3] !== '.')
    .map((l) => {
      const [, pos, ref, alt, an, ac, acHet, acHom, acHemi] = l.split('\t');
      return { pos: +pos, ref, alt, an: +an, ac: +ac, acHet: +acHet, acHom: +acHom, acHemi: +acHemi };
    });
}

/**
 * ALT alleles carried by someone (AC > 0: a beacon answers for alleles present in an individual) of the
 * records `bcftools view -r 20:<start+1>-<end>` returns (it selects records whose REF span overlaps the
 * region). Without bcftools: the same rule on the truth rows (this file has no symbolic alleles or INFO/END,
 * so the REF length is the span bcftools uses).
 */
function bcftoolsRangeCount(all: Expected[], start: number, end: number): number {
  if (!HAVE_BCFTOOLS)
    return all.filter((a) => a.ac > 0 && a.pos <= end && a.pos + a.ref.length - 1 >= start + 1).length;
  return bash(
    `bcftools norm -m- -r 20:${start + 1}-${end} '${VCF}' 2>/dev/null | bcftools +fill-tags -- -t AC | ` +
      `bcftools query -i 'AC>0' -f '%ALT\\n'`,
  )
    .split('\n')
    .filter((alt) => alt && alt !== '.').length;
}

interface ResultSet {
  exists: boolean;
  count: number;
  hetCarriers: number;
  homAltCarriers: number;
  hemiCarriers: number;
  alleleCount: number | null;
  alleleNumber: number | null;
}

describe(`beacon GraphQL on a real VCF (1000 Genomes chr20, 300 samples) against ${HAVE_BCFTOOLS ? 'bcftools' : 'the bcftools truth file'}`, () => {
  let app: INestApplication;
  let base: string;
  let dataset: string;
  let all: Expected[];

  async function beacon(
    q: Record<string, unknown>,
  ): Promise<{ exists: boolean; numTotalResults: number; rs: ResultSet }> {
    const res = await fetch(`${base}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        query: `query Q($q: BeaconQueryInput!) { beacon(query: $q) { exists numTotalResults
          resultSets { exists count hetCarriers homAltCarriers hemiCarriers alleleCount alleleNumber } } }`,
        variables: {
          q: { assemblyId: 'GRCh37', datasetIds: [dataset], requestedGranularity: 'COUNT', ...q },
        },
      }),
    });
    const body = (await res.json()) as {
      data: { beacon: { exists: boolean; numTotalResults: number; resultSets: ResultSet[] } };
      errors?: unknown;
    };
    expect(body.errors).toBeUndefined();
    return { ...body.data.beacon, rs: body.data.beacon.resultSets[0] };
  }

  beforeAll(async () => {
    all = expectedAlleles();
    app = await createGateway(testConfig({ HELIXGATE_POLICIES_DIR: exactAnswerPolicies() }));
    await app.listen(0, '127.0.0.1');
    base = (await app.getUrl()).replace('[::1]', '127.0.0.1');
    dataset = await createTestDataset(app, uniqueId('bcn-1kg'));
    const summary = await app.get(IngestService).ingestFile(dataset, VCF);
    expect(summary.altRows).toBe(all.length);
  });
  afterAll(async () => {
    await app?.get(DataSource).query('DELETE FROM dataset WHERE id = $1', [dataset]);
    await app?.close();
  });

  it('answers sequence queries (start = POS - 1) with the AC, AN and carrier counts bcftools computes', async () => {
    const multi = all.filter((a, i) => all[i + 1]?.pos === a.pos || all[i - 1]?.pos === a.pos).slice(0, 4);
    const insertion = all.find((a) => a.alt.length > a.ref.length + 5)!;
    const deletion = all.reduce((m, a) => (a.ref.length > m.ref.length ? a : m));
    const sample = all.filter((_, i) => i % 2_500 === 0);
    for (const e of [...sample, ...multi, insertion, deletion]) {
      const { rs } = await beacon({
        referenceName: 'chr20',
        start: e.pos - 1,
        referenceBases: e.ref,
        alternateBases: e.alt,
      });
      // An allele in the file that nobody carries (AC = 0) does not exist for a beacon.
      const carried = e.ac > 0;
      expect({ pos: e.pos, ...rs }).toEqual({
        pos: e.pos,
        exists: carried,
        count: carried ? 1 : 0,
        alleleCount: carried ? e.ac : null,
        alleleNumber: carried ? e.an : null,
        hetCarriers: e.acHet,
        homAltCarriers: e.acHom / 2, // diploid: AC_Hom counts two alleles per homozygous individual
        hemiCarriers: e.acHemi,
      });
    }
  });

  it('finds nothing for an allele bcftools does not have, and nothing one base off', async () => {
    const snv = all.find(
      (a) => a.ref.length === 1 && a.alt.length === 1 && !all.some((b) => b !== a && b.pos === a.pos),
    )!;
    const other = ['A', 'C', 'G', 'T'].find((b) => b !== snv.ref && b !== snv.alt)!;
    const q = { referenceName: '20', referenceBases: snv.ref };
    expect((await beacon({ ...q, start: snv.pos - 1, alternateBases: other })).exists).toBe(false);
    expect((await beacon({ ...q, start: snv.pos, alternateBases: snv.alt })).exists).toBe(false);
    expect((await beacon({ ...q, start: snv.pos - 2, alternateBases: snv.alt })).exists).toBe(false);
  });

  it('counts the ALT alleles of the records `bcftools view -r` returns for a window', async () => {
    const deletion = all.reduce((m, a) => (a.ref.length > m.ref.length ? a : m));
    const lastBase0 = deletion.pos + deletion.ref.length - 2; // 0-based position of its last REF base
    const windows: [number, number][] = [
      [1_000_000, 1_010_000],
      [2_000_000, 2_100_000],
      [3_500_000, 3_500_100],
      [lastBase0, lastBase0 + 1], // only the long deletion's tail (and whatever else bcftools finds there)
    ];
    for (const [start, end] of windows) {
      const expected = bcftoolsRangeCount(all, start, end);
      const got = await beacon({ referenceName: 'NC_000020.10', start, end });
      expect({ start, end, count: got.numTotalResults }).toEqual({ start, end, count: expected });
    }
    expect(bcftoolsRangeCount(all, lastBase0, lastBase0 + 1)).toBeGreaterThan(0);
  });
});
