import { Args, Context, Extensions, ID, Mutation, Query, Resolver } from '@nestjs/graphql';
import { BeaconQueryInput, graphqlGranularity, type BeaconResultSetModel } from '@helixgate/beacon';
import { DomainError, type Caller, CurrentCaller } from '@helixgate/common';
import { RATE_LIMIT_COST } from '@helixgate/privacy';
import { RegisterPeerInput } from './dto/register-peer.input';
import { FederationService } from './federation.service';
import { forwardablePassport } from './forwarded-passport';
import { NetworkBeaconResponseModel, type NodeAnswerStatus } from './models/network-beacon.model';
import { PeerModel, PeerState } from './models/peer.model';
import {
  NodeIdentityModel,
  PeerLiveStatusModel,
  type NodeCertificateModel,
  type PeerProbeStatus,
} from './models/node-admin.model';
import { NodeIdentityService } from './node-identity.service';
import { AbilityFactory } from '@helixgate/access';
import { AuditService } from '@helixgate/audit';
import { X509Certificate } from 'node:crypto';
import type { PeerEntity } from './peer.entity';
import { PeerRegistryService } from './peer-registry.service';

export function toPeerModel(p: PeerEntity): PeerModel {
  return {
    id: p.id,
    baseUrl: p.baseUrl,
    kind: p.kind,
    status: p.status,
    state: p.status as PeerState,
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
    private readonly identity: NodeIdentityService,
    private readonly abilities: AbilityFactory,
    private readonly audit: AuditService,
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
        returnedGranularity:
          n.returnedGranularity === null ? null : graphqlGranularity(n.returnedGranularity),
        resultSets: n.resultSets.map((r): BeaconResultSetModel => ({
          ...r,
          granularity: graphqlGranularity(r.granularity),
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

  @Query(() => [PeerLiveStatusModel], {
    description:
      'Every registered peer with its live status: each active peer is probed now, all at once, within its deadline (admin)',
  })
  async peerStatus(@CurrentCaller() caller: Caller): Promise<PeerLiveStatusModel[]> {
    const peers = await this.registry.list(caller);
    const probes = await Promise.all(peers.map((p) => this.federation.probe(caller, p)));
    this.audit.annotate({
      action: 'federation.peer_status',
      detail: { peer: peers.map((p, i) => `${p.id}:${probes[i].status}`) },
    });
    return peers.map((p, i) => ({
      peer: toPeerModel(p),
      ...probes[i],
      status: probes[i].status as PeerProbeStatus,
    }));
  }

  @Query(() => NodeIdentityModel, {
    description:
      "This node's identity: node id, certificate (subject, fingerprint, expiry), signing key (admin)",
  })
  async nodeIdentity(@CurrentCaller() caller: Caller): Promise<NodeIdentityModel> {
    await this.abilities.assert(caller, 'read', 'Peer', undefined, "the node's identity");
    const id = await this.identity.identity();
    let certificate: NodeCertificateModel | null = null;
    if (id.certificate) {
      const c = new X509Certificate(id.certificate);
      const notAfter = new Date(c.validTo);
      certificate = {
        subject: c.subject.split('\n').join(', '),
        issuer: c.issuer.split('\n').join(', '),
        selfSigned: c.subject === c.issuer && c.verify(c.publicKey),
        serialNumber: c.serialNumber,
        sha256: id.certificateSha256!,
        notBefore: new Date(c.validFrom),
        notAfter,
        daysLeft: Math.floor((notAfter.getTime() - Date.now()) / 86_400_000),
        coversSigningKey: id.certificateCoversSigningKey,
      };
    }
    return {
      nodeId: id.nodeId,
      name: id.name,
      issuer: id.issuer,
      baseUrl: id.baseUrl,
      jwksUri: id.jwksUri,
      signingKeyId: id.keyThumbprints.at(-1)!,
      keyThumbprints: id.keyThumbprints,
      certificate,
    };
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
