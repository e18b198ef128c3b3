import { Injectable, type CanActivate, type ExecutionContext } from '@nestjs/common';
import { AuditService } from '@helixgate/audit';
import { anonymousCaller, requestIdOf, type Caller } from '@helixgate/common';
import { PEER_SIGNATURE_HEADER } from './peer-protocol';
import { PeerRequestRefused, PeerRequestVerifierService } from './peer-request-verifier.service';

interface PeerHttpRequest {
  id?: unknown;
  body?: unknown;
  caller?: Caller;
  path: string;
  headers: Record<string, string | string[] | undefined>;
}

/**
 * Admits only requests signed by a registered, active peer (see PeerRequestVerifierService) and makes the
 * peer-vouched Caller the request's caller, so the audit event, the access decisions and the privacy guard
 * all see who really asks. A guard runs before the audit interceptor, so a refusal is audited here.
 */
@Injectable()
export class PeerRequestGuard implements CanActivate {
  constructor(
    private readonly verifier: PeerRequestVerifierService,
    private readonly audit: AuditService,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const req = context.switchToHttp().getRequest<PeerHttpRequest>();
    const requestId = requestIdOf(req);
    const header = req.headers[PEER_SIGNATURE_HEADER];
    try {
      const vouched = await this.verifier.verify(
        typeof header === 'string' ? header : undefined,
        req.body,
        requestId,
      );
      // The asking node's request id (its x-request-id, validated by the authentication guard) stays the
      // client request id here: one federated question can be followed across nodes in their trails.
      const clientRequestId = req.caller?.clientRequestId;
      req.caller = clientRequestId ? { ...vouched, clientRequestId } : vouched;
      return true;
    } catch (err) {
      if (err instanceof PeerRequestRefused) {
        await this.audit.recordFor(req.caller ?? anonymousCaller(requestId), {
          action: 'federation.query',
          resource: req.path,
          outcome: 'deny',
          reason: err.code,
          detail: { peer: err.peerId ?? null, problem: err.reason },
        });
      }
      throw err;
    }
  }
}
