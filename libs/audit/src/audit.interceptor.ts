import { CallHandler, ExecutionContext, Injectable, NestInterceptor } from '@nestjs/common';
import { GqlExecutionContext, type GqlContextType } from '@nestjs/graphql';
import { callerOf } from '@helixgate/common';
import type { GraphQLResolveInfo } from 'graphql';
import { catchError, concatMap, from, type Observable } from 'rxjs';
import { auditContextStorage, type AuditRequestContext } from './audit-context';
import type { AuditOutcome } from './audit-hash';
import { auditUnavailable, datasetIdsOf, outcomeOf } from './audit-outcome';
import { AuditService } from './audit.service';

/** Routes not audited: liveness probes would flood the trail and carry no data. */
const UNAUDITED_PATHS = new Set(['/health']);

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
    let action: string;
    let resource: string | null;
    const detail: Record<string, unknown> = {};
    const type = context.getType<GqlContextType>();
    if (type === 'graphql') {
      const gql = GqlExecutionContext.create(context);
      const info = gql.getInfo<GraphQLResolveInfo>();
      if (info.path.prev !== undefined) return next.handle(); // nested field: covered by its root field
      action = `graphql:${info.operation.operation} ${info.fieldName}`;
      resource = info.fieldName;
      if (info.operation.name) detail.operationName = info.operation.name.value;
    } else if (type === 'http') {
      const http = context
        .switchToHttp()
        .getRequest<{ method: string; path: string; route?: { path?: string } }>();
      if (UNAUDITED_PATHS.has(http.path)) return next.handle();
      action = `rest:${http.method} ${http.route?.path ?? http.path}`;
      resource = http.path;
    } else {
      return next.handle();
    }
    const ctx: AuditRequestContext = { caller: callerOf(context), datasetIds: new Set(), detail: {} };
    const started = performance.now();
    const write = async (outcome: AuditOutcome, reason: string | null) => {
      try {
        await this.audit.recordRequest(ctx, action, resource, outcome, reason, {
          ...detail,
          durationMs: Math.round((performance.now() - started) * 1000) / 1000,
        });
      } catch {
        throw auditUnavailable();
      }
    };
    return auditContextStorage
      .run(ctx, () => next.handle())
      .pipe(
        catchError((err: unknown) => {
          const { outcome, reason } = outcomeOf(err);
          // A refusal that names datasets (the beacon's "no grant for dataset X") is an event on them.
          for (const id of datasetIdsOf(err)) ctx.datasetIds.add(id);
          // A service may have found the failure to be a refusal the caller is not told of (annotate refusal).
          return from(
            write(ctx.refused ? 'deny' : outcome, reason).then(() => {
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
