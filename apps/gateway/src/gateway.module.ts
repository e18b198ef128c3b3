import type { ApolloDriverConfig } from '@nestjs/apollo';
import {
  DynamicModule,
  Module,
  RequestMethod,
  type MiddlewareConsumer,
  type NestModule,
} from '@nestjs/common';
import { APP_FILTER, APP_GUARD, APP_INTERCEPTOR, APP_PIPE } from '@nestjs/core';
import { AuditInterceptor, AuditModule } from '@helixgate/audit';
import { GraphQLModule } from '@nestjs/graphql';
import { clientRequestIdOf } from '@helixgate/common';
import { ConfigModule, HelixgateConfig } from '@helixgate/config';
import { DatabaseConnection, DatabaseConnectionModule, DatabaseModule } from '@helixgate/db';
import { CryptoModule } from '@helixgate/crypto';
import { AccessModule } from '@helixgate/access';
import { BeaconModule, BeaconRestModule } from '@helixgate/beacon';
import { PanelsModule } from '@helixgate/panels';
import { ConsentModule } from '@helixgate/consent';
import { FederationModule } from '@helixgate/federation';
import { IdentityModule } from '@helixgate/identity';
import { NotificationDeliveryModule, NotificationsModule } from '@helixgate/notifications';
import { PrivacyModule } from '@helixgate/privacy';
import { VariantsModule } from '@helixgate/variants';
import { LoggerModule } from 'nestjs-pino';
import { randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';

/** What pino-http hands a request serializer (pino-std-serializers' object for the request). */
interface SerializedRequest {
  id: unknown;
  method: string;
  url: string;
  remoteAddress?: string;
  remotePort?: number;
}
import { prettyLogs } from './log-format';
import { GlobalExceptionFilter } from './errors/global-exception.filter';
import { GraphqlBatchMiddleware } from './graphql/graphql-batch.middleware';
import { GRAPHQL_PATH } from './graphql/graphql-path';
import { graphqlOptions } from './graphql/graphql-options';
import { GraphqlLimitsPlugin } from './graphql/graphql-limits.plugin';
import { HealthController } from './health/health.controller';
import { AuthenticationGuard } from './http/authentication.guard';
import { JsonBodyMiddleware } from './http/json-body.middleware';
import { NulCharactersPipe } from './http/nul-characters.pipe';

/** The capability modules the gateway serves (the GraphQL schema is built from their resolvers). */
export const GATEWAY_FEATURE_MODULES = [
  CryptoModule,
  AuditModule,
  IdentityModule,
  VariantsModule,
  BeaconModule,
  BeaconRestModule,
  ConsentModule,
  AccessModule,
  FederationModule,
  PrivacyModule,
  PanelsModule,
  NotificationsModule,
];

@Module({})
export class GatewayModule implements NestModule {
  /**
   * Nest runs middleware of global modules first (the logger: request id), then by module depth: the root
   * module's (these) before any imported module's. So a body is parsed, or refused with a correlation id,
   * before anything reads it; authentication is a guard (AuthenticationGuard), after all middleware.
   */
  configure(consumer: MiddlewareConsumer): void {
    consumer.apply(JsonBodyMiddleware).forRoutes({ path: '{*path}', method: RequestMethod.ALL });
    consumer.apply(GraphqlBatchMiddleware).forRoutes({ path: GRAPHQL_PATH, method: RequestMethod.POST });
  }

  static forRoot(config: HelixgateConfig, connection: DatabaseConnection): DynamicModule {
    return {
      module: GatewayModule,
      imports: [
        ConfigModule.forRoot(config),
        DatabaseConnectionModule.forConnection(connection),
        DatabaseModule,
        LoggerModule.forRoot({
          pinoHttp: {
            level: config.vars.LOG_LEVEL,
            // JSON lines for log shippers; readable lines on a terminal (LOG_FORMAT).
            ...(prettyLogs(config.vars.LOG_FORMAT)
              ? {
                  transport: {
                    target: 'pino-pretty',
                    options: { singleLine: true, translateTime: 'SYS:HH:MM:ss.l' },
                  },
                }
              : {}),
            // This node names every request itself: a client-supplied x-request-id is never taken as the id
            // (a client could reuse another request's id). The client's value, when well formed, is kept
            // beside it (Caller.clientRequestId, audit detail.clientRequestId, the log line's clientRequestId).
            genReqId: (_req: IncomingMessage, res: ServerResponse) => {
              const id = randomUUID();
              res.setHeader('x-request-id', id);
              return id;
            },
            customProps: (req: IncomingMessage) => ({
              node: config.vars.HELIXGATE_NODE_ID,
              ...(clientRequestIdOf(req.headers['x-request-id'])
                ? { clientRequestId: clientRequestIdOf(req.headers['x-request-id']) }
                : {}),
            }),
            // The request line names the request (id, method, URL, client address) and its status: not every
            // header of both directions, whose serialisation per request cost more than the rest of the line.
            serializers: {
              req: (req: SerializedRequest) => ({
                id: req.id,
                method: req.method,
                url: req.url,
                remoteAddress: req.remoteAddress,
                remotePort: req.remotePort,
              }),
              res: (res: { statusCode: number }) => ({ statusCode: res.statusCode }),
            },
            redact: {
              paths: [
                'req.headers.authorization',
                'req.headers.cookie',
                'req.headers["x-helixgate-signature"]',
              ],
              censor: '[redacted]',
            },
            autoLogging: { ignore: (req) => req.url === '/health' },
          },
        }),
        GraphQLModule.forRoot<ApolloDriverConfig>(graphqlOptions()),
        ...GATEWAY_FEATURE_MODULES,
        NotificationDeliveryModule,
      ],
      controllers: [HealthController],
      providers: [
        { provide: APP_FILTER, useClass: GlobalExceptionFilter },
        // First of the guards (global guards run before a route's own): who the request runs as.
        AuthenticationGuard,
        { provide: APP_GUARD, useExisting: AuthenticationGuard },
        { provide: APP_INTERCEPTOR, useExisting: AuditInterceptor },
        { provide: APP_PIPE, useClass: NulCharactersPipe },
        GraphqlLimitsPlugin,
      ],
    };
  }
}
