import 'reflect-metadata';
import { dataSourceOptions } from '@helixgate/db';
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
