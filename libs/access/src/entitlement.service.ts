import { Injectable, Logger } from '@nestjs/common';
import { AuditService } from '@helixgate/audit';
import type { Caller } from '@helixgate/common';
import { NodeKeyService } from '@helixgate/identity';
import { AccessRequestRepository } from './access-request.repository';

export type EntitlementGranularity = 'NONE' | 'BOOLEAN' | 'COUNT' | 'RECORD';

export interface DatasetRef {
  id: string;
  securityLevel: 'PUBLIC' | 'REGISTERED' | 'CONTROLLED';
}

export interface Entitlement {
  datasetId: string;
  /** The most this caller may learn from this dataset. */
  granularity: EntitlementGranularity;
  /** Why (for audit and for the caller): public, bona fide researcher, grant, visa. */
  basis: 'public' | 'registered' | 'grant' | 'visa' | 'none';
  /** When less than records: what is missing for more (shown to the caller in a refusal). */
  missing?: string;
  /** Callers with record-level access are exempt from the re-identification budget. */
  privacyExempt: boolean;
  /** The access request (grant) behind a RECORD entitlement, for the audit trail. */
  grantId?: string;
  /** The research purpose of that grant (category and diseases), for the audit trail. */
  purpose?: string | null;
}

export const BONA_FIDE_VISAS = ['ResearcherStatus', 'AcceptedTermsAndPolicies'] as const;

/**
 * What each dataset may tell this caller, from its security level and the caller's visas and grants:
 *   PUBLIC      COUNT for anyone
 *   REGISTERED  COUNT with trusted ResearcherStatus and AcceptedTermsAndPolicies visas
 *   CONTROLLED  nothing without a grant
 * and RECORD on any level with an active grant at this node or a ControlledAccessGrants visa of this node for
 * the dataset whose grant is still APPROVED, unexpired and the holder's own (issuer, subject) — unless the
 * researcher is blocked for the dataset. All of it is checked in the database on every request, so a
 * revocation, withdrawal or expiry takes effect at once, wherever the visa is presented (here or via a peer).
 */
@Injectable()
export class EntitlementService {
  private readonly logger = new Logger('Entitlements');

  constructor(
    private readonly requests: AccessRequestRepository,
    private readonly nodeKeys: NodeKeyService,
    private readonly audit: AuditService,
  ) {}

  /** The value a ControlledAccessGrants visa carries for a dataset of this node. */
  datasetVisaValue(datasetId: string): string {
    return `${this.nodeKeys.issuer}/datasets/${encodeURIComponent(datasetId)}`;
  }

  async entitlements(caller: Caller, datasets: readonly DatasetRef[]): Promise<Map<string, Entitlement>> {
    const out = new Map<string, Entitlement>();
    if (datasets.length === 0) return out;
    const ids = datasets.map((d) => d.id);
    const grants = caller.subject
      ? await this.activeGrants(caller, ids)
      : { active: new Map<string, { id: string; purpose: string | null }>(), blocked: new Set<string>() };
    const visaGrants = await this.grantVisas(caller, ids);
    const bonaFide = BONA_FIDE_VISAS.every((t) => caller.visas.some((v) => v.type === t));
    for (const d of datasets) {
      const visa = visaGrants.honoured.get(d.id);
      const refusedVisa = visaGrants.refused.get(d.id);
      const blocked = grants.blocked.has(d.id);
      if (!blocked && grants.active.has(d.id)) {
        out.set(d.id, {
          datasetId: d.id,
          granularity: 'RECORD',
          basis: 'grant',
          privacyExempt: true,
          grantId: grants.active.get(d.id)!.id,
          purpose: grants.active.get(d.id)!.purpose,
        });
        continue;
      }
      if (!blocked && visa) {
        out.set(d.id, {
          datasetId: d.id,
          granularity: 'RECORD',
          basis: 'visa',
          privacyExempt: true,
          grantId: visa,
        });
        continue;
      }
      const noGrant = blocked
        ? `access to dataset ${d.id} is blocked for you by its steward`
        : refusedVisa
          ? `the ControlledAccessGrants visa presented for dataset ${d.id} is not honoured: ${refusedVisa}`
          : `no ControlledAccessGrants visa or active grant for dataset ${d.id}`;
      switch (d.securityLevel) {
        case 'PUBLIC':
          out.set(d.id, {
            datasetId: d.id,
            granularity: 'COUNT',
            basis: 'public',
            missing: noGrant,
            privacyExempt: false,
          });
          break;
        case 'REGISTERED':
          out.set(
            d.id,
            bonaFide
              ? {
                  datasetId: d.id,
                  granularity: 'COUNT',
                  basis: 'registered',
                  missing: noGrant,
                  privacyExempt: false,
                }
              : {
                  datasetId: d.id,
                  granularity: 'NONE',
                  basis: 'none',
                  missing: `dataset ${d.id} is REGISTERED: trusted ResearcherStatus (bona fide researcher) and AcceptedTermsAndPolicies visas are required${refusedVisa || blocked ? `; ${noGrant}` : ''}`,
                  privacyExempt: false,
                },
          );
          break;
        case 'CONTROLLED':
          out.set(d.id, {
            datasetId: d.id,
            granularity: 'NONE',
            basis: 'none',
            missing: `dataset ${d.id} is CONTROLLED: ${noGrant}`,
            privacyExempt: false,
          });
          break;
      }
    }
    return out;
  }

  /**
   * The ControlledAccessGrants visas of this node the caller presents for these datasets, each checked
   * against the grant it names (`jti` = the access request id, one primary-key lookup for all of them) on
   * every use: it stands only while that grant is APPROVED and unexpired, for that dataset, and was given to
   * the holder's own (issuer, subject) — for a caller vouched for by a peer, the issuer of the token the
   * person presented there. A visa of another identity, of a revoked, withdrawn or expired grant, or naming
   * no grant, is refused: the refusal (grant id, dataset, why) goes into the request's audit event and the
   * reason into the caller's refusal. Returns, per dataset, the honoured grant id or the refusal.
   */
  private async grantVisas(
    caller: Caller,
    datasetIds: readonly string[],
  ): Promise<{ honoured: Map<string, string>; refused: Map<string, string> }> {
    const honoured = new Map<string, string>();
    const refused = new Map<string, string>();
    const byValue = new Map(datasetIds.map((id) => [this.datasetVisaValue(id), id]));
    const now = Date.now() / 1000;
    // Only this node's own DAC decides over its datasets: a grant visa for them must be signed by this node,
    // whatever other issuers the trust policy accepts visas from.
    const presented = caller.visas.filter(
      (v) =>
        v.type === 'ControlledAccessGrants' &&
        v.iss === this.nodeKeys.issuer &&
        byValue.has(v.value) &&
        v.exp > now,
    );
    if (presented.length === 0) return { honoured, refused };
    const jtis = [...new Set(presented.map((v) => v.jti).filter((j): j is string => !!j && UUID.test(j)))];
    const rows = jtis.length ? await this.requests.findGrantsByIds(jtis) : [];
    const grants = new Map(rows.map((r) => [r.id, r]));
    const holderIssuer = caller.viaPeer ? (caller.forwardedIssuer ?? null) : caller.issuer;
    const problems: { grantId: string | null; datasetId: string; problem: string }[] = [];
    for (const v of presented) {
      const datasetId = byValue.get(v.value)!;
      if (honoured.has(datasetId)) continue;
      const grant = v.jti ? grants.get(v.jti.toLowerCase()) : undefined;
      let problem: string | null = null;
      if (!grant || grant.dataset_id !== datasetId)
        problem = 'it names no grant of this node for the dataset';
      else if (
        caller.subject === null ||
        v.sub !== grant.researcher_subject ||
        caller.subject !== grant.researcher_subject ||
        holderIssuer !== grant.researcher_issuer ||
        // A peer vouches for people it authenticated, never for this node's own accounts.
        (caller.viaPeer !== undefined && holderIssuer === this.nodeKeys.issuer)
      )
        problem = `grant ${grant.id} was not given to you (issuer and subject)`;
      else if (grant.status !== 'APPROVED') problem = `grant ${grant.id} is ${grant.status}`;
      if (problem === null) {
        honoured.set(datasetId, grant!.id);
        refused.delete(datasetId);
      } else {
        if (!refused.has(datasetId)) refused.set(datasetId, problem);
        problems.push({ grantId: grant?.id ?? v.jti ?? null, datasetId, problem });
      }
    }
    const stillRefused = problems.filter((p) => !honoured.has(p.datasetId));
    if (stillRefused.length) {
      this.audit.annotate({
        datasetIds: stillRefused.map((p) => p.datasetId),
        detail: {
          grantVisasRefused: stillRefused.map(
            (p) => `dataset ${p.datasetId}, grant ${p.grantId ?? '(no jti)'}: ${p.problem}`,
          ),
        },
      });
      this.logger.warn(
        { refused: stillRefused.map((p) => ({ grantId: p.grantId, datasetId: p.datasetId })) },
        'grant visa refused',
      );
    }
    return { honoured, refused };
  }

  /**
   * The caller's active grants and steward blocks on these datasets, read from the database on every
   * request (a revocation or block counts from the next one), in one statement.
   */
  private async activeGrants(caller: Caller, datasetIds: string[]) {
    const rows = await this.requests.findActiveGrantsAndBlocks(caller.issuer, caller.subject, datasetIds);
    const active = new Map<string, { id: string; purpose: string | null }>();
    const blocked = new Set<string>();
    for (const r of rows) {
      if (r.kind === 'block') blocked.add(r.dataset_id);
      else active.set(r.dataset_id, { id: r.id!, purpose: r.purpose });
    }
    return { active, blocked };
  }
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
