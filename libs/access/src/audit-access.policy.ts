import { Injectable, type OnModuleInit } from '@nestjs/common';
import { AuditService } from '@helixgate/audit';
import { AbilityFactory } from './ability.factory';

/**
 * Audit permissions come from `policies/roles.yaml` like every other permission: the actions `read`,
 * `export` and `verify` on the subject `AuditEvent`. `libs/audit` cannot import this lib (this lib depends
 * on it), so the policy is handed to AuditService at start; until then it refuses every read.
 */
@Injectable()
export class AuditAccessRegistration implements OnModuleInit {
  constructor(
    private readonly audit: AuditService,
    private readonly abilities: AbilityFactory,
  ) {}

  onModuleInit(): void {
    this.audit.useAccessPolicy({
      can: (caller, permission) => this.abilities.can(caller, permission, 'AuditEvent'),
    });
  }
}
