import { randomBytes } from 'node:crypto';
import * as os from 'node:os';
import * as path from 'node:path';
import { registerConfigCommands } from '../../apps/cli/src/commands/config.command';
import { runCli } from '../support/cli';

/** `helixgate config check` reports effective values and connects to the database (issue 11). */
describe('helixgate config check', () => {
  const saved = { ...process.env };
  afterEach(() => {
    process.env = { ...saved };
  });
  const check = () => runCli([registerConfigCommands], 'config', 'check');

  it('prints effective values, defaults resolved and marked, secrets masked, and the database state', async () => {
    const dataDir = path.join(os.tmpdir(), `helixgate-config-${randomBytes(3).toString('hex')}`);
    Object.assign(process.env, {
      HELIXGATE_DATA_DIR: dataDir,
      HELIXGATE_MASTER_KEY: randomBytes(32).toString('base64'),
    });
    delete process.env.HELIXGATE_MASTER_KEY_FILE;
    const out = await check();
    expect(out).toContain(`HELIXGATE_MASTER_KEY_FILE=${path.join(dataDir, 'master-keys.json')}  (default)`);
    expect(out).toContain(`HELIXGATE_DATA_DIR=${dataDir}\n`);
    expect(out).toContain('HELIXGATE_MASTER_KEY=********\n');
    expect(out).not.toContain(process.env.HELIXGATE_MASTER_KEY);
    expect(out).toMatch(/^PORT=4000 {2}\(default\)$/m);
    // the suite's database (PostgreSQL or the embedded one behind DATABASE_URL), migrated by the global setup
    expect(out).toMatch(
      /^database: ok \(PostgreSQL; PostgreSQL \d+.*\); \d+ migrations applied, 0 pending$/m,
    );
  });

  it('--json: the same settings and the database check as one object, the secret masked', async () => {
    const key = randomBytes(32).toString('base64');
    process.env.HELIXGATE_MASTER_KEY = key;
    const out = await runCli([registerConfigCommands], 'config', 'check', '--json');
    expect(out).not.toContain(key);
    const json = JSON.parse(out) as {
      settings: { env: string; value: string; source: string }[];
      database: Record<string, unknown> | null;
    };
    expect(json.settings).toContainEqual({ env: 'HELIXGATE_MASTER_KEY', value: '********', source: 'set' });
    expect(json.settings).toContainEqual({ env: 'PORT', value: '4000', source: 'default' });
    expect(json.database).toEqual({
      kind: 'postgres',
      directory: null,
      server: expect.stringMatching(/^PostgreSQL \d+/),
      migrationsApplied: expect.any(Number),
      pendingMigrations: [],
    });
    const bare = JSON.parse(
      await runCli([registerConfigCommands], 'config', 'check', '--no-database', '--json'),
    ) as { database: unknown };
    expect(bare.database).toBeNull();
  });

  it('fails with exit code 69 naming the problem when the database cannot be reached', async () => {
    process.env.DATABASE_URL = 'postgres://root@127.0.0.1:1/nowhere';
    await expect(check()).rejects.toMatchObject({
      exitCode: 69,
      message: expect.stringMatching(/^database: cannot connect or query: .*ECONNREFUSED/),
    });
  });
});
