import { CoreSchema1764470000000 } from './1764470000000-core-schema';
import { AppUser1764500000000 } from './1764500000000-app-user';
import { DatasetConsent1764510000000 } from './1764510000000-dataset-consent';
import { AuditTrail1764520000000 } from './1764520000000-audit-trail';
import { AuditAppRole1764520000001 } from './1764520000001-audit-app-role';
import { PrivacyBudget1764530000000 } from './1764530000000-privacy-budget';
import { AccessWorkflow1764550000000 } from './1764550000000-access-workflow';
import { Federation1764560000000 } from './1764560000000-federation';
import { AccessExpiryAudit1764600000000 } from './1764600000000-access-expiry-audit';
import { ReferencePanels1764640000000 } from './1764640000000-reference-panels';
import { PrivacyGlobalLedger1764640000001 } from './1764640000001-privacy-global-ledger';
import { ConsoleSignIn1764660000000 } from './1764660000000-console-sign-in';
import { BackupCatalog1764730000000 } from './1764730000000-backup-catalog';
import { PeerInsecureTransport1764740000000 } from './1764740000000-peer-insecure-transport';
import { VariantAnnotation1764750000000 } from './1764750000000-variant-annotation';
import { PeerBeaconV2Mapping1764760000000 } from './1764760000000-peer-beacon-v2-mapping';
import { DatasetIngestHistory1764800000000 } from './1764800000000-dataset-ingest-history';
import { DataAccessCommittees1764810000000 } from './1764810000000-data-access-committees';
import { NotificationOutbox1764820000000 } from './1764820000000-notification-outbox';
import { GrantLifecycle1764820000001 } from './1764820000001-grant-lifecycle';
import { SharedNodeState1764840000000 } from './1764840000000-shared-node-state';
import { OidcPendingFlow1764840000001 } from './1764840000001-oidc-pending-flow';
import { IndividualMetadata1764850000000 } from './1764850000000-individual-metadata';
import { PrivacyQuotaShare1764860000000 } from './1764860000000-privacy-quota-share';
import { PrivacyNoiseKey1764860000001 } from './1764860000001-privacy-noise-key';
import { PrivacyCountBudget1764900000000 } from './1764900000000-privacy-count-budget';
import { ParticipantWithdrawalProgress1764910000000 } from './1764910000000-participant-withdrawal-progress';
import { PrivacyQuotaCharge1764940000000 } from './1764940000000-privacy-quota-charge';
import { PrivacyQuotaChargeWideCaps1764940000001 } from './1764940000001-privacy-quota-charge-wide-caps';

/** Every migration, in order. A new migration is added here (the list is the source of truth). */
export const ALL_MIGRATIONS = [
  CoreSchema1764470000000,
  AppUser1764500000000,
  DatasetConsent1764510000000,
  AuditTrail1764520000000,
  AuditAppRole1764520000001,
  PrivacyBudget1764530000000,
  AccessWorkflow1764550000000,
  Federation1764560000000,
  AccessExpiryAudit1764600000000,
  ReferencePanels1764640000000,
  PrivacyGlobalLedger1764640000001,
  ConsoleSignIn1764660000000,
  BackupCatalog1764730000000,
  PeerInsecureTransport1764740000000,
  VariantAnnotation1764750000000,
  PeerBeaconV2Mapping1764760000000,
  DatasetIngestHistory1764800000000,
  DataAccessCommittees1764810000000,
  NotificationOutbox1764820000000,
  GrantLifecycle1764820000001,
  SharedNodeState1764840000000,
  OidcPendingFlow1764840000001,
  IndividualMetadata1764850000000,
  PrivacyQuotaShare1764860000000,
  PrivacyNoiseKey1764860000001,
  PrivacyCountBudget1764900000000,
  ParticipantWithdrawalProgress1764910000000,
  PrivacyQuotaCharge1764940000000,
  PrivacyQuotaChargeWideCaps1764940000001,
];
