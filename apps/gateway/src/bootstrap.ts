import type { INestApplication } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { HelixgateConfig, loadConfig } from '@helixgate/config';
import { DatabaseConnection } from '@helixgate/db';
import { Logger } from 'nestjs-pino';
import { mountConsole } from './console/console-static';
import { GatewayModule } from './gateway.module';
import { StartupLogger } from './startup-logger';
import { apiSecurityHeaders } from './http/security-headers';

/** Builds the gateway application (not yet listening). Used by main.ts, the tests and the benchmarks. */
export async function createGateway(config: HelixgateConfig = loadConfig()): Promise<INestApplication> {
  const connection = await DatabaseConnection.open(config);
  try {
    // bodyParser: false: JsonBodyMiddleware parses JSON bodies, with HELIXGATE_MAX_BODY_BYTES, on every route.
    const app = await NestFactory.create<NestExpressApplication>(GatewayModule.forRoot(config, connection), {
      bufferLogs: true,
      logger: new StartupLogger(config),
      // a failure reaches the caller (main.ts prints one line and one JSON record), not process.exit
      abortOnError: false,
      bodyParser: false,
    });
    app.useLogger(app.get(Logger));
    app.disable('x-powered-by');
    // Which X-Forwarded-For entry is the client (req.ip): nobody's unless HELIXGATE_TRUST_PROXY names the proxies.
    app.set('trust proxy', config.trustProxy);
    // First of all middleware, so that every answer carries them, refusals and not-found included.
    app.use(apiSecurityHeaders());
    app.enableShutdownHooks();
    // After the API's headers: the console's middleware sets its own Content-Security-Policy over them.
    mountConsole(app, config);
    return app;
  } catch (err) {
    await connection.close();
    throw err;
  }
}
