import { ArgumentsHost, Catch, HttpException, Logger, type ExceptionFilter } from '@nestjs/common';
import { DomainError, ERROR_HTTP_STATUS } from '@helixgate/common';
import type { Response } from 'express';
import { DEFAULT_LIMIT, type BeaconRestRequest } from './beacon-request';
import { errorResponse } from './beacon-response';
import { BeaconRestService } from './beacon-rest.service';
import { requestIdOf, type BeaconHttpRequest } from './beacon-http-request';

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
 * Every error on a Beacon REST route leaves as a `beaconErrorResponse` with `errorCode` = the HTTP
 * status: a DomainError keeps its code's status and message; an unknown error becomes 500 with the
 * correlation id, its stack logged and never sent.
 */
@Catch()
export class BeaconErrorFilter implements ExceptionFilter {
  private readonly logger = new Logger('BeaconRest');

  constructor(private readonly rest: BeaconRestService) {}

  catch(exception: unknown, host: ArgumentsHost): void {
    const http = host.switchToHttp();
    const req = http.getRequest<BeaconHttpRequest & WithBeaconRequest>();
    const res = http.getResponse<Response>();
    const requestId = requestIdOf(req);
    let status: number;
    let code: string;
    let message: string;
    if (exception instanceof DomainError) {
      ({ httpStatus: status, code, message } = exception);
      const retryAfter = exception.details?.retryAfterSeconds;
      if (typeof retryAfter === 'number') res.setHeader('Retry-After', String(retryAfter));
    } else if (exception instanceof HttpException) {
      // Nest's own refusals: an unparsable JSON body (400), an unknown route (404).
      status = exception.getStatus();
      code = status === 404 ? 'NOT_FOUND' : status < 500 ? 'BAD_REQUEST' : 'INTERNAL';
      message = status < 500 ? exception.message : `Internal error (correlation id ${requestId})`;
    } else {
      this.logger.error({ err: exception, correlationId: requestId }, 'unhandled error');
      status = ERROR_HTTP_STATUS.INTERNAL;
      code = 'INTERNAL';
      message = `Internal error (correlation id ${requestId})`;
    }
    res
      .status(status)
      .json(
        errorResponse(
          this.rest.beaconId,
          req.beaconRequest ?? UNPARSED_REQUEST,
          status,
          message,
          code,
          requestId,
        ),
      );
  }
}
