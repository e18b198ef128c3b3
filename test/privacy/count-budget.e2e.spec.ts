import type { INestApplication } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { countEvidence, countNoiseSd, defaultPrivacyPolicy, panelPricingFrequency } from '@helixgate/privacy';
import { codeOf, gql, makeActor, type Actor } from '../support/actors';
import { commonAlleleGateway } from '../support/common-allele-gateway';
import { uniqueId } from '../support/test-config';

/**
 * The count budget (docs/privacy.md rule 7, issue 10): the noisy allele counts one account is told about a
 * dataset are bounded, for good, so that an allele-frequency test on them (Sankararaman et al. 2009) cannot
 * tell members from non-members. A dataset of 200 individuals under the shipped policy, 40 common alleles
 * (AF 0.5 in the panel; in the data one copy in every other individual, AC 100 of 400): each count carries
 * 4 / (2 x 30^2) nats at most, so 5 fit in the shipped 0.013 nats. Over REST, as an outside caller asks.
 */
const N = 200;
const ALLELES = 40;
const pos = (k: number) => 2_000_000 + 100 * k + 1;

describe("one account's count budget", () => {
  let app: INestApplication;
  let base: string;
  const dataset = uniqueId('counts');
  const panel = uniqueId('panel');

  beforeAll(async () => {
    ({ app, base } = await commonAlleleGateway({ dataset, panel, alleles: ALLELES, individuals: N, pos }));
  }, 180_000);
  afterAll(() => app?.close());

  type Reply = {
    responseSummary?: { exists: boolean };
    response?: { resultSets: { info?: { alleleCount: number | null; countPrecision: string | null } }[] };
    error?: { errorCode: number; errorMessage: string };
    info?: { code?: string };
  };
  const ask = async (k: number, who: Actor, granularity: 'count' | 'boolean' = 'count') => {
    const res = await fetch(
      `${base}/api/g_variants?assemblyId=GRCh37&referenceName=1&start=${pos(k) - 1}&referenceBases=A` +
        `&alternateBases=T&datasetIds=${dataset}&requestedGranularity=${granularity}&includeResultsetResponses=ALL`,
      { headers: { authorization: `Bearer ${who.token}` } },
    );
    return { status: res.status, body: (await res.json()) as Reply };
  };

  it('tells an account counts until its budget is spent, then refuses counts (403, coded, audited) but not yes/no', async () => {
    const policy = defaultPrivacyPolicy().defaults;
    const per = countEvidence(
      countNoiseSd(3, panelPricingFrequency({ af: 0.5, ac: 20000, an: 40000 }, 0.99), N),
      2,
    );
    const fits = Math.floor(policy.counts.budget / per);
    expect(fits).toBe(5);
    const alice = await makeActor(app, ['researcher'], { bonaFide: true, institution: 'Alice Institute' });
    const told: number[] = [];
    for (let k = 0; k < fits; k++) {
      const r = await ask(k, alice);
      expect(r.status).toBe(200);
      const info = r.body.response!.resultSets[0].info!;
      expect(info.countPrecision).toBe('imprecise');
      told.push(info.alleleCount!);
    }
    // Every count is near the true one, 100 (every other individual carries one copy), with noise of 3
    // sampling deviations (sd 30 alleles): within 6 sd. (It was compared with N = 200, so about one run in
    // 60 failed on a count below 20.)
    for (const v of told) expect(Math.abs(v - N / 2)).toBeLessThan(6 * 30);

    const refused = await ask(fits, alice);
    expect(refused.status).toBe(403);
    expect(refused.body.info?.code).toBe('PRIVACY_COUNT_BUDGET_SPENT');
    expect(refused.body.error?.errorMessage).toMatch(
      /count budget of 0\.013 nats .* ask with requestedGranularity=boolean/,
    );
    // Asking again is charged again: a count already told is refused too.
    expect((await ask(0, alice)).body.info?.code).toBe('PRIVACY_COUNT_BUDGET_SPENT');
    // The same account's yes/no answers are not charged.
    const yes = await ask(fits, alice, 'boolean');
    expect(yes.status).toBe(200);
    expect(yes.body.responseSummary!.exists).toBe(true);
    // GraphQL refuses with the same code.
    const g = await gql(
      base,
      `query($d: [ID!]) { beacon(query: { assemblyId: "GRCh37", referenceName: "1", start: ${pos(fits + 1) - 1},
         referenceBases: "A", alternateBases: "T", datasetIds: $d, requestedGranularity: COUNT }) { exists } }`,
      { d: [dataset] },
      alice,
    );
    expect(codeOf(g)).toBe('PRIVACY_COUNT_BUDGET_SPENT');

    const events: { outcome: string; reason: string; limit: string }[] = await app.get(DataSource).query(
      `SELECT outcome, reason, detail->>'privacyLimit' AS limit FROM audit_event
        WHERE actor = $1 AND $2 = ANY(dataset_ids) AND outcome = 'deny' ORDER BY seq`,
      [alice.subject, dataset],
    );
    expect(events).toEqual(
      [0, 1, 2].map(() => ({ outcome: 'deny', reason: 'PRIVACY_COUNT_BUDGET_SPENT', limit: 'counts' })),
    );

    // A colleague has a budget of their own, and is told the same (fixed) noisy values.
    const bob = await makeActor(app, ['researcher'], { bonaFide: true, institution: 'Bob University' });
    for (let k = 0; k < 3; k++)
      expect((await ask(k, bob)).body.response!.resultSets[0].info!.alleleCount).toBe(told[k]);
  }, 180_000);
});
