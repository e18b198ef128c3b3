import * as fs from 'node:fs';
import * as path from 'node:path';
import type { HelixgateConfig } from '@helixgate/config';
import {
  CompactSign,
  calculateJwkThumbprint,
  compactVerify,
  exportJWK,
  generateKeyPair,
  importJWK,
  type JWK,
} from 'jose';

/**
 * Signs and verifies audit checkpoints. The default implementation keeps its own ES256 key in a file;
 * the node key service (libs/identity) can be bound to this token instead.
 */
export interface AuditCheckpointSigner {
  readonly kid: string;
  /** Compact JWS over the JSON payload. */
  sign(payload: object): Promise<string>;
  /** The payload, when the signature is this signer's; throws otherwise. */
  verify(jws: string): Promise<object>;
}

export const AUDIT_CHECKPOINT_SIGNER = Symbol('AUDIT_CHECKPOINT_SIGNER');

const ALG = 'ES256';

type KeyLike = Awaited<ReturnType<typeof importJWK>>;

export class FileCheckpointSigner implements AuditCheckpointSigner {
  private constructor(
    readonly kid: string,
    private readonly privateKey: KeyLike,
    private readonly publicKey: KeyLike,
  ) {}

  /** Loads the key file, or creates it (mode 0600) with a fresh ES256 key. */
  static async open(file: string): Promise<FileCheckpointSigner> {
    let jwk: JWK;
    try {
      jwk = JSON.parse(fs.readFileSync(file, 'utf8')) as JWK;
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'ENOENT') throw err;
      const { privateKey } = await generateKeyPair(ALG, { extractable: true });
      jwk = await exportJWK(privateKey);
      fs.mkdirSync(path.dirname(file), { recursive: true });
      try {
        fs.writeFileSync(file, JSON.stringify(jwk), { mode: 0o600, flag: 'wx' });
      } catch (e) {
        if ((e as NodeJS.ErrnoException).code !== 'EEXIST') throw e;
        jwk = JSON.parse(fs.readFileSync(file, 'utf8')) as JWK; // another process created it first
      }
    }
    const { d: _d, ...publicJwk } = jwk;
    void _d;
    const kid = await calculateJwkThumbprint(publicJwk);
    return new FileCheckpointSigner(kid, await importJWK(jwk, ALG), await importJWK(publicJwk, ALG));
  }

  static forConfig(config: HelixgateConfig): Promise<FileCheckpointSigner> {
    return FileCheckpointSigner.open(
      path.resolve(
        config.vars.HELIXGATE_AUDIT_SIGNING_KEY_FILE ?? path.join(config.dataDir, 'audit-signing-key.json'),
      ),
    );
  }

  async sign(payload: object): Promise<string> {
    return new CompactSign(new TextEncoder().encode(JSON.stringify(payload)))
      .setProtectedHeader({ alg: ALG, kid: this.kid, typ: 'helixgate-audit-checkpoint+jwt' })
      .sign(this.privateKey);
  }

  async verify(jws: string): Promise<object> {
    const { payload, protectedHeader } = await compactVerify(jws, this.publicKey, { algorithms: [ALG] });
    if (protectedHeader.kid !== this.kid) throw new Error('checkpoint signed with another key');
    return JSON.parse(new TextDecoder().decode(payload)) as object;
  }
}
