import { Field, Float, Int, ObjectType, registerEnumType } from '@nestjs/graphql';
import { NodeAnswerStatus } from './network-beacon.model';
import { PeerModel } from './peer.model';

/** A peer's live status: a federated answer's statuses (NodeAnswerStatus), and `disabled` for a peer not asked. */
export const PeerProbeStatus = { ...NodeAnswerStatus, DISABLED: 'disabled' } as const;
export type PeerProbeStatus = (typeof PeerProbeStatus)[keyof typeof PeerProbeStatus];
registerEnumType(PeerProbeStatus, {
  name: 'PeerProbeStatus',
  description:
    "A peer's live status: OK (a Helixgate peer answered a signed hello, signed with a key pinned for it; a Beacon v2 peer answered GET /info); DENIED (401/403: this node is not trusted there); TIMEOUT; ERROR (unreachable or failed); INVALID_RESPONSE; UNVERIFIED_ANSWER (the answer was not signed by a key pinned for that peer); DISABLED (not asked)",
});

@ObjectType('PeerLiveStatus', { description: 'A registered peer and how it answered a probe just now' })
export class PeerLiveStatusModel {
  @Field(() => PeerModel)
  peer: PeerModel;

  @Field(() => PeerProbeStatus)
  status: PeerProbeStatus;

  @Field(() => Float, { nullable: true, description: 'Round trip of the probe (null when not asked)' })
  latencyMs: number | null;

  @Field(() => String, { nullable: true, description: 'What the probe found, or why the peer is not ok' })
  message: string | null;

  @Field()
  checkedAt: Date;
}

@ObjectType('NodeCertificate', { description: "The node's X.509 certificate (binds its signing keys)" })
export class NodeCertificateModel {
  @Field()
  subject: string;

  @Field()
  issuer: string;

  @Field({ description: 'Issued by itself (no institution CA)' })
  selfSigned: boolean;

  @Field()
  serialNumber: string;

  @Field({ description: "SHA-256 fingerprint of the certificate's DER (hex, what peers pin)" })
  sha256: string;

  @Field()
  notBefore: Date;

  @Field()
  notAfter: Date;

  @Field(() => Int, { description: 'Whole days until notAfter (negative: expired)' })
  daysLeft: number;

  @Field({ description: 'Names the current signing key (after a key rotation it must be renewed)' })
  coversSigningKey: boolean;
}

@ObjectType('NodeIdentity', { description: 'What this node is to its peers' })
export class NodeIdentityModel {
  @Field()
  nodeId: string;

  @Field()
  name: string;

  @Field({ description: 'The issuer of the tokens and requests this node signs' })
  issuer: string;

  @Field()
  baseUrl: string;

  @Field()
  jwksUri: string;

  @Field({ description: 'RFC 7638 thumbprint (kid) of the key that signs now' })
  signingKeyId: string;

  @Field(() => [String], { description: 'Every published signing key id, oldest first' })
  keyThumbprints: string[];

  @Field(() => NodeCertificateModel, {
    nullable: true,
    description: 'Null when none was created or imported (helixgate node init)',
  })
  certificate: NodeCertificateModel | null;
}
