import type { INestApplication } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { createGateway } from '../apps/gateway/src/bootstrap';
import { createTestDataset, insertTestVariants } from './support/beacon-factory';
import { codeOf, gql, makeActor } from './support/actors';
import { testConfig, uniqueId } from './support/test-config';

/** The privacy guard in the real query path, with the shipped policy (policies/privacy.yaml). */
const Q = `query($d: [ID!], $s: Int!, $r: String!, $a: String!, $g: BeaconGranularity!) {
  beacon(query: { assemblyId: "GRCh37", referenceName: "1", start: $s, referenceBases: $r, alternateBases: $a, datasetIds: $d, requestedGranularity: $g }) {
    exists resultSets { exists granularity count hetCarriers alleleCount countPrecision countAdjustedTo records { carriers { sampleId genotype } } }
  } }`;

describe('the privacy guard in the beacon (shipped policy)', () => {
  let app: INestApplication;
  let base: string;
  const pub = uniqueId('priv');

  beforeAll(async () => {
    app = await createGateway(testConfig());
    await app.listen(0, '127.0.0.1');
    base = (await app.getUrl()).replace('[::1]', '127.0.0.1');
    await createTestDataset(app, pub, { securityLevel: 'PUBLIC' });
    await insertTestVariants(
      app,
      pub,
      [
        { chrom: '1', pos: 100, ref: 'A', alt: 'G', het: 1 }, // a singleton: the most identifying answer
        { chrom: '1', pos: 200, ref: 'C', alt: 'T', het: 3 }, // rare: 3 carriers out of 200
        { chrom: '1', pos: 300, ref: 'G', alt: 'A', het: 60, homAlt: 20 }, // common
      ],
      { individuals: 200 },
    );
  });
  afterAll(() => app.close());

  const ask = (pos: number, ref: string, alt: string, g = 'COUNT', actor?: Parameters<typeof gql>[3]) =>
    gql<{ beacon: { exists: boolean; resultSets: Record<string, unknown>[] } }>(
      base,
      Q,
      { d: [pub], s: pos - 1, r: ref, a: alt, g },
      actor,
    );

  it('answers a common allele with exact counts', async () => {
    const r = await ask(300, 'G', 'A');
    expect(r.data!.beacon.resultSets[0]).toMatchObject({
      exists: true,
      count: 1,
      hetCarriers: 60,
      alleleCount: 100,
      countPrecision: 'exact',
    });
  });

  it('never confirms a singleton to an anonymous caller (its price exceeds any budget)', async () => {
    const r = await ask(100, 'A', 'G');
    expect(r.errors).toBeUndefined();
    expect(r.data!.beacon).toMatchObject({ exists: false, resultSets: [{ exists: false, count: 0 }] });
  });

  it('reports no exact count between 1 and the floor, and says the count was adjusted', async () => {
    // 3 carriers of 200: priced at about 0.46 nats each, within the ln 2 budget once.
    const r = await ask(200, 'C', 'T', 'COUNT', (await makeActor(app, ['researcher'])).token);
    expect(r.data!.beacon.resultSets[0]).toMatchObject({
      exists: true,
      hetCarriers: 5,
      alleleCount: 5,
      countPrecision: 'imprecise',
      countAdjustedTo: 5,
    });
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
        limiter.check(sameAccount);
      } catch {
        refused = 'RATE_LIMITED';
      }
    }
    expect(refused).toBe('RATE_LIMITED');
    const r = await ask(300, 'G', 'A', 'COUNT', researcher);
    expect(codeOf(r)).toBe('RATE_LIMITED');
  });
});
