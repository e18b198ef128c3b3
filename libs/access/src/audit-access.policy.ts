import { Injectable, type OnModuleInit } from '@nestjs/common';
import { AuditService } from '@helixgate/audit';
import { UsersService } from '@helixgate/identity';
import { ParticipantWithdrawalService } from '@helixgate/variants';
import { AbilityFactory } from './ability.factory';

/**
 * Audit permissions come from `policies/roles.yaml` like every other permission: the actions `read`,
 * `export` and `verify` on the subject `AuditEvent`. `libs/audit` cannot import this lib (this lib depends
 * on it), so the policy is handed to AuditService at start; until then it refuses every read. The same
 * goes for finding a participant by sample id (participant access history) and an actor by user name.
 */
@Injectable()
export class AuditAccessRegistration implements OnModuleInit {
  constructor(
    private readonly audit: AuditService,
    private readonly abilities: AbilityFactory,
    private readonly participants: ParticipantWithdrawalService,
    private readonly users: UsersService,
  ) {}

  onModuleInit(): void {
    this.audit.useAccessPolicy({
      can: (caller, permission) => this.abilities.can(caller, permission, 'AuditEvent'),
    });
    // The audit search's actor filter by user name (the trail records subjects).
    this.audit.useActorLookup(async (username) => {
      const user = await this.users.getByUsername(username).catch(() => null);
      return user ? (user.externalSubject ?? user.id) : null;
    });
    // Participant access history by sample id: the sealed ids are opened in libs/variants.
    this.audit.useParticipantLookup((datasetId, sampleId) =>
      this.participants.indexOfSample(datasetId, sampleId),
    );
  }
}
