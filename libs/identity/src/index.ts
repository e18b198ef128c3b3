/**
 * Identity: bearer tokens, GA4GH passports and visas, the node's signing keys, local users.
 *
 * For other modules:
 * - `@CurrentCaller() caller: Caller` comes from `@helixgate/common`; anonymous when the request had no
 *   credentials. A request with a bad token never reaches a handler: `Authenticator` refuses it (401) in the
 *   gateway's authentication guard.
 * - `NodeKeyService` (exported by IdentityModule):
 *     `sign(payload, { audience?, expiresIn, typ?, subject?, jti? })` → compact ES256 JWS with `iss` =
 *       `nodeKeys.issuer`, `iat` now, a `kid` header and a random `jti` unless given;
 *     `jwks()` → the public key set served at /.well-known/jwks.json; `issuer`, `audience`;
 *     `rotate()` / `remove(kid)` for key rotation (old keys stay published until removed).
 * - `PassportService.validate(passportClaim, { sub, iss })` → validated visas; `IssuerRegistry` for trusted issuers.
 * - Local users, console sessions and people: `UsersService`, `LocalTokenService`, `SessionService`, `PeopleService`.
 * Visa issuing (`VisaIssuerService`), bearer verification (`TokenVerifierService`) and `AuthenticatedGuard` are
 * internal to this lib (IdentityModule provides them); export them here when another lib needs one.
 */
export { IdentityModule } from './identity.module';
export { NodeKeyService } from './node-key.service';
export { PassportService } from './passport.service';
export { CLOCK_SKEW_SECONDS } from './jwt-checks';
export { IssuerRegistry } from './issuer-registry.service';
export { type AuthenticatedRequest, Authenticator } from './authenticator.service';
export { RoleEnum } from './models/caller.model';
export { AppUserEntity } from './users/app-user.entity';
export { type AddUser, UsersService } from './users/users.service';
export { LocalTokenService } from './users/local-tokens.service';
export { SessionService } from './sessions/session.service';
export { ConsoleSessionEntity } from './sessions/console-session.entity';
export { PeopleService } from './people.service';
export { PersonModel } from './models/person.model';
