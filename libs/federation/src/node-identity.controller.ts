import { Controller, Get } from '@nestjs/common';
import { NodeIdentityService, type NodeIdentity } from './node-identity.service';

/**
 * `GET /.well-known/helixgate-node`: this node's public identity (node id, issuer, JWKS URL, key thumbprints,
 * certificate and its fingerprint). Public by design: it is what peers pin; nothing here is secret.
 */
@Controller('.well-known')
export class NodeIdentityController {
  constructor(private readonly identity: NodeIdentityService) {}

  @Get('helixgate-node')
  node(): Promise<NodeIdentity> {
    return this.identity.identity();
  }
}
