import * as fs from 'node:fs';
import * as path from 'node:path';
import { gunzipSync } from 'node:zlib';
import type { INestApplication } from '@nestjs/common';
import { IngestService } from '@helixgate/variants';
import { createGateway } from '../../apps/gateway/src/bootstrap';
import { createTestDataset } from '../support/beacon-factory';
import { testConfig, uniqueId } from '../support/test-config';
import { exactAnswerPolicies } from '../support/test-policies';
import { beaconValidator } from './support/beacon-schemas';

const VCF = path.join(__dirname, '..', 'fixtures', 'vcf', '1kgp3_chr20_1-4Mb_300s.vcf.gz');

/** One ALT allele of the file, read independently of the ingest code (the test's oracle). */
interface Allele {
  pos: number;
  ref: string;
  alt: string;
  /** Some individual carries it (AC > 0 from the genotypes). */
  carried: boolean;
}

function readAlleles(): Allele[] {
  // BGZF is a series of gzip members; zlib decompresses them all.
  const text = gunzipSync(fs.readFileSync(VCF)).toString('utf8');
  const alleles: Allele[] = [];
  for (const line of text.split('\n')) {
    if (!line || line.startsWith('#')) continue;
    const fields = line.split('\t');
    const [, pos, , ref, alts] = fields;
    // Copies of each ALT over all samples' GT (the first FORMAT field of this file).
    const copies = new Map<string, number>();
    for (const sample of fields.slice(9)) {
      for (const allele of sample.split(':')[0].split(/[|/]/))
        copies.set(allele, (copies.get(allele) ?? 0) + 1);
    }
    alts.split(',').forEach((alt, i) => {
      if (alt !== '.')
        alleles.push({ pos: Number(pos), ref, alt, carried: (copies.get(String(i + 1)) ?? 0) > 0 });
    });
  }
  return alleles;
}

/**
 * Beacon range semantics: 0-based start, exclusive end, any overlap with [POS, POS + len(REF) - 1]; only
 * alleles someone carries exist for a beacon (AC = 0 records are "in the file, in nobody").
 */
function overlapping(alleles: Allele[], start: number, end: number): Allele[] {
  return alleles.filter((a) => a.carried && a.pos <= end && a.pos + a.ref.length - 1 >= start + 1);
}

describe('Beacon v2 REST on a real VCF (1000 Genomes chr20, 300 samples)', () => {
  let app: INestApplication;
  let base: string;
  let dataset: string;
  let alleles: Allele[];
  const validator = beaconValidator();

  async function count(query: string): Promise<{ exists: boolean; numTotalResults?: number }> {
    const res = await fetch(
      `${base}/api/g_variants?assemblyId=GRCh37&datasetIds=${dataset}&requestedGranularity=count&${query}`,
    );
    const body = (await res.json()) as {
      responseSummary: { exists: boolean; numTotalResults?: number; countPrecision?: string };
      error?: unknown;
    };
    // A refusal fails the test with its Beacon error message.
    if (res.status !== 200) throw new Error(`HTTP ${res.status}: ${JSON.stringify(body.error ?? body)}`);
    expect(validator.validate('beaconCountResponse', body)).toEqual([]);
    // Beacon v2.2 (the default): under the exact-answer policy every count says it is exact.
    const { countPrecision, ...summary } = body.responseSummary;
    expect(countPrecision).toBe('exact');
    return summary;
  }

  beforeAll(async () => {
    alleles = readAlleles();
    app = await createGateway(testConfig({ HELIXGATE_POLICIES_DIR: exactAnswerPolicies() }));
    await app.listen(0, '127.0.0.1');
    base = (await app.getUrl()).replace('[::1]', '127.0.0.1');
    dataset = await createTestDataset(app, uniqueId('rest-1kg'));
    const summary = await app.get(IngestService).ingestFile(dataset, VCF);
    expect(summary.altRows).toBe(alleles.length);
  });
  afterAll(async () => {
    await app?.close();
  });

  it.each([
    [1_000_000, 1_100_000],
    [2_500_000, 2_500_500],
    [3_999_000, 4_000_000],
  ])('counts every allele overlapping [%i, %i) and agrees with GraphQL', async (start, end) => {
    const expected = overlapping(alleles, start, end);
    expect(expected.length).toBeGreaterThan(0);
    const rest = await count(`referenceName=chr20&start=${start}&end=${end}`);
    expect(rest).toEqual({ exists: true, numTotalResults: expected.length });

    const gql = await fetch(`${base}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        query: `{ beacon(query: { assemblyId: "GRCh37", referenceName: "20", start: ${start}, end: ${end},
          datasetIds: ["${dataset}"], requestedGranularity: COUNT }) { exists numTotalResults } }`,
      }),
    });
    const body = (await gql.json()) as { data: { beacon: { numTotalResults: number } } };
    expect(body.data.beacon.numTotalResults).toBe(rest.numTotalResults);
  });

  it('splits a window by variantType: SNP plus INDEL is everything', async () => {
    const [start, end] = [1_000_000, 1_200_000];
    const window = overlapping(alleles, start, end);
    const snps = window.filter((a) => a.ref.length === 1 && a.alt.length === 1).length;
    const indels = window.filter((a) => a.ref.length !== a.alt.length).length;
    expect(snps + indels).toBe(window.length);
    expect(await count(`referenceName=20&start=${start}&end=${end}&variantType=SNP`)).toEqual({
      exists: true,
      numTotalResults: snps,
    });
    expect(await count(`referenceName=20&start=${start}&end=${end}&variantType=INDEL`)).toEqual({
      exists: true,
      numTotalResults: indels,
    });
  });

  it('classes the indels of the file as Beacon DEL / INS by their REF/ALT lengths, and filters by length', async () => {
    const [start, end] = [1_000_000, 1_200_000];
    const window = overlapping(alleles, start, end);
    const dels = window.filter((a) => a.ref.length > a.alt.length);
    const ins = window.filter((a) => a.ref.length < a.alt.length);
    expect(dels.length).toBeGreaterThan(0);
    expect(ins.length).toBeGreaterThan(0);
    const range = `referenceName=20&start=${start}&end=${end}`;
    expect(await count(`${range}&variantType=DEL`)).toEqual({ exists: true, numTotalResults: dels.length });
    expect(await count(`${range}&variantType=SO:0000159`)).toEqual({
      exists: true,
      numTotalResults: dels.length,
    });
    expect(await count(`${range}&variantType=INS`)).toEqual({ exists: true, numTotalResults: ins.length });
    // Length of an indel: the bases inserted or deleted; of a SNP: 1.
    const long = window.filter((a) => Math.abs(a.ref.length - a.alt.length) >= 3).length;
    expect(await count(`${range}&variantMinLength=3`)).toEqual({ exists: long > 0, numTotalResults: long });
  });

  it('finds alleles of the file by sequence query, GET and POST, and misses the ones it lacks', async () => {
    // A SNP and an indel at one position (20:1029573 T>C and TG>T), and the first and last records.
    const picks = [
      alleles.find((a) => a.pos === 1_029_573 && a.alt === 'C')!,
      alleles.find((a) => a.pos === 1_029_573 && a.ref === 'TG')!,
      alleles.find((a) => a.carried)!,
      alleles.findLast((a) => a.carried)!,
    ];
    for (const a of picks) {
      const q = `referenceName=NC_000020.10&start=${a.pos - 1}&referenceBases=${a.ref}&alternateBases=${a.alt}`;
      // An allele of the file that nobody carries (AC = 0) does not exist for a beacon.
      const want = a.carried ? { exists: true, numTotalResults: 1 } : { exists: false, numTotalResults: 0 };
      expect(await count(q)).toEqual(want);
      const post = await fetch(`${base}/api/g_variants`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({
          meta: { apiVersion: 'v2.0.0' },
          query: {
            requestParameters: {
              assemblyId: 'GRCh37',
              referenceName: '20',
              start: [a.pos - 1],
              referenceBases: a.ref,
              alternateBases: a.alt,
              datasets: { datasetIds: [dataset] },
            },
            requestedGranularity: 'count',
          },
        }),
      });
      expect(((await post.json()) as { responseSummary: unknown }).responseSummary).toEqual(want);
    }
    // An ALT the file does not carry at a real position: off by one base is a miss.
    const snp = picks[0];
    const other = ['A', 'C', 'G', 'T'].find(
      (b) => b !== snp.ref && !alleles.some((x) => x.pos === snp.pos && x.ref === snp.ref && x.alt === b),
    )!;
    expect(
      await count(`referenceName=20&start=${snp.pos - 1}&referenceBases=${snp.ref}&alternateBases=${other}`),
    ).toEqual({ exists: false, numTotalResults: 0 });
    expect(
      await count(`referenceName=20&start=${snp.pos}&referenceBases=${snp.ref}&alternateBases=${snp.alt}`),
    ).toMatchObject({
      numTotalResults: alleles.filter((x) => x.pos === snp.pos + 1 && x.ref === snp.ref && x.alt === snp.alt)
        .length,
    });
  });
});
