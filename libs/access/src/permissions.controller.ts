import { CurrentCaller } from '@helixgate/common';
import { Controller, Get } from '@nestjs/common';
import type { Caller } from '@helixgate/common';
import { AccessRequestService } from './access-request.service';

/**
 * GA4GH-style permissions endpoint: the caller's ControlledAccessGrants visas issued by this node, for use in
 * a passport (e.g. when the same researcher queries this node through a federated peer).
 */
@Controller()
export class PermissionsController {
  constructor(private readonly requests: AccessRequestService) {}

  @Get('permissions')
  async permissions(@CurrentCaller() caller: Caller): Promise<{ ga4gh_passport_v1: string[] }> {
    return { ga4gh_passport_v1: await this.requests.activeVisas(caller) };
  }
}
