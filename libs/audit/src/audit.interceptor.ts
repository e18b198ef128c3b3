import { CallHandler, ExecutionContext, Injectable, NestInterceptor } from '@nestjs/common';
import { GqlExecutionContext, type GqlContextType } from '@nestjs/graphql';
import { DomainError, type ErrorCode } from '@helixgate/common';
import type { GraphQLResolveInfo } from 'graphql';
import { catchError, concatMap, from, type Observable } from 'rxjs';
import { auditContextStorage, type AuditRequestContext } from './audit-context';
import type { AuditOutcome } from './audit-hash';
import { AuditService } from './audit.service';
import { callerOf } from './request-caller';

const DENY_CODES: ReadonlySet<ErrorCode> = new Set([
  'UNAUTHENTICATED',
  'FORBIDDEN',
  'INVALID_TOKEN',
  'TOKEN_EXPIRED',
  'RATE_LIMITED',
  'UNKNOWN_DATASET',
]);

/** Routes not audited: liveness probes would flood the trail and carry no data. */
const UNAUDITED_PATHS = new Set(['/health']);

function outcomeOf(err: unknown): { outcome: AuditOutcome; reason: string } {
  if (err instanceof DomainError) {
    return { outcome: DENY_CODES.has(err.code) ? 'deny' : 'error', reason: err.code };
  }
  const status = (err as { getStatus?: () => number }).getStatus?.();
  if (status === 401 || status === 403)
    return { outcome: 'deny', reason: status === 401 ? 'UNAUTHENTICATED' : 'FORBIDDEN' };
  if (status !== undefined && status < 500) return { outcome: 'error', reason: 'BAD_REQUEST' };
  return { outcome: 'error', reason: 'INTERNAL' };
}

const unavailable = () =>
  new DomainError(
    'AUDIT_UNAVAILABLE',
    'the audit trail could not record this request, so it was not answered',
  );

/**
 * Records one audit event per GraphQL root field (one per operation for single-field operations) and per
 * REST call, and releases the answer only after the event is durable; if the event cannot be written the
 * request fails with AUDIT_UNAVAILABLE. Services add datasets, granularity and counts via
 * `AuditService.annotate` while the handler runs.
 */
@Injectable()
export class AuditInterceptor implements NestInterceptor {
  constructor(private readonly audit: AuditService) {}

  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    let req: unknown;
    let action: string;
    let resource: string | null;
    const detail: Record<string, unknown> = {};
    const type = context.getType<GqlContextType>();
    if (type === 'graphql') {
      const gql = GqlExecutionContext.create(context);
      const info = gql.getInfo<GraphQLResolveInfo>();
      if (info.path.prev !== undefined) return next.handle(); // nested field: covered by its root field
      req = gql.getContext<{ req?: unknown }>().req;
      action = `graphql:${info.operation.operation} ${info.fieldName}`;
      resource = info.fieldName;
      if (info.operation.name) detail.operationName = info.operation.name.value;
    } else if (type === 'http') {
      const http = context
        .switchToHttp()
        .getRequest<{ method: string; path: string; route?: { path?: string } }>();
      if (UNAUDITED_PATHS.has(http.path)) return next.handle();
      req = http;
      action = `rest:${http.method} ${http.route?.path ?? http.path}`;
      resource = http.path;
    } else {
      return next.handle();
    }
    const ctx: AuditRequestContext = { caller: callerOf(req), datasetIds: new Set(), detail: {} };
    const started = performance.now();
    const write = async (outcome: AuditOutcome, reason: string | null) => {
      try {
        await this.audit.recordRequest(ctx, action, resource, outcome, reason, {
          ...detail,
          durationMs: Math.round((performance.now() - started) * 1000) / 1000,
        });
      } catch {
        throw unavailable();
      }
    };
    return auditContextStorage
      .run(ctx, () => next.handle())
      .pipe(
        catchError((err: unknown) => {
          const { outcome, reason } = outcomeOf(err);
          return from(
            write(outcome, reason).then(() => {
              throw err;
            }),
          );
        }),
        concatMap(async (value: unknown) => {
          await write('allow', null);
          return value;
        }),
      );
  }
}
