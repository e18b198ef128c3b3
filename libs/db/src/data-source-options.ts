import type { DataSourceOptions } from 'typeorm';
import { ALL_MIGRATIONS } from '../../../migrations';

/**
 * The one data-source definition: the gateway, the CLI, the benchmarks and the tests all build their
 * TypeORM DataSource from here. The schema changes only through `migrations/`.
 */
export function dataSourceOptions(
  url: string,
  poolMax: number,
  entities: DataSourceOptions['entities'] = [],
  replicaUrls: readonly string[] = [],
): DataSourceOptions {
  return {
    type: 'postgres',
    // With replicas, TypeORM keeps one pool per server; `defaultMode: 'master'` sends every read that does
    // not ask for a replica by name to the primary (only the beacon's variant matching does: BeaconRepository).
    ...(replicaUrls.length > 0
      ? {
          replication: {
            master: { url },
            slaves: replicaUrls.map((u) => ({ url: u })),
            defaultMode: 'master' as const,
          },
        }
      : { url }),
    entities,
    migrations: ALL_MIGRATIONS,
    migrationsTableName: 'schema_migrations',
    migrationsRun: false,
    synchronize: false,
    logging: false,
    extra: { max: poolMax, connectionTimeoutMillis: 30_000 },
  };
}
