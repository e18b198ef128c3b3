import { Injectable, type NestMiddleware } from '@nestjs/common';
import { DomainError } from '@helixgate/common';
import type { NextFunction, Request, Response } from 'express';

/**
 * One GraphQL operation per HTTP request. A batch (a JSON array of operations) is refused with a coded
 * error rather than capped: every operation would need its own rate-limit charge, cost check and audit
 * event, and a client gains nothing a single operation with several root fields does not give it.
 */
@Injectable()
export class GraphqlBatchMiddleware implements NestMiddleware {
  use(req: Request, _res: Response, next: NextFunction): void {
    if (req.method === 'POST' && Array.isArray(req.body)) {
      next(
        new DomainError(
          'BATCH_NOT_SUPPORTED',
          `a batch of ${(req.body as unknown[]).length} operations was sent: send one operation per request (several root fields may share one operation)`,
        ),
      );
      return;
    }
    next();
  }
}
