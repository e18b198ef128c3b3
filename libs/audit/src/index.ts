export { AuditModule } from './audit.module';
export { type AuditAlert, type AuditExportManifest, AuditService } from './audit.service';
export { AuditInterceptor } from './audit.interceptor';
export { type AuditEventContent, type AuditOutcome, eventHash } from './audit-hash';
export { type AuditEventRow, eventContentOf, type IntegrityReport, verifyAuditChain } from './audit-verifier';
export { type StoredAuditEvent } from './audit-export';
export { MAX_AUDITED_INDIVIDUALS } from './audit-scrub';
export {
  AUDIT_CHECKPOINT_SIGNER,
  type AuditCheckpointSigner,
  FileCheckpointSigner,
} from './checkpoint-signer';
export { canonicalJson } from './canonical-json';
export { AuditEventModel } from './models/audit.models';
export { auditUnavailable } from './audit-outcome';
export { AuditActorCountModel } from './models/audit-activity.models';
