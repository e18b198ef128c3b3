import { InMemoryBudgetStore } from './budget-store';
import { revelationCost } from './pricing';
import { PrivacyGuardService } from './privacy-guard.service';
import { defaultPrivacyPolicy } from './privacy-policy';
import type { BudgetExhaustedEvent, GuardHit } from './risk-budget.service';

const N = 1000;
// Priced at ~0.4 nats each: one fits in a budget of ln 2, two do not.
const F = 5.55e-4;
const hit = (key: string, carriers: number[], referenceFrequency = F): GuardHit => ({
  variantKey: key,
  referenceFrequency,
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

  const spent = (principal: string, individual: number) =>
    store.withScope(
      { principal, datasetId: 'ds' },
      async (l) => (await l.budgets([individual])).get(individual)?.spent ?? 0,
    );

  it('charges each counted carrier the price of the answer', async () => {
    const [a] = await guard.admit(ctx, [hit('v1', [3, 7])]);
    expect(a).toMatchObject({ exists: true, reportedCarriers: [3, 7], excluded: 0, replayed: false });
    expect(await spent('sub:alice', 3)).toBeCloseTo(revelationCost(F, N), 12);
    expect(revelationCost(F, N)).toBeGreaterThan(0.35);
  });

  it('leaves out a carrier whose budget cannot pay, and says "no" when every carrier is left out', async () => {
    await guard.admit(ctx, [hit('v1', [3, 7])]);
    const [b, c] = await guard.admit(ctx, [hit('v2', [3, 9]), hit('v3', [7])]);
    expect(b).toMatchObject({ exists: true, reportedCarriers: [9], excluded: 1 });
    expect(c).toMatchObject({ exists: false, reportedCarriers: [], excluded: 1 });
    expect(await spent('sub:alice', 3)).toBeLessThanOrEqual(Math.LN2);
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
        riskBudget: Math.LN2,
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

  it('shares one budget among the accounts of an institution, and keeps budgets apart otherwise', async () => {
    const acct = (p: string) => ({ ...ctx, principal: p, institution: 'inst-x' });
    await guard.admit(acct('sub:a'), [hit('v1', [3])]);
    const [b] = await guard.admit(acct('sub:b'), [hit('v2', [3])]);
    expect(b.exists).toBe(false);
    const accountMode = { ...defaultPrivacyPolicy().defaults, collusion: 'account' as const };
    const [c] = await guard.admit({ ...acct('sub:c'), policy: accountMode }, [hit('v2', [3])]);
    expect(c.exists).toBe(true);
  });

  it('keeps budgets per dataset', async () => {
    await guard.admit(ctx, [hit('v1', [3])]);
    const [a] = await guard.admit({ ...ctx, datasetId: 'other' }, [hit('v2', [3])]);
    expect(a.exists).toBe(true);
  });

  it('serialises concurrent requests of one principal (the last of a budget is spent once)', async () => {
    const answers = await Promise.all([
      guard.admit(ctx, [hit('v1', [3])]),
      guard.admit(ctx, [hit('v2', [3])]),
    ]);
    expect(answers.filter(([a]) => a.exists)).toHaveLength(1);
  });

  it('rounds counts per the dataset policy', () => {
    expect(guard.roundCount(3, 'ds')).toEqual({ value: 5, countPrecision: 'imprecise', countAdjustedTo: 5 });
  });
});
