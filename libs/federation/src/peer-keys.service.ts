import { Injectable } from '@nestjs/common';
import { calculateJwkThumbprint, type JSONWebKeySet, type JWK } from 'jose';
import { X509Certificate, createHash } from 'node:crypto';
import type { PeerEntity } from './peer.entity';

/** Key sets fetched from a peer are reused this long. */
const CACHE_MS = 5 * 60_000;
/** A peer's key set is refetched (for a key it did not have) at most this often. */
const REFETCH_MIN_MS = 10_000;
const FETCH_TIMEOUT_MS = 3000;
const MAX_DOCUMENT_BYTES = 64 * 1024;

/** RFC 9278 JWK thumbprint URI prefix, as carried in a node certificate's subjectAltName. */
export const JWK_THUMBPRINT_URI = 'urn:ietf:params:oauth:jwk-thumbprint:sha-256:';

interface Cached {
  at: number;
  keys: JWK[];
}

/**
 * The public keys a peer's requests are verified with: its published (or inline) ES256 keys, filtered to the
 * pin. The pin is the peer's registered key thumbprints plus, when a certificate fingerprint is pinned, the
 * thumbprints that certificate names (RFC 9278 URIs in its subjectAltName) — so a fetched key set on its own
 * never makes a key trusted.
 */
@Injectable()
export class PeerKeysService {
  private readonly cache = new Map<string, Cached>();

  /** The pinned keys of `peer`; `refresh` refetches (rate-limited) when a key id was not found. */
  async pinnedKeys(peer: PeerEntity, refresh = false): Promise<JWK[]> {
    const key = `${peer.id} ${peer.updatedAt.getTime()}`;
    const cached = this.cache.get(key);
    const now = Date.now();
    if (cached && now - cached.at < (refresh ? REFETCH_MIN_MS : CACHE_MS)) return cached.keys;
    const keys = await this.load(peer);
    this.cache.set(key, { at: now, keys });
    return keys;
  }

  private async load(peer: PeerEntity): Promise<JWK[]> {
    const published = peer.jwks ?? (await fetchJson<JSONWebKeySet>(`${peer.baseUrl}/.well-known/jwks.json`));
    const pins = new Set(peer.keyThumbprints);
    if (peer.certificateSha256) for (const t of await this.certificatePins(peer)) pins.add(t);
    const inlineIsPin = peer.jwks !== null && pins.size === 0;
    const out: JWK[] = [];
    for (const k of Array.isArray(published?.keys) ? published.keys : []) {
      if (k.kty !== 'EC' || k.crv !== 'P-256' || 'd' in k) continue;
      if (inlineIsPin || pins.has(await calculateJwkThumbprint(k, 'sha256'))) out.push(k);
    }
    return out;
  }

  /** Thumbprints named by the peer's node certificate, if its SHA-256 fingerprint is the pinned one. */
  private async certificatePins(peer: PeerEntity): Promise<string[]> {
    const doc = await fetchJson<{ certificate?: unknown }>(`${peer.baseUrl}/.well-known/helixgate-node`);
    if (typeof doc.certificate !== 'string') return [];
    const cert = new X509Certificate(doc.certificate);
    const fingerprint = createHash('sha256').update(cert.raw).digest('hex');
    if (fingerprint !== peer.certificateSha256) return [];
    return thumbprintsOfCertificate(cert);
  }
}

/** The RFC 9278 JWK thumbprints a certificate's subjectAltName URIs name. */
export function thumbprintsOfCertificate(cert: X509Certificate): string[] {
  return (cert.subjectAltName ?? '')
    .split(/,\s*/)
    .map((s) => s.replace(/^URI:/, ''))
    .filter((s) => s.startsWith(JWK_THUMBPRINT_URI))
    .map((s) => s.slice(JWK_THUMBPRINT_URI.length));
}

async function fetchJson<T>(url: string): Promise<T> {
  const res = await fetch(url, { signal: AbortSignal.timeout(FETCH_TIMEOUT_MS), redirect: 'error' });
  if (!res.ok) throw new Error(`${url} answered ${res.status}`);
  const text = await res.text();
  if (text.length > MAX_DOCUMENT_BYTES) throw new Error(`${url} is larger than ${MAX_DOCUMENT_BYTES} bytes`);
  return JSON.parse(text) as T;
}
