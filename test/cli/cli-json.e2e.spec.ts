import { randomBytes } from 'node:crypto';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { registerAuditCommands } from '../../apps/cli/src/commands/audit.command';
import { registerBackupCommands } from '../../apps/cli/src/commands/backup.command';
import { registerDatasetCommands } from '../../apps/cli/src/commands/datasets.command';
import { registerDbCommands } from '../../apps/cli/src/commands/db.command';
import { registerIngestCommands } from '../../apps/cli/src/commands/ingest.command';
import { registerKeyCommands } from '../../apps/cli/src/commands/keys.command';
import { registerNodeCommands } from '../../apps/cli/src/commands/node.command';
import { registerPanelCommands } from '../../apps/cli/src/commands/panel.command';
import { registerParticipantCommands } from '../../apps/cli/src/commands/participants.command';
import { registerSigningKeyCommands } from '../../apps/cli/src/commands/signing-keys.command';
import { registerUserCommands } from '../../apps/cli/src/commands/users.command';
import { runCli } from '../support/cli';

const helixgate = (...args: string[]) =>
  runCli(
    [
      registerAuditCommands,
      registerBackupCommands,
      registerDatasetCommands,
      registerDbCommands,
      registerIngestCommands,
      registerNodeCommands,
      registerPanelCommands,
      registerParticipantCommands,
      registerKeyCommands,
      registerSigningKeyCommands,
      registerUserCommands,
    ],
    ...args,
  );

/**
 * Runs `fn` with stderr captured and reported as not a terminal (a pipe, a CI log): what the long operations'
 * progress display writes there.
 */
async function withPipedStderr<T>(fn: () => Promise<T>): Promise<{ value: T; stderr: string }> {
  const tty = Object.getOwnPropertyDescriptor(process.stderr, 'isTTY');
  Object.defineProperty(process.stderr, 'isTTY', { value: false, configurable: true });
  const err: string[] = [];
  const spy = jest.spyOn(process.stderr, 'write').mockImplementation((chunk: string | Uint8Array) => {
    err.push(String(chunk));
    return true;
  });
  try {
    const value = await fn();
    return { value, stderr: err.join('') };
  } finally {
    spy.mockRestore();
    if (tty) Object.defineProperty(process.stderr, 'isTTY', tty);
    else delete (process.stderr as { isTTY?: boolean }).isTTY;
  }
}

const ANSI = /\u001b\[/;

/** The table's header line and its data lines. */
function table(out: string): { header: string[]; rows: string[][] } {
  const [header, ...rows] = out.trimEnd().split('\n');
  return { header: header.split('\t'), rows: rows.map((r) => r.split('\t')) };
}

/** `--json` prints what the table shows, under stable camelCase keys; tables start with a header line. */
describe('helixgate list commands: a header on the table, the same fields with --json', () => {
  const saved = { ...process.env };
  const suffix = randomBytes(4).toString('hex');
  const dataset = `cli-json-${suffix}`;
  const username = `jo-${suffix}`;

  beforeAll(async () => {
    Object.assign(process.env, {
      HELIXGATE_DATA_DIR: fs.mkdtempSync(path.join(os.tmpdir(), 'helixgate-cli-json-')),
      HELIXGATE_NODE_ID: `cli-json-${suffix}`,
      HELIXGATE_ISSUER: `https://cli-json-${suffix}.example.org`,
      HELIXGATE_MASTER_KEY: randomBytes(32).toString('base64'),
      LOG_LEVEL: 'silent',
    });
    await helixgate('datasets', 'create', '--id', dataset, '--name', 'json test', '--assembly', 'GRCh38');
    await helixgate('users', 'add', '--username', username, '--role', 'researcher', '--no-invitation');
  });
  afterAll(() => {
    process.env = saved;
  });

  it('datasets list', async () => {
    const { header, rows } = table(await helixgate('datasets', 'list'));
    expect(header).toEqual(['ID', 'ASSEMBLY', 'SECURITY_LEVEL', 'INDIVIDUALS', 'VARIANTS', 'NAME']);
    expect(rows).toContainEqual([
      dataset,
      'GRCh38',
      'CONTROLLED',
      '0 individuals',
      '0 variants',
      'json test',
    ]);

    const json = JSON.parse(await helixgate('datasets', 'list', '--json')) as Record<string, unknown>[];
    expect(Array.isArray(json)).toBe(true);
    expect(json.find((d) => d.id === dataset)).toEqual({
      id: dataset,
      assembly: 'GRCh38',
      securityLevel: 'CONTROLLED',
      individualCount: 0,
      variantCount: 0,
      name: 'json test',
    });
  });

  it('users list: no password hash or invitation token', async () => {
    const { header, rows } = table(await helixgate('users', 'list'));
    expect(header).toEqual(['USERNAME', 'ROLES', 'INSTITUTION', 'STATE', 'ID']);
    const row = rows.find((r) => r[0] === username);
    expect(row?.slice(0, 4)).toEqual([username, 'researcher', '-', 'active']);

    const json = JSON.parse(await helixgate('users', 'list', '--json')) as Record<string, unknown>[];
    const user = json.find((u) => u.username === username);
    expect(user).toEqual({
      username,
      roles: ['researcher'],
      institution: null,
      state: 'active',
      disabledAt: null,
      id: row?.[4],
    });
    expect(JSON.stringify(json)).not.toMatch(/password|hash|token/i);
  });

  it('audit search: events and the next page cursor', async () => {
    const out = await helixgate('audit', 'search', '--dataset', dataset);
    const { header, rows } = table(out);
    expect(header).toEqual(['SEQ', 'AT', 'ACTOR', 'ACTION', 'OUTCOME', 'DATASETS']);
    expect(rows.map((r) => r[3])).toContain('dataset.create');

    const page = JSON.parse(await helixgate('audit', 'search', '--dataset', dataset, '--json')) as {
      events: Record<string, unknown>[];
      endCursor: string | null;
    };
    expect(page.endCursor).toBeNull();
    expect(page.events).toHaveLength(rows.length);
    const created = page.events.find((e) => e.action === 'dataset.create');
    expect(created).toEqual({
      seq: expect.any(Number),
      at: expect.any(String),
      actor: expect.any(String),
      action: 'dataset.create',
      outcome: 'allow',
      reason: null,
      datasetIds: [dataset],
      resource: `dataset:${dataset}`,
      granularity: null,
      requestId: expect.any(String),
      detail: expect.objectContaining({ name: expect.any(String) }),
    });
    // the same events, in the same order, as the table
    expect(page.events.map((e) => String(e.seq))).toEqual(rows.map((r) => r[0]));

    // one per page: the cursor is in the JSON, not on a trailing "more:" line
    const first = JSON.parse(
      await helixgate('audit', 'search', '--dataset', dataset, '--first', '1', '--json'),
    ) as { events: unknown[]; endCursor: string | null };
    expect(first.events).toHaveLength(1);
    expect(typeof first.endCursor).toBe('string');
  });

  it('keys list and signing-keys list: ids and versions, never key material', async () => {
    await helixgate('keys', 'rotate', '--dataset', dataset);
    const keys = JSON.parse(await helixgate('keys', 'list', '--dataset', dataset, '--json')) as Record<
      string,
      unknown
    >[];
    expect(keys.length).toBeGreaterThan(0);
    for (const k of keys) {
      expect(Object.keys(k).sort()).toEqual(['datasetId', 'masterKeyId', 'retiredAt', 'state', 'version']);
    }
    expect(table(await helixgate('keys', 'list', '--dataset', dataset)).header).toEqual([
      'DATASET',
      'VERSION',
      'STATE',
      'MASTER_KEY',
    ]);
    const kids = JSON.parse(await helixgate('signing-keys', 'list', '--json')) as Record<string, unknown>[];
    expect(kids.at(-1)).toEqual({ kid: expect.any(String), use: 'signing' });
  });

  it('backups: a header, and --json as an array', async () => {
    expect(table(await helixgate('backups')).header).toEqual([
      'ID',
      'CREATED_AT',
      'DATABASE',
      'SIZE',
      'KEYS',
      'LOCATION',
    ]);
    expect(Array.isArray(JSON.parse(await helixgate('backups', '--json')))).toBe(true);
  });

  it('node show --json: the public identity, the same values as the text', async () => {
    const text = await helixgate('node', 'show');
    const identity = JSON.parse(await helixgate('node', 'show', '--json')) as Record<string, unknown>;
    expect(Object.keys(identity).sort()).toEqual([
      'baseUrl',
      'certificateCoversSigningKey',
      'certificateSha256',
      'issuer',
      'jwksUri',
      'keyThumbprints',
      'name',
      'nodeId',
    ]);
    expect(text).toContain(`node id:            ${String(identity.nodeId)}`);
    expect(text).toContain(`key thumbprints:    ${(identity.keyThumbprints as string[]).join(' ')}`);
  });

  it('audit verify --json: the integrity report', async () => {
    const report = JSON.parse(await helixgate('audit', 'verify', '--json')) as Record<string, unknown>;
    expect(report).toMatchObject({
      ok: true,
      eventsChecked: expect.any(Number),
      checkpointsVerified: expect.any(Number),
      firstBadSeq: null,
      problem: null,
    });
    expect(await helixgate('audit', 'verify')).toMatch(/^OK: /);
  });

  it('ingest, participants withdraw and audit checkpoint --json: the results as objects', async () => {
    const id = `${dataset}-vcf`;
    expect(
      JSON.parse(
        await helixgate(
          'datasets',
          'create',
          '--id',
          id,
          '--name',
          'json ingest',
          '--assembly',
          'GRCh37',
          '--json',
        ),
      ),
    ).toEqual({
      id,
      assembly: 'GRCh37',
      securityLevel: 'CONTROLLED',
      individualCount: 0,
      variantCount: 0,
      name: 'json ingest',
    });
    const file = path.join(__dirname, '../fixtures/vcf/cgi_hcc1187_chr7-sub_2s.vcf.gz');
    const summary = JSON.parse(await helixgate('ingest', '--dataset', id, file, '--json')) as Record<
      string,
      unknown
    >;
    expect(summary).toMatchObject({
      datasetId: id,
      individuals: 2,
      records: expect.any(Number),
      altRows: expect.any(Number),
      warnings: expect.any(Array),
    });

    const withdrawal = JSON.parse(
      await helixgate(
        'participants',
        'withdraw',
        '--dataset',
        id,
        '--sample',
        'HCC1187-H-200-37-ASM-T1',
        '--json',
      ),
    ) as Record<string, unknown>;
    expect(withdrawal).toMatchObject({
      datasetId: id,
      individualIdx: 1,
      variantsRewritten: expect.any(Number),
      destroyedKeyVersions: expect.any(Array),
      backupsShredded: false,
    });
    expect(JSON.stringify(withdrawal)).not.toContain('HCC1187');

    expect(JSON.parse(await helixgate('keys', 'rotate', '--dataset', id, '--json'))).toEqual({
      master: null,
      dataset: { datasetId: id, version: expect.any(Number) },
    });

    const panel = JSON.parse(
      await helixgate('panel', 'import', '--assembly', 'GRCh37', '--name', `${id}-panel`, file, '--json'),
    ) as Record<string, unknown>;
    expect(panel).toMatchObject({
      name: `${id}-panel`,
      assembly: 'GRCh37',
      sha256: expect.stringMatching(/^[0-9a-f]{64}$/),
      alleles: expect.any(Number),
      sources: expect.any(Object),
    });

    const { checkpoint } = JSON.parse(await helixgate('audit', 'checkpoint', '--json')) as {
      checkpoint: Record<string, unknown>;
    };
    expect(checkpoint).toEqual({
      upToSeq: expect.any(Number),
      headHash: expect.any(String),
      kid: expect.any(String),
      out: null,
    });
  });

  it('audit export, db migrate and signing-keys rotate --json', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'helixgate-cli-json-out-'));
    const out = path.join(dir, 'events.ndjson');
    const exported = JSON.parse(
      await helixgate(
        'audit',
        'export',
        '--out',
        out,
        '--from',
        new Date(Date.now() - 3_600_000).toISOString(),
        '--json',
      ),
    ) as Record<string, unknown>;
    expect(Object.keys(exported).sort()).toEqual(['checkpointSeq', 'manifestFile', 'out', 'rows', 'sha256']);
    expect(exported).toMatchObject({
      rows: expect.any(Number),
      out,
      sha256: expect.stringMatching(/^[0-9a-f]{64}$/),
      manifestFile: expect.any(String),
    });

    expect(JSON.parse(await helixgate('db', 'migrate', '--json'))).toEqual({
      migrationsApplied: expect.any(Number),
      latest: expect.any(String),
    });
    const { kid } = JSON.parse(await helixgate('signing-keys', 'rotate', '--json')) as { kid: string };
    const kids = JSON.parse(await helixgate('signing-keys', 'list', '--json')) as { kid: string }[];
    expect(kids.at(-1)).toEqual({ kid, use: 'signing' });
  });
});

describe('helixgate long operations: progress on stderr, plain when it is not a terminal', () => {
  const saved = { ...process.env };
  const suffix = randomBytes(4).toString('hex');
  const dataset = `cli-progress-${suffix}`;

  beforeAll(async () => {
    Object.assign(process.env, {
      HELIXGATE_DATA_DIR: fs.mkdtempSync(path.join(os.tmpdir(), 'helixgate-cli-progress-')),
      HELIXGATE_NODE_ID: `cli-progress-${suffix}`,
      HELIXGATE_ISSUER: `https://cli-progress-${suffix}.example.org`,
      HELIXGATE_MASTER_KEY: '', // a key-ring file: `keys rotate --master` rewraps
      LOG_LEVEL: 'silent',
    });
    await helixgate('datasets', 'create', '--id', dataset, '--name', 'progress', '--assembly', 'GRCh37');
  });
  afterAll(() => {
    process.env = saved;
  });

  it('ingest, participants withdraw, keys rotate, audit verify and audit export: plain lines, --json untouched', async () => {
    const file = path.join(__dirname, '../fixtures/vcf/cgi_hcc1187_chr7-sub_2s.vcf.gz');
    const runs: [string, string[]][] = [
      ['ingest', ['ingest', '--dataset', dataset, file, '--json']],
      [
        'withdraw',
        ['participants', 'withdraw', '--dataset', dataset, '--sample', 'HCC1187-H-200-37-ASM-T1', '--json'],
      ],
      ['rewrap', ['keys', 'rotate', '--master', '--json']],
      ['verify', ['audit', 'verify', '--json']],
      [
        'export',
        [
          'audit',
          'export',
          '--out',
          path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'helixgate-cli-progress-out-')), 'e.ndjson'),
          '--json',
        ],
      ],
    ];
    for (const [label, args] of runs) {
      const { value: stdout, stderr } = await withPipedStderr(() => helixgate(...args));
      expect(() => JSON.parse(stdout) as unknown).not.toThrow(); // stdout carries the JSON result only
      expect(stderr).not.toMatch(ANSI);
      const lines = stderr.split('\n').filter((l) => l.startsWith(`${label}: `));
      expect({ label, last: lines.at(-1) }).toEqual({
        label,
        last: expect.stringMatching(new RegExp(`^${label}: 100% \\(`)),
      });
    }
  });
});
