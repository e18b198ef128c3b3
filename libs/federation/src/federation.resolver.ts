import { Args, Context, Extensions, ID, Mutation, Query, Resolver } from '@nestjs/graphql';
import { BeaconQueryInput, type BeaconGranularity, type BeaconResultSetModel } from '@helixgate/beacon';
import { DomainError, type Caller } from '@helixgate/common';
import { CurrentCaller } from '@helixgate/identity';
import { RATE_LIMIT_COST } from '@helixgate/privacy';
import { RegisterPeerInput } from './dto/register-peer.input';
import { FederationService } from './federation.service';
import { forwardablePassport } from './forwarded-passport';
import { NetworkBeaconResponseModel, type NodeAnswerStatus } from './models/network-beacon.model';
import { PeerModel } from './models/peer.model';
import type { PeerEntity } from './peer.entity';
import { PeerRegistryService } from './peer-registry.service';

export function toPeerModel(p: PeerEntity): PeerModel {
  return {
    id: p.id,
    baseUrl: p.baseUrl,
    kind: p.kind,
    status: p.status,
    issuer: p.issuer,
    keyThumbprints: p.keyThumbprints,
    certificateSha256: p.certificateSha256,
    inlineJwks: p.jwks !== null,
    timeoutMs: p.timeoutMs,
    insecure: p.insecure,
    referenceNames: p.referenceNames,
    counts: p.counts,
    source: p.source,
    updatedAt: p.updatedAt,
  };
}

@Resolver()
export class FederationResolver {
  constructor(
    private readonly federation: FederationService,
    private readonly registry: PeerRegistryService,
  ) {}

  @Query(() => NetworkBeaconResponseModel, {
    description:
      'The beacon query asked of this node and every active peer at once (each applies its own rules to your passport); per-node answers with a status, and the aggregate',
  })
  // The local query, charged with the operation before it runs; each peer is charged as it is asked.
  @Extensions({ [RATE_LIMIT_COST]: 1 })
  async networkBeacon(
    @CurrentCaller() caller: Caller,
    @Args('query') query: BeaconQueryInput,
    @Context('req') req: { headers?: Record<string, string | string[] | undefined> } | undefined,
  ): Promise<NetworkBeaconResponseModel> {
    const a = await this.federation.networkQuery(
      caller,
      query,
      forwardablePassport(caller, req?.headers?.authorization),
    );
    return {
      ...a,
      nodes: a.nodes.map((n) => ({
        ...n,
        status: n.status as NodeAnswerStatus,
        returnedGranularity: n.returnedGranularity as BeaconGranularity | null,
        resultSets: n.resultSets.map((r): BeaconResultSetModel => ({
          ...r,
          granularity: r.granularity as BeaconGranularity,
          // Records never cross node boundaries.
          records: null,
          recordsTruncated: false,
        })),
      })),
    };
  }

  @Query(() => [PeerModel], { description: 'Registered peers (admin)' })
  async peers(@CurrentCaller() caller: Caller): Promise<PeerModel[]> {
    return (await this.registry.list(caller)).map(toPeerModel);
  }

  @Mutation(() => PeerModel, { description: 'Registers a peer or replaces its definition, active (admin)' })
  async registerPeer(
    @CurrentCaller() caller: Caller,
    @Args('input') input: RegisterPeerInput,
  ): Promise<PeerModel> {
    let jwks: unknown = null;
    if (input.jwks) {
      try {
        jwks = JSON.parse(input.jwks);
      } catch {
        throw new DomainError('BAD_REQUEST', 'peer jwks is not JSON');
      }
    }
    return toPeerModel(await this.registry.register(caller, { ...input, jwks, status: 'active' }));
  }

  @Mutation(() => PeerModel, { description: 'Stops asking and answering a peer (admin)' })
  async disablePeer(
    @CurrentCaller() caller: Caller,
    @Args('id', { type: () => ID }) id: string,
  ): Promise<PeerModel> {
    return toPeerModel(await this.registry.disable(caller, id));
  }
}
