import { Field, ID, Int, ObjectType } from '@nestjs/graphql';

@ObjectType('Peer', { description: 'A registered peer node' })
export class PeerModel {
  @Field(() => ID, { description: "The peer's node id (the audience of requests to it)" })
  id: string;

  @Field()
  baseUrl: string;

  @Field({ description: 'helixgate or beacon-v2' })
  kind: string;

  @Field({ description: 'active or disabled' })
  status: string;

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
