import type { Command } from 'commander';
import { type DeliveryView, NotificationAdminService } from '@helixgate/notifications';
import { operatorCaller, withApp, withOperation } from '../cli-context';
import { type Column, type OutputOptions, printTable, withJsonOption } from '../output';

const iso = (d: Date | null) => (d ? new Date(d).toISOString() : null);

const DELIVERY_COLUMNS: Column<DeliveryView>[] = [
  { header: 'ID', key: 'id', value: (d) => d.id },
  { header: 'STATUS', key: 'status', value: (d) => d.status },
  { header: 'EVENT', key: 'type', value: (d) => d.type },
  { header: 'CHANNEL', key: 'channel', value: (d) => d.channel },
  { header: 'TARGET', key: 'target', value: (d) => d.target },
  { header: 'ATTEMPTS', key: 'attempts', value: (d) => d.attempts },
  { header: 'REQUEST', key: 'requestId', value: (d) => d.requestId },
  { header: 'DATASET', key: 'datasetId', value: (d) => d.datasetId, inTable: false },
  { header: 'RECIPIENT', key: 'recipient', value: (d) => d.recipient, inTable: false },
  { header: 'NEXT_ATTEMPT', key: 'nextAttemptAt', value: (d) => iso(d.nextAttemptAt), inTable: false },
  { header: 'SENT', key: 'sentAt', value: (d) => iso(d.sentAt), inTable: false },
  { header: 'CREATED', key: 'createdAt', value: (d) => iso(d.createdAt) },
  { header: 'LAST_ERROR', key: 'lastError', value: (d) => d.lastError },
];

/** `helixgate notifications`: the outbox of e-mails and webhooks, its dead-letter list and retries. */
export function registerNotificationCommands(program: Command): void {
  const n = program
    .command('notifications')
    .description('notification deliveries (e-mail, webhooks): list, dead letters, retry');
  withJsonOption(n.command('list'))
    .description('list deliveries, newest first (--status DEAD: the dead-letter list)')
    .option('--status <status>', 'PENDING, SENDING, SENT or DEAD')
    .option('--request <id>', 'only the deliveries about this access request')
    .option('--limit <n>', 'at most this many (default 100)', (v) => Number(v))
    .action((opts: OutputOptions & { status?: string; request?: string; limit?: number }) =>
      withApp(async (app) => {
        const rows = await app.get(NotificationAdminService).list(operatorCaller(), {
          status: opts.status?.toUpperCase(),
          requestId: opts.request,
          limit: opts.limit,
        });
        printTable(rows, DELIVERY_COLUMNS, opts);
      }),
    );
  n.command('retry')
    .description('queue dead deliveries again with a fresh attempt count (no ids: every dead one)')
    .argument('[ids...]', 'delivery ids (from notifications list)')
    .action((ids: string[]) =>
      withOperation('notifications retry', async ({ app, caller }) => {
        const done = await app.get(NotificationAdminService).retry(caller, ids ?? []);
        process.stdout.write(
          done.length
            ? `queued ${done.length} deliver${done.length === 1 ? 'y' : 'ies'} again: ${done.join(', ')}\n`
            : 'no dead deliveries\n',
        );
      }),
    );
}
