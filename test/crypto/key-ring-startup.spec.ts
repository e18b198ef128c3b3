import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { randomBytes } from 'node:crypto';
import { CryptoModule, EnvelopeService, KeyRingStartupError, MasterKeyRing } from '@helixgate/crypto';
import { DatabaseConnection } from '@helixgate/db';
import { DatasetService, VariantsModule } from '@helixgate/variants';
import { DataSource } from 'typeorm';
import { runCli } from '../../apps/cli/src/program';
import { createTestContext } from '../support/test-context';
import { testConfig, uniqueId } from '../support/test-config';
import { nodeDatabase } from '../federation/support/nodes';

const ref = { table: 'variant', row: '20:1000:A:G', column: 'genotypes' };

/**
 * The key ring against the wrapped data keys, at startup, with the production setting
 * (HELIXGATE_MASTER_KEY_CHECK=refuse). These specs need a database no other test file writes data keys to:
 * a database of their own (a fresh PostgreSQL database, or an embedded one served by a child process),
 * emptied after each test (each starts as a fresh node).
 */
describe('master key ring at startup', () => {
  let db: Awaited<ReturnType<typeof nodeDatabase>>;
  let conn: DatabaseConnection;
  let admin: DataSource;
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'helixgate-keyring-'));

  beforeAll(async () => {
    db = await nodeDatabase('keyring', root);
    // migrate once through a throw-away node
    const ctx = await createTestContext([], nodeConfig());
    await ctx.close();
    conn = await DatabaseConnection.open(nodeConfig());
    admin = await new DataSource({ type: 'postgres', url: conn.url, extra: { max: 1 } }).initialize();
  });
  afterEach(async () => {
    await admin.query('DELETE FROM dataset_key');
    await admin.query('DELETE FROM dataset');
  });
  afterAll(async () => {
    await admin?.destroy();
    await conn?.close();
    await db?.close();
    fs.rmSync(root, { recursive: true, force: true });
  });

  /** A node on the private database; its key ring lives in `dataDir/keys/` (not created yet). */
  function nodeConfig(overrides: Record<string, string> = {}) {
    const dataDir = fs.mkdtempSync(path.join(root, 'node-'));
    return testConfig({
      DATABASE_URL: '',
      ...db.env,
      HELIXGATE_DB_POOL_MAX: '1',
      HELIXGATE_DATA_DIR: dataDir,
      HELIXGATE_MASTER_KEY: '',
      HELIXGATE_MASTER_KEY_FILE: path.join(dataDir, 'keys', 'master-keys.json'),
      HELIXGATE_MASTER_KEY_CHECK: 'refuse',
      ...overrides,
    });
  }

  const start = (config: ReturnType<typeof nodeConfig>) =>
    createTestContext([CryptoModule, VariantsModule], config);

  async function refusal(config: ReturnType<typeof nodeConfig>): Promise<KeyRingStartupError> {
    const err = await start(config).then(
      async (ctx) => {
        await ctx.close();
        return undefined;
      },
      (e: unknown) => e,
    );
    expect(err).toBeInstanceOf(KeyRingStartupError);
    return err as KeyRingStartupError;
  }

  /** Starts a node, creates a dataset with a data key and one sealed value; returns what reopens it. */
  async function nodeWithData(config = nodeConfig()) {
    const ctx = await start(config);
    const datasetId = uniqueId('keys');
    await ctx.app
      .get(DatasetService)
      .create({ id: datasetId, name: 'key ring test', assembly: 'GRCh38', securityLevel: 'CONTROLLED' });
    const sealed = (await ctx.app.get(EnvelopeService).sealerFor(datasetId)).seal(Buffer.from('0|1'), ref);
    const masterKeyId = ctx.app.get(MasterKeyRing).current().id;
    await ctx.close();
    return { config, datasetId, sealed, masterKeyId };
  }

  it('creates the ring on a node without encrypted data: file 0600 in a 0700 directory', async () => {
    const config = nodeConfig();
    const ctx = await start(config);
    await ctx.close();
    const file = config.masterKeyFile;
    expect(fs.statSync(file).mode & 0o777).toBe(0o600);
    expect(fs.statSync(path.dirname(file)).mode & 0o777).toBe(0o700);
  });

  it('refuses to start when the ring file is missing but data keys are wrapped, and creates no new ring', async () => {
    const { config, datasetId, masterKeyId, sealed } = await nodeWithData();
    const file = config.masterKeyFile;
    const backup = fs.readFileSync(file);
    fs.rmSync(file);

    const err = await refusal(config);
    expect(err.code).toBe('KEY_RING_MISSING');
    expect(err.exitCode).toBe(66);
    expect(err.message).toContain(file);
    expect(err.message).toContain(datasetId);
    expect(err.message).toContain(masterKeyId);
    expect(err.message).toMatch(/Restore that file from your key backup/);
    expect(fs.existsSync(file)).toBe(false); // nothing silently replaced

    // restoring the file brings the data back
    fs.writeFileSync(file, backup, { mode: 0o600 });
    const ctx = await start(config);
    try {
      const opener = await ctx.app.get(EnvelopeService).openerFor(datasetId);
      expect(opener.open(sealed, ref).toString()).toBe('0|1');
    } finally {
      await ctx.close();
    }
  });

  it('the CLI exits 66 naming the missing key ring, and leaves no new ring behind', async () => {
    const { config, datasetId } = await nodeWithData();
    fs.rmSync(config.masterKeyFile);
    const saved = { ...process.env };
    const lines: string[] = [];
    try {
      delete process.env.DATABASE_URL;
      Object.assign(process.env, {
        ...db.env,
        HELIXGATE_DATA_DIR: config.dataDir,
        HELIXGATE_MASTER_KEY_FILE: config.masterKeyFile,
        HELIXGATE_MASTER_KEY_CHECK: 'refuse',
        HELIXGATE_DB_POOL_MAX: '1',
        LOG_LEVEL: 'silent',
      });
      delete process.env.HELIXGATE_MASTER_KEY;
      const code = await runCli(['node', 'helixgate', 'keys', 'list'], (l) => lines.push(l));
      expect(code).toBe(66);
    } finally {
      process.env = saved;
    }
    expect(lines.join('\n')).toMatch(/^helixgate: KEY_RING_MISSING: master key ring .* is missing/);
    expect(lines.join('\n')).toContain(datasetId);
    expect(fs.existsSync(config.masterKeyFile)).toBe(false);
  });

  it("refuses to start with a ring that lacks a data key's master key (another node's ring)", async () => {
    const { datasetId, masterKeyId } = await nodeWithData();
    const other = nodeConfig();
    fs.mkdirSync(path.dirname(other.masterKeyFile), { mode: 0o700 });
    fs.writeFileSync(
      other.masterKeyFile,
      JSON.stringify({
        format: 'helixgate-master-keys/v1',
        current: 'mk-other',
        keys: { 'mk-other': { key: randomBytes(32).toString('base64'), createdAt: '' } },
      }),
      { mode: 0o600 },
    );
    const err = await refusal(other);
    expect(err.code).toBe('KEY_RING_INCOMPLETE');
    expect(err.exitCode).toBe(66);
    expect(err.message).toContain(other.masterKeyFile);
    expect(err.message).toContain(masterKeyId);
    expect(err.message).toContain(datasetId);
  });

  it('refuses to start when HELIXGATE_MASTER_KEY is not the key the data keys were wrapped with', async () => {
    const { masterKeyId } = await nodeWithData();
    const err = await refusal(nodeConfig({ HELIXGATE_MASTER_KEY: randomBytes(32).toString('base64') }));
    expect(err.code).toBe('KEY_RING_INCOMPLETE');
    expect(err.message).toContain('HELIXGATE_MASTER_KEY');
    expect(err.message).toContain(masterKeyId);
  });

  it('refuses a key ring file that group or others may read, telling to chmod 600', async () => {
    const config = nodeConfig();
    await (await start(config)).close();
    for (const mode of [0o644, 0o640, 0o604]) {
      fs.chmodSync(config.masterKeyFile, mode);
      const err = await refusal(config);
      expect(err.code).toBe('KEY_RING_EXPOSED');
      expect(err.exitCode).toBe(77);
      expect(err.message).toContain(`chmod 600 ${config.masterKeyFile}`);
    }
    fs.chmodSync(config.masterKeyFile, 0o600);
    await (await start(config)).close();
  });

  it('with HELIXGATE_MASTER_KEY_CHECK=warn (a shared test database) starts anyway, as before', async () => {
    const { config } = await nodeWithData();
    fs.rmSync(config.masterKeyFile);
    const ctx = await start(nodeConfig({ HELIXGATE_MASTER_KEY_CHECK: 'warn' }));
    await ctx.close();
  });
});
