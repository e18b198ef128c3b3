import { Field, ID, Int, ObjectType, registerEnumType } from '@nestjs/graphql';

/** Whether a registered peer is asked (the stored value is the lower-case one). */
export enum PeerState {
  ACTIVE = 'active',
  DISABLED = 'disabled',
}
registerEnumType(PeerState, {
  name: 'PeerState',
  description: 'ACTIVE: asked; DISABLED: registered but not asked',
});

@ObjectType('Peer', { description: 'A registered peer node' })
export class PeerModel {
  @Field(() => ID, { description: "The peer's node id (the audience of requests to it)" })
  id: string;

  @Field()
  baseUrl: string;

  @Field({ description: 'helixgate or beacon-v2' })
  kind: string;

  @Field({ description: 'active or disabled', deprecationReason: 'Use state (the PeerState enum)' })
  status: string;

  @Field(() => PeerState, { description: 'ACTIVE (asked) or DISABLED (registered, not asked)' })
  state: PeerState;

  @Field(() => String, { nullable: true })
  issuer: string | null;

  @Field(() => [String], { description: 'Pinned RFC 7638 thumbprints of its signing keys' })
  keyThumbprints: string[];

  @Field(() => String, { nullable: true })
  certificateSha256: string | null;

  @Field({ description: 'Its key set is pinned inline rather than fetched' })
  inlineJwks: boolean;

  @Field(() => Int, { nullable: true })
  timeoutMs: number | null;

  @Field({ description: 'Registered over plain HTTP (--insecure): its answers carry a warning' })
  insecure: boolean;

  @Field(() => String, { nullable: true, description: 'beacon-v2 peers: how it names chromosomes' })
  referenceNames: string | null;

  @Field(() => String, { nullable: true, description: 'beacon-v2 peers: what its numTotalResults counts' })
  counts: string | null;

  @Field({ description: 'file (policies/peers.yaml) or api' })
  source: string;

  @Field()
  updatedAt: Date;
}
