import type { Caller } from '@helixgate/common';
import { decodeJwt } from 'jose';
import { MAX_FORWARDED_VISAS } from './peer-protocol';

/**
 * The visa JWTs of the caller's passport exactly as presented, for peers to validate under their own trust
 * policy. Read from the bearer token the authentication guard has already verified (a request with a
 * bad token never gets here), so decoding without verifying again is safe; nothing for anonymous callers.
 */
export function forwardablePassport(caller: Caller, authorization: string | string[] | undefined): string[] {
  if (!caller.subject || typeof authorization !== 'string') return [];
  const match = /^Bearer +([^\s]+) *$/i.exec(authorization);
  if (!match) return [];
  const passport = decodeJwt(match[1]).ga4gh_passport_v1;
  if (!Array.isArray(passport)) return [];
  return passport.filter((v): v is string => typeof v === 'string').slice(0, MAX_FORWARDED_VISAS);
}
