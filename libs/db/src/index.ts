export { DatabaseConnection } from './database-connection';
export { dataSourceOptions } from './data-source-options';
export { migrationStatus, revertLastMigration } from './migrate';
export { DatabaseConnectionModule, DatabaseModule } from './database.module';
export { InvalidationBus } from './invalidation-bus';
export { SharedRedis } from './shared-redis';
export { returnedRows } from './returned-rows';
export { genericPlanPool, type PgPool, PooledStatements } from './pooled-statements';
