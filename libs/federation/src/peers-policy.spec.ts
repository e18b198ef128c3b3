import { PolicyFileError } from '@helixgate/common';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { loadPeersPolicy } from './peers-policy';

const THUMB = 'A'.repeat(43);

function file(text: string): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'peers-policy-'));
  const f = path.join(dir, 'peers.yaml');
  fs.writeFileSync(f, text);
  return f;
}

function errorOf(f: string): PolicyFileError {
  try {
    loadPeersPolicy(f);
  } catch (err) {
    if (err instanceof PolicyFileError) return err;
    throw err;
  }
  throw new Error('expected a PolicyFileError');
}

describe('policies/peers.yaml', () => {
  it('reads no peers from an absent or empty file', () => {
    expect(loadPeersPolicy('/nonexistent/peers.yaml')).toEqual([]);
    expect(loadPeersPolicy(file('# nothing yet\n'))).toEqual([]);
  });

  it('reads helixgate and beacon-v2 peers with their defaults', () => {
    const peers = loadPeersPolicy(
      file(
        [
          'peers:',
          '  - id: node-b',
          '    base_url: https://b.example.org/',
          '    issuer: https://b.example.org',
          `    key_thumbprints: [${THUMB}]`,
          '    timeout_ms: 2000',
          '  - id: elixir-beacon',
          '    kind: beacon-v2',
          '    base_url: https://beacon.example.org/api',
          '    status: disabled',
          '    reference_names: ucsc',
          '    counts: variants',
        ].join('\n'),
      ),
    );
    expect(peers).toEqual([
      {
        id: 'node-b',
        baseUrl: 'https://b.example.org',
        kind: 'helixgate',
        status: 'active',
        issuer: 'https://b.example.org',
        keyThumbprints: [THUMB],
        certificateSha256: null,
        jwks: null,
        timeoutMs: 2000,
        insecure: false,
        referenceNames: null,
        counts: null,
      },
      expect.objectContaining({
        id: 'elixir-beacon',
        kind: 'beacon-v2',
        status: 'disabled',
        issuer: null,
        referenceNames: 'ucsc',
        counts: 'variants',
      }),
    ]);
  });

  it('names the file and line of a beacon-v2 setting given to a helixgate peer, or an unknown naming', () => {
    const helixgate = file(
      [
        'peers:',
        '  - id: node-b',
        '    base_url: https://b.example.org',
        '    issuer: https://b.example.org',
        `    key_thumbprints: [${THUMB}]`,
        '    counts: individuals',
      ].join('\n'),
    );
    expect(() => loadPeersPolicy(helixgate)).toThrow(/:6.*beacon-v2 peers only/);
    const naming = file(
      [
        'peers:',
        '  - id: b2',
        '    kind: beacon-v2',
        '    base_url: https://x.org',
        '    reference_names: hg',
      ].join('\n'),
    );
    expect(() => loadPeersPolicy(naming)).toThrow(/:5.*ucsc, ensembl, refseq/);
  });

  it('names the file and line of a helixgate peer without a pin', () => {
    const f = file(
      [
        'peers:',
        '  - id: node-b',
        '    base_url: https://b.example.org',
        '    issuer: https://b.example.org',
      ].join('\n'),
    );
    const err = errorOf(f);
    expect(err.message).toBe(
      `${f}:2: peers.0: key_thumbprints a helixgate peer needs a pin: key thumbprints, a certificate fingerprint or an inline key set`,
    );
  });

  it('names the line of a bad value, an unknown key and a duplicate id', () => {
    const bad = file(['peers:', '  - id: node-b', '    base_url: ftp://b', '    kind: beacon-v2'].join('\n'));
    expect(errorOf(bad).message).toMatch(
      /peers\.yaml:3: peers\.0\.base_url: base_url must be an http\(s\) URL$/,
    );
    const unknown = file(
      ['peers:', '  - id: node-b', '    kind: beacon-v2', '    url: https://b'].join('\n'),
    );
    expect(errorOf(unknown).message).toMatch(/peers\.yaml:4: peers\.0\.url: unknown key/);
    const dup = file(
      [
        'peers:',
        '  - { id: bb, base_url: "https://b", kind: beacon-v2 }',
        '  - { id: bb, base_url: "https://c", kind: beacon-v2 }',
      ].join('\n'),
    );
    expect(errorOf(dup).message).toMatch(/peers\.yaml:3: peers\.1\.id: duplicate peer id bb$/);
    const yaml = file('peers: [\n  - id: x\n');
    expect(errorOf(yaml).message).toMatch(/peers\.yaml:\d+: /);
  });

  it('refuses a plain http:// peer without insecure: true, naming the line; accepts it with the flag', () => {
    const entry = (extra: string[]) =>
      file(
        [
          'peers:',
          '  - id: node-b',
          '    base_url: http://b.example.org:4002',
          '    issuer: http://b.example.org:4002',
          `    key_thumbprints: [${THUMB}]`,
          ...extra,
        ].join('\n'),
      );
    expect(errorOf(entry([])).message).toMatch(
      /peers\.yaml:3: peers\.0\.base_url: base_url is plain http:\/\/: .* use https, or accept it knowingly with --insecure \(insecure: true in peers\.yaml\)$/,
    );
    expect(errorOf(entry(['    insecure: false'])).message).toMatch(/peers\.yaml:3: .*plain http/);
    expect(errorOf(entry(['    insecure: "yes"'])).message).toMatch(
      /peers\.yaml:6: peers\.0\.insecure: insecure must be true or false$/,
    );
    expect(loadPeersPolicy(entry(['    insecure: true']))).toEqual([
      expect.objectContaining({ id: 'node-b', baseUrl: 'http://b.example.org:4002', insecure: true }),
    ]);
    // On an https peer the flag changes nothing: it is stored as false.
    const https = file(
      ['peers:', '  - { id: bb, base_url: "https://b", kind: beacon-v2, insecure: true }'].join('\n'),
    );
    expect(loadPeersPolicy(https)).toEqual([expect.objectContaining({ insecure: false })]);
  });

  it('refuses a private key in an inline key set', () => {
    const f = file(
      [
        'peers:',
        '  - id: node-b',
        '    base_url: https://b',
        '    issuer: https://b',
        '    jwks: { keys: [ { kty: EC, crv: P-256, x: a, y: b, d: secret } ] }',
      ].join('\n'),
    );
    expect(errorOf(f).message).toMatch(/:5: peers\.0\.jwks: jwks must be a key set/);
  });
});
