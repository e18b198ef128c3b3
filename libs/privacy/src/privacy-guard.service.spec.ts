import { errorReplyOf } from '@helixgate/common';
import { InMemoryBudgetStore } from './budget-store';
import { expectedDraw, revelationCost } from './pricing';
import { ANONYMOUS_PRINCIPAL } from './principal';
import { PrivacyGuardService } from './privacy-guard.service';
import { defaultPrivacyPolicy } from './privacy-policy';
import type { BudgetExhaustedEvent, GuardHit } from './risk-budget.service';

const N = 1000;
// Priced at ~0.3 nats each: one fits in the default budget (ln 1.6 = 0.47), two do not.
const F = 6.8e-4;
const BUDGET = defaultPrivacyPolicy().defaults.riskBudget;
const hit = (key: string, carriers: number[], pricingFrequency = F): GuardHit => ({
  variantKey: key,
  pricingFrequency,
  carriers,
});

describe('PrivacyGuardService', () => {
  let store: InMemoryBudgetStore;
  let guard: PrivacyGuardService;
  const ctx = { principal: 'sub:alice', institution: null, datasetId: 'ds', n: N };

  beforeEach(() => {
    store = new InMemoryBudgetStore();
    guard = new PrivacyGuardService(defaultPrivacyPolicy(), store);
  });

  const spent = (_principal: string, individual: number, datasetId = 'ds') =>
    store.withScope({ datasetId }, async (l) => (await l.budgets([individual])).get(individual)?.spent ?? 0);

  it('charges each counted carrier the price of the answer', async () => {
    const [a] = await guard.admit(ctx, [hit('v1', [3, 7])]);
    expect(a).toMatchObject({ exists: true, reportedCarriers: [3, 7], excluded: 0, replayed: false });
    expect(await spent('sub:alice', 3)).toBeCloseTo(revelationCost(F, N), 12);
    expect(revelationCost(F, N)).toBeGreaterThan(BUDGET / 2);
    expect(revelationCost(F, N)).toBeLessThan(BUDGET);
  });

  it('leaves out a carrier whose budget cannot pay, and says "no" when every carrier is left out', async () => {
    await guard.admit(ctx, [hit('v1', [3, 7])]);
    const [b, c] = await guard.admit(ctx, [hit('v2', [3, 9]), hit('v3', [7])]);
    expect(b).toMatchObject({ exists: true, reportedCarriers: [9], excluded: 1 });
    expect(c).toMatchObject({ exists: false, reportedCarriers: [], excluded: 1 });
    expect(await spent('sub:alice', 3)).toBeLessThanOrEqual(BUDGET);
  });

  it('answers a repeated query as first released without charging again', async () => {
    const [first] = await guard.admit(ctx, [hit('v1', [3, 7])]);
    const before = await spent('sub:alice', 3);
    const [again] = await guard.admit(ctx, [hit('v1', [3, 7])]);
    expect(again).toMatchObject({ exists: first.exists, excluded: first.excluded, replayed: true });
    expect(again.reportedCarriers).toHaveLength(first.reportedCarriers.length);
    expect(await spent('sub:alice', 3)).toBe(before);
  });

  it('keeps answering "yes" for a repeated query after its carriers ran out (no yes-then-no flip)', async () => {
    await guard.admit(ctx, [hit('v1', [3])]);
    await guard.admit(ctx, [hit('v2', [3])]); // 3 is now left out of new answers
    const [again] = await guard.admit(ctx, [hit('v1', [3])]);
    expect(again.exists).toBe(true);
  });

  it('never reveals an allele rarer than a full budget can pay for, and charges nothing for it', async () => {
    const [a] = await guard.admit(ctx, [hit('rare', [1], 1e-5)]);
    expect(a.exists).toBe(false);
    expect(await spent('sub:alice', 1)).toBe(0);
  });

  it('counts every carrier of a common allele without charging', async () => {
    const carriers = Array.from({ length: 300 }, (_, i) => i);
    const [a] = await guard.admit(ctx, [hit('common', carriers, 0.2)]);
    expect(a.reportedCarriers).toHaveLength(300);
    expect(await spent('sub:alice', 0)).toBe(0);
  });

  it('reports an individual left out for lack of budget once, without variant or genotype', async () => {
    const events: BudgetExhaustedEvent[] = [];
    guard.onBudgetExhausted((e) => void events.push(...e));
    await guard.admit(ctx, [hit('v1', [3])]);
    await guard.admit(ctx, [hit('v2', [3])]);
    await guard.admit(ctx, [hit('v3', [3])]);
    expect(events).toEqual([
      {
        principal: 'sub:alice',
        datasetId: 'ds',
        individual: 3,
        spent: expect.any(Number) as number,
        riskBudget: BUDGET,
      },
    ]);
    expect(JSON.stringify(events)).not.toMatch(/v[123]/);
  });

  it('lets a CONTROLLED caller with a grant see every carrier, uncharged', async () => {
    await guard.admit(ctx, [hit('v1', [3])]);
    await guard.admit(ctx, [hit('v2', [3])]);
    const [a] = await guard.admit({ ...ctx, exempt: true }, [hit('v3', [3])]);
    expect(a).toMatchObject({ exists: true, reportedCarriers: [3] });
  });

  it('shares each individual budget among all callers, whatever their institution (collusion gains nothing)', async () => {
    const acct = (p: string, inst: string) => ({ ...ctx, principal: p, institution: inst });
    await guard.admit(acct('sub:a', 'inst-x'), [hit('v1', [3])]);
    const [b] = await guard.admit(acct('sub:b', 'inst-y'), [hit('v2', [3])]);
    expect(b.exists).toBe(false);
    const accountMode = { ...defaultPrivacyPolicy().defaults, collusion: 'account' as const };
    const [c] = await guard.admit({ ...acct('sub:c', 'inst-z'), policy: accountMode }, [hit('v3', [3])]);
    expect(c.exists).toBe(false);
    expect(await spent('', 3)).toBeLessThanOrEqual(BUDGET);
  });

  it('replays the first decision about an allele to every later caller (no flip between two callers)', async () => {
    const [first] = await guard.admit({ ...ctx, principal: 'sub:a' }, [hit('v1', [3])]);
    await guard.admit({ ...ctx, principal: 'sub:a' }, [hit('v2', [3])]); // 3 is now out of new answers
    const [other] = await guard.admit({ ...ctx, principal: 'sub:b', institution: 'elsewhere' }, [
      hit('v1', [3]),
    ]);
    expect(first.exists).toBe(true);
    expect(other).toMatchObject({ exists: true, replayed: true });
  });

  it('refuses a query past the caller quota of priced alleles, changing nothing, and counts per account', async () => {
    const policy = {
      ...defaultPrivacyPolicy(),
      defaults: { ...defaultPrivacyPolicy().defaults, quota: { alleles: 10, share: 0, windowSeconds: 60 } },
    };
    const g = new PrivacyGuardService(policy, store);
    const alice = { principal: 'sub:alice', institution: 'inst-x' };
    await g.chargeQuota(alice, [{ datasetId: 'ds', pricedAlleles: 8 }], 1_000);
    await expect(
      g.chargeQuota(
        alice,
        [
          { datasetId: 'other', pricedAlleles: 1 },
          { datasetId: 'ds', pricedAlleles: 3 },
        ],
        2_000,
      ),
    ).rejects.toMatchObject({ code: 'PRIVACY_QUOTA_EXCEEDED' });
    // Nothing was charged by the refused query: 'other' still has its whole quota, 'ds' its last 2.
    await g.chargeQuota(alice, [{ datasetId: 'other', pricedAlleles: 10 }], 3_000);
    await g.chargeQuota(alice, [{ datasetId: 'ds', pricedAlleles: 2 }], 3_000);
    // Another account of the same institution has its own quota (collusion mode account, the default).
    await g.chargeQuota(
      { principal: 'sub:bob', institution: 'inst-x' },
      [{ datasetId: 'ds', pricedAlleles: 10 }],
      3_000,
    );
    // A new window starts afresh.
    await g.chargeQuota(alice, [{ datasetId: 'ds', pricedAlleles: 10 }], 61_000);
    await expect(g.chargeQuota(alice, [{ datasetId: 'ds', pricedAlleles: 1 }], 62_000)).rejects.toThrow(
      /10 of your 10 per 60 s are used; .* retry in 58 s/,
    );
  });

  it('refuses a query that alone passes the whole quota or share as too broad (400, no retry), charging nothing', async () => {
    const policy = {
      ...defaultPrivacyPolicy(),
      defaults: {
        ...defaultPrivacyPolicy().defaults,
        quota: { alleles: 10, share: 0.25, windowSeconds: 60 },
      },
    };
    const g = new PrivacyGuardService(policy, store);
    const alice = { principal: 'sub:alice', institution: 'inst-x' };
    const tooMany = g.chargeQuota(alice, [{ datasetId: 'ds', pricedAlleles: 11 }], 1_000);
    await expect(tooMany).rejects.toMatchObject({
      code: 'PRIVACY_QUERY_TOO_BROAD',
      details: { limit: 'alleles', alleles: 11, cap: 10 },
    });
    await expect(g.chargeQuota(alice, [{ datasetId: 'ds', pricedAlleles: 11 }], 1_000)).rejects.toThrow(
      /11 priced alleles, more than your whole quota of 10 per 60 s, so it can never be answered; narrow it/,
    );
    const share = 0.25 * 100 * Math.log(1.6);
    const tooDear = g.chargeQuota(
      alice,
      [{ datasetId: 'ds', pricedAlleles: 1, expectedDraw: 1.5 * share, individuals: 100 }],
      1_000,
    );
    await expect(tooDear).rejects.toMatchObject({
      code: 'PRIVACY_QUERY_TOO_BROAD',
      details: { limit: 'share' },
    });
    // As the caller sees it: 400, no Retry-After (waiting never helps).
    const reply = errorReplyOf(
      await g.chargeQuota(alice, [{ datasetId: 'ds', pricedAlleles: 11 }], 1_000).catch((e: unknown) => e),
      'r',
    );
    expect({ status: reply.status, headers: reply.headers }).toEqual({ status: 400, headers: {} });
    // Nothing was charged: the whole quota is still there.
    await g.chargeQuota(alice, [{ datasetId: 'ds', pricedAlleles: 10 }], 2_000);
    // Past what is left (but not the whole quota) is still a 429 with the wait.
    await expect(g.chargeQuota(alice, [{ datasetId: 'ds', pricedAlleles: 1 }], 2_000)).rejects.toMatchObject({
      code: 'PRIVACY_QUOTA_EXCEEDED',
    });
  });

  it("refuses a query past the caller's share of the dataset's budgets, saying so, and changes nothing", async () => {
    const g = new PrivacyGuardService(defaultPrivacyPolicy(), store); // shipped default: a quarter
    const alice = { principal: 'sub:alice', institution: 'inst-x' };
    // 100 individuals, ln 1.6 each: a share of 25% is 11.75 nats.
    const share = 0.25 * 100 * Math.log(1.6);
    const ask = (nats: number, who: { principal: string; institution: string | null } = alice) =>
      g.chargeQuota(
        who,
        [{ datasetId: 'ds', pricedAlleles: 1, expectedDraw: nats, individuals: 100 }],
        1_000,
      );
    await ask(0.6 * share);
    await expect(ask(0.5 * share)).rejects.toMatchObject({
      code: 'PRIVACY_QUOTA_EXCEEDED',
      details: { limit: 'share', natsCap: share },
    });
    await expect(ask(0.5 * share)).rejects.toThrow(
      /would draw 50\.0% of your share .* 60\.0% of it is used .* at most 25% of what the dataset may reveal/,
    );
    await ask(0.4 * share); // the refused queries charged nothing
    await expect(ask(0.01)).rejects.toMatchObject({ code: 'PRIVACY_QUOTA_EXCEEDED' });
    // A colleague has a share of their own.
    await ask(0.9 * share, { principal: 'sub:bob', institution: 'inst-x' });
    // Every anonymous caller is one principal: the refusal says whose share it is, not "your".
    const anonymous = { principal: ANONYMOUS_PRINCIPAL, institution: null };
    await ask(0.6 * share, anonymous);
    await expect(ask(0.5 * share, anonymous)).rejects.toThrow(
      /would draw 50\.0% of the anonymous callers' shared share/,
    );
  });

  it("refuses a count past the caller's count budget for good (no window refills it), and changes nothing", async () => {
    const g = new PrivacyGuardService(defaultPrivacyPolicy(), store); // shipped: 0.013 nats, noise 3
    const alice = { principal: 'sub:alice', institution: 'inst-x' };
    const policy = g.policyFor('ds');
    // f = 0.5 among 200: sd = 3 x sqrt(2 x 200 x 0.25) = 30, p^2 / (2 sd^2) = 4 / 1800 nats per count.
    const per = g.countEvidence(0.5, 200, 2, policy);
    expect(per).toBeCloseTo(4 / 1800, 12);
    const ask = (at: number, who = alice, evidence = per) =>
      g.chargeQuota(who, [{ datasetId: 'ds', pricedAlleles: 0, countEvidence: evidence }], at);
    const fits = Math.floor(policy.counts.budget / per); // 5 counts
    expect(fits).toBe(5);
    for (let i = 0; i < fits; i++) await ask(1_000 + i);
    const refusal = ask(2_000);
    await expect(refusal).rejects.toMatchObject({
      code: 'PRIVACY_COUNT_BUDGET_SPENT',
      details: { limit: 'counts', countCap: policy.counts.budget, retryAfterSeconds: null },
    });
    await expect(ask(2_000)).rejects.toThrow(/count budget of 0\.013 nats .* requestedGranularity=boolean/);
    // Days later (other quota windows), still refused; a cheaper count that fits is still answered.
    await expect(ask(10 * 86_400_000)).rejects.toMatchObject({ code: 'PRIVACY_COUNT_BUDGET_SPENT' });
    const left = policy.counts.budget - fits * per;
    await ask(10 * 86_400_000, alice, left * 0.9);
    // Queries that release no count (yes/no, priced alleles) are not charged to it.
    await g.chargeQuota(alice, [{ datasetId: 'ds', pricedAlleles: 1 }], 10 * 86_400_000);
    // A colleague has a budget of their own.
    await ask(2_000, { principal: 'sub:bob', institution: 'inst-x' });
  });

  it("reads a principal's own allowance without charging: count budget for good, quota per window, shared by the institution in institution mode", async () => {
    const g = new PrivacyGuardService(defaultPrivacyPolicy(), store);
    const policy = g.policyFor('ds');
    const alice = { principal: 'sub:alice', institution: 'inst-x' };
    const ds = { id: 'ds', individuals: 200 };
    const per = g.countEvidence(0.5, 200, 2, policy);
    const day = policy.quota.windowSeconds * 1000;
    const fresh = await g.allowance(alice, ds, 1_000);
    expect(fresh.counts).toMatchObject({ spentNats: 0, capNats: 0.013, leftNats: 0.013, fractionLeft: 1 });
    expect(fresh.counts!.estimates.map((e) => e.countsLeft)).toEqual([5, 3, null]); // 5% is priced at N = 200: yes/no only
    expect(fresh.quota).toMatchObject({ allelesUsed: 0, allelesCap: 1000, windowEndsAt: day });
    await g.chargeQuota(
      alice,
      [{ datasetId: 'ds', pricedAlleles: 3, expectedDraw: 0.5, individuals: 200, countEvidence: per }],
      2_000,
    );
    const after = await g.allowance(alice, ds, 3_000);
    expect(after.counts!.spentNats).toBeCloseTo(per, 12);
    expect(after.counts!.estimates[0].countsLeft).toBe(4);
    expect(after.quota).toMatchObject({ allelesUsed: 3, shareUsedNats: 0.5 });
    // Reading charged nothing.
    expect((await g.allowance(alice, ds, 3_000)).counts!.spentNats).toBeCloseTo(per, 12);
    // The next window: the quota and the share are back, the count budget is not.
    const later = await g.allowance(alice, ds, day + 1);
    expect(later.quota).toMatchObject({ allelesUsed: 0, shareUsedNats: 0, windowEndsAt: 2 * day });
    expect(later.counts!.spentNats).toBeCloseTo(per, 12);
    // A colleague's is their own in account mode; in institution mode one allowance is the institution's.
    expect((await g.allowance({ principal: 'sub:bob', institution: 'inst-x' }, ds)).counts!.spentNats).toBe(
      0,
    );
    const shared = new PrivacyGuardService(
      { ...defaultPrivacyPolicy(), defaults: { ...policy, collusion: 'institution' } },
      store,
    );
    await shared.chargeQuota(alice, [{ datasetId: 'ds', pricedAlleles: 0, countEvidence: per }], 4_000);
    const bob = await shared.allowance({ principal: 'sub:bob', institution: 'inst-x' }, ds, 5_000);
    expect(bob.sharedBy).toBe('institution');
    expect(bob.counts!.spentNats).toBeCloseTo(per, 12);
    // Too few individuals for any count: no estimate; no count budget in the policy: no count allowance.
    const tiny = await g.allowance(alice, { id: 'ds', individuals: 1 });
    expect(tiny.counts!.estimates.every((e) => e.countsLeft === null && e.natsPerCount === null)).toBe(true);
    const none = new PrivacyGuardService(
      { ...defaultPrivacyPolicy(), defaults: { ...policy, counts: { ...policy.counts, budget: 0 } } },
      store,
    );
    expect((await none.allowance(alice, ds)).counts).toBeNull();
  });

  it('charges a count the worst case over genotypes: more for a rarer allele, nothing without a count budget', () => {
    const policy = guard.policyFor('ds');
    // sd = 3 x sqrt(2 x 200 x 0.05 x 0.95): an allele of 5% costs ~5 times one of 50%.
    expect(guard.countEvidence(0.05, 200, 2, policy)).toBeCloseTo(4 / (2 * 9 * 400 * 0.05 * 0.95), 12);
    expect(guard.countEvidence(0.5, 200, 1, policy)).toBeCloseTo(1 / (2 * 9 * 200 * 0.25), 12);
    expect(guard.countEvidence(0.5, 200, 2, { ...policy, counts: { ...policy.counts, budget: 0 } })).toBe(0);
  });

  it('prices the expected draw from the panel: price x expected carriers', () => {
    // f = 0.004 among 200 diploid individuals: 0.227 nats per carrier, 1.6 carriers expected.
    const c = revelationCost(0.004, 200);
    expect(expectedDraw(0.004, 200)).toBeCloseTo(c * 200 * (1 - 0.996 ** 2), 10);
    expect(expectedDraw(0, 200)).toBe(0); // never revealed, never drawn
  });

  it('keeps budgets per dataset', async () => {
    await guard.admit(ctx, [hit('v1', [3])]);
    const [a] = await guard.admit({ ...ctx, datasetId: 'other' }, [hit('v2', [3])]);
    expect(a.exists).toBe(true);
  });

  it('serialises concurrent requests on one dataset (the last of a budget is spent once)', async () => {
    const answers = await Promise.all([
      guard.admit(ctx, [hit('v1', [3])]),
      guard.admit({ ...ctx, principal: 'sub:bob', institution: 'other' }, [hit('v2', [3])]),
    ]);
    expect(answers.filter(([a]) => a.exists)).toHaveLength(1);
  });

  it('rounds counts per the dataset policy', () => {
    expect(guard.roundCount(3, 'ds')).toEqual({ value: 5, countPrecision: 'imprecise', countAdjustedTo: 5 });
  });
});
