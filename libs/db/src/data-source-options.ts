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
): DataSourceOptions {
  return {
    type: 'postgres',
    url,
    entities,
    migrations: ALL_MIGRATIONS,
    migrationsTableName: 'schema_migrations',
    migrationsRun: false,
    synchronize: false,
    logging: false,
    extra: { max: poolMax, connectionTimeoutMillis: 30_000 },
  };
}
