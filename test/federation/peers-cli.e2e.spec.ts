import { DomainError } from '@helixgate/common';
import { randomBytes } from 'node:crypto';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { registerNodeCommands } from '../../apps/cli/src/commands/node.command';
import { registerPeerCommands } from '../../apps/cli/src/commands/peers.command';
import { runCli } from '../support/cli';

/**
 * Runs `helixgate <args>` in-process and returns what it printed, without log lines: on a reused database a
 * start-up warning (e.g. the master-key check about another spec's datasets) may be logged to stdout first.
 */
const helixgate = async (...args: string[]) =>
  (await runCli([registerNodeCommands, registerPeerCommands], ...args))
    .split('\n')
    .filter((line) => !/\[Nest\]|^\{"level"/.test(line))
    .join('\n');

describe('helixgate node / peers', () => {
  const saved = { ...process.env };
  const suffix = randomBytes(4).toString('hex');
  const id = `cli-peer-${suffix}`;

  beforeAll(() => {
    const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'helixgate-fed-cli-'));
    // The CLI reads its configuration from the environment, like the real binary.
    Object.assign(process.env, {
      HELIXGATE_DATA_DIR: dataDir,
      HELIXGATE_NODE_ID: `cli-node-${suffix}`,
      HELIXGATE_ISSUER: `https://cli-node-${suffix}.example.org`,
      HELIXGATE_MASTER_KEY: randomBytes(32).toString('base64'),
      LOG_LEVEL: 'silent',
    });
  });
  afterAll(() => {
    process.env = saved;
  });

  it('node init creates the keys and a certificate, and prints what a peer registers it with', async () => {
    const out = await helixgate('node', 'init');
    expect(out).toMatch(/certificate sha256: [0-9a-f]{64}/);
    expect(out).toContain(
      `helixgate peers add --id cli-node-${suffix} --url https://cli-node-${suffix}.example.org`,
    );
    expect(out).toMatch(/--thumbprint [A-Za-z0-9_-]{43}/);
    expect(await helixgate('node', 'show')).toBe(out);
  });

  it('peers add, list and disable', async () => {
    const thumb = 'B'.repeat(43);
    expect(
      await helixgate(
        'peers',
        'add',
        '--id',
        id,
        '--url',
        `https://${id}.example.org/`,
        '--issuer',
        `https://${id}.example.org`,
        '--thumbprint',
        thumb,
        '--timeout-ms',
        '2500',
      ),
    ).toBe(`registered peer ${id} (helixgate) https://${id}.example.org\n`);
    const line = () =>
      helixgate('peers', 'list').then((o) => o.split('\n').find((l) => l.startsWith(`${id}\t`)));
    expect(await line()).toBe(
      `${id}\thelixgate\tactive\thttps://${id}.example.org\t2500ms\tapi\t${thumb}\t-`,
    );
    const listed = JSON.parse(await helixgate('peers', 'list', '--json')) as Record<string, unknown>[];
    expect(listed.find((p) => p.id === id)).toEqual({
      id,
      kind: 'helixgate',
      status: 'active',
      baseUrl: `https://${id}.example.org`,
      timeoutMs: 2500,
      source: 'api',
      pins: [thumb],
      insecure: false,
    });
    const json = JSON.parse(
      await helixgate(
        'peers',
        'add',
        '--id',
        `${id}-json`,
        '--url',
        `https://${id}-json.example.org`,
        '--issuer',
        `https://${id}-json.example.org`,
        '--thumbprint',
        thumb,
        '--json',
      ),
    ) as Record<string, unknown>;
    expect(json).toMatchObject({ id: `${id}-json`, kind: 'helixgate', status: 'active', pins: [thumb] });
    expect(await helixgate('peers', 'disable', '--id', id)).toBe(`disabled peer ${id}\n`);
    expect(await line()).toContain('\tdisabled\t');
  });

  it('refuses a plain http:// peer without --insecure; with it, warns loudly and stores the flag', async () => {
    const args = (peerId: string) => [
      'peers',
      'add',
      '--id',
      peerId,
      '--url',
      `http://127.0.0.1:4999`,
      '--issuer',
      `http://${peerId}.example.org`,
      '--thumbprint',
      'D'.repeat(43),
    ];
    await expect(helixgate(...args(`${id}-http`))).rejects.toThrow(
      /peer baseUrl is plain http:\/\/: .*use https, or accept it knowingly with --insecure/,
    );
    expect(await helixgate('peers', 'list')).not.toContain(`${id}-http\t`);
    const stderr: string[] = [];
    const spy = jest.spyOn(process.stderr, 'write').mockImplementation((chunk: string | Uint8Array) => {
      stderr.push(String(chunk));
      return true;
    });
    let out: string;
    try {
      out = await helixgate(...args(`${id}-http`), '--insecure');
    } finally {
      spy.mockRestore();
    }
    expect(out).toContain(`registered peer ${id}-http (helixgate) http://127.0.0.1:4999\n`);
    expect(stderr.join('')).toMatch(/WARNING: peer .*-http is registered over PLAIN HTTP/);
    const line = (await helixgate('peers', 'list')).split('\n').find((l) => l.startsWith(`${id}-http\t`));
    expect(line).toMatch(/\tINSECURE \(plain HTTP\)$/);
  });

  it("takes a beacon-v2 peer's chromosome naming and count kind, and refuses them for a helixgate peer", async () => {
    const out = await helixgate(
      'peers',
      'add',
      '--id',
      `${id}-b2`,
      '--kind',
      'beacon-v2',
      '--url',
      'https://beacon.example.org/api',
      '--reference-names',
      'ucsc',
      '--counts',
      'individuals',
    );
    expect(out).toContain(`registered peer ${id}-b2 (beacon-v2)`);
    await expect(
      helixgate(
        'peers',
        'add',
        '--id',
        `${id}-b3`,
        '--kind',
        'beacon-v2',
        '--url',
        'https://b3.example.org',
        '--counts',
        'people',
      ),
    ).rejects.toThrow(/counts must be one of variants, individuals, unknown/);
    await expect(
      helixgate(
        'peers',
        'add',
        '--id',
        `${id}-hx`,
        '--url',
        'https://hx.example.org',
        '--issuer',
        'https://hx.example.org',
        '--thumbprint',
        'E'.repeat(43),
        '--counts',
        'variants',
      ),
    ).rejects.toThrow(/counts applies to beacon-v2 peers only/);
  });

  it('refuses a helixgate peer without a pin, naming the field', async () => {
    await expect(
      helixgate(
        'peers',
        'add',
        '--id',
        `${id}-x`,
        '--url',
        'https://x.example.org',
        '--issuer',
        `https://${id}-x.example.org`,
      ),
    ).rejects.toThrow(DomainError);
    await expect(
      helixgate(
        'peers',
        'add',
        '--id',
        `${id}-x`,
        '--url',
        'https://x.example.org',
        '--issuer',
        `https://${id}-x.example.org`,
      ),
    ).rejects.toThrow(/peer keyThumbprints a helixgate peer needs a pin/);
  });
});
