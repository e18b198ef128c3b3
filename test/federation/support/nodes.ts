import { withoutRiskBudget } from '../../support/privacy-panels';
import type { INestApplication } from '@nestjs/common';
import { loadConfig, type HelixgateConfig } from '@helixgate/config';
import { NodeKeyService } from '@helixgate/identity';
import { PEER_ANSWER_TYP, bodyHash } from '@helixgate/federation';
import { SignJWT, calculateJwkThumbprint, decodeJwt, exportJWK, generateKeyPair, type JWK } from 'jose';
import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes, randomUUID } from 'node:crypto';
import * as fs from 'node:fs';
import * as http from 'node:http';
import type { AddressInfo } from 'node:net';
import * as os from 'node:os';
import * as path from 'node:path';
import { Client } from 'pg';
import { createGateway } from '../../../apps/gateway/src/bootstrap';

const REPO_POLICIES = path.join(__dirname, '../../../policies');

/** A free loopback port (listened on and released). */
export async function freePort(): Promise<number> {
  const server = http.createServer();
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const { port } = server.address() as AddressInfo;
  await new Promise<void>((r) => server.close(() => r()));
  return port;
}

const EMBEDDED_DATABASE_TS = path.join(__dirname, '../../../libs/db/src/embedded-database.ts');

/**
 * Serves one embedded database (PGlite over loopback) from a plain Node process. Jest's sandbox cannot load
 * PGlite (see STACK.md), so each extra node's database runs there; the node under test finds it through
 * the data directory's lock file, exactly as the CLI finds a running gateway's database. The TypeScript
 * sources are compiled on require with @swc/core (already used by jest).
 */
const EMBEDDED_DB_CHILD = `
const fs = require('node:fs');
const swc = require(${JSON.stringify(require.resolve('@swc/core'))});
require.extensions['.ts'] = (m, filename) => {
  const { code } = swc.transformSync(fs.readFileSync(filename, 'utf8'), {
    filename, jsc: { parser: { syntax: 'typescript' }, target: 'es2022' }, module: { type: 'commonjs' },
  });
  m._compile(code, filename);
};
const [file, dir] = process.argv.slice(1);
require(file).openEmbeddedDatabase(dir).then(
  (db) => {
    process.stdout.write('ready ' + db.url + '\\n');
    const stop = () => db.close().finally(() => process.exit(0));
    process.on('SIGTERM', stop);
    process.on('SIGINT', stop);
    // Never outlive the test process that started it.
    const parent = process.ppid;
    setInterval(() => { try { process.kill(parent, 0); } catch { stop(); } }, 1000).unref();
  },
  (err) => { process.stderr.write(String(err && err.stack || err) + '\\n'); process.exit(1); },
);
`;

/** One node's own database: a fresh PostgreSQL database (CI) or its own embedded database (a child process). */
interface NodeDatabase {
  env: Record<string, string>;
  close(): Promise<void>;
}

export async function nodeDatabase(name: string, dataDir: string): Promise<NodeDatabase> {
  if (process.env.HELIXGATE_TEST_DB_KIND === 'postgres') {
    const admin = new URL(process.env.DATABASE_URL!);
    const db = `hg_fed_${name.replace(/[^a-z0-9]/g, '_')}_${randomBytes(4).toString('hex')}`;
    const run = async (sql: string) => {
      const c = new Client({ connectionString: admin.toString() });
      await c.connect();
      try {
        await c.query(sql);
      } finally {
        await c.end();
      }
    };
    await run(`CREATE DATABASE ${db}`);
    const url = new URL(admin.toString());
    url.pathname = `/${db}`;
    return {
      env: { DATABASE_URL: url.toString(), HELIXGATE_DB_POOL_MAX: '4' },
      close: () => run(`DROP DATABASE IF EXISTS ${db} WITH (FORCE)`),
    };
  }
  return embeddedDatabaseProcess(name, path.join(dataDir, 'db'));
}

/** An embedded database in `dbDir` served by a child process (whatever database the suite runs on). */
export async function embeddedDatabaseProcess(name: string, dbDir: string): Promise<NodeDatabase> {
  const child: ChildProcess = spawn(
    process.execPath,
    ['-e', EMBEDDED_DB_CHILD, EMBEDDED_DATABASE_TS, dbDir],
    {
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  await new Promise<void>((resolve, reject) => {
    let err = '';
    child.stderr!.on('data', (d: Buffer) => (err += d.toString()));
    child.stdout!.on('data', (d: Buffer) => d.toString().includes('ready') && resolve());
    child.on('exit', (code) => reject(new Error(`embedded database for ${name} exited ${code}: ${err}`)));
  });
  return {
    // DATABASE_URL left out: the node opens "its" embedded database and finds the child serving it.
    env: { HELIXGATE_EMBEDDED_DB_DIR: dbDir },
    close: async () => {
      const exited = new Promise((r) => child.once('exit', r));
      child.kill('SIGTERM');
      await exited;
    },
  };
}

export interface TestNode {
  id: string;
  port: number;
  base: string;
  config: HelixgateConfig;
  policiesDir: string;
  /** RFC 7638 thumbprints of its signing keys. */
  thumbprints: string[];
  app: INestApplication | null;
  start(): Promise<void>;
  stop(): Promise<void>;
  /** Stops the node and removes its database. */
  destroy(): Promise<void>;
}

/**
 * Prepares a node (own port, data dir, keys, policies dir and database) without starting it, so that the
 * nodes' peers.yaml files can name each other's keys before any of them boots.
 */
export async function prepareNode(id: string, env: Record<string, string> = {}): Promise<TestNode> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), `helixgate-fed-${id}-`));
  const policiesDir = path.join(dataDir, 'policies');
  fs.mkdirSync(policiesDir);
  for (const f of fs.readdirSync(REPO_POLICIES)) {
    if (f.endsWith('.yaml') && f !== 'peers.yaml')
      fs.copyFileSync(path.join(REPO_POLICIES, f), path.join(policiesDir, f));
  }
  // Federation semantics are tested here; the privacy guard (which needs a reference panel per dataset)
  // in test/privacy and test/beacon-privacy.e2e.spec.ts.
  withoutRiskBudget(policiesDir);
  const port = await freePort();
  const base = `http://127.0.0.1:${port}`;
  const db = await nodeDatabase(id, dataDir);
  const config = loadConfig({
    HELIXGATE_DATA_DIR: dataDir,
    HELIXGATE_MASTER_KEY: randomBytes(32).toString('base64'),
    HELIXGATE_NODE_ID: id,
    HELIXGATE_NODE_NAME: `test node ${id}`,
    HELIXGATE_ISSUER: base,
    HELIXGATE_POLICIES_DIR: policiesDir,
    HELIXGATE_FEDERATION_TIMEOUT_MS: '1500',
    LOG_LEVEL: 'silent',
    PORT: String(port),
    ...db.env,
    ...env,
  });
  const thumbprints = await new NodeKeyService(config).kids();
  const node: TestNode = {
    id,
    port,
    base,
    config,
    policiesDir,
    thumbprints,
    app: null,
    async start() {
      node.app = await createGateway(config);
      await node.app.listen(port, '127.0.0.1');
    },
    async stop() {
      const app = node.app;
      node.app = null;
      await app?.close();
    },
    async destroy() {
      await node.stop();
      await db.close();
      fs.rmSync(dataDir, { recursive: true, force: true });
    },
  };
  return node;
}

/**
 * A peers.yaml entry registering `peer` (a Helixgate node) by its id, URL, issuer and pinned key. Test nodes
 * listen on plain HTTP loopback, so the entry says `insecure: true` (a plain-HTTP peer is refused without it).
 */
export function peerEntry(peer: TestNode, extra: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    id: peer.id,
    base_url: peer.base,
    issuer: peer.base,
    key_thumbprints: peer.thumbprints,
    insecure: true,
    ...extra,
  };
}

/**
 * A signing key for a fake peer: `thumbprint` to pin it, `sign` to answer a request the way a Helixgate
 * node does (x-helixgate-answer-signature), with every binding overridable so tests can forge one wrongly.
 */
export async function answerKey(): Promise<{
  thumbprint: string;
  jwk: JWK;
  sign(
    requestJws: string,
    body: unknown,
    claims: { iss: string; node: string; aud: string; jti?: string; exp?: number; kid?: string },
  ): Promise<string>;
}> {
  const { privateKey, publicKey } = await generateKeyPair('ES256', { extractable: true });
  const jwk = await exportJWK(publicKey);
  const thumbprint = await calculateJwkThumbprint(jwk, 'sha256');
  return {
    thumbprint,
    jwk: { ...jwk, kid: thumbprint, alg: 'ES256', use: 'sig' },
    sign: (requestJws, body, c) => {
      const request = decodeJwt(requestJws);
      const now = Math.floor(Date.now() / 1000);
      return new SignJWT({
        hg_request_jti: c.jti ?? request.jti,
        hg_node: c.node,
        hg_body_sha256: bodyHash(body),
      })
        .setProtectedHeader({ alg: 'ES256', typ: PEER_ANSWER_TYP, kid: c.kid ?? thumbprint })
        .setIssuer(c.iss)
        .setAudience(c.aud)
        .setIssuedAt(now)
        .setExpirationTime(c.exp ?? now + 30)
        .setJti(randomUUID())
        .sign(privateKey);
    },
  };
}

/** The whole body of a request to a fake peer. */
export function readBody(req: http.IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

export function writePeers(node: TestNode, peers: Record<string, unknown>[]): void {
  fs.writeFileSync(path.join(node.policiesDir, 'peers.yaml'), JSON.stringify({ peers }, null, 2));
}

/** A loopback HTTP server answering every request with `handler`; `close` also drops open connections. */
export async function fakePeer(
  handler: (req: http.IncomingMessage, res: http.ServerResponse) => void,
): Promise<{ base: string; close(): Promise<void> }> {
  const server = http.createServer(handler);
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const { port } = server.address() as AddressInfo;
  return {
    base: `http://127.0.0.1:${port}`,
    close: () =>
      new Promise<void>((r) => {
        server.closeAllConnections();
        server.close(() => r());
      }),
  };
}

export async function gql<T>(
  base: string,
  query: string,
  variables: Record<string, unknown> = {},
  headers: Record<string, string> = {},
) {
  const res = await fetch(`${base}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: JSON.stringify({ query, variables }),
  });
  return {
    status: res.status,
    headers: res.headers,
    body: (await res.json()) as {
      data?: T;
      errors?: { message: string; extensions?: Record<string, unknown> }[];
    },
  };
}
