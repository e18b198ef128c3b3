import type { Command } from 'commander';
import { type PeerEntity, PeerRegistryService, peersFile } from '@helixgate/federation';
import * as fs from 'node:fs';
import { CliError, operatorCaller, withApp, withOperation } from '../cli-context';
import {
  type Column,
  type OutputOptions,
  printJson,
  printTable,
  tableRecords,
  withJsonOption,
} from '../output';

/** What the peer is pinned to: key thumbprints, its certificate's fingerprint, an inline key set (not shown). */
function pins(p: PeerEntity): string[] {
  return [
    ...p.keyThumbprints,
    ...(p.certificateSha256 ? [`cert:${p.certificateSha256}`] : []),
    ...(p.jwks ? ['inline-jwks'] : []),
  ];
}

const PEER_COLUMNS: Column<PeerEntity>[] = [
  { header: 'ID', key: 'id', value: (p) => p.id },
  { header: 'KIND', key: 'kind', value: (p) => p.kind },
  { header: 'STATUS', key: 'status', value: (p) => p.status },
  { header: 'BASE_URL', key: 'baseUrl', value: (p) => p.baseUrl },
  { header: 'TIMEOUT', key: 'timeoutMs', value: (p) => p.timeoutMs, text: (p) => `${p.timeoutMs ?? '-'}ms` },
  { header: 'SOURCE', key: 'source', value: (p) => p.source },
  { header: 'PINS', key: 'pins', value: pins, text: (p) => pins(p).join(',') || '-' },
  {
    header: 'INSECURE',
    key: 'insecure',
    value: (p) => p.insecure,
    text: (p) => (p.insecure ? 'INSECURE (plain HTTP)' : '-'),
  },
];

const collect = (value: string, previous: string[]) => [...previous, value];

/** Printed (stderr) when a peer is registered over plain HTTP with --insecure. */
export function insecureWarning(id: string, url: string): string {
  const bar = '!'.repeat(78);
  return [
    bar,
    `WARNING: peer ${id} is registered over PLAIN HTTP (${url}) because --insecure was given.`,
    '  Nothing authenticates the server or protects the exchange in transit: anyone on the path can read',
    '  the questions, and every federated answer from this peer will carry a warning. Its answers are still',
    "  merged only when signed with its pinned key, and a caller's passport is sent to it only after it has",
    '  proved that key (a signed hello) - which stops an impostor on its port, not an active relay.',
    '  Use an https:// URL between institutions.',
    bar,
    '',
  ].join('\n');
}

/** `helixgate peers`: the peer registry (the database; policies/peers.yaml is applied at every boot). */
export function registerPeerCommands(program: Command): void {
  const peers = program.command('peers').description('peer nodes this node asks and answers');
  peers
    .command('add')
    .description('register a peer (or replace its definition), active')
    .requiredOption('--id <id>', "the peer's node id (its HELIXGATE_NODE_ID)")
    .requiredOption('--url <url>', 'its base URL (beacon-v2: its Beacon API root)')
    .option('--kind <kind>', 'helixgate or beacon-v2', 'helixgate')
    .option('--issuer <url>', 'helixgate: the issuer its requests are signed as')
    .option('--thumbprint <t>', 'pinned RFC 7638 thumbprint of its signing key (repeatable)', collect, [])
    .option('--cert-sha256 <hex>', 'pinned SHA-256 fingerprint of its node certificate')
    .option('--jwks-file <file>', 'its public key set (JSON), pinned inline instead of fetched')
    .option('--timeout-ms <ms>', 'a shorter deadline for this peer', (v) => Number(v))
    .option(
      '--insecure',
      'accept a plain http:// URL knowingly (nothing authenticates the server or protects the exchange)',
      false,
    )
    .option('--reference-names <style>', 'beacon-v2: how it names chromosomes: ucsc, ensembl or refseq')
    .option('--counts <kind>', 'beacon-v2: what its numTotalResults counts: variants, individuals or unknown')
    .option('--json', 'print the registered peer as JSON (the keys of `peers list --json`)')
    .action(
      (opts: {
        json?: boolean;
        referenceNames?: string;
        counts?: string;
        id: string;
        url: string;
        kind: string;
        issuer?: string;
        thumbprint: string[];
        certSha256?: string;
        jwksFile?: string;
        timeoutMs?: number;
        insecure: boolean;
      }) =>
        withOperation('peers add', async ({ app, caller }) => {
          let jwks: unknown = null;
          if (opts.jwksFile) {
            try {
              jwks = JSON.parse(fs.readFileSync(opts.jwksFile, 'utf8'));
            } catch (err) {
              throw new CliError(
                `cannot read ${opts.jwksFile}: ${err instanceof Error ? err.message : String(err)}`,
              );
            }
          }
          const p = await app.get(PeerRegistryService).register(caller, {
            id: opts.id,
            baseUrl: opts.url,
            kind: opts.kind,
            issuer: opts.issuer ?? null,
            keyThumbprints: opts.thumbprint,
            certificateSha256: opts.certSha256 ?? null,
            jwks,
            timeoutMs: opts.timeoutMs ?? null,
            insecure: opts.insecure,
            referenceNames: opts.referenceNames ?? null,
            counts: opts.counts ?? null,
            status: 'active',
          });
          if (opts.json) printJson(tableRecords([p], PEER_COLUMNS)[0]);
          else process.stdout.write(`registered peer ${p.id} (${p.kind}) ${p.baseUrl}\n`);
          if (p.insecure) process.stderr.write(insecureWarning(p.id, p.baseUrl));
        }),
    );
  withJsonOption(peers.command('list'))
    .description('list peers')
    .action((opts: OutputOptions) =>
      withApp(async (app, config) => {
        printTable(await app.get(PeerRegistryService).list(operatorCaller()), PEER_COLUMNS, opts);
        if (!opts.json && !fs.existsSync(peersFile(config)))
          process.stdout.write(`(no ${peersFile(config)})\n`);
      }),
    );
  peers
    .command('disable')
    .description('stop asking and answering a peer')
    .requiredOption('--id <id>', 'the peer')
    .action((opts: { id: string }) =>
      withOperation('peers disable', async ({ app, caller }) => {
        await app.get(PeerRegistryService).disable(caller, opts.id);
        process.stdout.write(`disabled peer ${opts.id}\n`);
      }),
    );
}
