import { loadConfig } from '@helixgate/config';
import { calculateJwkThumbprint, createLocalJWKSet, decodeProtectedHeader, jwtVerify } from 'jose';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { NodeKeyService } from './node-key.service';

function service(dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'hg-nodekeys-'))) {
  const config = loadConfig({ HELIXGATE_DATA_DIR: dataDir, HELIXGATE_NODE_ID: 'node-a' });
  return { keys: new NodeKeyService(config), dataDir };
}

describe('NodeKeyService', () => {
  it('creates one ES256 key on first use, in a 0600 file, kid = JWK thumbprint, even when asked twice at once', async () => {
    const { keys, dataDir } = service();
    const [a, b] = await Promise.all([keys.jwks(), keys.jwks()]);
    expect(a).toEqual(b);
    expect(a.keys).toHaveLength(1);
    const file = path.join(dataDir, 'node-keys.json');
    expect(fs.statSync(file).mode & 0o777).toBe(0o600);
    const jwk = a.keys[0];
    expect(jwk).toMatchObject({ kty: 'EC', crv: 'P-256', alg: 'ES256', use: 'sig' });
    expect(jwk.d).toBeUndefined();
    expect(jwk.kid).toBe(await calculateJwkThumbprint({ kty: 'EC', crv: 'P-256', x: jwk.x, y: jwk.y }));
  });

  it('defaults the issuer from the node id and signs verifiable tokens with iss, aud, kid and jti', async () => {
    const { keys } = service();
    expect(keys.issuer).toBe('https://node-a.helixgate.invalid');
    const token = await keys.sign(
      { hello: 'world' },
      { audience: 'peer-b', subject: 's-1', expiresIn: '5m', typ: 'at+jwt' },
    );
    const { payload, protectedHeader } = await jwtVerify(token, createLocalJWKSet(await keys.jwks()), {
      issuer: keys.issuer,
      audience: 'peer-b',
    });
    expect(payload).toMatchObject({ hello: 'world', sub: 's-1' });
    expect(typeof payload.jti).toBe('string');
    expect(protectedHeader).toMatchObject({ alg: 'ES256', typ: 'at+jwt' });
  });

  it('rotates: the new key signs, the old stays published until removed, and another instance sees the change', async () => {
    const { keys, dataDir } = service();
    const before = await keys.sign({}, { expiresIn: '5m' });
    const oldKid = (await keys.kids())[0];
    const newKid = await keys.rotate();
    const after = await keys.sign({}, { expiresIn: '5m' });
    expect(decodeProtectedHeader(after).kid).toBe(newKid);
    const jwks = createLocalJWKSet(await keys.jwks());
    await expect(jwtVerify(before, jwks)).resolves.toBeDefined();
    const other = service(dataDir).keys;
    expect(await other.kids()).toEqual([oldKid, newKid]);
    await expect(keys.remove(newKid)).rejects.toThrow('cannot be removed');
    await keys.remove(oldKid);
    expect(await other.kids()).toEqual([newKid]);
    await expect(jwtVerify(before, createLocalJWKSet(await other.jwks()))).rejects.toThrow();
  });

  it("reuses one verification key set per key ring, and a rotation or another process's removal takes effect at once", async () => {
    const { keys, dataDir } = service();
    const before = await keys.sign({}, { expiresIn: '5m' });
    const set = await keys.verificationKeys();
    expect(await keys.verificationKeys()).toBe(set); // no re-import per token
    await expect(jwtVerify(before, set)).resolves.toBeDefined();
    const newKid = await keys.rotate();
    const rotated = await keys.verificationKeys();
    expect(rotated).not.toBe(set);
    const after = await keys.sign({}, { expiresIn: '5m' });
    expect(decodeProtectedHeader(after).kid).toBe(newKid);
    await expect(jwtVerify(after, rotated)).resolves.toBeDefined();
    await expect(jwtVerify(after, set)).rejects.toThrow(); // the old set does not know the new key
    // The CLI (another process) removes the old key: this process's next lookup refuses its tokens.
    await new Promise((r) => setTimeout(r, 20)); // a later mtime than the rotation's write
    await service(dataDir).keys.remove(decodeProtectedHeader(before).kid!);
    await expect(jwtVerify(before, await keys.verificationKeys())).rejects.toThrow();
    await expect(jwtVerify(after, await keys.verificationKeys())).resolves.toBeDefined();
  });
});
