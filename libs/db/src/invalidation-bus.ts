import { Injectable, Logger, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import { Client } from 'pg';
import { DatabaseConnection } from './database-connection';

/** The channel the migration's triggers (and `publish`) notify on. */
export const INVALIDATE_CHANNEL = 'helixgate_invalidate';
const RECONNECT_MS = 1_000;

type Handler = (payload: string) => void;

/**
 * Tells every gateway process on this database that something it may cache changed, over PostgreSQL
 * LISTEN/NOTIFY: triggers notify after a change of `dataset` (`dataset`) and a removed data key
 * (`dataset_key:<id>:<version>`), in the writer's transaction, so the notification leaves on commit.
 *
 * Each process keeps one dedicated connection LISTENing (not a pool connection). While it is down (the
 * database restarted, the connection dropped), notifications are lost: the bus then reports `*` to every
 * subscriber when it reconnects, and each drops its whole cache. Caches here are for speed only — what
 * decides access (grants, revocations, budgets) is read from the database on every request — so the
 * window between a commit and its notification only delays a cache refresh, never an access decision.
 *
 * On the embedded database (one process by construction; PGlite's socket does not forward notifications)
 * nothing is listened to.
 *
 * Listening starts when the application has bootstrapped (or on an explicit `start()`), not when a service
 * subscribes in its constructor: a node whose startup is refused (a missing key ring, a bad policy file)
 * never bootstraps and never shuts down, and a listener opened during its construction would otherwise keep
 * reconnecting, every second, for the life of the process.
 */
@Injectable()
export class InvalidationBus implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger('InvalidationBus');
  private readonly handlers: Handler[] = [];
  private client: Client | null = null;
  private started: Promise<void> | null = null;
  private stopped = false;
  private bootstrapped = false;
  private timer?: NodeJS.Timeout;

  constructor(private readonly connection: DatabaseConnection) {}

  /**
   * Calls `handler` with each notification's payload (`*`: anything may have changed). Listening starts at
   * application bootstrap (at once if that has happened).
   */
  subscribe(handler: Handler): void {
    this.handlers.push(handler);
    if (this.bootstrapped) void this.start();
  }

  onApplicationBootstrap(): void {
    this.bootstrapped = true;
    if (this.handlers.length) void this.start();
  }

  /** Resolves once this process listens (or at once where it does not: the embedded database). */
  start(): Promise<void> {
    this.started ??= this.connection.kind === 'postgres' ? this.connect() : Promise.resolve();
    return this.started;
  }

  private async connect(): Promise<void> {
    if (this.stopped) return;
    const client = new Client({ connectionString: this.connection.url });
    client.on('notification', (m) => {
      if (m.channel === INVALIDATE_CHANNEL) this.emit(m.payload ?? '*');
    });
    client.on('error', (err) => {
      this.logger.warn({ err: err.message }, 'invalidation listener lost its connection; reconnecting');
      this.reconnect(client);
    });
    client.on('end', () => this.reconnect(client));
    try {
      await client.connect();
      const [{ v }] = (await client.query<{ v: string }>('SELECT version() AS v')).rows;
      if (/pglite|emscripten/i.test(v)) {
        // A PGlite served over a socket (tests, a CLI beside a gateway): one process, nothing to hear.
        await client.end().catch(() => undefined);
        return;
      }
      await client.query(`LISTEN ${INVALIDATE_CHANNEL}`);
      if (this.stopped) {
        client.removeAllListeners('end');
        await client.end().catch(() => undefined);
        return;
      }
      this.client = client;
      this.emit('*'); // whatever changed while nobody listened
    } catch (err) {
      this.logger.warn(
        { err: err instanceof Error ? err.message : String(err) },
        'invalidation listener could not connect; retrying',
      );
      this.reconnect(client);
    }
  }

  private reconnect(client: Client): void {
    if (this.stopped || this.timer) return;
    if (this.client === client) this.client = null;
    client.removeAllListeners('end');
    client.end().catch(() => undefined);
    this.timer = setTimeout(() => {
      this.timer = undefined;
      void this.connect();
    }, RECONNECT_MS);
    this.timer.unref();
  }

  private emit(payload: string): void {
    for (const h of this.handlers) {
      try {
        h(payload);
      } catch (err) {
        this.logger.warn(
          { err: err instanceof Error ? err.message : String(err) },
          'invalidation handler failed',
        );
      }
    }
  }

  async onApplicationShutdown(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
    const c = this.client;
    this.client = null;
    if (c) {
      c.removeAllListeners('end');
      await c.end().catch(() => undefined);
    }
  }
}
