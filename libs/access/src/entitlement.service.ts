import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { Caller, ValidatedVisa } from '@helixgate/common';
import { NodeKeyService } from '@helixgate/identity';
import { DataSource } from 'typeorm';

export type Granularity = 'NONE' | 'BOOLEAN' | 'COUNT' | 'RECORD';

export interface DatasetRef {
  id: string;
  securityLevel: 'PUBLIC' | 'REGISTERED' | 'CONTROLLED';
}

export interface Entitlement {
  datasetId: string;
  /** The most this caller may learn from this dataset. */
  granularity: Granularity;
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
 * and RECORD on any level with an active grant at this node or a ControlledAccessGrants visa for the
 * dataset — unless the grant was revoked here or the researcher is blocked for the dataset (checked in the
 * database on every request, so a revocation takes effect at once).
 */
@Injectable()
export class EntitlementService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly nodeKeys: NodeKeyService,
  ) {}

  /** The value a ControlledAccessGrants visa carries for a dataset of this node. */
  datasetVisaValue(datasetId: string): string {
    return `${this.nodeKeys.issuer}/datasets/${encodeURIComponent(datasetId)}`;
  }

  async entitlements(caller: Caller, datasets: readonly DatasetRef[]): Promise<Map<string, Entitlement>> {
    const out = new Map<string, Entitlement>();
    if (datasets.length === 0) return out;
    const grants = caller.subject
      ? await this.activeGrants(
          caller,
          datasets.map((d) => d.id),
        )
      : {
          active: new Map<string, { id: string; purpose: string | null }>(),
          revokedJtis: new Set<string>(),
          blocked: new Set<string>(),
        };
    const bonaFide = BONA_FIDE_VISAS.every((t) => caller.visas.some((v) => v.type === t));
    for (const d of datasets) {
      const visa = this.grantVisa(caller.visas, d.id, grants.revokedJtis);
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
          grantId: visa.jti,
        });
        continue;
      }
      const noGrant = blocked
        ? `access to dataset ${d.id} is blocked for you by its steward`
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
                  missing: `dataset ${d.id} is REGISTERED: trusted ResearcherStatus (bona fide researcher) and AcceptedTermsAndPolicies visas are required`,
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

  private grantVisa(
    visas: readonly ValidatedVisa[],
    datasetId: string,
    revoked: Set<string>,
  ): ValidatedVisa | undefined {
    const value = this.datasetVisaValue(datasetId);
    const now = Date.now() / 1000;
    // Only this node's own DAC decides over its datasets: a grant visa for them must be signed by this node,
    // whatever other issuers the trust policy accepts visas from.
    return visas.find(
      (v) =>
        v.type === 'ControlledAccessGrants' &&
        v.iss === this.nodeKeys.issuer &&
        v.value === value &&
        v.exp > now &&
        !(v.jti && revoked.has(v.jti)),
    );
  }

  private async activeGrants(caller: Caller, datasetIds: string[]) {
    const rows: {
      id: string;
      dataset_id: string;
      state: string;
      active: boolean;
      visa_jti: string | null;
      purpose: string | null;
    }[] = await this.dataSource.query(
      `SELECT id, dataset_id, state, (state = 'APPROVED' AND expires_at > now()) AS active, visa_jti,
              concat_ws(' ', purpose->>'category', NULLIF((purpose->'diseases')::text, '[]')) AS purpose
         FROM access_request
        WHERE researcher_issuer = $1 AND researcher_subject = $2 AND dataset_id = ANY($3) AND state IN ('APPROVED', 'REVOKED')`,
      [caller.issuer, caller.subject, datasetIds],
    );
    const blockedRows: { dataset_id: string }[] = await this.dataSource.query(
      'SELECT dataset_id FROM access_block WHERE researcher_issuer = $1 AND researcher_subject = $2 AND dataset_id = ANY($3)',
      [caller.issuer, caller.subject, datasetIds],
    );
    const active = new Map<string, { id: string; purpose: string | null }>();
    const revokedJtis = new Set<string>();
    for (const r of rows) {
      if (r.active) active.set(r.dataset_id, { id: r.id, purpose: r.purpose });
      if (r.state === 'REVOKED' && r.visa_jti) revokedJtis.add(r.visa_jti);
    }
    // Visas this node issued carry the request id as jti: a revoked request's visa is refused everywhere here.
    for (const r of rows) if (r.state === 'REVOKED') revokedJtis.add(r.id);
    return { active, revokedJtis, blocked: new Set(blockedRows.map((r) => r.dataset_id)) };
  }
}
