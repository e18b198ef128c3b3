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
export * from './role-policy';
export * from './sql-conditions';
export * from './ability.factory';
export * from './entitlement.service';
export * from './access-request.entity';
export * from './access-request.service';
export * from './access-events';
export * from './committee-policy';
export * from './committee-gate.service';
export * from './committee.service';
export * from './dataset-access.service';
export * from './access.module';
export * from './access-expiry.sweeper';
export * from './audit-access.policy';
export * from './models/access-request.model';
export * from './user-admin.service';
export * from './models/user-account.model';
export * from './models/dataset-ingest.model';
export * from './grant-lifecycle.service';
