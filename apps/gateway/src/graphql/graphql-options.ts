import { ApolloServerPluginCacheControlDisabled } from '@apollo/server/plugin/disabled';
import type { ApolloDriverConfig } from '@nestjs/apollo';
import { ApolloDriver } from '@nestjs/apollo';
import { GRAPHQL_PATH } from './graphql-path';

/**
 * The gateway's Apollo options (code-first schema, no playground: GraphiQL is the console's bundled page).
 *
 * `fieldResolverEnhancers: ['filters']`: Nest applies exception filters to a type's field resolvers
 * (`@ResolveField`) only when asked. Without it, a DomainError thrown while resolving a field
 * (a refused `AccessRequest.review`, say) skips GlobalExceptionFilter and reaches the caller as
 * INTERNAL_SERVER_ERROR instead of its own code. Guards and interceptors are deliberately not applied per
 * field: authentication and the audit event belong to the operation, once.
 *
 * Apollo's cache-control plugin is off: no field gives a cache hint (answers are per caller and must not
 * be cached), so it only wrapped every field resolver to compute a policy it never used (~2% of a GraphQL
 * count answer's CPU in the references bench).
 */
export function graphqlOptions(): ApolloDriverConfig {
  return {
    driver: ApolloDriver,
    autoSchemaFile: true,
    sortSchema: true,
    path: GRAPHQL_PATH,
    playground: false,
    introspection: true,
    includeStacktraceInErrorResponses: false,
    fieldResolverEnhancers: ['filters'],
    plugins: [ApolloServerPluginCacheControlDisabled()],
    context: ({ req, res }: { req: unknown; res: unknown }) => ({ req, res }),
  };
}
