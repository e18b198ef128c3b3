import { HelixgateConfig } from '@helixgate/config';
import { openEmbeddedDatabase, type EmbeddedDatabase } from './embedded-database';

/** Where this process's database lives: a PostgreSQL server (DATABASE_URL) or the embedded one. */
export class DatabaseConnection {
  private constructor(
    readonly url: string,
    readonly embedded: EmbeddedDatabase | undefined,
    readonly poolMax: number,
    /** Streaming replicas for reads that may lag (variant matching); empty: everything on `url`. */
    readonly replicaUrls: readonly string[] = [],
  ) {}

  get kind(): 'postgres' | 'embedded' {
    return this.embedded ? 'embedded' : 'postgres';
  }

  static async open(config: HelixgateConfig): Promise<DatabaseConnection> {
    if (config.databaseUrl) {
      return new DatabaseConnection(
        config.databaseUrl,
        undefined,
        config.vars.HELIXGATE_DB_POOL_MAX,
        config.replicaUrls,
      );
    }
    if (config.replicaUrls.length > 0)
      throw new Error(
        'HELIXGATE_DATABASE_REPLICA_URLS needs DATABASE_URL: the embedded database (PGlite) has no replicas',
      );
    const embedded = await openEmbeddedDatabase(config.embeddedDbDir);
    // PGlite has one backend session: one pooled connection per process (others queue at the socket).
    return new DatabaseConnection(embedded.url, embedded, 1);
  }

  async close(): Promise<void> {
    await this.embedded?.close();
  }
}
