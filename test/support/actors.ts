import type { INestApplication } from '@nestjs/common';
import { LocalTokenService, NodeKeyService, UsersService } from '@helixgate/identity';
import { randomBytes } from 'node:crypto';

export interface Actor {
  username: string;
  /** The user id: the `sub` of their tokens. */
  subject: string;
  issuer: string;
  token: string;
}

/** A local user with the given roles and a node-signed token (optionally with bona fide visas). */
export async function makeActor(
  app: INestApplication,
  roles: string[],
  opts: { bonaFide?: boolean; institution?: string; ttl?: string } = {},
): Promise<Actor> {
  const username = `${roles[0] ?? 'nobody'}-${randomBytes(4).toString('hex')}`;
  const user = await app
    .get(UsersService)
    .add({ username, roles, institution: opts.institution ?? 'Test University' });
  const { token } = await app
    .get(LocalTokenService)
    .issue(username, { bonaFide: opts.bonaFide, ttl: opts.ttl });
  return { username, subject: user.id, issuer: app.get(NodeKeyService).issuer, token };
}

export interface GqlResult<T = Record<string, unknown>> {
  status: number;
  data: T | null;
  errors?: { message: string; extensions: { code: string } & Record<string, unknown> }[];
}

/** POSTs a GraphQL operation, as `actor` (or anonymously). */
export async function gql<T = Record<string, unknown>>(
  base: string,
  query: string,
  variables: Record<string, unknown> = {},
  actor?: Actor | string,
): Promise<GqlResult<T>> {
  const token = typeof actor === 'string' ? actor : actor?.token;
  const res = await fetch(`${base}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: JSON.stringify({ query, variables }),
  });
  const body = (await res.json()) as Omit<GqlResult<T>, 'status'>;
  return { status: res.status, ...body };
}

/** The error code of the first GraphQL error (or undefined when the call succeeded). */
export const codeOf = (r: GqlResult) => r.errors?.[0]?.extensions.code;
