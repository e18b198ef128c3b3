/**
 * @helixgate/federation — node identity, peers, signed fan-out.
 *
 * - `FederationModule` serves GraphQL `networkBeacon(query:)`, `peers`, `registerPeer`, `disablePeer`,
 *   REST `GET|POST /api/network/g_variants` and the inbound, signed `POST /federation/query`.
 * - `PeerRegistryService`: `list`, `register`, `disable` (admin: `manage Peer`), `active()`, `findByIssuer()`;
 *   `policies/peers.yaml` (`peersFile`) is applied at boot.
 * - `NodeIdentityService`: `init`, `importCertificate`, `identity` (served at /.well-known/helixgate-node).
 * - Wire constants (`bodyHash`, `PEER_REQUEST_TYP`, `PEER_ANSWER_TYP`), `thumbprintsOfCertificate` and
 *   `ReplayCacheService` for tools and tests that speak the peer protocol.
 */
export { FederationModule } from './federation.module';
export { type NodeIdentity, NodeIdentityService } from './node-identity.service';
export { PeerEntity } from './peer.entity';
export { thumbprintsOfCertificate } from './peer-keys.service';
export { bodyHash, PEER_ANSWER_TYP, PEER_REQUEST_TYP } from './peer-protocol';
export { PeerRegistryService, peersFile } from './peer-registry.service';
export { ReplayCacheService } from './replay-cache.service';
