import { Injectable, type CanActivate, type ExecutionContext } from '@nestjs/common';
import { DomainError } from '@helixgate/common';
import { callerOf } from '@helixgate/common';

/** Refuses anonymous callers: the operation needs a bearer token (UNAUTHENTICATED, reason missing_token). */
@Injectable()
export class AuthenticatedGuard implements CanActivate {
  canActivate(ctx: ExecutionContext): boolean {
    if (callerOf(ctx).subject === null) {
      throw new DomainError('UNAUTHENTICATED', 'this operation needs a bearer token', {
        reason: 'missing_token',
      });
    }
    return true;
  }
}
