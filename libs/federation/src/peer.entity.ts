import { Column, CreateDateColumn, Entity, PrimaryColumn, UpdateDateColumn } from 'typeorm';
import type { JSONWebKeySet } from 'jose';

export const PEER_KINDS = ['helixgate', 'beacon-v2'] as const;
/** `helixgate`: a Helixgate node (signed requests, passports forwarded). `beacon-v2`: any Beacon v2 service (unsigned, public answers only). */
export type PeerKind = (typeof PEER_KINDS)[number];
/** How a plain Beacon v2 peer names chromosomes: `chr22` (ucsc), `22` (ensembl), `NC_000022.11` (refseq). */
export const REFERENCE_NAMINGS = ['ucsc', 'ensembl', 'refseq'] as const;
export type ReferenceNaming = (typeof REFERENCE_NAMINGS)[number];
/** What a plain Beacon v2 peer's `numTotalResults` counts; only `variants` is summed with this node's. */
export const PEER_COUNT_KINDS = ['variants', 'individuals', 'unknown'] as const;
export type PeerCountKind = (typeof PEER_COUNT_KINDS)[number];
export const PEER_STATUSES = ['active', 'disabled'] as const;
export type PeerStatus = (typeof PEER_STATUSES)[number];

/** A registered peer node. Kept apart from the GraphQL model (PeerModel). */
@Entity('peer')
export class PeerEntity {
  /** The peer's node id (its HELIXGATE_NODE_ID); signed requests to it carry this as `aud`. */
  @PrimaryColumn('text')
  id: string;

  /** Helixgate: the node's base URL. Beacon v2: the beacon's API root (the URL that `/g_variants` is under). */
  @Column('text', { name: 'base_url' })
  baseUrl: string;

  @Column('text')
  kind: PeerKind;

  @Column('text')
  status: PeerStatus;

  /** Helixgate peers: the `iss` of the requests it signs (its HELIXGATE_ISSUER). */
  @Column('text', { nullable: true })
  issuer: string | null;

  /** RFC 7638 SHA-256 thumbprints of the peer's ES256 signing keys that are accepted (the pin). */
  @Column('text', { name: 'key_thumbprints', array: true, default: () => "'{}'" })
  keyThumbprints: string[];

  /** SHA-256 fingerprint (hex) of the peer's node certificate; its thumbprint URIs extend the pin. */
  @Column('text', { name: 'certificate_sha256', nullable: true })
  certificateSha256: string | null;

  /** The peer's public key set given inline; without it the set is fetched from `<baseUrl>/.well-known/jwks.json`. */
  @Column('jsonb', { nullable: true })
  jwks: JSONWebKeySet | null;

  /**
   * Registered over plain HTTP knowingly (`--insecure`): nothing authenticates the server or protects the
   * exchange in transit; its answers carry a warning, and a passport goes to it only after a signed hello.
   */
  @Column('boolean', { default: false })
  insecure: boolean;

  /** A deadline shorter than HELIXGATE_FEDERATION_TIMEOUT_MS for this peer. */
  @Column('integer', { name: 'timeout_ms', nullable: true })
  timeoutMs: number | null;

  /** Beacon v2 peers: how it names chromosomes; null: the name as the caller gave it. */
  @Column('text', { name: 'reference_names', nullable: true })
  referenceNames: ReferenceNaming | null;

  /** Beacon v2 peers: what its numTotalResults counts; null: unknown (never summed with this node's). */
  @Column('text', { nullable: true })
  counts: PeerCountKind | null;

  /** `file`: from policies/peers.yaml (re-applied at boot); `api`: registered by an administrator. */
  @Column('text')
  source: 'file' | 'api';

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt: Date;
}
