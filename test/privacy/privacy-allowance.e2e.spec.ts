import type { INestApplication } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { countEvidence, countNoiseSd, defaultPrivacyPolicy, panelPricingFrequency } from '@helixgate/privacy';
import { codeOf, gql, makeActor, type Actor } from '../support/actors';
import { commonAlleleGateway } from '../support/common-allele-gateway';
import { uniqueId } from '../support/test-config';

/**
 * A researcher reads their own privacy allowance (docs/privacy.md rule 7, issue 10): the count budget spent
 * and left per dataset, what a count of a common allele costs there, and the quota of the current window.
 * The shipped policy on a dataset of 200 individuals with 40 common alleles (AF 0.5 in the panel): each count
 * carries 4 / (2 x 30^2) nats at most (a little more at the panel's lower bound), so 5 fit in 0.013 nats.
 */
const N = 200;
const ALLELES = 40;
const pos = (k: number) => 3_000_000 + 100 * k + 1;

const ALLOWANCE = `query($d: ID!) { myPrivacyAllowance(datasetId: $d) {
  datasetId granularity guarded holder
  countBudget { spentNats capNats leftNats fractionLeft estimates { alleleFrequency natsPerCount countsLeft } }
  quota { allelesUsed allelesCap shareUsedNats shareCapNats windowSeconds windowEndsAt } } }`;

interface Allowance {
  datasetId: string;
  granularity: string;
  guarded: boolean;
  holder: string;
  countBudget: {
    spentNats: number;
    capNats: number;
    leftNats: number;
    fractionLeft: number;
    estimates: { alleleFrequency: number; natsPerCount: number | null; countsLeft: number | null }[];
  };
  quota: {
    allelesUsed: number;
    allelesCap: number;
    shareUsedNats: number;
    shareCapNats: number;
    windowSeconds: number;
    windowEndsAt: string;
  };
}

describe("a researcher's own privacy allowance", () => {
  let app: INestApplication;
  let base: string;
  const dataset = uniqueId('allow');
  const panel = uniqueId('panel');
  const policy = defaultPrivacyPolicy().defaults;
  // What the guard charges one count of these alleles: the panel's AF 0.5 at its 99% lower bound.
  const per = countEvidence(
    countNoiseSd(3, panelPricingFrequency({ af: 0.5, ac: 20000, an: 40000 }, 0.99), N),
    2,
  );

  beforeAll(async () => {
    ({ app, base } = await commonAlleleGateway({ dataset, panel, alleles: ALLELES, individuals: N, pos }));
  }, 180_000);
  afterAll(() => app?.close());

  const ask = async (k: number, who: Actor, granularity: 'COUNT' | 'BOOLEAN') =>
    gql<{ beacon: { exists: boolean; resultSets: { alleleCount: number | null; precision: string }[] } }>(
      base,
      `query($d: [ID!], $g: BeaconGranularity) { beacon(query: { assemblyId: "GRCh37", referenceName: "1",
         start: ${pos(k) - 1}, referenceBases: "A", alternateBases: "T", datasetIds: $d, requestedGranularity: $g })
         { exists resultSets { alleleCount precision } } }`,
      { d: [dataset], g: granularity },
      who,
    );
  const allowance = async (who: Actor) => {
    const r = await gql<{ myPrivacyAllowance: Allowance }>(base, ALLOWANCE, { d: dataset }, who);
    expect(r.errors).toBeUndefined();
    return r.data!.myPrivacyAllowance;
  };

  it('shows the count budget spent going up by each count’s charge, not by yes/no, up to the refusal; a colleague’s is their own', async () => {
    const alice = await makeActor(app, ['researcher'], { bonaFide: true, institution: 'Alice Hospital' });
    const fresh = await allowance(alice);
    expect(fresh).toMatchObject({
      datasetId: dataset,
      granularity: 'COUNT',
      guarded: true,
      holder: 'ACCOUNT',
      countBudget: {
        spentNats: 0,
        capNats: policy.counts.budget,
        leftNats: policy.counts.budget,
        fractionLeft: 1,
      },
      quota: {
        allelesUsed: 0,
        allelesCap: policy.quota.alleles,
        shareUsedNats: 0,
        windowSeconds: policy.quota.windowSeconds,
      },
    });
    expect(fresh.quota.shareCapNats).toBeCloseTo(policy.quota.share * N * policy.riskBudget, 9);
    expect(Date.parse(fresh.quota.windowEndsAt)).toBeGreaterThan(Date.now());
    // At AF 50% a count costs 4 / 1,800 nats: 5 fit (docs/privacy.md rule 7); at 20% 4 / 1,152 (3 fit).
    const at = (a: Allowance, f: number) => a.countBudget.estimates.find((e) => e.alleleFrequency === f)!;
    expect(at(fresh, 0.5).natsPerCount).toBeCloseTo(4 / 1800, 12);
    expect(at(fresh, 0.5).countsLeft).toBe(5);
    expect(at(fresh, 0.2).countsLeft).toBe(Math.floor(policy.counts.budget / (4 / 1152)));

    // One count: spent goes up by exactly what the guard charged it.
    const first = await ask(0, alice, 'COUNT');
    expect(first.errors).toBeUndefined();
    expect(first.data!.beacon.resultSets[0].precision).toBe('IMPRECISE');
    const afterCount = await allowance(alice);
    expect(afterCount.countBudget.spentNats).toBeCloseTo(per, 12);
    expect(afterCount.countBudget.leftNats).toBeCloseTo(policy.counts.budget - per, 12);
    expect(afterCount.countBudget.fractionLeft).toBeCloseTo(1 - per / policy.counts.budget, 9);
    expect(at(afterCount, 0.5).countsLeft).toBe(4);

    // A yes/no answer is not charged.
    const yes = await ask(1, alice, 'BOOLEAN');
    expect(yes.data!.beacon.exists).toBe(true);
    expect((await allowance(alice)).countBudget.spentNats).toBeCloseTo(per, 12);

    // Counts until the refusal: the allowance said how many fit, and it was right.
    const fits = Math.floor(policy.counts.budget / per);
    expect(fits).toBe(5);
    for (let k = 1; k < fits; k++) expect((await ask(k, alice, 'COUNT')).errors).toBeUndefined();
    const spent = await allowance(alice);
    expect(spent.countBudget.spentNats).toBeCloseTo(fits * per, 12);
    expect(at(spent, 0.5).countsLeft).toBe(0);
    expect(codeOf(await ask(fits, alice, 'COUNT'))).toBe('PRIVACY_COUNT_BUDGET_SPENT');
    // The refusal changed nothing.
    expect((await allowance(alice)).countBudget.spentNats).toBeCloseTo(fits * per, 12);

    // A colleague of another institution has a budget of their own.
    const bob = await makeActor(app, ['researcher'], { bonaFide: true, institution: 'Bob University' });
    expect((await allowance(bob)).countBudget).toMatchObject({ spentNats: 0, fractionLeft: 1 });
    // The list form agrees, and covers every visible dataset when none is named.
    const all = await gql<{
      myPrivacyAllowances: { datasetId: string; countBudget: { spentNats: number } }[];
    }>(base, `{ myPrivacyAllowances { datasetId countBudget { spentNats } } }`, {}, alice);
    const mine = all.data!.myPrivacyAllowances.find((a) => a.datasetId === dataset)!;
    expect(mine.countBudget.spentNats).toBeCloseTo(fits * per, 12);

    // Each read is audited as a read of that dataset.
    const events: { outcome: string }[] = await app.get(DataSource).query(
      `SELECT outcome FROM audit_event WHERE actor = $1 AND $2 = ANY(dataset_ids)
          AND action = 'graphql:query myPrivacyAllowance' ORDER BY seq`,
      [alice.subject, dataset],
    );
    expect(events.length).toBe(5);
    expect(events.every((e) => e.outcome === 'allow')).toBe(true);
  }, 180_000);

  it('refuses a dataset the caller may not see, in the same words as one that does not exist, and audits it', async () => {
    // Anonymous callers see PUBLIC datasets only.
    const hidden = await gql(base, ALLOWANCE, { d: dataset });
    const missing = await gql(base, ALLOWANCE, { d: `${dataset}-nope` });
    expect(codeOf(hidden)).toBe('UNKNOWN_DATASET');
    expect(codeOf(missing)).toBe('UNKNOWN_DATASET');
    expect(hidden.errors![0].message).toBe(`dataset "${dataset}" not found or no access`);
    expect(hidden.data).toBeNull();
    // One hidden dataset among several: the whole read is refused.
    const many = await gql(base, `query($d: [ID!]) { myPrivacyAllowances(datasetIds: $d) { datasetId } }`, {
      d: [dataset],
    });
    expect(codeOf(many)).toBe('UNKNOWN_DATASET');
    const denied: { n: number }[] = await app.get(DataSource).query(
      `SELECT count(*)::int AS n FROM audit_event WHERE action LIKE 'graphql:query myPrivacyAllowance%'
          AND outcome = 'deny' AND actor = 'anonymous'`,
    );
    expect(denied[0].n).toBeGreaterThanOrEqual(3);
  }, 60_000);
});
