import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AuditModule } from '@helixgate/audit';
import { ConsentModule } from '@helixgate/consent';
import { IdentityModule } from '@helixgate/identity';
import { NotificationsModule } from '@helixgate/notifications';
import { PrivacyModule } from '@helixgate/privacy';
import { VariantsModule } from '@helixgate/variants';
import { AbilityFactory } from './ability.factory';
import { AccessDomainEvents } from './access-events';
import { AccessNotifications } from './access-notifications';
import { GrantLifecycleResolver } from './grant-lifecycle.resolver';
import { GrantLifecycleService } from './grant-lifecycle.service';
import { AccessExpirySweeper } from './access-expiry.sweeper';
import { CommitteeGate } from './committee-gate.service';
import { CommitteeResolver } from './committee.resolver';
import { CommitteeService } from './committee.service';
import { AuditAccessRegistration } from './audit-access.policy';
import { AccessRequestEntity, AccessRequestEventEntity } from './access-request.entity';
import { AccessRequestRepository } from './access-request.repository';
import { AccessRequestService } from './access-request.service';
import { AccessResolver } from './access.resolver';
import { DatasetAccessResolver } from './dataset-access.resolver';
import { DatasetAccessService } from './dataset-access.service';
import { EntitlementService } from './entitlement.service';
import { PermissionsController } from './permissions.controller';
import { PrivacyAllowanceResolver } from './privacy-allowance.resolver';
import { PrivacyAllowanceService } from './privacy-allowance.service';
import { UserAdminResolver } from './user-admin.resolver';
import { UserAdminService } from './user-admin.service';

@Module({
  imports: [
    TypeOrmModule.forFeature([AccessRequestEntity, AccessRequestEventEntity]),
    IdentityModule,
    ConsentModule,
    VariantsModule,
    AuditModule,
    NotificationsModule,
    PrivacyModule,
  ],
  providers: [
    AbilityFactory,
    EntitlementService,
    AccessRequestRepository,
    AccessRequestService,
    AccessDomainEvents,
    AccessNotifications,
    GrantLifecycleService,
    GrantLifecycleResolver,
    CommitteeGate,
    CommitteeService,
    DatasetAccessService,
    AccessResolver,
    CommitteeResolver,
    DatasetAccessResolver,
    AuditAccessRegistration,
    AccessExpirySweeper,
    UserAdminService,
    UserAdminResolver,
    PrivacyAllowanceService,
    PrivacyAllowanceResolver,
  ],
  controllers: [PermissionsController],
  exports: [
    GrantLifecycleService,
    AbilityFactory,
    EntitlementService,
    AccessRequestService,
    AccessDomainEvents,
    CommitteeService,
    DatasetAccessService,
    UserAdminService,
  ],
})
export class AccessModule {}
