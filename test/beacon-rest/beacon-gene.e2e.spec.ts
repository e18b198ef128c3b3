import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import type { INestApplication } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { createGateway } from '../../apps/gateway/src/bootstrap';
import { createTestDataset, insertTestVariants, type TestVariant } from '../support/beacon-factory';
import { importPanel, shippedPoliciesWithPanels } from '../support/privacy-panels';
import { testConfig, uniqueId } from '../support/test-config';
import { beaconValidator } from './support/beacon-schemas';

interface RestBody {
  responseSummary?: { exists: boolean; numTotalResults?: number };
  response?: {
    resultSets: { id: string; exists: boolean; resultsCount?: number; info?: Record<string, unknown> }[];
  };
  error?: { errorCode: number; errorMessage: string };
  info?: { code?: string; requestId?: string };
}

/**
 * BRCA2 on GRCh38 is 13:32315507-32400268 (0-based, half-open): its first base is POS 32315508 and its
 * last POS 32400268 (1-based). The rows below sit on and just outside both edges; the hand count of the
 * variants overlapping the gene is 9 (5 SNPs, 1 MNP, 3 indels: two deletions, one insertion).
 */
const BRCA2_ROWS: TestVariant[] = [
  { chrom: '13', pos: 32315507, ref: 'A', alt: 'G' }, // the base before the gene: out
  { chrom: '13', pos: 32315505, ref: 'ACGT', alt: 'A' }, // a deletion reaching the first base: in
  { chrom: '13', pos: 32315508, ref: 'G', alt: 'A' }, // the first base: in
  { chrom: '13', pos: 32340000, ref: 'C', alt: 'T' },
  { chrom: '13', pos: 32340100, ref: 'CA', alt: 'C' },
  { chrom: '13', pos: 32350000, ref: 'T', alt: 'TAA' },
  { chrom: '13', pos: 32360000, ref: 'AC', alt: 'GT' },
  { chrom: '13', pos: 32370000, ref: 'G', alt: 'C' },
  { chrom: '13', pos: 32380000, ref: 'A', alt: 'T' },
  { chrom: '13', pos: 32400268, ref: 'T', alt: 'C' }, // the last base: in
  { chrom: '13', pos: 32400269, ref: 'G', alt: 'A' }, // the base after the gene: out
];
const BRCA2_IN_GENE = 9;
const BRCA2_SNPS = 5;
const BRCA2_RANGE = 'assemblyId=GRCh38&referenceName=13&start=32315507&end=32400268';

describe('Beacon gene queries (geneId) over REST and GraphQL', () => {
  let app: INestApplication;
  let base: string;
  let open: string; // GRCh38, answered without the risk budget (count floors still apply)
  let guarded: string; // GRCh38, under the risk budget with a reference panel
  let grch37: string;
  const validator = beaconValidator();

  const get = async (qs: string, headers: Record<string, string> = {}) => {
    const res = await fetch(`${base}/api/g_variants?${qs}`, { headers });
    return { status: res.status, body: (await res.json()) as RestBody };
  };
  const graphql = async (query: Record<string, unknown>) => {
    const res = await fetch(`${base}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        query: `query Q($q: BeaconQueryInput!) { beacon(query: $q) { exists numTotalResults
          resultSets { datasetId count countPrecision } } }`,
        variables: { q: query },
      }),
    });
    return (await res.json()) as {
      data?: {
        beacon: {
          numTotalResults: number;
          resultSets: { datasetId: string; count: number; countPrecision: string }[];
        };
      };
      errors?: { message: string; extensions: { code: string } }[];
    };
  };
  const countOf = (b: RestBody, datasetId: string) =>
    b.response!.resultSets.find((r) => r.id === datasetId)?.resultsCount;

  beforeAll(async () => {
    open = uniqueId('gene-open');
    guarded = uniqueId('gene-guard');
    grch37 = uniqueId('gene-37');
    const panel = uniqueId('panel38');
    app = await createGateway(
      testConfig({ HELIXGATE_POLICIES_DIR: shippedPoliciesWithPanels({ [guarded]: panel }, [open]) }),
    );
    await app.listen(0, '127.0.0.1');
    base = (await app.getUrl()).replace('[::1]', '127.0.0.1');
    const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'panel-')), 'p.vcf');
    // One common allele in BRCA2 (free) and one rarer one the dataset does not have (priced, answered "no").
    fs.writeFileSync(
      file,
      '##fileformat=VCFv4.2\n##INFO=<ID=AF,Number=A,Type=Float,Description="AF">\n' +
        '#CHROM\tPOS\tID\tREF\tALT\tQUAL\tFILTER\tINFO\n' +
        '13\t32340000\t.\tC\tT\t.\t.\tAF=0.4\n' +
        '13\t32390000\t.\tA\tG\t.\t.\tAF=0.05\n',
    );
    await importPanel(app, panel, file, 'GRCh38');
    await createTestDataset(app, open, { assembly: 'GRCh38' });
    await createTestDataset(app, guarded, { assembly: 'GRCh38' });
    await createTestDataset(app, grch37, { assembly: 'GRCh37' });
    await insertTestVariants(app, open, [
      ...BRCA2_ROWS,
      { chrom: '17', pos: 39700000, ref: 'A', alt: 'G' }, // in ERBB2 (HER2): 17:39688093-39728658
    ]);
    await insertTestVariants(app, guarded, [
      { chrom: '13', pos: 32340000, ref: 'C', alt: 'T', het: 10, homAlt: 30 },
    ]);
    await insertTestVariants(app, grch37, [{ chrom: '13', pos: 32890000, ref: 'C', alt: 'T' }]);
  });
  afterAll(async () => {
    await app?.close();
  });

  it('counts exactly the variants overlapping the gene span: the same as the range query over it', async () => {
    const byGene = await get(`geneId=BRCA2&datasetIds=${open}&requestedGranularity=count`);
    const byRange = await get(`${BRCA2_RANGE}&datasetIds=${open}&requestedGranularity=count`);
    expect(byGene.status).toBe(200);
    expect(validator.validate('beaconResultsetsResponse', byGene.body)).toEqual([]);
    expect(countOf(byGene.body, open)).toBe(BRCA2_IN_GENE);
    expect(byGene.body.response).toEqual(byRange.body.response);
    expect(byGene.body.responseSummary).toEqual(byRange.body.responseSummary);
  });

  it('reads symbols case-insensitively, aliases (HER2 is ERBB2) and the spec GET name geneid', async () => {
    const her2 = await get(`geneid=her2&datasetIds=${open}&requestedGranularity=count`);
    const erbb2 = await get(`geneId=ERBB2&datasetIds=${open}&requestedGranularity=count`);
    const byRange = await get(
      `assemblyId=GRCh38&referenceName=17&start=39688093&end=39728658&datasetIds=${open}&requestedGranularity=count`,
    );
    expect(her2.status).toBe(200);
    expect(her2.body.response).toEqual(erbb2.body.response);
    expect(her2.body.response).toEqual(byRange.body.response);
    expect(her2.body.responseSummary?.exists).toBe(true);
  });

  it('combines geneId with variantType, as the range query does', async () => {
    const snps = await get(`geneId=brca2&variantType=SNP&datasetIds=${open}&requestedGranularity=count`);
    const byRange = await get(`${BRCA2_RANGE}&variantType=SNP&datasetIds=${open}&requestedGranularity=count`);
    expect(countOf(snps.body, open)).toBe(BRCA2_SNPS);
    expect(snps.body.response).toEqual(byRange.body.response);
  });

  it('finds small deletions and insertions by variantType DEL / INS / SO term, and by length', async () => {
    const count = async (qs: string) =>
      countOf((await get(`${qs}&datasetIds=${open}&requestedGranularity=count`)).body, open);
    // BRCA2: the deletions ACGT>A (3 bases) and CA>C (1 base); the insertion T>TAA (2 bases).
    expect(await count('geneId=BRCA2&variantType=DEL')).toBe(2);
    expect(await count('geneId=BRCA2&variantType=SO:0000159')).toBe(2);
    expect(await count('geneId=BRCA2&variantType=INS')).toBe(1);
    expect(await count('geneId=BRCA2&variantType=INDEL')).toBe(3);
    expect(await count('geneId=BRCA2&variantMinLength=2')).toBe(3); // ACGT>A, T>TAA, AC>GT
    expect(await count('geneId=BRCA2&variantMinLength=2&variantMaxLength=2')).toBe(2);
    expect(await count(`${BRCA2_RANGE}&variantType=DEL`)).toBe(2);
  });

  it('answers the same over POST and GraphQL, where assemblyId defaults to GRCh38', async () => {
    const post = await fetch(`${base}/api/g_variants`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        meta: { apiVersion: 'v2.0.0' },
        query: { requestParameters: { geneId: 'BRCA2', datasetIds: [open] }, requestedGranularity: 'count' },
      }),
    });
    const body = (await post.json()) as RestBody;
    expect(countOf(body, open)).toBe(BRCA2_IN_GENE);
    const gql = await graphql({ geneId: 'BRCA2', datasetIds: [open], requestedGranularity: 'COUNT' });
    expect(gql.errors).toBeUndefined();
    expect(gql.data!.beacon.resultSets).toEqual([
      { datasetId: open, count: BRCA2_IN_GENE, countPrecision: 'exact' },
    ]);
    const gqlRange = await graphql({
      assemblyId: 'GRCh38',
      referenceName: '13',
      start: 32315507,
      end: 32400268,
      datasetIds: [open],
      requestedGranularity: 'COUNT',
    });
    expect(gql.data).toEqual(gqlRange.data);
  });

  it('goes through the privacy guard as the range query does: the same answer, priced and charged alike', async () => {
    const ds = app.get(DataSource);
    const priced = async (clientId: string) => {
      const rows = await ds.query<{ detail: Record<string, unknown> }[]>(
        `SELECT detail FROM audit_event WHERE detail->>'clientRequestId' = $1`,
        [clientId],
      );
      return rows.map((r) => [r.detail.beaconQuery, r.detail.pricedAlleles]);
    };
    const geneId = uniqueId('req');
    const rangeId = uniqueId('req');
    const byGene = await get(`geneId=BRCA2&datasetIds=${guarded}&requestedGranularity=count`, {
      'x-request-id': geneId,
    });
    const byRange = await get(`${BRCA2_RANGE}&datasetIds=${guarded}&requestedGranularity=count`, {
      'x-request-id': rangeId,
    });
    expect(byGene.status).toBe(200);
    expect(byGene.body.response).toEqual(byRange.body.response);
    expect(countOf(byGene.body, guarded)).toBe(1);
    // The rare panel allele in the gene is priced (charged to the quota) whether asked by gene or range.
    expect(await priced(geneId)).toEqual([['gene', 1]]);
    expect(await priced(rangeId)).toEqual([['range', 1]]);
  });

  it('refuses an unknown gene with a 400 naming it (and suggestions), never an empty answer', async () => {
    const { status, body } = await get(`geneId=BRCA3&datasetIds=${open}`);
    expect(status).toBe(400);
    expect(validator.validate('beaconErrorResponse', body)).toEqual([]);
    expect(body.info?.code).toBe('UNKNOWN_GENE');
    expect(body.error?.errorMessage).toMatch(
      /^geneId "BRCA3" is not a known HGNC symbol.*did you mean BRCA2, BRCA1/,
    );
    const gql = await graphql({ geneId: 'BRCA3' });
    expect(gql.errors?.[0].extensions.code).toBe('UNKNOWN_GENE');
  });

  it('refuses a gene query on GRCh37 (no gene coordinates) and a position beside geneId', async () => {
    const on37 = await get(`geneId=BRCA2&assemblyId=GRCh37&datasetIds=${grch37}`);
    expect(on37.status).toBe(501);
    expect(on37.body.error?.errorMessage).toMatch(/^geneId queries on GRCh37 are not supported/);
    // A GRCh37 dataset named without an assembly: the gene query is on GRCh38, the dataset is not.
    const named = await get(`geneId=BRCA2&datasetIds=${grch37}`);
    expect(named.status).toBe(400);
    expect(named.body.info?.code).toBe('INVALID_ASSEMBLY');
    const both = await get(`geneId=BRCA2&${BRCA2_RANGE}`);
    expect(both.status).toBe(400);
    expect(both.body.error?.errorMessage).toBe(
      'geneId replaces start, end: ask by gene or by position, not both',
    );
  });
});
