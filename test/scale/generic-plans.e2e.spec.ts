import 'reflect-metadata';
import { PooledStatements, dataSourceOptions } from '@helixgate/db';
import { DataSource } from 'typeorm';

/**
 * The hot statements' pool (libs/db pooled-statements.ts) plans each named statement once per connection
 * (`plan_cache_mode = force_generic_plan`): under PostgreSQL's default they were planned again at every
 * execution, most of the server's time per answer. TypeORM's own connections keep the default, where an
 * unnamed statement's plan may depend on its values.
 */
const onPostgres = process.env.HELIXGATE_TEST_DB_KIND === 'postgres';
const run = onPostgres ? describe : describe.skip;
if (!onPostgres)
  console.warn('generic-plans spec skipped: the embedded database sends hot statements through TypeORM');

run('hot statements on PostgreSQL', () => {
  let ds: DataSource;
  let statements: PooledStatements;

  beforeAll(async () => {
    // One connection per pool: the catalog queries below see the connection that prepared the statement.
    ds = await new DataSource(dataSourceOptions(process.env.DATABASE_URL!, 1)).initialize();
    statements = new PooledStatements(ds);
  });
  afterAll(async () => {
    await PooledStatements.end(ds);
    await ds.destroy();
  });

  it('run on connections with generic plans; TypeORM keeps the default', async () => {
    const [hot] = await statements.query<{ v: string }>(null, 'SELECT current_setting($1) AS v', [
      'plan_cache_mode',
    ]);
    expect(hot.v).toBe('force_generic_plan');
    const [orm] = await ds.query<{ plan_cache_mode: string }[]>('SHOW plan_cache_mode');
    expect(orm.plan_cache_mode).toBe('auto');
  });

  it('plan a named statement once, however often it runs', async () => {
    const name = 'helixgate_test_generic_plan_v1';
    for (let i = 0; i < 8; i++)
      await statements.query(name, 'SELECT id FROM dataset WHERE id = $1 OR $2::int IS NULL', [`x${i}`, i]);
    const [plans] = await statements.query<{ generic_plans: string; custom_plans: string }>(
      null,
      'SELECT generic_plans, custom_plans FROM pg_prepared_statements WHERE name = $1',
      [name],
    );
    expect({ generic: Number(plans.generic_plans), custom: Number(plans.custom_plans) }).toEqual({
      generic: 8,
      custom: 0,
    });
  });

  it('closes with the data source: nothing of it is left connected', async () => {
    const other = await new DataSource(dataSourceOptions(process.env.DATABASE_URL!, 1)).initialize();
    const marker = `helixgate-generic-${process.pid}-${Date.now()}`;
    await new PooledStatements(other).query(null, 'SELECT set_config($1, $2, false)', [
      'application_name',
      marker,
    ]);
    const count = async () =>
      Number(
        (
          await ds.query<{ n: string }[]>(
            'SELECT count(*) AS n FROM pg_stat_activity WHERE application_name = $1',
            [marker],
          )
        )[0].n,
      );
    expect(await count()).toBe(1);
    await PooledStatements.end(other);
    await other.destroy();
    // A backend leaves pg_stat_activity a moment after its client's Terminate message.
    for (let i = 0; i < 100 && (await count()) > 0; i++) await new Promise((r) => setTimeout(r, 50));
    expect(await count()).toBe(0);
  });
});
