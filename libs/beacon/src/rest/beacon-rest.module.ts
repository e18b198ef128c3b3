import { Module, type OnModuleInit } from '@nestjs/common';
import { HttpAdapterHost } from '@nestjs/core';
import { VariantsModule } from '@helixgate/variants';
import type { NextFunction, Request, Response } from 'express';
import { BeaconModule } from '../beacon.module';
import { BeaconErrorFilter, UNPARSED_REQUEST } from './beacon-error.filter';
import { errorResponse } from './beacon-response';
import { BeaconRestController } from './beacon-rest.controller';
import { BeaconRestService } from './beacon-rest.service';
import { requestIdOf } from './beacon-http-request';

/** body-parser's errors carry an HTTP status and a `type` such as `entity.parse.failed`. */
interface BodyParserError {
  type?: unknown;
  status?: unknown;
  message?: unknown;
}

/** GA4GH Beacon v2 REST face (`/api/...`) on the same engine as the GraphQL `beacon` query. */
@Module({
  imports: [BeaconModule, VariantsModule],
  controllers: [BeaconRestController],
  providers: [BeaconRestService, BeaconErrorFilter],
})
export class BeaconRestModule implements OnModuleInit {
  constructor(
    private readonly adapterHost: HttpAdapterHost,
    private readonly rest: BeaconRestService,
  ) {}

  /**
   * A body that is not JSON fails in the body parser, before any route (and so before the controller's
   * BeaconErrorFilter) is reached. Nest has no route-scoped hook for that, so an Express error handler
   * for `/api` is added here: it runs after the routes and before Nest's global error handler, which
   * keeps handling every other path.
   */
  onModuleInit(): void {
    const app = this.adapterHost.httpAdapter?.getInstance<{ use?: (...args: unknown[]) => unknown }>();
    if (this.adapterHost.httpAdapter?.getType() !== 'express' || typeof app?.use !== 'function') return;
    app.use('/api', (err: unknown, req: Request, res: Response, next: NextFunction) => {
      const e = err as BodyParserError;
      const status = typeof e?.status === 'number' ? e.status : 0;
      if (typeof e?.type !== 'string' || !e.type.startsWith('entity.') || status < 400 || status >= 500) {
        next(err);
        return;
      }
      const message = `request body is not valid JSON: ${typeof e.message === 'string' ? e.message.slice(0, 200) : 'unreadable'}`;
      res
        .status(status)
        .json(
          errorResponse(
            this.rest.beaconId,
            UNPARSED_REQUEST,
            status,
            status === 400 ? message : String(e.message).slice(0, 200),
            'BAD_REQUEST',
            requestIdOf(req),
          ),
        );
    });
  }
}
