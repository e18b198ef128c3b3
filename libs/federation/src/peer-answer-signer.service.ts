import { Injectable } from '@nestjs/common';
import { HelixgateConfig } from '@helixgate/config';
import { NodeKeyService } from '@helixgate/identity';
import { decodeJwt } from 'jose';
import { PEER_ANSWER_TYP, PEER_REQUEST_LIFETIME_S, bodyHash, type PeerAnswerClaims } from './peer-protocol';

/**
 * The answering side: signs every answer to a peer with this node's current signing key (the key its
 * requests are signed with, pinned by its peers), bound to the request's jti, this node's id, the asking
 * node (aud) and the hash of the answer body. See PeerAnswerVerifierService for the asking side.
 */
@Injectable()
export class PeerAnswerSignerService {
  constructor(
    private readonly config: HelixgateConfig,
    private readonly nodeKeys: NodeKeyService,
  ) {}

  /**
   * `requestJws`: the request's signature header, already verified by PeerRequestGuard (so reading its jti
   * without verifying again is safe); `askingPeer`: the asking node's id (the peer id it is registered under).
   */
  async sign(requestJws: string, askingPeer: string, body: unknown): Promise<string> {
    const jti = decodeJwt(requestJws).jti;
    if (typeof jti !== 'string') throw new Error('a verified peer request has no jti');
    const claims: PeerAnswerClaims = {
      hg_request_jti: jti,
      hg_node: this.config.vars.HELIXGATE_NODE_ID,
      hg_body_sha256: bodyHash(body),
    };
    return this.nodeKeys.sign(
      { ...claims },
      {
        audience: askingPeer,
        expiresIn: Math.floor(Date.now() / 1000) + PEER_REQUEST_LIFETIME_S,
        typ: PEER_ANSWER_TYP,
      },
    );
  }
}
