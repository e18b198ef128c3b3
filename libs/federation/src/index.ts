/**
 * @helixgate/federation — node identity, peers, signed fan-out.
 *
 * - `FederationService.networkQuery(caller, query, passport)` → per-node answers with a status
 *   (ok/denied/timeout/error/invalid_response/unverified_answer) and the aggregate; GraphQL `networkBeacon(query:)`,
 *   REST `GET|POST /api/network/g_variants`.
 * - `PeerRegistryService`: `list`, `register`, `disable` (admin: `manage Peer`), `active()`, `findByIssuer()`;
 *   `policies/peers.yaml` is applied at boot. GraphQL `peers`, `registerPeer`, `disablePeer`.
 * - Inbound `POST /federation/query`: `PeerRequestVerifierService.verify(jws, body, requestId)` → the Caller;
 *   every answer is signed (`PeerAnswerSignerService`), and verified by the asker (`verifyPeerAnswer`).
 * - `NodeIdentityService`: `init`, `importCertificate`, `identity` (served at /.well-known/helixgate-node).
 */
export * from './federation.module';
export * from './federation.service';
export * from './federation.resolver';
export * from './federation.controller';
export * from './forwarded-passport';
export * from './node-identity.service';
export * from './peer.entity';
export * from './peer-definition';
export * from './peer-answer-signer.service';
export * from './peer-answer-verifier.service';
export * from './peer-keys.service';
export * from './peer-protocol';
export * from './peer-registry.service';
export * from './peer-request-verifier.service';
export * from './peers-policy';
export * from './replay-cache.service';
export * from './models/network-beacon.model';
export * from './models/peer.model';
export * from './dto/register-peer.input';
