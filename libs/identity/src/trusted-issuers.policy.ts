import * as fs from 'node:fs';
import { ROLES, readPolicyYaml, type Role } from '@helixgate/common';
import type { JSONWebKeySet, JWK } from 'jose';

/** The only signature algorithms Helixgate accepts on tokens and visas (no HMAC, no `none`). */
export const ALLOWED_ALGORITHMS = ['ES256', 'RS256', 'EdDSA'] as const;
export type AllowedAlgorithm = (typeof ALLOWED_ALGORITHMS)[number];

export interface TrustedIssuer {
  /** Exact `iss` value. */
  issuer: string;
  /** Inline key set (keys are public). */
  jwks?: JSONWebKeySet;
  /** Where the issuer publishes its key set (fetched and cached; refreshed on an unknown `kid`). */
  jwksUri?: string;
  /** May this issuer's tokens authenticate callers (bearer tokens)? */
  acceptTokens: boolean;
  /** `aud` a bearer token from this issuer must name (default: the node's audience). */
  audiences: string[];
  algorithms: AllowedAlgorithm[];
  /** `jku` header values accepted from this issuer (anything else is refused). */
  allowedJku: string[];
  /** Claim holding role names; null: the issuer grants no Helixgate role. */
  rolesClaim: string | null;
  /** Claim value -> Helixgate role; absent: values that are already role names are taken as they are. */
  roleMap: Record<string, Role> | null;
  /** Claim naming the caller's institution. */
  institutionClaim: string | null;
  /** Visas signed by this issuer are trusted only for these `source` values ("*" any). */
  visaSources: string[];
  /** Console sign-in with this issuer as an OpenID Connect provider (authorization code + PKCE). */
  signIn: OidcSignIn | null;
}

export interface OidcSignIn {
  /** Short id used in the console's URLs (/auth/oidc/<id>/start). */
  id: string;
  /** Shown on the sign-in button ("Sign in with <name>"). */
  name: string;
  clientId: string;
  /** Environment variable holding the client secret; absent: a public client (PKCE only). */
  clientSecretEnv: string | null;
  scopes: string[];
}

export interface TrustedIssuersPolicy {
  file: string;
  issuers: TrustedIssuer[];
}

type Path = (string | number)[];

/**
 * Reads and validates `trusted-issuers.yaml`. Validation is a small hand-written walk rather than a JSON
 * schema because ajv is a dev-only dependency here and the walk gives each problem its YAML line.
 */
export function loadTrustedIssuers(file: string, defaultAudience: string): TrustedIssuersPolicy {
  if (!fs.existsSync(file)) return { file, issuers: [] };
  const { root, fail } = readPolicyYaml(file);
  if (root === null || root === undefined) return { file, issuers: [] };
  const top = asObject(root, [], fail, ['issuers']);
  const list = top.issuers === undefined ? [] : top.issuers;
  if (!Array.isArray(list)) return fail(['issuers'], 'must be a list');
  const ctx: IssuerContext = { fail, defaultAudience, seen: new Set(), signInIds: new Set() };
  return { file, issuers: list.map((entry: unknown, i) => parseIssuer(entry, ['issuers', i], ctx)) };
}

/** What validating one issuer entry needs: the failure with its line, and what the entries so far used. */
interface IssuerContext {
  fail: Fail;
  defaultAudience: string;
  seen: Set<string>;
  signInIds: Set<string>;
}

/** One `issuers[i]` entry. */
function parseIssuer(entry: unknown, base: Path, ctx: IssuerContext): TrustedIssuer {
  const { fail } = ctx;
  const at = (...p: Path): Path => [...base, ...p];
  const o = asObject(entry, at(), fail, [
    'issuer',
    'jwks',
    'jwks_uri',
    'tokens',
    'audience',
    'algorithms',
    'allowed_jku',
    'roles',
    'institution_claim',
    'visas',
    'sign_in',
  ]);
  const issuer = str(o.issuer, at('issuer'), fail);
  if (ctx.seen.has(issuer)) fail(at('issuer'), `issuer ${issuer} is declared twice`);
  ctx.seen.add(issuer);
  if (o.jwks === undefined && o.jwks_uri === undefined && o.allowed_jku === undefined) {
    fail(at(), 'needs jwks, jwks_uri or allowed_jku');
  }
  const jwks = o.jwks === undefined ? undefined : parseJwks(o.jwks, at('jwks'), fail);
  const jwksUri = o.jwks_uri === undefined ? undefined : url(o.jwks_uri, at('jwks_uri'), fail);
  const algorithms =
    o.algorithms === undefined ? [...ALLOWED_ALGORITHMS] : strList(o.algorithms, at('algorithms'), fail);
  algorithms.forEach((a, j) => {
    if (!ALLOWED_ALGORITHMS.includes(a as AllowedAlgorithm)) {
      fail(at('algorithms', j), `${a} is not allowed (only ${ALLOWED_ALGORITHMS.join(', ')})`);
    }
  });
  const audiences =
    o.audience === undefined
      ? [ctx.defaultAudience]
      : typeof o.audience === 'string'
        ? [o.audience]
        : strList(o.audience, at('audience'), fail);
  const roles = o.roles === undefined ? null : parseRoles(o.roles, at('roles'), fail);
  let visaSources: string[] = [];
  if (o.visas !== undefined) {
    const v = asObject(o.visas, at('visas'), fail, ['trusted_sources']);
    visaSources = strList(v.trusted_sources, at('visas', 'trusted_sources'), fail);
  }
  if (o.tokens !== undefined && typeof o.tokens !== 'boolean') fail(at('tokens'), 'must be true or false');
  const signIn = o.sign_in === undefined ? null : parseSignIn(o.sign_in, at('sign_in'), ctx);
  return {
    issuer,
    jwks,
    jwksUri,
    acceptTokens: o.tokens !== false,
    audiences,
    algorithms: algorithms as AllowedAlgorithm[],
    allowedJku:
      o.allowed_jku === undefined
        ? []
        : strList(o.allowed_jku, at('allowed_jku'), fail).map((u, j) => url(u, at('allowed_jku', j), fail)),
    rolesClaim: roles?.claim ?? null,
    roleMap: roles?.map ?? null,
    institutionClaim:
      o.institution_claim === undefined ? null : str(o.institution_claim, at('institution_claim'), fail),
    visaSources,
    signIn,
  };
}

/** An inline JWKS: public keys only. */
function parseJwks(value: unknown, at: Path, fail: Fail): JSONWebKeySet {
  const set = asObject(value, at, fail, ['keys']);
  if (!Array.isArray(set.keys) || set.keys.length === 0) fail([...at, 'keys'], 'must be a non-empty list');
  const keys = (set.keys as unknown[]).map((k, j): JWK => {
    const key = asObject(k, [...at, 'keys', j], fail);
    if (typeof key.kty !== 'string') return fail([...at, 'keys', j], 'a JWK needs kty');
    if (key.d !== undefined || key.k !== undefined) {
      fail([...at, 'keys', j], 'private or symmetric key material does not belong in a trust policy');
    }
    return { ...key, kty: key.kty };
  });
  return { keys };
}

/** `roles: { claim, map }`: the token claim holding roles and how its values map onto this node's roles. */
function parseRoles(
  value: unknown,
  at: Path,
  fail: Fail,
): { claim: string; map: Record<string, Role> | null } {
  const r = asObject(value, at, fail, ['claim', 'map']);
  const claim = str(r.claim, [...at, 'claim'], fail);
  if (r.map === undefined) return { claim, map: null };
  const m = asObject(r.map, [...at, 'map'], fail);
  const map: Record<string, Role> = {};
  for (const [from, to] of Object.entries(m)) {
    if (!ROLES.includes(to as Role))
      fail([...at, 'map', from], `${String(to)} is not one of ${ROLES.join(', ')}`);
    map[from] = to as Role;
  }
  return { claim, map };
}

/** `sign_in`: the issuer as an OpenID Connect sign-in provider of the console. */
function parseSignIn(value: unknown, at: Path, ctx: IssuerContext): OidcSignIn {
  const { fail } = ctx;
  const si = asObject(value, at, fail, ['id', 'name', 'client_id', 'client_secret_env', 'scopes']);
  const id = str(si.id, [...at, 'id'], fail);
  if (!/^[a-z0-9][a-z0-9-]{0,31}$/.test(id)) fail([...at, 'id'], 'must be lowercase letters, digits, -');
  if (ctx.signInIds.has(id)) fail([...at, 'id'], `sign-in id ${id} is used twice`);
  ctx.signInIds.add(id);
  const secretEnv =
    si.client_secret_env === undefined ? null : str(si.client_secret_env, [...at, 'client_secret_env'], fail);
  if (secretEnv !== null && !/^[A-Z_][A-Z0-9_]*$/.test(secretEnv)) {
    fail([...at, 'client_secret_env'], 'must be an environment variable name');
  }
  const scopes =
    si.scopes === undefined ? ['openid', 'profile', 'email'] : strList(si.scopes, [...at, 'scopes'], fail);
  if (!scopes.includes('openid')) fail([...at, 'scopes'], 'must include openid');
  return {
    id,
    name: str(si.name, [...at, 'name'], fail),
    clientId: str(si.client_id, [...at, 'client_id'], fail),
    clientSecretEnv: secretEnv,
    scopes,
  };
}

type Fail = (path: Path, problem: string) => never;

function asObject(v: unknown, path: Path, fail: Fail, allowed?: string[]): Record<string, unknown> {
  if (typeof v !== 'object' || v === null || Array.isArray(v)) return fail(path, 'must be a mapping');
  const o = v as Record<string, unknown>;
  if (allowed) {
    for (const key of Object.keys(o)) {
      if (!allowed.includes(key)) fail([...path, key], `unknown key (expected one of ${allowed.join(', ')})`);
    }
  }
  return o;
}

function str(v: unknown, path: Path, fail: Fail): string {
  if (typeof v !== 'string' || v.trim() === '') return fail(path, 'must be a non-empty string');
  return v;
}

function strList(v: unknown, path: Path, fail: Fail): string[] {
  if (!Array.isArray(v)) return fail(path, 'must be a list of strings');
  return v.map((x, i) => str(x, [...path, i], fail));
}

function url(v: unknown, path: Path, fail: Fail): string {
  const s = str(v, path, fail);
  if (!/^https?:\/\/\S+$/.test(s)) fail(path, 'must be an http(s) URL');
  return s;
}
