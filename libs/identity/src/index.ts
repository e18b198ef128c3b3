/**
 * Identity: bearer tokens, GA4GH passports and visas, the node's signing keys, local users.
 *
 * For other modules:
 * - `@CurrentCaller() caller: Caller` (from `@helixgate/common`) in any resolver or controller (HTTP and
 *   GraphQL); anonymous when the request had no credentials. A request with a bad token never reaches a
 *   handler: `Authenticator` refuses it (401) in the gateway's authentication guard.
 * - `@UseGuards(AuthenticatedGuard)` to require a verified caller (UNAUTHENTICATED otherwise).
 * - `NodeKeyService` (exported by IdentityModule):
 *     `sign(payload, { audience?, expiresIn, typ?, subject?, jti? })` → compact ES256 JWS with `iss` =
 *       `nodeKeys.issuer`, `iat` now, a `kid` header and a random `jti` unless given;
 *     `jwks()` → the public key set served at /.well-known/jwks.json; `issuer`, `audience`;
 *     `rotate()` / `remove(kid)` for key rotation (old keys stay published until removed).
 * - `VisaIssuerService.issue({ subject, type, value, by, expiresAt, jti?, source?, conditions? })` → a
 *   node-signed visa JWT (e.g. ControlledAccessGrants, by 'dac'). This node trusts its own visas only for
 *   `source` = `nodeKeys.issuer` or a URL under it (the default), held by `sub` = the caller's `subject`.
 *   Validated visas carry `jti`, so a revoked grant's visa can be refused by jti.
 * - `TokenVerifierService.verifyBearer(token, requestId)` → Caller (e.g. for a peer's forwarded token);
 *   `PassportService.validate(passportClaim, { sub, iss })` → validated visas.
 */
export * from './identity.module';
export * from './node-key.service';
export * from './node-issuer';
export * from './token-verifier.service';
export * from './passport.service';
export * from './visa-issuer.service';
export * from './jwt-checks';
export * from './visa-conditions';
export * from './trusted-issuers.policy';
export * from './issuer-registry.service';
export * from './authenticated.guard';
export * from './authenticator.service';
export * from './models/caller.model';
export * from './users/app-user.entity';
export * from './users/users.service';
export * from './users/local-tokens.service';
export * from './sessions/session.service';
export * from './sessions/session-cookies';
export * from './sessions/password-hash';
export * from './sessions/console-session.entity';
export * from './people.service';
export * from './models/person.model';
/**
 * @deprecated `CurrentCaller` lives in `@helixgate/common` (the one way every lib reads the caller); this
 * re-export keeps code written against the old home compiling while it moves.
 */
export { CurrentCaller } from '@helixgate/common';
