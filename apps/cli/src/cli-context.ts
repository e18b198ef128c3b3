import type { INestApplicationContext } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import * as os from 'node:os';
import { randomUUID } from 'node:crypto';
import type { Caller } from '@helixgate/common';
import { ConfigError, loadConfig, type HelixgateConfig } from '@helixgate/config';
import { DatabaseConnection } from '@helixgate/db';
import { CliModule } from './cli.module';

export class CliError extends Error {
  constructor(
    message: string,
    readonly exitCode = 1,
  ) {
    super(message);
  }
}

/**
 * Runs `fn` with the application context (database opened, migrations applied). On the embedded database
 * the CLI connects to the running gateway's socket when one holds the files, else opens them itself.
 */
export async function withApp<T>(
  fn: (app: INestApplicationContext, config: HelixgateConfig) => Promise<T>,
): Promise<T> {
  let config: HelixgateConfig;
  try {
    config = loadConfig();
  } catch (err) {
    if (err instanceof ConfigError) throw new CliError(err.message, 78);
    throw err;
  }
  const connection = await DatabaseConnection.open(config);
  let app: INestApplicationContext | undefined;
  try {
    app = await NestFactory.createApplicationContext(CliModule.forRoot(config, connection), {
      logger: ['error', 'warn'],
    });
    return await fn(app, config);
  } finally {
    await app?.close();
    await connection.close();
  }
}

/**
 * The CLI runs on the node itself with the database credentials and the key ring: its user acts as a local
 * administrator, and what it does is recorded in the audit trail under that actor.
 */
export function operatorCaller(): Caller {
  return {
    subject: `local:${os.userInfo().username}`,
    issuer: 'helixgate-cli',
    roles: ['admin'],
    institution: null,
    visas: [],
    requestId: randomUUID(),
  };
}
