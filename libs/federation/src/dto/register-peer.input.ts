import { Field, InputType, Int } from '@nestjs/graphql';

@InputType()
export class RegisterPeerInput {
  @Field({ description: "The peer's node id (its HELIXGATE_NODE_ID)" })
  id: string;

  @Field({ description: 'Helixgate: its base URL; beacon-v2: its Beacon API root' })
  baseUrl: string;

  @Field({ defaultValue: 'helixgate', description: 'helixgate or beacon-v2' })
  kind: string;

  @Field(() => String, {
    nullable: true,
    description: 'Helixgate peers: the issuer its requests are signed as',
  })
  issuer?: string | null;

  @Field(() => [String], {
    nullable: true,
    description: 'Pinned RFC 7638 SHA-256 thumbprints of its signing keys',
  })
  keyThumbprints?: string[] | null;

  @Field(() => String, { nullable: true, description: 'Pinned SHA-256 fingerprint of its node certificate' })
  certificateSha256?: string | null;

  @Field(() => String, { nullable: true, description: 'Its public key set as JSON, pinned inline' })
  jwks?: string | null;

  @Field(() => Int, { nullable: true })
  timeoutMs?: number | null;

  @Field({
    defaultValue: false,
    description:
      'Accept a plain http:// base URL knowingly: the exchange is not protected in transit, answers carry a warning',
  })
  insecure: boolean;

  @Field(() => String, {
    nullable: true,
    description:
      'beacon-v2 peers: how it names chromosomes (ucsc chr22, ensembl 22, refseq NC_000022.11); default as asked',
  })
  referenceNames?: string | null;

  @Field(() => String, {
    nullable: true,
    description:
      'beacon-v2 peers: what its numTotalResults counts (variants, individuals, unknown); only variants are summed with the other nodes; default unknown',
  })
  counts?: string | null;
}
