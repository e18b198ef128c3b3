import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AccessModule } from '@helixgate/access';
import { AuditModule } from '@helixgate/audit';
import { BeaconModule, BeaconRestModule } from '@helixgate/beacon';
import { IdentityModule } from '@helixgate/identity';
import { PrivacyModule } from '@helixgate/privacy';
import { FederationController, NetworkBeaconController } from './federation.controller';
import { FederationResolver } from './federation.resolver';
import { FederationService } from './federation.service';
import { NodeIdentityController } from './node-identity.controller';
import { NodeIdentityService } from './node-identity.service';
import { PeerAnswerSignerService } from './peer-answer-signer.service';
import { PeerAnswerVerifierService } from './peer-answer-verifier.service';
import { PeerKeysService } from './peer-keys.service';
import { PeerRegistryService } from './peer-registry.service';
import { PeerRequestGuard } from './peer-request.guard';
import { PeerRequestVerifierService } from './peer-request-verifier.service';
import { PeerEntity } from './peer.entity';
import { ReplayCacheService } from './replay-cache.service';

/**
 * Federation: node identity, the peer registry, signed fan-out with per-node statuses, and the inbound
 * peer endpoint. In the CLI only the services are used (controllers and resolvers stay idle there).
 */
@Module({
  imports: [
    TypeOrmModule.forFeature([PeerEntity]),
    AuditModule,
    IdentityModule,
    AccessModule,
    BeaconModule,
    BeaconRestModule,
    PrivacyModule,
  ],
  controllers: [FederationController, NetworkBeaconController, NodeIdentityController],
  providers: [
    FederationService,
    FederationResolver,
    NodeIdentityService,
    PeerAnswerSignerService,
    PeerAnswerVerifierService,
    PeerKeysService,
    PeerRegistryService,
    PeerRequestGuard,
    PeerRequestVerifierService,
    ReplayCacheService,
  ],
  exports: [FederationService, NodeIdentityService, PeerRegistryService, PeerRequestVerifierService],
})
export class FederationModule {}
