import { ConsoleLogger, Logger, type INestApplicationContext, type LogLevel } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import * as os from 'node:os';
import { randomUUID } from 'node:crypto';
import { AuditService } from '@helixgate/audit';
import { DomainError, type Caller } from '@helixgate/common';
import { ConfigError, loadConfig, type HelixgateConfig } from '@helixgate/config';
import { DatabaseConnection } from '@helixgate/db';
import { CliModule } from './cli.module';

/** A usage or input error of the CLI (printed without a stack; recorded as BAD_REQUEST when audited). */
export class CliError extends DomainError {
  constructor(
    message: string,
    readonly exitCode = 1,
  ) {
    super('BAD_REQUEST', message);
  }
}

/**
 * The CLI's stdout is its data (a token, a table, JSON): every log line, warnings included, goes to stderr.
 * Nest's console logger writes all but errors to stdout, and colours them unless NO_COLOR is set, whatever
 * the stream is: here colours only when stderr is a terminal, decided per line (a pipe, a CI log or a file
 * gets plain text).
 */
export class StderrLogger extends ConsoleLogger {
  protected override printMessages(
    messages: unknown[],
    context?: string,
    logLevel?: LogLevel,
    _stream?: 'stdout' | 'stderr',
    errorStack?: unknown,
  ): void {
    this.options.colors = process.stderr.isTTY === true && !process.env.NO_COLOR;
    super.printMessages(messages, context, logLevel, 'stderr', errorStack);
  }
}

const cliLogger = new StderrLogger('helixgate', { logLevels: ['error', 'warn'] });

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
  // Static Logger calls made before or outside the context (the database, the key ring) too.
  Logger.overrideLogger(cliLogger);
  const connection = await DatabaseConnection.open(config);
  let app: INestApplicationContext | undefined;
  try {
    app = await NestFactory.createApplicationContext(CliModule.forRoot(config, connection), {
      logger: cliLogger,
    });
    return await fn(app, config);
  } finally {
    await app?.close();
    await connection.close();
  }
}

/**
 * The CLI runs on the node itself with the database credentials, the key ring and the audit signing key: its
 * user acts as the local operator — the admin role, and the compliance role for the audit tools (export is
 * granted to compliance only) — and what it does is recorded in the audit trail under that actor.
 */
export function operatorCaller(): Caller {
  return {
    subject: `local:${os.userInfo().username}`,
    issuer: 'helixgate-cli',
    roles: ['admin', 'compliance'],
    institution: null,
    visas: [],
    requestId: randomUUID(),
  };
}

/** What an audited CLI command gets: the application, the configuration, the operator and the trail. */
export interface OperatorContext {
  app: INestApplicationContext;
  config: HelixgateConfig;
  caller: Caller;
  audit: AuditService;
}

/**
 * Runs a state-changing command as one audited operation (`cli:<command>`, actor = the operator): its
 * outcome — allow, or deny/error with the reason code — is recorded when it ends, with what the command
 * annotates (datasets, file hash, counts; never tokens, keys or genotypes). Domain events the services
 * write (dataset.create, consent.set, participant.withdraw, …) carry the same request id.
 */
export function withOperation<T>(command: string, fn: (ctx: OperatorContext) => Promise<T>): Promise<T> {
  return withApp(async (app, config) => {
    const audit = app.get(AuditService);
    const caller = operatorCaller();
    return audit.runOperation(caller, `cli:${command}`, () => fn({ app, config, caller, audit }));
  });
}
