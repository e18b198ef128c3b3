/**
 * @helixgate/access — who may do what.
 *
 * - `AbilityFactory`: a CASL ability per caller from `policies/roles.yaml` + the datasets the caller stewards;
 *   `can`, `assert` (FORBIDDEN naming the action), `sqlFilter` (a SQL predicate for list queries).
 * - `EntitlementService.entitlements(caller, datasets)`: per dataset the most a beacon query may reveal
 *   (NONE/BOOLEAN/COUNT/RECORD), on what basis, what is missing for more, and whether the privacy budget applies.
 * - `AccessRequestService`: the access workflow and ControlledAccessGrants visas.
 * - `DatasetAccessService`: datasets as the caller may see them; stewards; consent changes.
 */
export { AbilityFactory } from './ability.factory';
export { type Entitlement, EntitlementService } from './entitlement.service';
export { AccessRequestEntity } from './access-request.entity';
export { AccessRequestService } from './access-request.service';
export { type AccessDomainEvent, AccessDomainEvents } from './access-events';
export { DatasetAccessService } from './dataset-access.service';
export { AccessModule } from './access.module';
export { GrantLifecycleService } from './grant-lifecycle.service';
