import { Alert, Code, Stack } from '@mantine/core';
import { useRouteError } from 'react-router';

/** A screen that failed to load or render: say what happened instead of a blank page. */
export function RouteError() {
  const error = useRouteError();
  const message = error instanceof Error ? error.message : String(error);
  return (
    <Stack p="lg">
      <Alert color="red" title="This screen could not be shown" role="alert">
        {message} <Code>CLIENT_ERROR</Code>
      </Alert>
    </Stack>
  );
}
