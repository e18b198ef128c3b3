import { Module, RequestMethod, type MiddlewareConsumer, type NestModule } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AuditModule } from '@helixgate/audit';
import { AuditActorCountResolver, AuditActorResolver } from './audit-actor.resolver';
import { AuthenticatedGuard } from './authenticated.guard';
import { AuthenticationMiddleware } from './authentication.middleware';
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
 * Identity: who a request runs as. In an HTTP app every route passes AuthenticationMiddleware, which
 * attaches the Caller; resolvers and controllers read it with @CurrentCaller().
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
    AuthenticationMiddleware,
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
    SessionService,
    PeopleService,
  ],
})
export class IdentityModule implements NestModule {
  configure(consumer: MiddlewareConsumer): void {
    consumer.apply(AuthenticationMiddleware).forRoutes({ path: '{*path}', method: RequestMethod.ALL });
  }
}
