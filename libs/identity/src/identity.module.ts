import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AuditModule } from '@helixgate/audit';
import { AuditActorCountResolver, AuditActorResolver } from './audit-actor.resolver';
import { AuthenticatedGuard } from './authenticated.guard';
import { Authenticator } from './authenticator.service';
import { IdentityController } from './identity.controller';
import { IdentityResolver } from './identity.resolver';
import { IssuerRegistry } from './issuer-registry.service';
import { NodeKeyService } from './node-key.service';
import { PassportService } from './passport.service';
import { PeopleService } from './people.service';
import { TokenVerifierService } from './token-verifier.service';
import { ConsoleSessionEntity } from './sessions/console-session.entity';
import { OidcSignInService } from './sessions/oidc-sign-in.service';
import { SessionService } from './sessions/session.service';
import { SignInController } from './sessions/sign-in.controller';
import { AppUserEntity } from './users/app-user.entity';
import { LocalTokenService } from './users/local-tokens.service';
import { UsersService } from './users/users.service';
import { VisaIssuerService } from './visa-issuer.service';

/**
 * Identity: who a request runs as. `Authenticator` turns a request's credentials into a Caller (or a coded
 * refusal); the gateway's global authentication guard applies it to every route and GraphQL root field, and
 * resolvers and controllers read the Caller with `@CurrentCaller()` (libs/common).
 */
@Module({
  imports: [TypeOrmModule.forFeature([AppUserEntity, ConsoleSessionEntity]), AuditModule],
  controllers: [IdentityController, SignInController],
  providers: [
    NodeKeyService,
    IssuerRegistry,
    PassportService,
    TokenVerifierService,
    UsersService,
    LocalTokenService,
    VisaIssuerService,
    AuthenticatedGuard,
    Authenticator,
    IdentityResolver,
    SessionService,
    OidcSignInService,
    PeopleService,
    AuditActorResolver,
    AuditActorCountResolver,
  ],
  exports: [
    NodeKeyService,
    VisaIssuerService,
    TokenVerifierService,
    PassportService,
    UsersService,
    LocalTokenService,
    VisaIssuerService,
    AuthenticatedGuard,
    Authenticator,
    SessionService,
    PeopleService,
  ],
})
export class IdentityModule {}
