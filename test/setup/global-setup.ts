import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import 'reflect-metadata';
import { DataSource } from 'typeorm';
// globalSetup runs outside jest's module mapper: import the files directly.
import { dataSourceOptions } from '../../libs/db/src/data-source-options';
import { openEmbeddedDatabase, type EmbeddedDatabase } from '../../libs/db/src/embedded-database';
import { runMigrations } from '../../libs/db/src/migrate';

/**
 * Tests run against PostgreSQL when DATABASE_URL is set (CI), else against an embedded PGlite served on
 * loopback from this (the parent) process; the URL is handed to the workers. Migrations run once here.
 */
export default async function globalSetup(): Promise<void> {
  if (!process.env.DATABASE_URL) {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'helixgate-test-db-'));
    const embedded = await openEmbeddedDatabase(path.join(dir, 'db'));
    (
      globalThis as { __HELIXGATE_EMBEDDED__?: { db: EmbeddedDatabase; dir: string } }
    ).__HELIXGATE_EMBEDDED__ = { db: embedded, dir };
    process.env.DATABASE_URL = embedded.url;
    process.env.HELIXGATE_DB_POOL_MAX = '1';
    process.env.HELIXGATE_TEST_DB_KIND = 'embedded';
  } else {
    process.env.HELIXGATE_TEST_DB_KIND = 'postgres';
  }
  // The test files share this database, each with its own master key (see test/support/test-config.ts);
  // CLI commands run in-process read their configuration from the environment.
  process.env.HELIXGATE_MASTER_KEY_CHECK = 'warn';
  const ds = await new DataSource(dataSourceOptions(process.env.DATABASE_URL, 1)).initialize();
  try {
    await runMigrations(ds);
  } finally {
    await ds.destroy();
  }
  process.stdout.write(`\n[helixgate tests] database: ${process.env.HELIXGATE_TEST_DB_KIND}\n`);
}
