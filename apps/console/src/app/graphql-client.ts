import { cacheExchange, Client, fetchExchange } from 'urql';
import { apiFetch } from './api';

/**
 * The one GraphQL client. Server data lives in its document cache (no second store); a mutation
 * invalidates cached results of the types it returns. Requests carry the session cookie and CSRF header.
 */
export function createGraphqlClient(): Client {
  return new Client({
    url: '/graphql',
    exchanges: [cacheExchange, fetchExchange],
    fetch: apiFetch,
    fetchOptions: { credentials: 'same-origin' },
    requestPolicy: 'cache-and-network',
    preferGetMethod: false,
  });
}
