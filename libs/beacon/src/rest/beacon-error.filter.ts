import { ArgumentsHost, Catch, Logger, type ExceptionFilter } from '@nestjs/common';
import { errorReplyOf, requestIdOf } from '@helixgate/common';
import type { Response } from 'express';
import { DEFAULT_LIMIT, type BeaconRestRequest } from './beacon-request';
import { errorResponse } from './beacon-response';
import { BeaconRestService } from './beacon-rest.service';
import type { BeaconHttpRequest } from './beacon-http-request';

/** The parsed request, kept on the HTTP request so that an error response can still summarise it. */
export interface WithBeaconRequest {
  beaconRequest?: BeaconRestRequest;
}

/** The summary of a request that could not be parsed: the spec defaults. */
export const UNPARSED_REQUEST: BeaconRestRequest = {
  apiVersion: null,
  requestedSchemas: [],
  requestedGranularity: 'boolean',
  includeResultsetResponses: 'HIT',
  pagination: { skip: 0, limit: DEFAULT_LIMIT },
  filters: [],
  testMode: false,
  parameters: {},
};

/**
 * Every error on a Beacon REST route leaves as a `beaconErrorResponse`, through the one error table
 * (`errorReplyOf`): `errorCode` = the code's HTTP status; an unexpected error becomes 500 with the
 * correlation id, its stack logged and never sent. A refused bearer token (the authentication guard)
 * arrives here too.
 */
@Catch()
export class BeaconErrorFilter implements ExceptionFilter {
  private readonly logger = new Logger('BeaconRest');

  constructor(private readonly rest: BeaconRestService) {}

  catch(exception: unknown, host: ArgumentsHost): void {
    const http = host.switchToHttp();
    const req = http.getRequest<BeaconHttpRequest & WithBeaconRequest>();
    this.send(req, http.getResponse<Response>(), exception);
  }

  /** Sends `exception` as a Beacon error (also used for errors raised before any route, see the module). */
  send(req: BeaconHttpRequest & WithBeaconRequest, res: Response, exception: unknown): void {
    const reply = errorReplyOf(exception, requestIdOf(req));
    if (reply.unexpected)
      this.logger.error({ err: exception, correlationId: reply.correlationId }, 'unhandled error');
    for (const [name, value] of Object.entries(reply.headers)) res.setHeader(name, value);
    res
      .status(reply.status)
      .json(errorResponse(this.rest.beaconId, req.beaconRequest ?? UNPARSED_REQUEST, reply));
  }
}
