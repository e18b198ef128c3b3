import { Injectable } from '@nestjs/common';
import { HelixgateConfig } from '@helixgate/config';
import {
  SignJWT,
  createLocalJWKSet,
  calculateJwkThumbprint,
  exportJWK,
  generateKeyPair,
  importJWK,
  type JSONWebKeySet,
  type JWK,
  type JWTPayload,
} from 'jose';
import { randomUUID } from 'node:crypto';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { nodeAudience, nodeIssuer } from './node-issuer';

/** One node signing key as stored in `<dataDir>/node-keys.json` (mode 0600). */
interface StoredKey {
  kid: string;
  createdAt: string;
  /** Private ES256 JWK (includes the public part). */
  jwk: JWK;
}
interface KeyRing {
  /** Oldest first; the last key signs, the others stay published until removed. */
  keys: StoredKey[];
}

export interface SignOptions {
  /** `aud`; omit for audience-less JWTs such as visas. */
  audience?: string | string[];
  /** `exp` as a jose time span ("8h", "15m") or seconds since epoch. */
  expiresIn: string | number;
  /** `typ` protected header (e.g. "JWT", "at+jwt", "vnd.ga4gh.visa+jwt"). Default "JWT". */
  typ?: string;
  subject?: string;
  /** `jti`; a random UUID when omitted. */
  jti?: string;
}

const PUBLIC_MEMBERS = ['kty', 'crv', 'x', 'y'] as const;

function publicKeys(ring: KeyRing): JSONWebKeySet {
  return {
    keys: ring.keys.map((k) => ({
      ...Object.fromEntries(PUBLIC_MEMBERS.map((m) => [m, k.jwk[m]])),
      kid: k.kid,
      alg: 'ES256',
      use: 'sig',
    })),
  };
}

/**
 * This node's ES256 signing keys. The first use creates a key pair in the data dir; `rotate()` adds a
 * new signing key while the old ones stay in the JWKS until `remove(kid)`. The key file is re-read when
 * another process (the CLI) changed it.
 */
@Injectable()
export class NodeKeyService {
  readonly issuer: string;
  readonly audience: string;
  private readonly file: string;
  private ring: KeyRing | null = null;
  private loadedMtimeMs = -1;
  private readonly keySets = new WeakMap<KeyRing, ReturnType<typeof createLocalJWKSet>>();
  /** Imported private keys, per stored key (a federated query signs its request: no import per request). */
  private readonly signingKeys = new WeakMap<StoredKey, Awaited<ReturnType<typeof importJWK>>>();

  constructor(config: HelixgateConfig) {
    this.issuer = nodeIssuer(config);
    this.audience = nodeAudience(config);
    this.file = path.join(config.dataDir, 'node-keys.json');
  }

  /** Signs `payload` as this node (`iss` set, `iat` now) with the current key. */
  async sign(payload: JWTPayload, options: SignOptions): Promise<string> {
    const key = (await this.load()).keys.at(-1)!;
    const jwt = new SignJWT(payload)
      .setProtectedHeader({ alg: 'ES256', kid: key.kid, typ: options.typ ?? 'JWT' })
      .setIssuer(this.issuer)
      .setIssuedAt()
      .setJti(options.jti ?? randomUUID())
      .setExpirationTime(options.expiresIn);
    if (options.audience !== undefined) jwt.setAudience(options.audience);
    if (options.subject !== undefined) jwt.setSubject(options.subject);
    let signing = this.signingKeys.get(key);
    if (!signing) this.signingKeys.set(key, (signing = await importJWK(key.jwk, 'ES256')));
    return jwt.sign(signing);
  }

  /** The public keys (all that are not removed), as served at /.well-known/jwks.json. */
  async jwks(): Promise<JSONWebKeySet> {
    return publicKeys(await this.load());
  }

  /**
   * The key lookup for verifying this node's own tokens: one jose local key set per key ring, so its
   * imported public keys are reused from request to request instead of re-imported for every bearer token;
   * a rotation or removal (by this process or, seen by the file's mtime, the CLI) loads a new ring and so
   * a new set.
   */
  async verificationKeys(): Promise<ReturnType<typeof createLocalJWKSet>> {
    const ring = await this.load();
    let set = this.keySets.get(ring);
    if (!set) this.keySets.set(ring, (set = createLocalJWKSet(publicKeys(ring))));
    return set;
  }

  /** Key ids, oldest first; the last one signs. */
  async kids(): Promise<string[]> {
    return (await this.load()).keys.map((k) => k.kid);
  }

  /** Adds a new signing key; returns its kid. */
  async rotate(): Promise<string> {
    const ring = await this.load();
    const key = await this.generate();
    this.write({ keys: [...ring.keys, key] }, false);
    return key.kid;
  }

  /** Removes a retired key from the JWKS (tokens it signed stop verifying). The signing key cannot be removed. */
  async remove(kid: string): Promise<void> {
    const ring = await this.load();
    if (ring.keys.at(-1)?.kid === kid)
      throw new Error('the current signing key cannot be removed; rotate first');
    if (!ring.keys.some((k) => k.kid === kid)) throw new Error(`no node key ${kid}`);
    this.write({ keys: ring.keys.filter((k) => k.kid !== kid) }, false);
  }

  private async load(): Promise<KeyRing> {
    let mtimeMs: number;
    try {
      mtimeMs = fs.statSync(this.file).mtimeMs;
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'ENOENT') throw err;
      // First use: create the ring; if another process won the race, read its file instead.
      const ring = { keys: [await this.generate()] };
      if (this.write(ring, true)) return this.load();
      mtimeMs = fs.statSync(this.file).mtimeMs;
    }
    if (this.ring && mtimeMs === this.loadedMtimeMs) return this.ring;
    const ring = JSON.parse(fs.readFileSync(this.file, 'utf8')) as KeyRing;
    if (!Array.isArray(ring.keys) || ring.keys.length === 0) {
      throw new Error(`node key file ${this.file} holds no key`);
    }
    this.ring = ring;
    this.loadedMtimeMs = mtimeMs;
    return ring;
  }

  private async generate(): Promise<StoredKey> {
    const { privateKey } = await generateKeyPair('ES256', { extractable: true });
    const jwk = await exportJWK(privateKey);
    const kid = await calculateJwkThumbprint(jwk, 'sha256');
    return { kid, createdAt: new Date().toISOString(), jwk };
  }

  /** Writes the ring with mode 0600: exclusively on creation (false if the file exists), else atomically. */
  private write(ring: KeyRing, exclusive: boolean): boolean {
    fs.mkdirSync(path.dirname(this.file), { recursive: true });
    const text = JSON.stringify(ring, null, 2) + '\n';
    if (exclusive) {
      try {
        fs.writeFileSync(this.file, text, { flag: 'wx', mode: 0o600 });
        return true;
      } catch (err) {
        if ((err as NodeJS.ErrnoException).code === 'EEXIST') return false;
        throw err;
      }
    }
    const tmp = `${this.file}.${process.pid}.tmp`;
    fs.writeFileSync(tmp, text, { mode: 0o600 });
    fs.renameSync(tmp, this.file);
    this.ring = null;
    return true;
  }
}
