import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import type { INestApplication } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { parseDocument } from 'yaml';
import { createGateway } from '../apps/gateway/src/bootstrap';
import { createTestDataset, insertTestVariants } from './support/beacon-factory';
import { codeOf, gql, makeActor } from './support/actors';
import { importPanel, shippedPoliciesWithPanels } from './support/privacy-panels';
import { testConfig, uniqueId } from './support/test-config';

/** The privacy guard in the real query path, with the shipped policy (policies/privacy.yaml) and a panel. */
const Q = `query($d: [ID!], $s: Int!, $e: Int, $r: String, $a: String, $g: BeaconGranularity!) {
  beacon(query: { assemblyId: "GRCh37", referenceName: "1", start: $s, end: $e, referenceBases: $r, alternateBases: $a, datasetIds: $d, requestedGranularity: $g }) {
    exists resultSets { exists granularity count hetCarriers alleleCount countPrecision countAdjustedTo records { carriers { sampleId genotype } } }
  } }`;

// Priced at ~0.3 nats each among 200 individuals (one fits in the shipped budget of ln 1.6, two do not).
const PRICED = 3.4e-3; // ~0.3 nats among 200 individuals: one answer per carrier fits in the budget (ln 1.6), two do not
const QUOTA_ALLELES = 1000;

function panelFile(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'panel-'));
  const file = path.join(dir, 'test-panel.vcf');
  const lines = [
    '##fileformat=VCFv4.2',
    '##INFO=<ID=AF,Number=A,Type=Float,Description="Allele frequency">',
    ['#CHROM', 'POS', 'ID', 'REF', 'ALT', 'QUAL', 'FILTER', 'INFO'].join('\t'),
    '1\t100\t.\tA\tG\t.\t.\tAF=0.00001', // far rarer than any budget pays for
    `1\t200\t.\tC\tT\t.\t.\tAF=${PRICED}`,
    '1\t300\t.\tG\tA\t.\t.\tAF=0.25', // common
    `1\t400\t.\tA\tC\t.\t.\tAF=${PRICED}`,
    `1\t500\t.\tG\tT\t.\t.\tAF=${PRICED}`,
  ];
  // More priced alleles in [10000, 12000) than one account's quota.
  for (let i = 0; i < QUOTA_ALLELES + 200; i++) lines.push(`1\t${10_000 + i}\t.\tA\tT\t.\t.\tAF=${PRICED}`);
  fs.writeFileSync(file, lines.join('\n') + '\n');
  return file;
}

describe('the privacy guard in the beacon (shipped policy)', () => {
  let app: INestApplication;
  let base: string;
  const pub = uniqueId('priv');
  const bare = uniqueId('nopanel');
  const plain = uniqueId('exactcounts');
  const panel = uniqueId('panel');

  beforeAll(async () => {
    const dir = shippedPoliciesWithPanels({ [pub]: panel, [plain]: panel });
    const file = path.join(dir, 'privacy.yaml');
    const doc = parseDocument(fs.readFileSync(file, 'utf8'));
    // Exact counts: no noise, hence no count budget (the policy refuses a count budget on exact counts).
    doc.setIn(['datasets', plain, 'counts', 'noise'], 0);
    doc.setIn(['datasets', plain, 'counts', 'budget'], 0);
    fs.writeFileSync(file, doc.toString());
    app = await createGateway(testConfig({ HELIXGATE_POLICIES_DIR: dir }));
    await app.listen(0, '127.0.0.1');
    base = (await app.getUrl()).replace('[::1]', '127.0.0.1');
    await importPanel(app, panel, panelFile());
    await createTestDataset(app, pub, { securityLevel: 'PUBLIC' });
    await insertTestVariants(
      app,
      pub,
      [
        { chrom: '1', pos: 100, ref: 'A', alt: 'G', het: 1 }, // a singleton: the most identifying answer
        { chrom: '1', pos: 200, ref: 'C', alt: 'T', het: 3 }, // rare: 3 carriers out of 200
        { chrom: '1', pos: 300, ref: 'G', alt: 'A', het: 60, homAlt: 20 }, // common
        { chrom: '1', pos: 400, ref: 'A', alt: 'C', het: 2 }, // carriers 0, 1
        { chrom: '1', pos: 500, ref: 'G', alt: 'T', het: 8 }, // carriers 0..7
        { chrom: '1', pos: 600, ref: 'T', alt: 'C', het: 40 }, // not in the panel: never seen
        { chrom: '1', pos: 10_500, ref: 'A', alt: 'T', het: 12 }, // carriers 8..11 are never charged before
      ],
      { individuals: 200 },
    );
    await createTestDataset(app, plain, { securityLevel: 'PUBLIC' });
    await insertTestVariants(
      app,
      plain,
      [{ chrom: '1', pos: 300, ref: 'G', alt: 'A', het: 60, homAlt: 20 }],
      {
        individuals: 200,
      },
    );
    await createTestDataset(app, bare, { securityLevel: 'PUBLIC' });
    await insertTestVariants(app, bare, [{ chrom: '1', pos: 300, ref: 'G', alt: 'A', het: 60 }], {
      individuals: 200,
    });
  });
  afterAll(() => app.close());

  type Answer = { beacon: { exists: boolean; resultSets: Record<string, unknown>[] } };
  const ask = (
    pos: number,
    ref: string | null,
    alt: string | null,
    g = 'COUNT',
    actor?: Parameters<typeof gql>[3],
    opts: { end?: number; d?: string[] } = {},
  ) =>
    gql<Answer>(base, Q, { d: opts.d ?? [pub], s: pos - 1, e: opts.end ?? null, r: ref, a: alt, g }, actor);

  it('answers a common allele with its allele count under fixed noise, the same for everyone, "imprecise"', async () => {
    const r = await ask(300, 'G', 'A');
    const set = r.data!.beacon.resultSets[0];
    expect(set).toMatchObject({ exists: true, count: 1, hetCarriers: null, countPrecision: 'imprecise' });
    // counts.noise 3: 3 x sqrt(2 x 200 x 0.25 x 0.75) = 26 alleles of standard deviation around the true 100.
    expect(set.alleleCount).toEqual(expect.any(Number));
    expect(Math.abs((set.alleleCount as number) - 100)).toBeLessThan(6 * 26);
    // Asked again, by another caller: the same value (the noise cannot be averaged away).
    const again = await ask(300, 'G', 'A', 'COUNT', (await makeActor(app, ['researcher'])).token);
    expect(again.data!.beacon.resultSets[0].alleleCount).toBe(set.alleleCount);
    // The same data in a dataset whose policy turns the noise off: exact.
    const exact = await ask(300, 'G', 'A', 'COUNT', undefined, { d: [plain] });
    expect(exact.data!.beacon.resultSets[0]).toMatchObject({
      exists: true,
      hetCarriers: 60,
      alleleCount: 100,
      countPrecision: 'exact',
    });
  });

  it('never confirms a singleton, nor an allele the panel has never seen, however common in the dataset', async () => {
    const r = await ask(100, 'A', 'G');
    expect(r.errors).toBeUndefined();
    expect(r.data!.beacon).toMatchObject({ exists: false, resultSets: [{ exists: false, count: 0 }] });
    const unseen = await ask(600, 'T', 'C');
    expect(unseen.data!.beacon.resultSets[0]).toMatchObject({ exists: false, countPrecision: 'imprecise' });
  });

  it('says only "present" about a priced allele: the floor, imprecise', async () => {
    const r = await ask(200, 'C', 'T', 'COUNT', (await makeActor(app, ['researcher'])).token);
    expect(r.data!.beacon.resultSets[0]).toMatchObject({
      exists: true,
      hetCarriers: 5,
      alleleCount: 5,
      countPrecision: 'imprecise',
      countAdjustedTo: 5,
    });
  });

  it('never labels "exact" a count the guard cut (carriers left out for lack of budget)', async () => {
    const researcher = await makeActor(app, ['researcher']);
    await ask(400, 'A', 'C', 'COUNT', researcher); // charges carriers 0 and 1 about 0.3 nats
    const r = await ask(500, 'G', 'T', 'COUNT', researcher); // 0 and 1 cannot pay again: 6 of 8 counted
    const set = r.data!.beacon.resultSets[0];
    expect(set).toMatchObject({ exists: true, countPrecision: 'imprecise' });
    expect(set.hetCarriers).not.toBe(6);
  });

  it('releases no carrier count for an answer about several alleles, only how many are present', async () => {
    const r = await ask(150, null, null, 'COUNT', undefined, { end: 350 });
    expect(r.data!.beacon.resultSets[0]).toMatchObject({
      exists: true,
      count: 2, // 1:200 C>T (priced, decided above) and 1:300 G>A (common); the singleton is never revealed
      hetCarriers: null,
      alleleCount: null,
      countPrecision: 'imprecise',
    });
  });

  it('refuses a range query that could reveal more priced alleles than the whole quota as too broad, and charges nothing', async () => {
    const researcher = await makeActor(app, ['researcher']);
    const r = await ask(10_000, null, null, 'COUNT', researcher, { end: 12_000 });
    // Alone more than the whole quota: no wait would help, so it is refused as too broad (not 429).
    expect(codeOf(r)).toBe('PRIVACY_QUERY_TOO_BROAD');
    expect(r.errors![0].message).toMatch(
      /may reveal 1200 priced alleles, more than your whole quota of 1000 per 86400 s, so it can never be answered; narrow it/,
    );
    const [{ n }]: { n: string }[] = await app
      .get(DataSource)
      .query(
        `SELECT count(*) AS n FROM privacy_decision WHERE dataset_id = $1 AND variant_key LIKE '1:105%'`,
        [pub],
      );
    expect(Number(n)).toBe(0);
    // A narrower query of the same account is answered (40 priced alleles: within the quota and within the
    // account's share of the budgets, 25% of 200 x ln 1.6 nats, at ~0.41 nats expected per allele).
    const ok = await ask(10_481, null, null, 'COUNT', researcher, { end: 10_520 });
    expect(ok.data!.beacon.resultSets[0]).toMatchObject({ exists: true, count: 1 });
  });

  it('refuses a dataset without a reference panel, saying how to give it one', async () => {
    const r = await ask(300, 'G', 'A', 'COUNT', undefined, { d: [bare] });
    expect(codeOf(r)).toBe('PRIVACY_PANEL_MISSING');
    expect(r.errors![0].message).toContain('no reference panel is configured');
  });

  it('lets a grant holder see the records and exact counts, exempt from the budget', async () => {
    const admin = await makeActor(app, ['admin']);
    const steward = await makeActor(app, ['steward']);
    const researcher = await makeActor(app, ['researcher'], { bonaFide: true });
    await gql(
      base,
      `mutation($d: ID!, $s: String!) { assignSteward(datasetId: $d, subject: $s) }`,
      { d: pub, s: steward.subject },
      admin,
    );
    const s = await gql<{ submitAccessRequest: { id: string } }>(
      base,
      `mutation($i: SubmitAccessRequestInput!) { submitAccessRequest(input: $i) { id } }`,
      {
        i: {
          datasetId: pub,
          projectTitle: 't',
          justification: 'Rare variant follow-up in this cohort.',
          purpose: { category: 'GENERAL_RESEARCH', commercial: false, forProfitOrganization: false },
        },
      },
      researcher,
    );
    await gql(
      base,
      `mutation($id: ID!, $e: DateTime!) { approveAccessRequest(id: $id, expiresAt: $e) { status } }`,
      { id: s.data!.submitAccessRequest.id, e: new Date(Date.now() + 86_400_000).toISOString() },
      steward,
    );
    const r = await ask(100, 'A', 'G', 'RECORD', researcher);
    expect(r.data!.beacon.resultSets[0]).toMatchObject({
      exists: true,
      granularity: 'RECORD',
      hetCarriers: 1,
      countPrecision: 'exact',
      records: [{ carriers: [{ sampleId: `${pub}-S1`, genotype: '0/1' }] }],
    });
    // The decryption is its own event (under the request's id), naming the participants released by index.
    const [ev] = await app
      .get(DataSource)
      .query(
        `SELECT action, granularity, detail FROM audit_event WHERE $1 = ANY(dataset_ids) AND action = 'decrypt' ORDER BY seq DESC LIMIT 1`,
        [pub],
      );
    expect(ev).toMatchObject({ action: 'decrypt', granularity: 'RECORD' });
    expect(ev.detail).toMatchObject({
      variantCount: 1,
      individualCount: 1,
      individuals: [expect.any(Number)],
      purpose: 'GENERAL_RESEARCH',
    });
    expect(JSON.stringify(ev)).not.toContain(`${pub}-S1`);
  });

  it('limits the query rate per caller with a clear error', async () => {
    const { RateLimiterService } = await import('@helixgate/privacy');
    const limiter = app.get(RateLimiterService);
    const researcher = await makeActor(app, ['researcher']);
    // Another request of the same principal (a Caller of its own) uses up the allowance.
    const sameAccount = {
      subject: researcher.subject,
      issuer: researcher.issuer,
      roles: [],
      institution: null,
      visas: [],
      requestId: 'earlier-requests',
    };
    let refused: string | undefined;
    for (let i = 0; i < 700 && !refused; i++) {
      try {
        await limiter.check(sameAccount);
      } catch {
        refused = 'RATE_LIMITED';
      }
    }
    expect(refused).toBe('RATE_LIMITED');
    const r = await ask(300, 'G', 'A', 'COUNT', researcher);
    expect(codeOf(r)).toBe('RATE_LIMITED');
  });
});
