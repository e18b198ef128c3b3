import { Alert, Code, Text } from '@mantine/core';
import type { CombinedError } from 'urql';
import { ApiError } from '@/app/api';

export interface ShownError {
  code: string;
  message: string;
}

/** The code and message of an API error (GraphQL extensions.code, REST error.code, or the network). */
export function describeError(error: unknown): ShownError[] {
  if (!error) return [];
  if (error instanceof ApiError) return [{ code: error.code, message: error.message }];
  const combined = error as Partial<CombinedError>;
  if (combined.graphQLErrors?.length) {
    return combined.graphQLErrors.map((e) => ({
      code: typeof e.extensions?.code === 'string' ? e.extensions.code : 'GRAPHQL_ERROR',
      message: e.message,
    }));
  }
  if (combined.networkError) return [{ code: 'NETWORK_ERROR', message: combined.networkError.message }];
  return [{ code: 'ERROR', message: error instanceof Error ? error.message : String(error) }];
}

/** An error from the API, shown as its message and code — never a blank screen. */
export function ApiErrorAlert({ error, title = 'The request failed' }: { error: unknown; title?: string }) {
  const shown = describeError(error);
  if (shown.length === 0) return null;
  return (
    <Alert color="red" title={title} role="alert" data-testid="api-error">
      {shown.map((e, i) => (
        <Text key={i} size="sm">
          {e.message} <Code>{e.code}</Code>
        </Text>
      ))}
    </Alert>
  );
}
