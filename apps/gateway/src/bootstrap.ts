import type { INestApplication } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { HelixgateConfig, loadConfig } from '@helixgate/config';
import { DatabaseConnection } from '@helixgate/db';
import { Logger } from 'nestjs-pino';
import { mountConsole } from './console/console-static';
import { GatewayModule } from './gateway.module';

/** Builds the gateway application (not yet listening). Used by main.ts, the tests and the benchmarks. */
export async function createGateway(config: HelixgateConfig = loadConfig()): Promise<INestApplication> {
  const connection = await DatabaseConnection.open(config);
  try {
    const app = await NestFactory.create<NestExpressApplication>(GatewayModule.forRoot(config, connection), {
      bufferLogs: true,
    });
    app.useLogger(app.get(Logger));
    app.enableShutdownHooks();
    mountConsole(app, config);
    return app;
  } catch (err) {
    await connection.close();
    throw err;
  }
}
