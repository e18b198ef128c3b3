export * from './embedded-database';
export * from './database-connection';
export * from './data-source-options';
export * from './migrate';
export * from './database.module';
export * from './invalidation-bus';
export * from './shared-redis';
