import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import { openWithKey, sealWithKey } from './aead';

/** The layout written out by hand, the AAD given in one piece: what values sealed before the IV block hold. */
function referenceSeal(key: Buffer, version: number, plaintext: Buffer, aad: Buffer): Buffer {
  const header = Buffer.from([0x01, 0, 0, 0, 0]);
  header.writeUInt32BE(version, 1);
  const iv = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', key, iv);
  cipher.setAAD(Buffer.concat([header, aad]));
  const body = Buffer.concat([cipher.update(plaintext), cipher.final()]);
  return Buffer.concat([header, iv, body, cipher.getAuthTag()]);
}

function referenceOpen(key: Buffer, sealed: Buffer, aad: Buffer): Buffer {
  const decipher = createDecipheriv('aes-256-gcm', key, sealed.subarray(5, 17));
  decipher.setAAD(Buffer.concat([sealed.subarray(0, 5), aad]));
  decipher.setAuthTag(sealed.subarray(sealed.length - 16));
  return Buffer.concat([decipher.update(sealed.subarray(17, sealed.length - 16)), decipher.final()]);
}

describe('AES-256-GCM sealing', () => {
  const key = randomBytes(32);
  const aad = Buffer.from('helixgate/v1|ds|variant|20:1000:A:G|genotypes');
  const plaintext = Buffer.from([1, 0x21, 0x22, 0x20, 0x11]);

  it('opens values sealed with the AAD in one piece, and seals values that open that way', () => {
    expect(openWithKey(key, referenceSeal(key, 7, plaintext, aad), aad)).toEqual(plaintext);
    const sealed = sealWithKey(key, 7, plaintext, aad);
    expect(sealed.readUInt32BE(1)).toBe(7);
    expect(referenceOpen(key, sealed, aad)).toEqual(plaintext);
  });

  it('gives every value its own IV, across IV blocks', () => {
    const ivs = new Set<string>();
    for (let i = 0; i < 3000; i++)
      ivs.add(sealWithKey(key, 1, plaintext, aad).subarray(5, 17).toString('hex'));
    expect(ivs.size).toBe(3000);
  });

  it('refuses a flipped bit in the header, the IV, the ciphertext or the tag, and another AAD', () => {
    const sealed = sealWithKey(key, 1, plaintext, aad);
    for (const at of [1, 6, 18, sealed.length - 1]) {
      const bad = Buffer.from(sealed);
      bad[at] ^= 1;
      expect(() => openWithKey(key, bad, aad)).toThrow();
    }
    expect(() =>
      openWithKey(key, sealed, Buffer.from('helixgate/v1|ds|variant|20:1001:A:G|genotypes')),
    ).toThrow();
  });
});
