import { randomBytes } from 'node:crypto';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { DataSource } from 'typeorm';
import { loadConfig } from '@helixgate/config';
import { registerAuditCommands } from '../../apps/cli/src/commands/audit.command';
import { registerConsentCommands } from '../../apps/cli/src/commands/consent.command';
import { registerDatasetCommands } from '../../apps/cli/src/commands/datasets.command';
import { registerDbCommands } from '../../apps/cli/src/commands/db.command';
import { registerIngestCommands } from '../../apps/cli/src/commands/ingest.command';
import { registerKeyCommands } from '../../apps/cli/src/commands/keys.command';
import { registerNodeCommands } from '../../apps/cli/src/commands/node.command';
import { registerParticipantCommands } from '../../apps/cli/src/commands/participants.command';
import { registerPeerCommands } from '../../apps/cli/src/commands/peers.command';
import { registerSigningKeyCommands } from '../../apps/cli/src/commands/signing-keys.command';
import { registerTokenCommands } from '../../apps/cli/src/commands/tokens.command';
import { registerUserCommands } from '../../apps/cli/src/commands/users.command';
import { runCli } from '../support/cli';
import { auditTestApp, callerWith } from './audit-test-app';

const FIXTURES = path.join(__dirname, '../fixtures/vcf');
const CGI = 'cgi_hcc1187_chr7-sub_2s.vcf.gz';

const helixgate = (...args: string[]) =>
  runCli(
    [
      registerDatasetCommands,
      registerConsentCommands,
      registerIngestCommands,
      registerKeyCommands,
      registerParticipantCommands,
      registerUserCommands,
      registerTokenCommands,
      registerSigningKeyCommands,
      registerNodeCommands,
      registerPeerCommands,
      registerDbCommands,
      registerAuditCommands,
    ],
    ...args,
  );

interface Event {
  seq: string;
  actor: string;
  roles: string[];
  action: string;
  outcome: string;
  reason: string | null;
  dataset_ids: string[];
  request_id: string;
  detail: Record<string, unknown>;
}

/** Every state-changing CLI command leaves an event under the operator's identity (never a token or key). */
describe('operator actions from the CLI are audited', () => {
  const saved = { ...process.env };
  const suffix = randomBytes(4).toString('hex');
  const operator = `local:${os.userInfo().username}`;
  let ds: DataSource;
  let since: number;

  /** The events written since the previous call, oldest first. */
  const newEvents = async (): Promise<Event[]> => {
    const rows = await ds.query<Event[]>(
      `SELECT seq, actor, roles, action, outcome, reason, dataset_ids, request_id, detail FROM audit_event
        WHERE seq > $1 ORDER BY seq`,
      [since],
    );
    if (rows.length) since = Number(rows[rows.length - 1].seq);
    return rows;
  };
  /** The one `cli:<command>` event of the last command, by the operator. */
  const commandEvent = async (command: string): Promise<{ event: Event; all: Event[] }> => {
    const all = await newEvents();
    const events = all.filter((e) => e.actor === operator && e.action === `cli:${command}`);
    expect(events).toHaveLength(1);
    expect(events[0].roles).toEqual(['admin', 'compliance']);
    expect(events[0].detail).toMatchObject({ issuer: 'helixgate-cli' });
    return { event: events[0], all };
  };

  beforeAll(async () => {
    Object.assign(process.env, {
      HELIXGATE_DATA_DIR: fs.mkdtempSync(path.join(os.tmpdir(), 'helixgate-cli-audit-')),
      HELIXGATE_NODE_ID: `cli-audit-${suffix}`,
      HELIXGATE_ISSUER: `https://cli-audit-${suffix}.example.org`,
      HELIXGATE_MASTER_KEY: randomBytes(32).toString('base64'),
      LOG_LEVEL: 'silent',
    });
    ds = await new DataSource({
      type: 'postgres',
      url: process.env.DATABASE_URL,
      extra: { max: 1 },
    }).initialize();
    const [{ max }] = await ds.query<{ max: string | null }[]>(
      'SELECT max(seq)::text AS max FROM audit_event',
    );
    since = Number(max ?? 0);
  });
  afterAll(async () => {
    await ds.destroy();
    process.env = saved;
  });

  it('datasets create, consent set, datasets steward, ingest, keys rotate, participants withdraw', async () => {
    const id = `cli-audit-${suffix}`;
    await helixgate('datasets', 'create', '--id', id, '--name', 'cli audit', '--assembly', 'GRCh37');
    const created = await commandEvent('datasets create');
    expect(created.event).toMatchObject({ outcome: 'allow', dataset_ids: [id] });
    // the domain event of the same operation, under the same request id
    expect(created.all).toContainEqual(
      expect.objectContaining({
        action: 'dataset.create',
        request_id: created.event.request_id,
        dataset_ids: [id],
      }),
    );

    await helixgate('consent', 'set', id, '--permission', 'GRU');
    const consent = await commandEvent('consent set');
    expect(consent.all).toContainEqual(
      expect.objectContaining({ action: 'consent.set', detail: expect.objectContaining({ consent: 'GRU' }) }),
    );

    await helixgate('users', 'add', '--username', `sam-${suffix}`, '--role', 'steward');
    const added = await commandEvent('users add');
    expect(added.event.detail).toMatchObject({
      username: `sam-${suffix}`,
      roles: ['steward'],
      subject: expect.any(String),
    });

    await helixgate('datasets', 'steward', '--dataset', id, '--user', `sam-${suffix}`);
    const steward = await commandEvent('datasets steward');
    expect(steward.event.dataset_ids).toEqual([id]);
    expect(steward.all).toContainEqual(
      expect.objectContaining({
        action: 'dataset.steward',
        detail: expect.objectContaining({
          steward: expect.stringContaining(added.event.detail.subject as string),
        }),
      }),
    );

    const file = path.join(FIXTURES, CGI);
    await helixgate('ingest', '--dataset', id, file);
    const ingest = await commandEvent('ingest');
    const { createHash } = await import('node:crypto');
    expect(ingest.event).toMatchObject({
      outcome: 'allow',
      dataset_ids: [id],
      detail: expect.objectContaining({
        file: CGI,
        sha256: createHash('sha256').update(fs.readFileSync(file)).digest('hex'),
        records: expect.any(Number),
        altRows: expect.any(Number),
        individualCount: 2,
      }),
    });

    await helixgate('keys', 'rotate', '--dataset', id);
    const rotated = await commandEvent('keys rotate');
    expect(rotated.event).toMatchObject({
      dataset_ids: [id],
      detail: expect.objectContaining({ keyVersion: 2 }),
    });

    // A refused operation is recorded with its reason: the sample does not exist.
    await expect(
      helixgate('participants', 'withdraw', '--dataset', id, '--sample', 'nobody'),
    ).rejects.toMatchObject({
      code: 'NOT_FOUND',
    });
    const refused = await commandEvent('participants withdraw');
    expect(refused.event).toMatchObject({ outcome: 'error', reason: 'NOT_FOUND', dataset_ids: [id] });
    expect(JSON.stringify(refused.all)).not.toContain('nobody');
  });

  it('users disable, tokens issue (never the token), signing-keys rotate, node init, peers add/disable, db migrate', async () => {
    await helixgate('users', 'add', '--username', `alice-${suffix}`, '--role', 'researcher');
    await newEvents();
    const token = (
      await helixgate('tokens', 'issue', '--user', `alice-${suffix}`, '--ttl', '15m', '--bona-fide')
    ).trim();
    expect(token.split('.')).toHaveLength(3);
    const issued = await commandEvent('tokens issue');
    expect(issued.event.detail).toMatchObject({
      username: `alice-${suffix}`,
      subject: expect.any(String),
      ttl: '15m',
      visas: ['ResearcherStatus', 'AcceptedTermsAndPolicies'],
      expiresAt: expect.any(String),
    });
    const [, payload, signature] = token.split('.');
    const stored = JSON.stringify(await ds.query('SELECT * FROM audit_event WHERE seq > $1 - 10', [since]));
    expect(stored).not.toContain(signature);
    expect(stored).not.toContain(payload.slice(0, 40));

    await helixgate('users', 'disable', '--username', `alice-${suffix}`);
    expect((await commandEvent('users disable')).event.detail).toMatchObject({ username: `alice-${suffix}` });
    await expect(helixgate('tokens', 'issue', '--user', `alice-${suffix}`)).rejects.toMatchObject({
      code: 'FORBIDDEN',
    });
    expect((await commandEvent('tokens issue')).event).toMatchObject({
      outcome: 'deny',
      reason: 'FORBIDDEN',
    });

    await helixgate('signing-keys', 'rotate');
    expect((await commandEvent('signing-keys rotate')).event.detail).toMatchObject({
      kid: expect.any(String),
    });

    await helixgate('node', 'init');
    expect((await commandEvent('node init')).event.detail).toMatchObject({
      nodeId: `cli-audit-${suffix}`,
      certificateSha256: expect.stringMatching(/^[0-9a-f]{64}$/),
    });
    // no private key material: the node's key files are not in any event
    const keyFiles = fs.readdirSync(process.env.HELIXGATE_DATA_DIR!).filter((f) => f.endsWith('.json'));
    const trail = JSON.stringify(
      await ds.query('SELECT detail FROM audit_event WHERE actor = $1', [operator]),
    );
    for (const f of keyFiles) {
      const d = JSON.parse(fs.readFileSync(path.join(process.env.HELIXGATE_DATA_DIR!, f), 'utf8')) as {
        keys?: { d?: string }[];
        d?: string;
      };
      for (const k of [...(d.keys ?? []), d]) if (k.d) expect(trail).not.toContain(k.d);
    }

    const peer = `cli-audit-peer-${suffix}`;
    await helixgate(
      'peers',
      'add',
      '--id',
      peer,
      '--url',
      `https://${peer}.example.org`,
      '--issuer',
      `https://${peer}.example.org`,
      '--thumbprint',
      'C'.repeat(43),
    );
    // the registry names the operation on the command's event
    const added = (await newEvents()).filter((e) => e.actor === operator);
    expect(added).toEqual([
      expect.objectContaining({
        action: 'peer.register',
        outcome: 'allow',
        detail: expect.objectContaining({ peer }),
      }),
    ]);
    await helixgate('peers', 'disable', '--id', peer);
    expect((await newEvents()).filter((e) => e.actor === operator)).toEqual([
      expect.objectContaining({ action: 'peer.disable', detail: expect.objectContaining({ peer }) }),
    ]);

    await helixgate('db', 'migrate');
    expect((await commandEvent('db migrate')).event.detail).toMatchObject({ migrations: expect.any(Number) });
  });

  it('audit search --actor takes a user name (events store the subject, the user id)', async () => {
    await helixgate('users', 'add', '--username', `dora-${suffix}`, '--role', 'researcher');
    const [{ id }] = await ds.query<{ id: string }[]>('SELECT id FROM app_user WHERE username = $1', [
      `dora-${suffix}`,
    ]);
    const t = await auditTestApp(loadConfig(process.env));
    try {
      await t.audit.recordFor(callerWith(['researcher'], id), {
        action: 'access.submit',
        resource: null,
        outcome: 'allow',
      });
    } finally {
      await t.close();
    }
    const byName = await helixgate('audit', 'search', '--actor', `dora-${suffix}`);
    expect(byName).toContain(`\t${id}\taccess.submit\tallow`);
    expect(await helixgate('audit', 'search', '--actor', id)).toBe(byName);
    // no events: the header line alone
    expect(await helixgate('audit', 'search', '--actor', `nobody-${suffix}`)).toBe(
      'SEQ\tAT\tACTOR\tACTION\tOUTCOME\tDATASETS\n',
    );
  });
});
