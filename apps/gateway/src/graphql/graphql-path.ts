/** Where the GraphQL endpoint is served. */
export const GRAPHQL_PATH = '/graphql';
