import type { INestApplicationContext, Type, DynamicModule } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { Module } from '@nestjs/common';
import { ConfigModule, type HelixgateConfig } from '@helixgate/config';
import { DatabaseConnection, DatabaseConnectionModule, DatabaseModule } from '@helixgate/db';
import { testConfig } from './test-config';

/**
 * A Nest application context with the real configuration, database (migrated) and the given modules —
 * for integration tests of services without HTTP.
 */
export async function createTestContext(
  modules: (Type | DynamicModule)[],
  config: HelixgateConfig = testConfig(),
): Promise<{ app: INestApplicationContext; config: HelixgateConfig; close: () => Promise<void> }> {
  const connection = await DatabaseConnection.open(config);
  @Module({
    imports: [
      ConfigModule.forRoot(config),
      DatabaseConnectionModule.forConnection(connection),
      DatabaseModule,
      ...modules,
    ],
  })
  class TestRootModule {}
  const app = await NestFactory.createApplicationContext(TestRootModule, { logger: false });
  return {
    app,
    config,
    close: async () => {
      await app.close();
      await connection.close();
    },
  };
}
