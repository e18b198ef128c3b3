import { Injectable, type CanActivate, type ExecutionContext } from '@nestjs/common';
import { DomainError } from '@helixgate/common';
import type { Request } from 'express';

/**
 * A Beacon POST takes its whole request in a JSON body. Two things a POST may carry besides were read as
 * nothing, so that the answer was to another question than the one asked:
 * - a query string (`POST /api/individuals?filters=…` answered for everyone): refused, 400, naming it;
 * - a body that is not `application/json` (the gateway's parser reads only that; a `text/plain` body
 *   arrived as an empty request, "missing request parameter …"): 415.
 * A guard, so that it holds for every POST route of the controllers it is bound to and its refusals pass
 * through their BeaconErrorFilter.
 */
@Injectable()
export class BeaconPostGuard implements CanActivate {
  canActivate(context: ExecutionContext): boolean {
    const req = context.switchToHttp().getRequest<Request>();
    if (req.method !== 'POST') return true;
    const keys = Object.keys(req.query ?? {});
    if (keys.length) {
      throw new DomainError(
        'BAD_REQUEST',
        `POST takes its parameters in the body (a Beacon request body), not in the query string: ` +
          `refused ${keys
            .slice(0, 5)
            .map((k) => k.slice(0, 40))
            .join(', ')}`,
      );
    }
    // A body was sent (a length or chunks) in a type the JSON parser did not read.
    const sent =
      req.headers['transfer-encoding'] !== undefined || Number(req.headers['content-length'] ?? 0) > 0;
    if (sent && !req.is('application/json')) {
      const type = (req.headers['content-type'] ?? 'none').split(';')[0].trim().slice(0, 60);
      throw new DomainError(
        'UNSUPPORTED_MEDIA_TYPE',
        `a Beacon POST body is JSON: send it with content-type: application/json (got ${type || 'none'})`,
      );
    }
    return true;
  }
}
