import 'reflect-metadata';
import { dataSourceOptions } from '@helixgate/db';
import {
  InMemoryBudgetStore,
  PostgresBudgetStore,
  PrivacyGuardService,
  defaultPrivacyPolicy,
  policyFor,
  type BudgetStore,
} from '@helixgate/privacy';
import { DataSource } from 'typeorm';
import { uniqueId } from '../support/test-config';
import { optimalAttack, sbAttack } from './attacks';
import { Oracle, SCENARIOS } from './harness';
import { generatePopulation } from './population';
import { Rng } from './rng';

const connect = () =>
  new DataSource(
    dataSourceOptions(process.env.DATABASE_URL!, Number(process.env.HELIXGATE_DB_POOL_MAX ?? 4)),
  ).initialize();

describe('PostgreSQL budget store', () => {
  let ds: DataSource;
  let datasetId: string;

  beforeAll(async () => {
    ds = await connect();
    datasetId = uniqueId('privacy');
    await ds.query(
      `INSERT INTO dataset (id, name, assembly, security_level) VALUES ($1, $1, 'GRCh38', 'PUBLIC')`,
      [datasetId],
    );
  });
  afterAll(async () => {
    await ds.query(`DELETE FROM dataset WHERE id = $1`, [datasetId]);
    await ds.destroy();
  });

  it('gives the attack harness exactly the decisions of the in-memory store', async () => {
    const pop = generatePopulation({
      members: 80,
      controls: 12,
      sites: 4000,
      referencePanel: 20_000,
      seed: 99,
    });
    const policy = defaultPrivacyPolicy();
    const run = async (store: BudgetStore, tag: string) => {
      const oracle = new Oracle(
        pop,
        new PrivacyGuardService(policy, store),
        policyFor(policy, datasetId),
        datasetId,
      );
      const out: number[][] = [];
      for (const scenario of SCENARIOS.filter((s) => s.guard)) {
        for (const attack of [optimalAttack, sbAttack]) {
          for (let t = 70; t < 92; t += 2) {
            const sites = attack.order(pop, t, new Rng(t)).subarray(0, attack === sbAttack ? 300 : 60);
            const answers = await oracle.ask(
              scenario,
              `${tag}-${attack.name}-${t}`,
              sites,
              [1, 3, 10, 30, 100],
            );
            out.push(Array.from(answers));
          }
        }
      }
      return out;
    };
    const tag = uniqueId('run');
    const inMemory = await run(new InMemoryBudgetStore(), tag);
    const inPostgres = await run(new PostgresBudgetStore(ds), tag);
    expect(inPostgres).toEqual(inMemory);
    // The comparison is not vacuous: budgets ran out and answers were suppressed.
    const rows: { n: string }[] = await ds.query(
      `SELECT count(*) AS n FROM privacy_budget WHERE dataset_id = $1 AND exhausted_at IS NOT NULL`,
      [datasetId],
    );
    expect(Number(rows[0].n)).toBeGreaterThan(0);
    expect(inMemory.flat().filter((x) => x === 0).length).toBeGreaterThan(0);
  });

  it('keeps budgets and released answers across a restart', async () => {
    const ctx = { principal: `sub:${uniqueId('p')}`, institution: null, datasetId, n: 1000 };
    const hit = (key: string) => ({ variantKey: key, referenceFrequency: 5.55e-4, carriers: [5] });
    const guard = new PrivacyGuardService(defaultPrivacyPolicy(), new PostgresBudgetStore(ds));
    expect((await guard.admit(ctx, [hit('v1')]))[0].exists).toBe(true);

    const ds2 = await connect(); // a new process: nothing in memory
    try {
      const restarted = new PrivacyGuardService(defaultPrivacyPolicy(), new PostgresBudgetStore(ds2));
      const [again, next] = await restarted.admit(ctx, [hit('v1'), hit('v2')]);
      expect(again).toMatchObject({ exists: true, replayed: true });
      expect(next).toMatchObject({ exists: false, excluded: 1 });
    } finally {
      await ds2.destroy();
    }
  });

  it('spends the last of a budget once under concurrent requests of one principal', async () => {
    const ctx = { principal: `sub:${uniqueId('p')}`, institution: null, datasetId, n: 1000 };
    const hit = (key: string) => ({ variantKey: key, referenceFrequency: 5.55e-4, carriers: [6] });
    const guard = new PrivacyGuardService(defaultPrivacyPolicy(), new PostgresBudgetStore(ds));
    const answers = await Promise.all(['a', 'b', 'c', 'd'].map((k) => guard.admit(ctx, [hit(k)])));
    expect(answers.filter(([a]) => a.exists)).toHaveLength(1);
  });

  it('stores no variant together with the individuals counted for it', async () => {
    const columns: { table_name: string; column_name: string }[] = await ds.query(
      `SELECT table_name, column_name FROM information_schema.columns
        WHERE table_name IN ('privacy_budget', 'privacy_answer') ORDER BY table_name, column_name`,
    );
    const answerColumns = columns.filter((c) => c.table_name === 'privacy_answer').map((c) => c.column_name);
    expect(answerColumns).not.toContain('individual_idx');
    const budgetColumns = columns.filter((c) => c.table_name === 'privacy_budget').map((c) => c.column_name);
    expect(budgetColumns).not.toContain('variant_key');
  });
});
