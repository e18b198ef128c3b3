import { Injectable, type OnApplicationShutdown } from '@nestjs/common';
import { HelixgateConfig } from '@helixgate/config';
import Redis from 'ioredis';

/**
 * The Redis connection for state the gateway processes share (rate limits, the federation replay cache),
 * when HELIXGATE_REDIS_URL is set; `client` is null otherwise and that state is kept in PostgreSQL. Keys
 * are prefixed with `helixgate:<node id>:` so that several nodes may share one Redis.
 *
 * Commands wait for the connection (ioredis queues them) but fail after a few seconds instead of
 * queueing forever: a caller then fails closed (a rate-limit check that cannot be made refuses).
 */
@Injectable()
export class SharedRedis implements OnApplicationShutdown {
  readonly client: Redis | null;
  readonly prefix: string;

  constructor(config: HelixgateConfig) {
    const url = config.vars.HELIXGATE_REDIS_URL;
    this.prefix = `helixgate:${config.vars.HELIXGATE_NODE_ID}:`;
    this.client = url
      ? new Redis(url, { maxRetriesPerRequest: 2, connectTimeout: 5_000, enableOfflineQueue: true })
      : null;
    // Errors surface on the commands that fail; the connection's own events are not fatal.
    this.client?.on('error', () => undefined);
  }

  async onApplicationShutdown(): Promise<void> {
    await this.client?.quit().catch(() => undefined);
  }
}
