import '@mantine/core/styles.css';
import './app/global.css';
import { MantineProvider } from '@mantine/core';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { createBrowserRouter, RouterProvider } from 'react-router';
import { Provider as GraphqlProvider } from 'urql';
import { createGraphqlClient } from './app/graphql-client';
import { routes } from './app/routes';
import { SessionProvider } from './app/session';
import { cssVariablesResolver, theme } from './app/theme';

const router = createBrowserRouter(routes, { basename: '/console' });
const client = createGraphqlClient();

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <MantineProvider theme={theme} defaultColorScheme="light" cssVariablesResolver={cssVariablesResolver}>
      <SessionProvider>
        <GraphqlProvider value={client}>
          <RouterProvider router={router} />
        </GraphqlProvider>
      </SessionProvider>
    </MantineProvider>
  </StrictMode>,
);
