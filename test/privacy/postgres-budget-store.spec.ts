import 'reflect-metadata';
import { PooledStatements, dataSourceOptions } from '@helixgate/db';
import {
  InMemoryBudgetStore,
  PostgresBudgetStore,
  PrivacyGuardService,
  defaultPrivacyPolicy,
  type BudgetStore,
  type GuardHit,
} from '@helixgate/privacy';
import { DataSource } from 'typeorm';
import { uniqueId } from '../support/test-config';

const connect = () =>
  new DataSource(
    dataSourceOptions(process.env.DATABASE_URL!, Number(process.env.HELIXGATE_DB_POOL_MAX ?? 4)),
  ).initialize();

/** A seeded stream of uniform numbers (mulberry32), to draw the same random queries twice. */
function rng(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    let t = (state = (state + 0x6d2b79f5) >>> 0);
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

describe('PostgreSQL budget store', () => {
  let ds: DataSource;
  const datasets: string[] = [];
  const newDataset = async () => {
    const id = uniqueId('privacy');
    await ds.query(
      `INSERT INTO dataset (id, name, assembly, security_level) VALUES ($1, $1, 'GRCh38', 'PUBLIC')`,
      [id],
    );
    datasets.push(id);
    return id;
  };

  beforeAll(async () => {
    ds = await connect();
  });
  afterAll(async () => {
    for (const id of datasets) await ds.query(`DELETE FROM dataset WHERE id = $1`, [id]);
    await PooledStatements.end(ds);
    await ds.destroy();
  });

  it('takes exactly the decisions of the in-memory store on a random stream of queries', async () => {
    const datasetId = await newDataset();
    const run = async (store: BudgetStore) => {
      const guard = new PrivacyGuardService(defaultPrivacyPolicy(), store);
      const next = rng(7);
      const out: number[] = [];
      for (let q = 0; q < 120; q++) {
        const hits: GuardHit[] = Array.from({ length: 1 + Math.floor(next() * 3) }, () => {
          const site = Math.floor(next() * 60);
          const carriers = [
            ...new Set(Array.from({ length: 1 + (site % 4) }, (_, k) => (site * 7 + k * 13) % 50)),
          ];
          return { variantKey: `v${site}`, carriers, pricingFrequency: 3e-4 + (site % 10) * 1e-4 };
        });
        const principal = `sub:${Math.floor(next() * 3)}`;
        const admitted = await guard.admit({ principal, institution: null, datasetId, n: 1000 }, hits);
        out.push(...admitted.map((a) => a.reportedCarriers.length));
      }
      return out;
    };
    const inMemory = await run(new InMemoryBudgetStore());
    const inPostgres = await run(new PostgresBudgetStore(ds));
    expect(inPostgres).toEqual(inMemory);
    // Not vacuous: budgets ran out and answers were suppressed.
    const [{ n }]: { n: string }[] = await ds.query(
      `SELECT count(*) AS n FROM privacy_individual_budget WHERE dataset_id = $1 AND exhausted_at IS NOT NULL`,
      [datasetId],
    );
    expect(Number(n)).toBeGreaterThan(0);
    expect(inMemory.filter((x) => x === 0).length).toBeGreaterThan(0);
  });

  it('keeps budgets and decisions across a restart', async () => {
    const datasetId = await newDataset();
    const ctx = { principal: `sub:${uniqueId('p')}`, institution: null, datasetId, n: 1000 };
    const hit = (key: string): GuardHit => ({ variantKey: key, pricingFrequency: 6.8e-4, carriers: [5] });
    const guard = new PrivacyGuardService(defaultPrivacyPolicy(), new PostgresBudgetStore(ds));
    expect((await guard.admit(ctx, [hit('v1')]))[0].exists).toBe(true);

    const ds2 = await connect(); // a new process: nothing in memory
    try {
      const restarted = new PrivacyGuardService(defaultPrivacyPolicy(), new PostgresBudgetStore(ds2));
      const other = { ...ctx, principal: `sub:${uniqueId('q')}` };
      const [again, next] = await restarted.admit(other, [hit('v1'), hit('v2')]);
      expect(again).toMatchObject({ exists: true, replayed: true });
      expect(next).toMatchObject({ exists: false, excluded: 1 });
    } finally {
      await PooledStatements.end(ds2);
      await ds2.destroy();
    }
  });

  it('spends the last of a budget once under concurrent requests of different callers', async () => {
    const datasetId = await newDataset();
    const guard = new PrivacyGuardService(defaultPrivacyPolicy(), new PostgresBudgetStore(ds));
    const answers = await Promise.all(
      ['a', 'b', 'c', 'd'].map((k) =>
        guard.admit({ principal: `sub:${k}`, institution: k, datasetId, n: 1000 }, [
          { variantKey: k, pricingFrequency: 6.8e-4, carriers: [6] },
        ]),
      ),
    );
    expect(answers.filter(([a]) => a.exists)).toHaveLength(1);
  });

  it('spends the last of a budget once when two gateway processes race on it (read with the lock)', async () => {
    // The ledger is read in the same message that takes the lock (BudgetScope.prefetch): under READ
    // COMMITTED that read must see what the previous holder committed, or two callers spend one budget.
    const ds2 = await connect();
    try {
      const stores = [new PostgresBudgetStore(ds), new PostgresBudgetStore(ds2)];
      for (let round = 0; round < 3; round++) {
        const datasetId = await newDataset();
        const answers = await Promise.all(
          Array.from({ length: 8 }, (_, k) =>
            new PrivacyGuardService(defaultPrivacyPolicy(), stores[k % 2]).admit(
              { principal: `sub:r${k}`, institution: `i${k}`, datasetId, n: 1000 },
              [{ variantKey: `v${k}`, pricingFrequency: 6.8e-4, carriers: [6] }],
            ),
          ),
        );
        expect(answers.filter(([a]) => a.exists)).toHaveLength(1);
        const [{ spent }]: { spent: number }[] = await ds.query(
          `SELECT spent FROM privacy_individual_budget WHERE dataset_id = $1 AND individual_idx = 6`,
          [datasetId],
        );
        expect(Number(spent)).toBeLessThanOrEqual(defaultPrivacyPolicy().defaults.riskBudget + 1e-9);
      }
    } finally {
      await PooledStatements.end(ds2);
      await ds2.destroy();
    }
  });

  it('reads afresh what was not prefetched, and after a write, within one unit of work', async () => {
    const datasetId = await newDataset();
    const store = new PostgresBudgetStore(ds);
    await store.withScope({ datasetId }, (l) =>
      l.save(
        new Map([[1, { spent: 0.25, exhausted: false }]]),
        new Map([['k1', { carriers: 1, admitted: 1 }]]),
      ),
    );
    const seen = await store.withScope(
      { datasetId, prefetch: { variantKeys: ['k1'], individuals: [1] } },
      async (l) => {
        const first = await l.read(['k1'], [1]); // from the prefetch
        const other = await l.budgets([2]); // not prefetched: read now
        await l.save(new Map([[1, { spent: 0.5, exhausted: false }]]), new Map());
        const after = await l.budgets([1]); // the write goes first, then the read
        return { first, other, after };
      },
    );
    expect(seen.first.budgets.get(1)).toEqual({ spent: 0.25, exhausted: false });
    expect(seen.first.decisions.get('k1')).toEqual({ carriers: 1, admitted: 1 });
    expect(seen.other.size).toBe(0);
    expect(seen.after.get(1)).toEqual({ spent: 0.5, exhausted: false });
  });

  it('commits nothing of a unit of work whose write the database refuses (sent with its COMMIT)', async () => {
    const datasetId = await newDataset();
    const store = new PostgresBudgetStore(ds);
    // Two writes in the message before the COMMIT; the second breaks privacy_decision's CHECK (admitted <=
    // carriers): PostgreSQL skips the COMMIT, withScope rolls back, and the first write is gone too.
    await expect(
      store.withScope({ datasetId, prefetch: { variantKeys: ['k'], individuals: [3] } }, async (l) => {
        await l.read(['k'], [3]);
        await l.save(
          new Map([[3, { spent: 0.1, exhausted: false }]]),
          new Map([['k', { carriers: 1, admitted: 1 }]]),
        );
        await l.save(new Map(), new Map([['k2', { carriers: 1, admitted: 2 }]]));
      }),
    ).rejects.toThrow(/check constraint/);
    const left = async () => [
      ...(await ds.query<unknown[]>(`SELECT variant_key FROM privacy_decision WHERE dataset_id = $1`, [
        datasetId,
      ])),
      ...(await ds.query<unknown[]>(
        `SELECT individual_idx FROM privacy_individual_budget WHERE dataset_id = $1`,
        [datasetId],
      )),
    ];
    expect(await left()).toEqual([]);
    // A value no column takes is refused before anything is sent.
    await expect(
      store.withScope({ datasetId }, (l) =>
        l.save(new Map([[3, { spent: Number.NaN, exhausted: false }]]), new Map()),
      ),
    ).rejects.toThrow(/not a finite number/);
    expect(await left()).toEqual([]);
    // The connection went back to the pool clean: the next unit of work commits.
    await store.withScope({ datasetId }, (l) =>
      l.save(new Map([[3, { spent: 0.1, exhausted: false }]]), new Map()),
    );
    expect(await left()).toHaveLength(1);
  });

  it('keeps quotes, backslashes and array syntax in variant keys as data (the ledger writes literals)', async () => {
    const datasetId = await newDataset();
    const guard = new PrivacyGuardService(defaultPrivacyPolicy(), new PostgresBudgetStore(ds));
    const keys = [
      String.raw`1:5:A>T'); DELETE FROM privacy_decision; --\\' "x\"`,
      String.raw`1:6:{"a",b\}\"}\'::text[]`,
      'NULL',
    ];
    const hits: GuardHit[] = keys.map((k, i) => ({
      variantKey: k,
      pricingFrequency: 6.8e-4,
      carriers: [10 + i],
    }));
    const ctx = { principal: 'sub:quote', institution: null, datasetId, n: 1000 };
    const outcome = async (principal: string) =>
      (await guard.admit({ ...ctx, principal }, hits)).map((h) => [h.exists, h.replayed]);
    expect(await outcome('sub:quote')).toEqual(keys.map(() => [true, false]));
    expect(await outcome('sub:other')).toEqual(keys.map(() => [true, true])); // replayed: read back by key
    const rows: { variant_key: string }[] = await ds.query(
      `SELECT variant_key FROM privacy_decision WHERE dataset_id = $1`,
      [datasetId],
    );
    expect(rows.map((r) => r.variant_key).sort()).toEqual([...keys].sort());
  });

  it('charges quotas all or nothing', async () => {
    const [a, b] = [await newDataset(), await newDataset()];
    const store = new PostgresBudgetStore(ds);
    const charge = (datasetId: string, alleles: number, nats = 0) => ({
      principal: 'sub:q',
      datasetId,
      alleles,
      cap: 10,
      nats,
      natsCap: 1,
      windowSeconds: 3600,
    });
    expect(await store.chargeQuotas([charge(a, 9)], 1000)).toBeNull();
    expect(await store.chargeQuotas([charge(b, 5), charge(a, 2)], 2000)).toMatchObject({
      limit: 'alleles',
      datasetId: a,
      used: 9,
      cap: 10,
    });
    expect(await store.chargeQuotas([charge(b, 10)], 3000)).toBeNull(); // b was not charged above
    expect(await store.chargeQuotas([charge(a, 1)], 4000)).toBeNull();
    expect(await store.chargeQuotas([charge(a, 1)], 3_600_000 + 1)).toBeNull(); // a new window
    // A cap beyond 32 bits (the bench's policy sets 10^12).
    expect(await store.chargeQuotas([{ ...charge(b, 5), cap: 1e12 }], 5000)).toBeNull();
  });

  it('holds the expected draw against the share, all or nothing, per window', async () => {
    const [a, b] = [await newDataset(), await newDataset()];
    const store = new PostgresBudgetStore(ds);
    const charge = (datasetId: string, nats: number) => ({
      principal: 'sub:share',
      datasetId,
      alleles: 1,
      cap: 0,
      nats,
      natsCap: 1,
      windowSeconds: 3600,
    });
    expect(await store.chargeQuotas([charge(a, 0.75)], 1000)).toBeNull();
    expect(await store.chargeQuotas([charge(b, 0.5), charge(a, 0.5)], 2000)).toMatchObject({
      limit: 'share',
      datasetId: a,
      nats: 0.5,
      natsUsed: 0.75,
      natsCap: 1,
    });
    expect(await store.chargeQuotas([charge(b, 1)], 3000)).toBeNull(); // b was not charged above
    expect(await store.chargeQuotas([charge(a, 0.25)], 4000)).toBeNull(); // exactly the share
    expect(await store.chargeQuotas([charge(a, 0.01)], 5000)).toMatchObject({ limit: 'share' });
    expect(await store.chargeQuotas([charge(a, 1)], 3_600_000 + 1)).toBeNull(); // a new window
  });

  it('holds the count budget for good, refusing past it with what was spent', async () => {
    const a = await newDataset();
    const store = new PostgresBudgetStore(ds);
    const charge = { principal: 'sub:counts', datasetId: a, alleles: 0, cap: 0, nats: 0, natsCap: 0 };
    const counts = { ...charge, windowSeconds: 60, countNats: 0.01, countCap: 0.025 };
    expect(await store.chargeQuotas([counts], 1000)).toBeNull();
    expect(await store.chargeQuotas([counts], 2000)).toBeNull();
    // A new window does not refill it.
    expect(await store.chargeQuotas([counts], 3_600_000)).toMatchObject({
      limit: 'counts',
      countSpent: 0.02,
      countCap: 0.025,
      retryAfterSeconds: null,
    });
    // A charge that passes a cap on its own is refused without creating a row.
    const b = await newDataset();
    expect(await store.chargeQuotas([{ ...counts, datasetId: b, countNats: 0.03 }], 1000)).toMatchObject({
      limit: 'counts',
      countSpent: 0,
    });
    expect(
      await ds.query(`SELECT 1 FROM privacy_quota WHERE principal = 'sub:counts' AND dataset_id = $1`, [b]),
    ).toEqual([]);
  });

  it('never passes a cap under concurrent charges, and charges every dataset of a query or none', async () => {
    const [a, b] = [await newDataset(), await newDataset()];
    // Two stores on two pools: charges from two gateway processes.
    const ds2 = await connect();
    try {
      const stores = [new PostgresBudgetStore(ds), new PostgresBudgetStore(ds2)];
      const charge = (datasetId: string, cap: number) => ({
        principal: 'sub:race',
        datasetId,
        alleles: 1,
        cap,
        nats: 0,
        natsCap: 0,
        windowSeconds: 3600,
        countNats: 0.001,
        countCap: 1,
      });
      // a's quota fits 10 queries, b's 15: every query asks both (in either order).
      const results = await Promise.all(
        Array.from({ length: 24 }, (_, i) =>
          stores[i % 2].chargeQuotas(
            i % 3 === 0 ? [charge(b, 15), charge(a, 10)] : [charge(a, 10), charge(b, 15)],
            1000,
          ),
        ),
      );
      expect(results.filter((r) => r === null)).toHaveLength(10);
      expect(results.filter((r) => r !== null).every((r) => r.limit === 'alleles' && r.datasetId === a)).toBe(
        true,
      );
      const rows: { dataset_id: string; used: number; count_spent: number }[] = await ds.query(
        `SELECT dataset_id, used, count_spent FROM privacy_quota WHERE principal = 'sub:race' ORDER BY dataset_id`,
      );
      // b was charged only with a: ten times, not 24.
      expect(rows.map((r) => [r.dataset_id, Number(r.used)]).sort()).toEqual(
        [
          [a, 10],
          [b, 10],
        ].sort(),
      );
      for (const r of rows) expect(Number(r.count_spent)).toBeCloseTo(0.01, 12);
    } finally {
      await PooledStatements.end(ds2);
      await ds2.destroy();
    }
  });

  it('stores no variant together with the individuals counted for it', async () => {
    const columns: { table_name: string; column_name: string }[] = await ds.query(
      `SELECT table_name, column_name FROM information_schema.columns
        WHERE table_name IN ('privacy_individual_budget', 'privacy_decision', 'privacy_quota')`,
    );
    const of = (t: string) => columns.filter((c) => c.table_name === t).map((c) => c.column_name);
    expect(of('privacy_decision')).not.toContain('individual_idx');
    expect(of('privacy_individual_budget')).not.toContain('variant_key');
    expect(of('privacy_quota')).not.toContain('individual_idx');
  });
});
