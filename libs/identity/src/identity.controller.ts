import { Controller, Get, Header, UseGuards } from '@nestjs/common';
import type { Caller } from '@helixgate/common';
import type { JSONWebKeySet } from 'jose';
import { AuthenticatedGuard } from './authenticated.guard';
import { CurrentCaller } from '@helixgate/common';
import { toCallerModel } from './identity.resolver';
import type { CallerModel } from './models/caller.model';
import { NodeKeyService } from './node-key.service';

@Controller()
export class IdentityController {
  constructor(private readonly nodeKeys: NodeKeyService) {}

  /** This node's public signing keys (tokens, visas, checkpoints it signs). Public by design. */
  @Get('.well-known/jwks.json')
  @Header('Cache-Control', 'public, max-age=300')
  jwks(): Promise<JSONWebKeySet> {
    return this.nodeKeys.jwks();
  }

  /** The verified identity of the caller (needs a bearer token). */
  @Get('me')
  @UseGuards(AuthenticatedGuard)
  me(@CurrentCaller() caller: Caller): CallerModel {
    return toCallerModel(caller);
  }
}
