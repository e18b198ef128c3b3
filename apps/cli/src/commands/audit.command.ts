import type { Command } from 'commander';
import * as fs from 'node:fs';
import { AuditService, type AuditAlert, type AuditOutcome, type StoredAuditEvent } from '@helixgate/audit';
import { CliError, operatorCaller as operator, withApp } from '../cli-context';
import { withProgress } from '../progress';
import {
  type Column,
  type OutputOptions,
  printJson,
  printTable,
  tableRecords,
  withJsonOption,
} from '../output';

function seqOption(name: string, v: string | undefined): number | undefined {
  if (v === undefined) return undefined;
  if (!/^\d{1,15}$/.test(v)) throw new CliError(`${name} must be a positive integer (an event seq)`, 64);
  return Number(v);
}

function timeOption(name: string, v: string | undefined, fallback: Date): Date {
  if (v === undefined) return fallback;
  const d = new Date(v);
  if (Number.isNaN(d.getTime())) throw new CliError(`${name} must be an ISO 8601 date or time`, 64);
  return d;
}

/** Reads a checkpoint exported by `helixgate audit checkpoint --out` (or a bare compact JWS). */
function readCheckpointFile(file: string): string {
  const text = fs.readFileSync(file, 'utf8').trim();
  if (text.startsWith('{')) {
    const parsed = JSON.parse(text) as { jws?: unknown };
    if (typeof parsed.jws !== 'string') throw new CliError(`${file}: no "jws" field`, 65);
    return parsed.jws;
  }
  return text;
}

export function registerAuditCommands(program: Command): void {
  const audit = program.command('audit').description('verify, checkpoint, search and export the audit trail');

  withJsonOption(audit.command('verify'))
    .description('verify the hash chain (and signed checkpoints); exit 2 naming the first bad event')
    .option('--from <seq>', 'first seq to verify')
    .option('--to <seq>', 'last seq to verify')
    .option('--checkpoint <file...>', 'checkpoint file(s) kept outside the database')
    .action((opts: { from?: string; to?: string; checkpoint?: string[]; json?: boolean }) =>
      withApp(async (app) => {
        const from = seqOption('--from', opts.from);
        const to = seqOption('--to', opts.to);
        const externalCheckpoints = (opts.checkpoint ?? []).map(readCheckpointFile);
        const report = await withProgress('verify', 'events', (onProgress) =>
          app.get(AuditService).verify(operator(), { from, to, externalCheckpoints, onProgress }),
        );
        if (opts.json) printJson(report);
        else
          process.stdout.write(
            `${report.ok ? 'OK' : 'FAILED'}: ${report.message}\n` +
              `events checked: ${report.eventsChecked}, checkpoints verified: ${report.checkpointsVerified}` +
              `${report.checkpointsIgnored ? ` (${report.checkpointsIgnored} signed by other keys ignored)` : ''}, ` +
              `${report.rowsPerSecond} rows/s\n`,
          );
        if (!report.ok) {
          throw new CliError(
            `audit trail verification failed: ${report.problem} at seq ${report.firstBadSeq}`,
            2,
          );
        }
      }),
    );

  audit
    .command('checkpoint')
    .description('sign a checkpoint of the current head; with --out, also write it to a file kept elsewhere')
    .option('--out <file>', 'write the signed checkpoint (JSON with the JWS) to this file')
    .option(
      '--json',
      'print JSON: {"checkpoint": {"upToSeq", "headHash", "kid", "out"} | null} (the JWS only in --out)',
    )
    .action((opts: { out?: string; json?: boolean }) =>
      withApp(async (app) => {
        const cp = await app.get(AuditService).checkpoint(operator());
        if (!cp) {
          if (opts.json) printJson({ checkpoint: null });
          else process.stdout.write('the audit trail is empty: nothing to sign\n');
          return;
        }
        if (opts.out) fs.writeFileSync(opts.out, `${JSON.stringify(cp, null, 2)}\n`, { mode: 0o600 });
        if (opts.json) {
          const checkpoint = {
            upToSeq: cp.upToSeq,
            headHash: cp.headHash,
            kid: cp.kid,
            out: opts.out ?? null,
          };
          printJson({ checkpoint });
          return;
        }
        process.stdout.write(
          `checkpoint: seq ${cp.upToSeq}, head ${cp.headHash}, kid ${cp.kid}${opts.out ? `, written to ${opts.out}` : ''}\n`,
        );
      }),
    );

  audit
    .command('export')
    .description('export events of a time range as FHIR AuditEvent NDJSON or CSV, with a signed manifest')
    .option('--from <time>', 'start (ISO 8601, inclusive)', '1970-01-01T00:00:00Z')
    .option('--to <time>', 'end (ISO 8601, exclusive; default now)')
    .option('--format <format>', 'ndjson or csv', 'ndjson')
    .requiredOption('--out <file>', 'output file (the manifest goes to FILE.manifest.json)')
    .option('--json', 'print JSON: {"rows", "out", "sha256", "manifestFile", "checkpointSeq"}')
    .action((opts: { from: string; to?: string; format: string; out: string; json?: boolean }) =>
      withApp(async (app) => {
        if (opts.format !== 'ndjson' && opts.format !== 'csv')
          throw new CliError('--format must be ndjson or csv', 64);
        const from = timeOption('--from', opts.from, new Date(0));
        const to = timeOption('--to', opts.to, new Date());
        const format = opts.format;
        const { manifest, manifestFile } = await withProgress('export', 'events', (onProgress) =>
          app.get(AuditService).export(operator(), { from, to, format, outFile: opts.out, onProgress }),
        );
        if (opts.json) {
          printJson({
            rows: manifest.rows,
            out: opts.out,
            sha256: manifest.sha256,
            manifestFile,
            checkpointSeq: manifest.checkpoint?.upToSeq ?? null,
          });
          return;
        }
        process.stdout.write(
          `exported ${manifest.rows} events to ${opts.out} (sha256 ${manifest.sha256}); manifest ${manifestFile}` +
            `${manifest.checkpoint ? `, anchored to checkpoint seq ${manifest.checkpoint.upToSeq}` : ''}\n`,
        );
      }),
    );

  withJsonOption(audit.command('search'))
    .description('search events, newest first')
    .option('--actor <actor>', "a user name (e.g. alice) or the actor's subject as stored")
    .option('--dataset <id>')
    .option('--action <action>')
    .option('--outcome <outcome>', 'allow, deny or error')
    .option('--from <time>')
    .option('--to <time>')
    .option('--first <n>', 'page size', '50')
    .option('--after <cursor>', 'cursor printed by the previous page')
    .action(
      (opts: {
        actor?: string;
        dataset?: string;
        action?: string;
        outcome?: string;
        from?: string;
        to?: string;
        first: string;
        after?: string;
        json?: boolean;
      }) =>
        withApp(async (app) => {
          if (opts.outcome && !['allow', 'deny', 'error'].includes(opts.outcome)) {
            throw new CliError('--outcome must be allow, deny or error', 64);
          }
          const page = await app.get(AuditService).search(
            operator(),
            {
              actor: opts.actor,
              datasetId: opts.dataset,
              action: opts.action,
              outcome: opts.outcome as AuditOutcome | undefined,
              from: opts.from ? timeOption('--from', opts.from, new Date(0)) : undefined,
              to: opts.to ? timeOption('--to', opts.to, new Date()) : undefined,
            },
            Number(opts.first),
            opts.after,
          );
          if (opts.json) {
            printJson({ events: tableRecords(page.events, AUDIT_EVENT_COLUMNS), endCursor: page.endCursor });
            return;
          }
          printTable(page.events, AUDIT_EVENT_COLUMNS, opts);
          if (page.endCursor) process.stdout.write(`more: --after ${page.endCursor}\n`);
        }),
    );

  withJsonOption(audit.command('alerts'))
    .description('actors whose request volume in the alert window exceeds the baseline')
    .action((opts: OutputOptions) =>
      withApp(async (app) => {
        printTable(await app.get(AuditService).alerts(operator()), AUDIT_ALERT_COLUMNS, opts);
      }),
    );
}

const AUDIT_EVENT_COLUMNS: Column<StoredAuditEvent>[] = [
  { header: 'SEQ', key: 'seq', value: (e) => e.seq },
  { header: 'AT', key: 'at', value: (e) => e.at },
  { header: 'ACTOR', key: 'actor', value: (e) => e.actor },
  { header: 'ACTION', key: 'action', value: (e) => e.action },
  {
    header: 'OUTCOME',
    key: 'outcome',
    value: (e) => e.outcome,
    text: (e) => `${e.outcome}${e.reason ? `:${e.reason}` : ''}`,
  },
  { header: 'REASON', key: 'reason', value: (e) => e.reason, inTable: false },
  { header: 'DATASETS', key: 'datasetIds', value: (e) => [...e.datasetIds] },
  // JSON only: what the event says beyond the table's columns (the detail is scrubbed: ids, counts, names)
  { header: 'RESOURCE', key: 'resource', value: (e) => e.resource, inTable: false },
  { header: 'GRANULARITY', key: 'granularity', value: (e) => e.granularity, inTable: false },
  { header: 'REQUEST_ID', key: 'requestId', value: (e) => e.requestId, inTable: false },
  { header: 'DETAIL', key: 'detail', value: (e) => e.detail, inTable: false },
];

const AUDIT_ALERT_COLUMNS: Column<AuditAlert>[] = [
  { header: 'ACTOR', key: 'actor', value: (a) => a.actor },
  { header: 'REQUESTS', key: 'count', value: (a) => a.count },
  { header: 'WINDOW_SECONDS', key: 'windowSeconds', value: (a) => a.windowSeconds },
  { header: 'BASELINE', key: 'baseline', value: (a) => a.baseline },
  { header: 'FIRST_AT', key: 'firstAt', value: (a) => a.firstAt },
  { header: 'LAST_AT', key: 'lastAt', value: (a) => a.lastAt },
];
