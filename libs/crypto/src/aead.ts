import { createCipheriv, createDecipheriv, randomBytes, type KeyObject } from 'node:crypto';

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

/**
 * Random IVs are drawn from the CSPRNG a block at a time (one `randomBytes` call per 1,024 IVs instead of one
 * per value: per call it cost as much as the encryption of a genotype vector). Each IV's bytes are used once:
 * the cursor only moves forward and the block is replaced when spent. Same distribution, same collision bound
 * as one call per IV. The block is per process (node:cluster workers are separate processes, started afresh).
 */
const IV_BLOCK = IV * 1024;
let ivBlock = Buffer.alloc(0);
let ivAt = 0;

function writeIv(out: Buffer, at: number): void {
  if (ivAt + IV > ivBlock.length) {
    ivBlock = randomBytes(IV_BLOCK);
    ivAt = 0;
  }
  ivBlock.copy(out, at, ivAt, ivAt + IV);
  ivAt += IV;
}

/**
 * `key` may be a KeyObject made once (`createSecretKey`): importing a raw key on every call cost ~3 µs, more
 * than the encryption of a 300-byte genotype vector.
 */
export function sealWithKey(
  key: Buffer | KeyObject,
  keyVersion: number,
  plaintext: Uint8Array,
  aad: Buffer,
): Buffer {
  const out = Buffer.allocUnsafe(HEADER + IV + plaintext.length + TAG);
  out[0] = FORMAT_V1;
  out.writeUInt32BE(keyVersion, 1);
  writeIv(out, HEADER);
  const cipher = createCipheriv('aes-256-gcm', key, out.subarray(HEADER, HEADER + IV));
  // GCM takes the AAD in pieces (header, then the context): the same tag as over their concatenation.
  cipher.setAAD(out.subarray(0, HEADER));
  cipher.setAAD(aad);
  const n = cipher.update(plaintext).copy(out, HEADER + IV);
  cipher.final(); // GCM is a stream mode: nothing is held back
  cipher.getAuthTag().copy(out, HEADER + IV + n);
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
  decipher.setAAD(buf.subarray(0, HEADER));
  decipher.setAAD(aad);
  decipher.setAuthTag(tag);
  const plaintext = decipher.update(buf.subarray(HEADER + IV, buf.length - TAG));
  decipher.final(); // verifies the tag (throws when it does not match); GCM returns no more bytes here
  return plaintext;
}
