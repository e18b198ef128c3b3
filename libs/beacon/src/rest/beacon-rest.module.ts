import { Module, type OnModuleInit } from '@nestjs/common';
import { HttpAdapterHost } from '@nestjs/core';
import { AccessModule } from '@helixgate/access';
import { DomainError } from '@helixgate/common';
import type { NextFunction, Request, Response } from 'express';
import { BeaconModule } from '../beacon.module';
import { BeaconErrorFilter } from './beacon-error.filter';
import { BeaconRestController } from './beacon-rest.controller';
import { BeaconRestService } from './beacon-rest.service';

/** GA4GH Beacon v2 REST face (`/api/...`) on the same engine as the GraphQL `beacon` query. */
@Module({
  imports: [BeaconModule, AccessModule],
  controllers: [BeaconRestController],
  providers: [BeaconRestService, BeaconErrorFilter],
  // The network face (libs/federation: /api/network/g_variants) answers its errors in the same envelope.
  exports: [BeaconRestService, BeaconErrorFilter],
})
export class BeaconRestModule implements OnModuleInit {
  constructor(
    private readonly adapterHost: HttpAdapterHost,
    private readonly errors: BeaconErrorFilter,
  ) {}

  /**
   * Two answers Nest cannot give in the Beacon envelope from a controller, added as Express handlers on
   * `/api` once every route is registered (onModuleInit runs after the router and before Nest's own
   * not-found and error handlers, which keep serving every other path). Both go through the filter, so
   * through the one error table:
   * - a refusal before any route, by a middleware (the gateway's body parser: a body over the size limit
   *   or not JSON), arrives here as a DomainError;
   * - an unknown path under `/api` (a catch-all route would also shadow routes other modules add later).
   */
  onModuleInit(): void {
    const app = this.adapterHost.httpAdapter?.getInstance<{ use?: (...args: unknown[]) => unknown }>();
    if (this.adapterHost.httpAdapter?.getType() !== 'express' || typeof app?.use !== 'function') return;
    app.use('/api', (err: unknown, req: Request, res: Response, next: NextFunction) => {
      if (!(err instanceof DomainError)) {
        next(err);
        return;
      }
      this.errors.send(req, res, err);
    });
    app.use('/api', (req: Request, res: Response) => {
      this.errors.send(
        req,
        res,
        new DomainError('NOT_FOUND', 'no such Beacon endpoint: the endpoints are listed at /api/map'),
      );
    });
  }
}
