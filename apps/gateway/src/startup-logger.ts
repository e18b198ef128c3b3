import type { LoggerService } from '@nestjs/common';
import pino, { type Logger } from 'pino';
import type { HelixgateConfig } from '@helixgate/config';
import { prettyLogs } from './log-format';

/**
 * Nest's own messages before the pino-http logger is in place (module init, a database that does not answer):
 * the same JSON lines, or readable lines on a terminal, as every later log line — never Nest's coloured
 * default logger, whose multi-line stack dumps a log shipper cannot parse.
 */
export class StartupLogger implements LoggerService {
  private readonly pino: Logger;

  constructor(config: HelixgateConfig) {
    this.pino = pino(
      { level: config.vars.LOG_LEVEL, base: { node: config.vars.HELIXGATE_NODE_ID } },
      prettyLogs(config.vars.LOG_FORMAT)
        ? pino.transport({ target: 'pino-pretty', options: { singleLine: true } })
        : undefined,
    );
  }

  log(message: unknown, context?: string): void {
    this.pino.info({ context }, String(message));
  }
  error(message: unknown, stack?: string, context?: string): void {
    this.pino.error({ context, ...(stack ? { stack } : {}) }, String(message));
  }
  warn(message: unknown, context?: string): void {
    this.pino.warn({ context }, String(message));
  }
  debug(message: unknown, context?: string): void {
    this.pino.debug({ context }, String(message));
  }
  verbose(message: unknown, context?: string): void {
    this.pino.trace({ context }, String(message));
  }
}
