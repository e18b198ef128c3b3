import { stringify } from 'csv-stringify/sync';
import type { AuditDetailValue } from './audit-hash';

/** A stored event as read back for search and export. */
export interface StoredAuditEvent {
  seq: number;
  at: string;
  actor: string;
  roles: string[];
  institution: string | null;
  action: string;
  resource: string | null;
  datasetIds: string[];
  granularity: string | null;
  outcome: 'allow' | 'deny' | 'error';
  reason: string | null;
  requestId: string | null;
  detail: Record<string, AuditDetailValue>;
  prevHash: string;
  hash: string;
}

const FHIR_OUTCOME = { allow: '0', deny: '4', error: '8' } as const;

/** Identifier systems of the values an exported AuditEvent names (FHIR wants a system on every identifier). */
export const FHIR_SYSTEMS = {
  dataset: 'urn:helixgate:dataset',
  /** An actor whose token issuer is not a URI (the CLI operator), or an anonymous caller. */
  actor: 'urn:helixgate:actor',
  action: 'urn:helixgate:audit-action',
  node: 'urn:helixgate:node',
} as const;

/** The identifier system of an actor: the issuer of their token when it is a URI, else Helixgate's own. */
function actorSystem(e: StoredAuditEvent): string {
  const iss = e.detail.issuer;
  return typeof iss === 'string' && /^[a-z][a-z0-9+.-]*:\S+$/i.test(iss) ? iss : FHIR_SYSTEMS.actor;
}

/** A FHIR string may not be empty: such elements are left out rather than written as "". */
const nonEmpty = (v: string | null | undefined): v is string => typeof v === 'string' && v.length > 0;

/**
 * The event as a FHIR R4 AuditEvent resource (one NDJSON line). FHIR JSON has no empty arrays, objects or
 * strings, so optional parts are omitted when empty; every identifier carries a `system`.
 */
export function toFhirAuditEvent(e: StoredAuditEvent, nodeId: string): Record<string, unknown> {
  const isApi = e.action.startsWith('graphql:') || e.action.startsWith('rest:');
  const entity = [
    ...e.datasetIds.map((d) => ({
      what: { identifier: { system: FHIR_SYSTEMS.dataset, value: d } },
      ...(nonEmpty(e.granularity) ? { detail: [{ type: 'granularity', valueString: e.granularity }] } : {}),
    })),
    ...(nonEmpty(e.resource) ? [{ what: { display: e.resource } }] : []),
  ];
  const extension = [
    { url: 'urn:helixgate:audit:seq', valueString: String(e.seq) },
    ...(nonEmpty(e.requestId) ? [{ url: 'urn:helixgate:audit:request-id', valueString: e.requestId }] : []),
    { url: 'urn:helixgate:audit:detail', valueString: JSON.stringify(e.detail) },
    { url: 'urn:helixgate:audit:prev-hash', valueString: e.prevHash },
    { url: 'urn:helixgate:audit:hash', valueString: e.hash },
  ];
  return {
    resourceType: 'AuditEvent',
    id: String(e.seq),
    type: isApi
      ? {
          system: 'http://terminology.hl7.org/CodeSystem/audit-event-type',
          code: 'rest',
          display: 'RESTful Operation',
        }
      : {
          system: 'http://dicom.nema.org/resources/ontology/DCM',
          code: '110100',
          display: 'Application Activity',
        },
    subtype: [{ system: FHIR_SYSTEMS.action, code: e.action }],
    action: 'E',
    recorded: e.at,
    outcome: FHIR_OUTCOME[e.outcome],
    ...(nonEmpty(e.reason) ? { outcomeDesc: e.reason } : {}),
    ...(nonEmpty(typeof e.detail.purpose === 'string' ? e.detail.purpose : null)
      ? { purposeOfEvent: [{ text: e.detail.purpose }] }
      : {}),
    agent: [
      {
        who: { identifier: { system: actorSystem(e), value: e.actor } },
        requestor: true,
        ...(e.roles.length ? { role: e.roles.map((r) => ({ text: r })) } : {}),
        ...(nonEmpty(e.institution) ? { location: { display: e.institution } } : {}),
      },
    ],
    source: { observer: { identifier: { system: FHIR_SYSTEMS.node, value: nodeId }, display: nodeId } },
    ...(entity.length ? { entity } : {}),
    extension,
  };
}

/** CSV columns, in order (one per stored field). */
export const CSV_COLUMNS = [
  'seq',
  'at',
  'actor',
  'roles',
  'institution',
  'action',
  'resource',
  'dataset_ids',
  'granularity',
  'outcome',
  'reason',
  'request_id',
  'detail',
  'prev_hash',
  'hash',
] as const;

export type CsvRecord = Record<(typeof CSV_COLUMNS)[number], string | null>;

export function toCsvRecord(e: StoredAuditEvent): CsvRecord {
  return {
    seq: String(e.seq),
    at: e.at,
    actor: e.actor,
    roles: e.roles.join(';'),
    institution: e.institution,
    action: e.action,
    resource: e.resource,
    dataset_ids: e.datasetIds.join(';'),
    granularity: e.granularity,
    outcome: e.outcome,
    reason: e.reason,
    request_id: e.requestId,
    detail: JSON.stringify(e.detail),
    prev_hash: e.prevHash,
    hash: e.hash,
  };
}

/**
 * RFC 4180 CSV through csv-stringify, with formula injection neutralised: a cell starting with = + - @, a
 * tab or a carriage return gets a leading apostrophe, so a spreadsheet shows it as text and never runs it
 * (OWASP "CSV injection"). Actor names, resources, reasons and detail strings come from callers.
 */
export function auditCsvStringifier(): { header(): string; rows(r: readonly CsvRecord[]): string } {
  const options = { escape_formulas: true, eof: true, record_delimiter: 'unix' as const };
  return {
    header: () => stringify([[...CSV_COLUMNS]], options),
    rows: (records) =>
      records.length
        ? stringify(
            records.map((r) => CSV_COLUMNS.map((c) => r[c] ?? '')),
            options,
          )
        : '',
  };
}
