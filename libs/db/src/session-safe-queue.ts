import type { PGlite } from '@electric-sql/pglite';

/**
 * PGlite has a single backend session. pglite-socket multiplexes several client connections onto it, but
 * its queue switches clients between *messages*: another client's message can land between one client's
 * Parse and Bind (the unnamed statement is then lost) or between BEGIN and the next statement outside a
 * transaction block. This queue hands the session to one client for a whole message group: until that
 * client's Sync/Query/Terminate has run *and* the session is outside a transaction. That makes each
 * client's statements and transactions atomic with respect to the others (transactions are serialised).
 *
 * Because every client shares that one session, a setting one client changes (`SET search_path = ''`,
 * `SET default_transaction_read_only = on`, ...) would hold for all of them. So whenever the session passes
 * to another client, its settings are reset and `search_path` is pinned to the application's schema
 * (SESSION_RESET) before that client's first message runs.
 *
 * Written by hand because no published PGlite multiplexer gives that guarantee; it implements the
 * interface pglite-socket's handlers call (enqueue / clearQueueForHandler / clearTransactionIfNeeded).
 */
interface QueuedMessage {
  handlerId: number;
  message: Uint8Array;
  onData: (data: Uint8Array) => void;
  resolve: (bytes: number) => void;
  reject: (err: unknown) => void;
}

const SYNC = 0x53; // 'S'
const QUERY = 0x51; // 'Q'
const TERMINATE = 0x58; // 'X'
const STARTUP = 0x00; // startup packets begin with their length, whose first byte is 0

/** Run between two clients' turns: every setting back to its default, the schema pinned. */
export const SESSION_RESET = 'RESET ALL; SET search_path TO public';

export class SessionSafeQueryQueue {
  private queue: QueuedMessage[] = [];
  private processing = false;
  private owner: number | null = null;
  /** The client whose message ran last: the session's settings are that client's. */
  private lastClient: number | null = null;

  constructor(private readonly db: PGlite) {}

  enqueue(handlerId: number, message: Uint8Array, onData: (data: Uint8Array) => void): Promise<number> {
    return new Promise((resolve, reject) => {
      this.queue.push({ handlerId, message, onData, resolve, reject });
      void this.processQueue();
    });
  }

  getQueueLength(): number {
    return this.queue.length;
  }

  clearQueueForHandler(handlerId: number): void {
    this.queue = this.queue.filter((item) => {
      if (item.handlerId !== handlerId) return true;
      item.reject(new Error('Handler disconnected'));
      return false;
    });
  }

  async clearTransactionIfNeeded(handlerId: number): Promise<void> {
    if (this.owner !== handlerId) return;
    if (this.db.isInTransaction()) await this.db.exec('ROLLBACK');
    this.owner = null;
    await this.processQueue();
  }

  private async processQueue(): Promise<void> {
    if (this.processing) return;
    this.processing = true;
    try {
      while (this.queue.length > 0) {
        const index = this.owner === null ? 0 : this.queue.findIndex((q) => q.handlerId === this.owner);
        if (index === -1) break; // the owner's next message has not arrived yet
        const [item] = this.queue.splice(index, 1);
        let bytes = 0;
        try {
          if (this.lastClient !== item.handlerId) {
            // owner is null here: between message groups and outside any transaction
            this.lastClient = item.handlerId;
            await this.db.exec(SESSION_RESET); // takes PGlite's own lock: not inside runExclusive
          }
          await this.db.runExclusive(() =>
            this.db.execProtocolRawStream(item.message, {
              onRawData: (data: Uint8Array) => {
                bytes += data.length;
                item.onData(data);
              },
            }),
          );
        } catch (err) {
          this.owner = this.db.isInTransaction() ? item.handlerId : null;
          item.reject(err);
          continue;
        }
        const type = item.message[0];
        const endsGroup = type === SYNC || type === QUERY || type === TERMINATE || type === STARTUP;
        this.owner = endsGroup && !this.db.isInTransaction() ? null : item.handlerId;
        item.resolve(bytes);
      }
    } finally {
      this.processing = false;
    }
  }
}
