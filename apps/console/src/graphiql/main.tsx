import 'graphiql/style.css';
import { createGraphiQLFetcher } from '@graphiql/toolkit';
import { GraphiQL } from 'graphiql';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { apiFetch } from '@/app/api';

/**
 * GraphiQL for developers, bundled with the console (no CDN), served by the gateway on GET /graphql to a
 * browser when HELIXGATE_GRAPHQL_PLAYGROUND=true. Requests go through the console's fetch: a signed-in
 * console session (with its CSRF header) is used, or an `Authorization: Bearer …` set in the headers tab.
 */
const fetcher = createGraphiQLFetcher({ url: '/graphql', fetch: apiFetch });

createRoot(document.getElementById('graphiql')!).render(
  <StrictMode>
    <GraphiQL
      fetcher={fetcher}
      defaultQuery={'# Helixgate GraphQL API\n{\n  datasets {\n    id\n    name\n    securityLevel\n  }\n}\n'}
    />
  </StrictMode>,
);
