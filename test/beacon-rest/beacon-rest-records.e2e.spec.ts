import type { INestApplication } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { createGateway } from '../../apps/gateway/src/bootstrap';
import { gql, makeActor, type Actor } from '../support/actors';
import { createTestDataset, insertTestVariants } from '../support/beacon-factory';
import { testConfig, uniqueId } from '../support/test-config';
import { exactAnswerPolicies } from '../support/test-policies';
import { beaconValidator } from './support/beacon-schemas';

const VARIANT_SCHEMA = 'models/json/beacon-v2-default-model/genomicVariations/defaultSchema.json' as const;
/** Variants in the paging spec's window: more than one largest page. */
const MANY = 130;
const PURPOSE = { category: 'GENERAL_RESEARCH', commercial: false, forProfitOrganization: false };

interface RecordBody {
  meta: {
    returnedGranularity: string;
    receivedRequestSummary: { pagination: { skip: number; limit: number } };
  };
  responseSummary: { exists: boolean; numTotalResults?: number };
  response?: {
    resultSets: {
      id: string;
      resultsCount: number;
      info?: { recordsTruncated?: boolean };
      results: {
        variantInternalId: string;
        caseLevelData: { biosampleId: string; zygosity?: { label: string } }[];
      }[];
    }[];
  };
  error?: { errorCode: number; errorMessage: string };
}

describe('Beacon v2 REST record-level answers (grant holders only)', () => {
  let app: INestApplication;
  let base: string;
  let controlled: string;
  let granted: Actor;
  let notGranted: Actor;
  const validator = beaconValidator();

  async function get(path: string, actor?: Actor): Promise<{ status: number; body: RecordBody }> {
    const res = await fetch(`${base}${path}`, {
      headers: actor ? { authorization: `Bearer ${actor.token}` } : {},
    });
    return { status: res.status, body: (await res.json()) as RecordBody };
  }
  const range = (extra: string) =>
    `/api/g_variants?assemblyId=GRCh37&referenceName=20&start=1000000&end=1001000&datasetIds=${controlled}&requestedGranularity=record${extra}`;

  beforeAll(async () => {
    app = await createGateway(testConfig({ HELIXGATE_POLICIES_DIR: exactAnswerPolicies() }));
    await app.listen(0, '127.0.0.1');
    base = (await app.getUrl()).replace('[::1]', '127.0.0.1');
    controlled = await createTestDataset(app, uniqueId('rest-rec'), { securityLevel: 'CONTROLLED' });
    await insertTestVariants(
      app,
      controlled,
      [
        { chrom: '20', pos: 1_000_100, ref: 'A', alt: 'G', het: 2, homAlt: 1 },
        { chrom: '20', pos: 1_000_200, ref: 'AC', alt: 'A', het: 1 },
        { chrom: '20', pos: 1_000_300, ref: 'T', alt: 'C', het: 0, hemi: 1 },
      ],
      { individuals: 10 },
    );
    // More variants than the largest page of records (RECORD_LIMIT, 100), elsewhere on the chromosome.
    await insertTestVariants(
      app,
      controlled,
      Array.from({ length: MANY }, (_, i) => ({ chrom: '20', pos: 1_100_001 + 10 * i, ref: 'A', alt: 'G' })),
    );
    const admin = await makeActor(app, ['admin']);
    const steward = await makeActor(app, ['steward']);
    granted = await makeActor(app, ['researcher'], { bonaFide: true });
    notGranted = await makeActor(app, ['researcher'], { bonaFide: true });
    const assigned = await gql(
      base,
      `mutation($d: ID!, $s: String!) { assignSteward(datasetId: $d, subject: $s) }`,
      { d: controlled, s: steward.subject },
      admin,
    );
    expect(assigned.errors).toBeUndefined();
    const submitted = await gql<{ submitAccessRequest: { id: string } }>(
      base,
      `mutation($i: SubmitAccessRequestInput!) { submitAccessRequest(input: $i) { id } }`,
      {
        i: {
          datasetId: controlled,
          projectTitle: 'beacon REST records',
          justification: 'Checking record-level Beacon answers for grant holders.',
          purpose: PURPOSE,
        },
      },
      granted,
    );
    expect(submitted.errors).toBeUndefined();
    const approved = await gql(
      base,
      `mutation($id: ID!, $e: DateTime!) { approveAccessRequest(id: $id, expiresAt: $e) { status } }`,
      {
        id: submitted.data!.submitAccessRequest.id,
        e: new Date(Date.now() + 365 * 86_400_000).toISOString(),
      },
      steward,
    );
    expect(approved.errors).toBeUndefined();
  });
  afterAll(async () => {
    await app?.close();
  });

  it('answers a grant holder with schema-valid genomic variant records and their carriers', async () => {
    const { status, body } = await get(range(''), granted);
    expect({ status, error: body.error }).toEqual({ status: 200, error: undefined });
    expect(validator.validate('beaconResultsetsResponse', body)).toEqual([]);
    expect(body.meta.returnedGranularity).toBe('record');
    // Record-level callers get exact counts, and v2.2 says so.
    expect(body.responseSummary).toEqual({ exists: true, numTotalResults: 3, countPrecision: 'exact' });
    const [set] = body.response!.resultSets;
    expect(set.id).toBe(controlled);
    expect(set.resultsCount).toBe(3);
    for (const r of set.results) expect(validator.validate(VARIANT_SCHEMA, r)).toEqual([]);
    expect(set.results.map((r) => r.variantInternalId)).toEqual([
      'GRCh37:20:1000099:A:G',
      'GRCh37:20:1000199:AC:A',
      'GRCh37:20:1000299:T:C',
    ]);
    const snp = set.results[0].caseLevelData.map((c) => c.zygosity?.label).sort();
    expect(snp).toEqual(['heterozygous', 'heterozygous', 'homozygous']);
    expect(set.results[2].caseLevelData.map((c) => c.zygosity?.label)).toEqual(['hemizygous']);
    expect(set.results[0].caseLevelData.every((c) => c.biosampleId.startsWith(`${controlled}-S`))).toBe(true);
  });

  it('pages the records by skip (pages) and limit, keeping the total', async () => {
    const { body } = await get(range('&skip=1&limit=2'), granted);
    expect(validator.validate('beaconResultsetsResponse', body)).toEqual([]);
    const [set] = body.response!.resultSets;
    expect(set.resultsCount).toBe(3);
    expect(set.results.map((r) => r.variantInternalId)).toEqual(['GRCh37:20:1000299:T:C']);
    expect(set.info?.recordsTruncated).toBeUndefined();
    const first = (await get(range('&limit=2'), granted)).body.response!.resultSets[0];
    expect(first.results.map((r) => r.variantInternalId)).toEqual([
      'GRCh37:20:1000099:A:G',
      'GRCh37:20:1000199:AC:A',
    ]);
    // More variants follow this page.
    expect(first.info?.recordsTruncated).toBe(true);
    const past = (await get(range('&skip=2&limit=2'), granted)).body.response!.resultSets[0];
    expect({ count: past.resultsCount, results: past.results }).toEqual({ count: 3, results: [] });
  });

  it('pages with a limit above the largest page without skipping or repeating a record', async () => {
    const window = (extra: string) =>
      `/api/g_variants?assemblyId=GRCh37&referenceName=20&start=1100000&end=1102000&datasetIds=${controlled}&requestedGranularity=record${extra}`;
    const seen: string[] = [];
    for (let skip = 0; ; skip++) {
      const { status, body } = await get(window(`&skip=${skip}&limit=150`), granted);
      expect(status).toBe(200);
      // The page served is the largest one, and the echo says so: skip counts pages of that size.
      expect(body.meta.receivedRequestSummary.pagination).toEqual({ skip, limit: 100 });
      const [set] = body.response!.resultSets;
      expect(set.resultsCount).toBe(MANY);
      if (set.results.length === 0) break;
      seen.push(...set.results.map((r) => r.variantInternalId));
      expect(skip).toBeLessThan(3);
    }
    const all = Array.from({ length: MANY }, (_, i) => `GRCh37:20:${1_100_000 + 10 * i}:A:G`);
    expect(seen).toEqual(all);
    // limit=0 is the same largest page.
    const zero = (await get(window('&skip=1&limit=0'), granted)).body;
    expect(zero.meta.receivedRequestSummary.pagination).toEqual({ skip: 1, limit: 100 });
    expect(zero.response!.resultSets[0].results.map((r) => r.variantInternalId)).toEqual(all.slice(100));
  });

  it("decrypts and audits only the page's variants and their carriers", async () => {
    const decrypted = async (extra: string) => {
      await get(range(extra), granted);
      const [ev] = await app
        .get(DataSource)
        .query<{ detail: { variantCount: number; individualCount: number } }[]>(
          `SELECT detail FROM audit_event WHERE $1 = ANY(dataset_ids) AND action = 'decrypt' ORDER BY seq DESC LIMIT 1`,
          [controlled],
        );
      return { variants: ev.detail.variantCount, individuals: ev.detail.individualCount };
    };
    // The hemizygous SNV alone (one carrier); then the first two variants (2 het + 1 hom, and 1 het).
    expect(await decrypted('&skip=1&limit=2')).toEqual({ variants: 1, individuals: 1 });
    expect((await decrypted('&limit=2')).variants).toBe(2);
    // Beacon's default page is 10 variants; limit 0 is the largest page the beacon serves.
    expect((await decrypted('')).variants).toBe(3);
    expect((await decrypted('&limit=0')).variants).toBe(3);
  });

  it('sends a record answer as JSON with its length', async () => {
    const res = await fetch(`${base}${range('')}`, { headers: { authorization: `Bearer ${granted.token}` } });
    const bytes = Buffer.from(await res.arrayBuffer());
    expect(res.headers.get('content-type')).toBe('application/json; charset=utf-8');
    expect(Number(res.headers.get('content-length'))).toBe(bytes.length);
    expect(validator.validate('beaconResultsetsResponse', JSON.parse(bytes.toString('utf8')))).toEqual([]);
  });

  it('serves the record id back through /g_variants/{id}, with no other parameter needed', async () => {
    const id = (await get(range(''), granted)).body.response!.resultSets[0].results[1].variantInternalId;
    const { body } = await get(
      `/api/g_variants/${id}?datasetIds=${controlled}&requestedGranularity=record`,
      granted,
    );
    expect(validator.validate('beaconResultsetsResponse', body)).toEqual([]);
    expect(body.response!.resultSets[0].results.map((r) => r.variantInternalId)).toEqual([id]);
    const bare = await get(`/api/g_variants/${id}`, granted);
    expect({ status: bare.status, exists: bare.body.responseSummary.exists }).toEqual({
      status: 200,
      exists: true,
    });
    // The older form still works with assemblyId; an assemblyId that contradicts the id is refused.
    const old = await get(`/api/g_variants/20:1000199:AC:A?assemblyId=GRCh37`, granted);
    expect(old.body.responseSummary.exists).toBe(true);
    const contradicting = await get(`/api/g_variants/${id}?assemblyId=GRCh38`, granted);
    expect(contradicting.status).toBe(400);
  });

  it('refuses the same question to a bona fide researcher without a grant, and to an anonymous caller', async () => {
    for (const actor of [notGranted, undefined]) {
      const { status, body } = await get(range(''), actor);
      expect(status).toBeGreaterThanOrEqual(400);
      expect(status).toBeLessThan(500);
      expect(validator.validate('beaconErrorResponse', body)).toEqual([]);
      expect(body.error!.errorCode).toBe(status);
      expect(JSON.stringify(body)).not.toContain(`${controlled}-S`);
    }
  });
});
