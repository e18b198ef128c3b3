import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import type { INestApplication } from '@nestjs/common';
import { parseDocument } from 'yaml';
import { createGateway } from '../../apps/gateway/src/bootstrap';
import { createTestDataset, insertTestVariants } from '../support/beacon-factory';
import { importPanel, shippedPoliciesWithPanels } from '../support/privacy-panels';
import { testConfig, uniqueId } from '../support/test-config';
import { beaconValidator } from './support/beacon-schemas';

interface CountBody {
  meta: { apiVersion: string };
  responseSummary: {
    exists: boolean;
    numTotalResults: number;
    countPrecision?: string;
    countAdjustedTo?: unknown;
  };
  response: {
    resultSets: { id: string; resultsCount: number; info: Record<string, unknown> }[];
  };
}

/** The shipped privacy policy (count floor 5) with a reference panel, and exact counts of common alleles. */
describe('Beacon v2 REST under the shipped privacy policy', () => {
  let app: INestApplication;
  let base: string;
  let dataset: string;
  const validator = beaconValidator();

  beforeAll(async () => {
    dataset = uniqueId('rest-priv');
    const panel = uniqueId('panel');
    // counts.noise off for this dataset: these checks are about floors and labels of exact counts (the shipped
    // noise on common alleles' counts is checked in test/beacon-privacy.e2e.spec.ts).
    const dir = shippedPoliciesWithPanels({ [dataset]: panel });
    const policyFile = path.join(dir, 'privacy.yaml');
    const doc = parseDocument(fs.readFileSync(policyFile, 'utf8'));
    doc.setIn(['datasets', dataset, 'counts', 'noise'], 0);
    doc.setIn(['datasets', dataset, 'counts', 'budget'], 0); // no count budget on exact counts
    fs.writeFileSync(policyFile, doc.toString());
    app = await createGateway(testConfig({ HELIXGATE_POLICIES_DIR: dir }));
    await app.listen(0, '127.0.0.1');
    base = (await app.getUrl()).replace('[::1]', '127.0.0.1');
    const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'panel-')), 'p.vcf');
    fs.writeFileSync(
      file,
      '##fileformat=VCFv4.2\n##INFO=<ID=AF,Number=A,Type=Float,Description="AF">\n' +
        '#CHROM\tPOS\tID\tREF\tALT\tQUAL\tFILTER\tINFO\n20\t2000100\t.\tA\tG\t.\t.\tAF=0.4\n',
    );
    await importPanel(app, panel, file);
    await createTestDataset(app, dataset);
    // A common allele (the risk budget has nothing to price) with few heterozygous carriers.
    await insertTestVariants(app, dataset, [
      { chrom: '20', pos: 2_000_100, ref: 'A', alt: 'G', het: 2, homAlt: 40 },
      // An allele the panel does not have: the guard answers "no" for it.
      { chrom: '20', pos: 2_000_200, ref: 'C', alt: 'T', het: 1, homAlt: 0 },
    ]);
  });
  afterAll(async () => {
    await app?.close();
  });

  it('floors a small carrier count, says so beside it, and agrees with GraphQL', async () => {
    const res = await fetch(
      `${base}/api/g_variants?assemblyId=GRCh37&referenceName=20&start=2000099&referenceBases=A&alternateBases=G&datasetIds=${dataset}&requestedGranularity=count`,
    );
    const body = (await res.json()) as CountBody;
    expect(res.status).toBe(200);
    expect(validator.validate('beaconCountResponse', body)).toEqual([]);
    expect(validator.validate('beaconResultsetsResponse', body)).toEqual([]);
    const [set] = body.response.resultSets;
    expect(set.resultsCount).toBe(1);
    expect(set.info).toMatchObject({
      hetCarriers: 5,
      homAltCarriers: 40,
      countPrecision: 'imprecise',
      countAdjustedTo: 5,
    });

    const gql = await fetch(`${base}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        query: `{ beacon(query: { assemblyId: "GRCh37", referenceName: "20", start: 2000099, referenceBases: "A",
          alternateBases: "G", datasetIds: ["${dataset}"], requestedGranularity: COUNT }) {
          resultSets { count hetCarriers homAltCarriers countPrecision } } }`,
      }),
    });
    const [g] = ((await gql.json()) as { data: { beacon: { resultSets: Record<string, unknown>[] } } }).data
      .beacon.resultSets;
    expect(g).toEqual({
      count: set.resultsCount,
      hetCarriers: set.info.hetCarriers,
      homAltCarriers: set.info.homAltCarriers,
      countPrecision: set.info.countPrecision,
    });
  });

  it('labels a resultsCount the guard may have reduced (result-set countPrecision), and an exact one as exact', async () => {
    const get = async (q: string) =>
      (await (
        await fetch(
          `${base}/api/g_variants?assemblyId=GRCh37&referenceName=20&${q}&datasetIds=${dataset}&requestedGranularity=count`,
        )
      ).json()) as CountBody;
    const range = await get('start=2000000&end=2000300');
    expect(validator.validate('beaconCountResponse', range)).toEqual([]);
    // 2 alleles stored, 1 released: the count says it may be short.
    expect(range.response.resultSets[0]).toMatchObject({ resultsCount: 1, countPrecision: 'imprecise' });
    const one = await get('start=2000099&referenceBases=A&alternateBases=G');
    expect(one.response.resultSets[0]).toMatchObject({ resultsCount: 1, countPrecision: 'exact' });
  });

  describe('Beacon v2.2 count labels (the default) and v2.1.1 on request', () => {
    const ask = async (q: string, apiVersion?: string) =>
      (await (
        await fetch(
          `${base}/api/g_variants?assemblyId=GRCh37&referenceName=20&${q}&datasetIds=${dataset}&requestedGranularity=count${apiVersion ? `&apiVersion=${apiVersion}` : ''}`,
        )
      ).json()) as CountBody;

    it('labels a resultsCount the guard reduced imprecise on the set and the summary, with no value adjusted to', async () => {
      const body = await ask('start=2000000&end=2000300');
      expect(body.meta.apiVersion).toBe('v2.2.0');
      // 2 alleles stored, 1 released: the sum of variant counts may be short; nothing was moved to a stated value.
      expect(body.responseSummary).toEqual({ exists: true, numTotalResults: 1, countPrecision: 'imprecise' });
      expect(body.response.resultSets[0]).toMatchObject({ resultsCount: 1, countPrecision: 'imprecise' });
      expect(body.response.resultSets[0]).not.toHaveProperty('countAdjustedTo');
      // The floored carrier count keeps its own label beside it in info.
      expect(validator.validate('beaconCountResponse', body)).toEqual([]);
      expect(validator.validate('beaconResultsetsResponse', body)).toEqual([]);
    });

    it('labels an exact count exact, and keeps the floored carrier counts labelled in info', async () => {
      const body = await ask('start=2000099&referenceBases=A&alternateBases=G', 'v2.2');
      expect(body.meta.apiVersion).toBe('v2.2.0');
      expect(body.responseSummary).toEqual({ exists: true, numTotalResults: 1, countPrecision: 'exact' });
      expect(body.response.resultSets[0]).toMatchObject({
        resultsCount: 1,
        countPrecision: 'exact',
        info: { hetCarriers: 5, countPrecision: 'imprecise', countAdjustedTo: 5 },
      });
    });

    it('answers a client asking for v2.0 or v2.1 in the v2.1.1 shape, valid against the v2.1.1 schemas', async () => {
      for (const v of ['v2.0.0', 'v2.1.1']) {
        const body = await ask('start=2000000&end=2000300', v);
        expect(body.meta.apiVersion).toBe('v2.1.1');
        expect(body.responseSummary).toEqual({ exists: true, numTotalResults: 1 });
        expect(validator.validate('beaconCountResponse', body)).toEqual([]);
        expect(validator.validate('beaconResultsetsResponse', body)).toEqual([]);
      }
    });

    it('refuses an apiVersion it does not speak with a 400 envelope', async () => {
      const res = await fetch(
        `${base}/api/g_variants?assemblyId=GRCh37&referenceName=20&start=2000099&referenceBases=A&alternateBases=G&apiVersion=v3.0.0`,
      );
      expect(res.status).toBe(400);
      const body = (await res.json()) as { error: { errorMessage: string } };
      expect(validator.validate('beaconErrorResponse', body)).toEqual([]);
      expect(body.error.errorMessage).toMatch(/apiVersion v3\.0\.0 is not served here/);
    });
  });
});
