import type {
  ApolloServerPlugin,
  GraphQLRequestContextDidResolveOperation,
  GraphQLRequestContextWillSendResponse,
  GraphQLRequestListener,
} from '@apollo/server';
import { HeaderMap } from '@apollo/server';
import { Plugin } from '@nestjs/apollo';
import { AuditService, auditUnavailable } from '@helixgate/audit';
import { DomainError, errorReplyOf, graphqlErrorOf, requestIdOf, type Caller } from '@helixgate/common';
import { HelixgateConfig } from '@helixgate/config';
import { Authenticator, type AuthenticatedRequest } from '@helixgate/identity';
import { RATE_LIMIT_COST, RateLimiterService } from '@helixgate/privacy';
import {
  GraphQLError,
  Kind,
  OperationTypeNode,
  getVariableValues,
  type DocumentNode,
  type FragmentDefinitionNode,
  type GraphQLSchema,
  type OperationDefinitionNode,
} from 'graphql';
import { fieldExtensionsEstimator, getComplexity, simpleEstimator } from 'graphql-query-complexity';
import { AuthenticationGuard } from '../http/authentication.guard';
import {
  MAX_SELECTIONS,
  directivesReadVariables,
  operationDepth,
  rootFields,
  schemaCostReadsArguments,
} from './operation-limits';

interface GatewayContext {
  req?: AuthenticatedRequest;
}

/** graphql-query-complexity's own refusal when fragments expand beyond its node budget (10,000). */
const NODE_LIMIT_MESSAGE = 'Query exceeds the maximum allowed number of nodes';

/**
 * Admits every GraphQL operation once it is parsed and validated, before any resolver runs:
 * 0. the caller: identity's Authenticator (as the authentication guard, whose result it shares); a refused
 *    token refuses the whole operation (401, audited once by the guard's `refused`);
 * 1. at most HELIXGATE_GRAPHQL_MAX_ROOT_FIELDS root fields (aliases included): each root field is one
 *    resolver call and one audit event; fields nested at most HELIXGATE_GRAPHQL_MAX_DEPTH levels;
 * 2. an estimated cost (graphql-query-complexity: a field's `complexity` extension, else 1 per field,
 *    aliases and fragments expanded) of at most HELIXGATE_GRAPHQL_MAX_COST;
 * 3. the rate limit: the operation's root fields that declare a RATE_LIMIT_COST (each `beacon`) are
 *    charged together, once, with `prepay`; the resolvers then draw on that charge.
 * A refusal is audited once (one event for the request, whatever it asked) and answered with its code:
 * 400 QUERY_TOO_COMPLEX, or 429 RATE_LIMITED with Retry-After.
 */
@Plugin()
export class GraphqlLimitsPlugin implements ApolloServerPlugin<GatewayContext> {
  /**
   * Estimated costs of operations whose cost cannot depend on their variables, by operation node: Apollo
   * parses a query text once and hands every request with that text the same document, so a client
   * repeating one query (with new variables) is costed once. Measured: the estimate was 8% of the
   * gateway's CPU on a GraphQL count query (graphql-query-complexity visits the document with a TypeInfo
   * and coerces the variables each time).
   */
  private readonly costs = new WeakMap<OperationDefinitionNode, number>();
  private readonly variableFree = new WeakMap<DocumentNode, boolean>();
  private readonly argumentCosts = new WeakMap<GraphQLSchema, boolean>();

  constructor(
    private readonly config: HelixgateConfig,
    private readonly rateLimiter: RateLimiterService,
    private readonly audit: AuditService,
    private readonly authenticator: Authenticator,
    private readonly authentication: AuthenticationGuard,
  ) {}

  async requestDidStart(): Promise<GraphQLRequestListener<GatewayContext>> {
    return {
      didResolveOperation: (rc) => this.admit(rc),
      willSendResponse: async (rc) => this.retryAfter(rc),
    };
  }

  private async admit(rc: GraphQLRequestContextDidResolveOperation<GatewayContext>): Promise<void> {
    const req = rc.contextValue.req;
    const { operation, document, schema } = rc;
    if (!operation) return; // no operation to run: Apollo answers that itself
    if (!req) throw new DomainError('INTERNAL', 'no request to authenticate');
    const variables = rc.request.variables;
    const fragments: Record<string, FragmentDefinitionNode> = {};
    for (const d of document.definitions)
      if (d.kind === Kind.FRAGMENT_DEFINITION) fragments[d.name.value] = d;
    const fields = rootFields(operation, fragments, variables);
    const detail: Record<string, unknown> = {
      operation: operation.operation,
      operationName: operation.name?.value,
      field: [...new Set(fields.values())],
      rootFields: fields.size,
    };
    let caller: Caller;
    try {
      caller = await this.authenticator.authenticate(req);
    } catch (err) {
      if (!(err instanceof DomainError)) throw err;
      try {
        await this.authentication.refused(req, err, `graphql:${operation.operation}`);
      } catch {
        throw this.graphqlError(auditUnavailable(), requestIdOf(req));
      }
      throw this.graphqlError(err, requestIdOf(req), this.authenticator.challengeOf(req, err));
    }

    try {
      const maxFields = this.config.vars.HELIXGATE_GRAPHQL_MAX_ROOT_FIELDS;
      if (fields.size > maxFields) {
        throw new DomainError(
          'QUERY_TOO_COMPLEX',
          `the operation has ${fields.size} root fields (aliases included); at most ${maxFields} are accepted (HELIXGATE_GRAPHQL_MAX_ROOT_FIELDS)`,
        );
      }
      const maxDepth = this.config.vars.HELIXGATE_GRAPHQL_MAX_DEPTH;
      const shape = operationDepth(operation, fragments, maxDepth);
      if (shape.tooMany) {
        throw new DomainError(
          'QUERY_TOO_COMPLEX',
          `the operation expands to more than ${MAX_SELECTIONS} selections (fragments included)`,
        );
      }
      if (shape.depth > maxDepth) {
        throw new DomainError(
          'QUERY_TOO_COMPLEX',
          `the operation nests fields more than ${maxDepth} levels deep (HELIXGATE_GRAPHQL_MAX_DEPTH)`,
        );
      }
      const cost = this.cost(rc, operation);
      if (cost === null) return; // invalid variables: execution refuses them before any resolver runs
      detail.cost = cost;
      const maxCost = this.config.vars.HELIXGATE_GRAPHQL_MAX_COST;
      if (cost > maxCost) {
        throw new DomainError(
          'QUERY_TOO_COMPLEX',
          `the operation's estimated cost is ${cost}; at most ${maxCost} is accepted (HELIXGATE_GRAPHQL_MAX_COST: 1 per field, aliases and fragments expanded)`,
        );
      }
      const root =
        operation.operation === OperationTypeNode.QUERY ? schema.getQueryType() : schema.getMutationType();
      let charge = 0;
      for (const name of fields.values()) {
        const declared = root?.getFields()[name]?.extensions?.[RATE_LIMIT_COST];
        if (typeof declared === 'number') charge += declared;
      }
      if (charge > 0) {
        detail.rateLimitCharge = charge;
        await this.rateLimiter.prepay(caller, charge);
      }
    } catch (err) {
      if (!(err instanceof DomainError)) throw err;
      await this.refuse(caller, err, detail);
    }
  }

  /** The operation's estimated cost, or null when its variables do not even coerce. */
  private cost(
    rc: GraphQLRequestContextDidResolveOperation<GatewayContext>,
    operation: OperationDefinitionNode,
  ): number | null {
    const { schema, document } = rc;
    const cached = this.costs.get(operation);
    if (cached !== undefined) {
      // The cost is known; whether these variables coerce is not (execution would refuse them unrun).
      const coerced = getVariableValues(
        schema,
        operation.variableDefinitions ?? [],
        rc.request.variables ?? {},
      );
      return coerced.errors ? null : cached;
    }
    let cost: number;
    try {
      cost = getComplexity({
        schema,
        query: document,
        operationName: rc.operationName ?? undefined,
        variables: rc.request.variables,
        estimators: [fieldExtensionsEstimator(), simpleEstimator({ defaultComplexity: 1 })],
      });
    } catch (err) {
      if (err instanceof GraphQLError && err.message.startsWith(NODE_LIMIT_MESSAGE)) {
        throw new DomainError(
          'QUERY_TOO_COMPLEX',
          `the operation expands to more than ${MAX_SELECTIONS} selections (fragments included)`,
        );
      }
      if (err instanceof GraphQLError) return null;
      throw err;
    }
    if (this.independentOfVariables(schema, document)) this.costs.set(operation, cost);
    return cost;
  }

  private independentOfVariables(schema: GraphQLSchema, document: DocumentNode): boolean {
    let readsArguments = this.argumentCosts.get(schema);
    if (readsArguments === undefined) {
      readsArguments = schemaCostReadsArguments(schema);
      this.argumentCosts.set(schema, readsArguments);
    }
    if (readsArguments) return false;
    let free = this.variableFree.get(document);
    if (free === undefined) {
      free = !directivesReadVariables(document);
      this.variableFree.set(document, free);
    }
    return free;
  }

  /** Audits the refusal (once for the request) and throws it as Apollo answers it: code, status, headers. */
  private async refuse(caller: Caller, err: DomainError, detail: Record<string, unknown>): Promise<never> {
    try {
      await this.audit.recordFor(caller, {
        action: `graphql:${String(detail.operation)}`,
        resource: null,
        outcome: errorReplyOf(err, caller.requestId).outcome,
        reason: err.code,
        detail,
      });
    } catch {
      throw this.graphqlError(auditUnavailable(), caller.requestId);
    }
    throw this.graphqlError(err, caller.requestId);
  }

  /** An error refusing the whole operation, from the one error table, with its HTTP status and headers. */
  private graphqlError(err: DomainError, requestId: string, challenge?: string): GraphQLError {
    const reply = errorReplyOf(err, requestId);
    const headers = new HeaderMap();
    for (const [name, value] of Object.entries(reply.headers)) headers.set(name.toLowerCase(), value);
    if (challenge) headers.set('www-authenticate', challenge);
    const { message, extensions } = graphqlErrorOf(reply);
    return new GraphQLError(message, {
      extensions: { ...extensions, http: { status: reply.status, headers } },
    });
  }

  /** A RATE_LIMITED error raised while resolving (a federated query's peers) still tells when to retry. */
  private retryAfter(rc: GraphQLRequestContextWillSendResponse<GatewayContext>): void {
    const body = rc.response.body;
    if (body.kind !== 'single' || rc.response.http.headers.has('retry-after')) return;
    const waits = (body.singleResult.errors ?? [])
      .filter((e) => e.extensions?.code === 'RATE_LIMITED')
      .map((e) => e.extensions?.retryAfterSeconds)
      .filter((s): s is number => typeof s === 'number');
    if (waits.length) rc.response.http.headers.set('retry-after', String(Math.max(...waits)));
  }
}
