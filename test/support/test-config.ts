import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { randomBytes } from 'node:crypto';
import { loadConfig, type HelixgateConfig } from '@helixgate/config';

/**
 * A configuration for one test file: the suite's database, a private data dir and a fresh master key.
 * The test files share one database, each with its own master key: the others' wrapped data keys are not
 * this node's to open, so the key-ring startup check only warns (HELIXGATE_MASTER_KEY_CHECK=warn). The
 * specs of that check (test/crypto/key-ring-startup.spec.ts) set `refuse`, the production default.
 */
export function testConfig(overrides: Record<string, string> = {}): HelixgateConfig {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'helixgate-test-'));
  return loadConfig({
    DATABASE_URL: process.env.DATABASE_URL,
    HELIXGATE_DB_POOL_MAX: process.env.HELIXGATE_DB_POOL_MAX ?? '4',
    HELIXGATE_DATA_DIR: dataDir,
    HELIXGATE_MASTER_KEY: randomBytes(32).toString('base64'),
    HELIXGATE_MASTER_KEY_CHECK: 'warn',
    LOG_LEVEL: 'silent',
    // Each test file is a node of its own on the suite's shared database: its rate limits are its own, as
    // before the limiter's counts were shared (that store is tested in test/scale/).
    HELIXGATE_RATE_LIMIT_STORE: 'memory',
    PORT: '0',
    ...overrides,
  });
}

/** A dataset id no other test uses. */
export function uniqueId(prefix = 'ds'): string {
  return `${prefix}-${randomBytes(5).toString('hex')}`;
}
