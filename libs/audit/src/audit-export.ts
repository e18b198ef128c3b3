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

/** The event as a FHIR R4 AuditEvent resource (one NDJSON line). */
export function toFhirAuditEvent(e: StoredAuditEvent, nodeId: string): Record<string, unknown> {
  const isApi = e.action.startsWith('graphql:') || e.action.startsWith('rest:');
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
    subtype: [{ system: 'urn:helixgate:audit-action', code: e.action }],
    action: 'E',
    recorded: e.at,
    outcome: FHIR_OUTCOME[e.outcome],
    ...(e.reason ? { outcomeDesc: e.reason } : {}),
    purposeOfEvent: typeof e.detail.purpose === 'string' ? [{ text: e.detail.purpose }] : undefined,
    agent: [
      {
        who: { identifier: { value: e.actor } },
        requestor: true,
        role: e.roles.map((r) => ({ text: r })),
        ...(e.institution ? { location: { display: e.institution } } : {}),
      },
    ],
    source: { observer: { display: nodeId } },
    entity: [
      ...e.datasetIds.map((d) => ({
        what: { identifier: { system: 'urn:helixgate:dataset', value: d } },
        ...(e.granularity ? { detail: [{ type: 'granularity', valueString: e.granularity }] } : {}),
      })),
      ...(e.resource ? [{ what: { display: e.resource } }] : []),
    ],
    extension: [
      { url: 'urn:helixgate:audit:seq', valueString: String(e.seq) },
      { url: 'urn:helixgate:audit:request-id', valueString: e.requestId ?? '' },
      { url: 'urn:helixgate:audit:detail', valueString: JSON.stringify(e.detail) },
      { url: 'urn:helixgate:audit:prev-hash', valueString: e.prevHash },
      { url: 'urn:helixgate:audit:hash', valueString: e.hash },
    ],
  };
}

export const CSV_HEADER =
  'seq,at,actor,roles,institution,action,resource,dataset_ids,granularity,outcome,reason,request_id,detail,prev_hash,hash';

/** RFC 4180 quoting (hand-written: five lines, no dependency needed). */
function cell(v: string | null): string {
  if (v === null) return '';
  return /[",\r\n]/.test(v) ? `"${v.replace(/"/g, '""')}"` : v;
}

export function toCsvRow(e: StoredAuditEvent): string {
  return [
    String(e.seq),
    e.at,
    e.actor,
    e.roles.join(';'),
    e.institution,
    e.action,
    e.resource,
    e.datasetIds.join(';'),
    e.granularity,
    e.outcome,
    e.reason,
    e.requestId,
    JSON.stringify(e.detail),
    e.prevHash,
    e.hash,
  ]
    .map(cell)
    .join(',');
}
