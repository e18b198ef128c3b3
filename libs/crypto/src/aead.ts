import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';

/**
 * AES-256-GCM with a random 96-bit IV, on node:crypto (OpenSSL). Layout of a sealed value:
 *
 *   [0]      format version (0x01)
 *   [1..4]   data-key version, uint32 big-endian
 *   [5..16]  IV (12 bytes)
 *   [17..-17] ciphertext
 *   [-16..]  GCM tag
 *
 * The 5-byte header is part of the additional authenticated data, so the key version cannot be swapped.
 */
export const FORMAT_V1 = 0x01;
const HEADER = 5;
const IV = 12;
const TAG = 16;

export function sealWithKey(key: Buffer, keyVersion: number, plaintext: Uint8Array, aad: Buffer): Buffer {
  const out = Buffer.allocUnsafe(HEADER + IV + plaintext.length + TAG);
  out[0] = FORMAT_V1;
  out.writeUInt32BE(keyVersion, 1);
  const iv = randomBytes(IV);
  iv.copy(out, HEADER);
  const cipher = createCipheriv('aes-256-gcm', key, iv);
  cipher.setAAD(Buffer.concat([out.subarray(0, HEADER), aad]));
  const n1 = cipher.update(plaintext).copy(out, HEADER + IV);
  const n2 = cipher.final().copy(out, HEADER + IV + n1);
  cipher.getAuthTag().copy(out, HEADER + IV + n1 + n2);
  return out;
}

/** The data-key version a sealed value names, or null when it is not a sealed value of a known format. */
export function sealedKeyVersion(sealed: Uint8Array): number | null {
  if (sealed.length < HEADER + IV + TAG || sealed[0] !== FORMAT_V1) return null;
  return Buffer.from(sealed.buffer, sealed.byteOffset, sealed.byteLength).readUInt32BE(1);
}

/** Throws (without detail) when the value was altered, moved to another context, or sealed with another key. */
export function openWithKey(key: Buffer, sealed: Uint8Array, aad: Buffer): Buffer {
  const buf = Buffer.from(sealed.buffer, sealed.byteOffset, sealed.byteLength);
  const iv = buf.subarray(HEADER, HEADER + IV);
  const tag = buf.subarray(buf.length - TAG);
  const decipher = createDecipheriv('aes-256-gcm', key, iv);
  decipher.setAAD(Buffer.concat([buf.subarray(0, HEADER), aad]));
  decipher.setAuthTag(tag);
  return Buffer.concat([decipher.update(buf.subarray(HEADER + IV, buf.length - TAG)), decipher.final()]);
}
