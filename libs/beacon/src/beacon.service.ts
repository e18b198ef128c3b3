import { Injectable, OnModuleInit } from '@nestjs/common';
import { AbilityFactory, EntitlementService, type Entitlement } from '@helixgate/access';
import { AuditService, MAX_AUDITED_INDIVIDUALS } from '@helixgate/audit';
import { DomainError, type Caller } from '@helixgate/common';
import { HelixgateConfig } from '@helixgate/config';
import {
  PrivacyGuardService,
  RateLimiterService,
  pricingFrequency,
  principalOf,
  revelationCost,
  type GuardHit,
} from '@helixgate/privacy';
import { VariantRecordsService, variantKeyOf } from '@helixgate/variants';
import {
  EXACT,
  datasetResult,
  effectiveGranularity,
  shapeAnswer,
  type BeaconAnswer,
  type DatasetDecision,
  type GuardedMatches,
  type ReleasedCount,
} from './beacon-answer';
import {
  queryLimitsOf,
  validateBeaconQuery,
  type BeaconQueryRequest,
  type VariantQuery,
} from './beacon-query';
import {
  BeaconRepository,
  type BeaconDataset,
  type DatasetCatalog,
  type MatchedVariant,
} from './beacon.repository';

/** At most this many variants are returned with their carriers in one record-level answer per dataset. */
export const RECORD_LIMIT = 100;

/**
 * The query engine behind both faces (GraphQL `beacon`, REST `/api/g_variants`):
 *   validate → rate limit → datasets visible to the caller → what each may reveal to this caller
 *   (EntitlementService) → one SQL statement for all datasets → the privacy guard per dataset (risk budget,
 *   count floors) → records for record-level callers → the request's audit event is annotated.
 * A request that may not be answered fails with a coded error, never with a silent empty answer.
 */
@Injectable()
export class BeaconService implements OnModuleInit {
  /**
   * Dataset metadata, kept in memory. It is never trusted blindly: every match query also returns the
   * catalog version (a fingerprint of the dataset table), and a mismatch reloads and re-decides.
   */
  private catalog: DatasetCatalog | null = null;
  private loading: Promise<DatasetCatalog> | null = null;

  constructor(
    private readonly repository: BeaconRepository,
    private readonly config: HelixgateConfig,
    private readonly audit: AuditService,
    private readonly abilities: AbilityFactory,
    private readonly entitlementService: EntitlementService,
    private readonly guard: PrivacyGuardService,
    private readonly rateLimiter: RateLimiterService,
    private readonly records: VariantRecordsService,
  ) {}

  onModuleInit(): void {
    // An individual left out of an answer because their budget ran out is an audit event (no genotypes).
    this.guard.onBudgetExhausted(async (events) => {
      for (const e of events) {
        await this.audit.record({
          actor: e.principal,
          action: 'privacy.budget_exhausted',
          outcome: 'deny',
          datasetIds: [e.datasetId],
          reason: 'RISK_BUDGET_EXHAUSTED',
          detail: { individualId: e.individual },
        });
      }
    });
  }

  async query(caller: Caller, request: BeaconQueryRequest): Promise<BeaconAnswer> {
    const query = validateBeaconQuery(request, queryLimitsOf(this.config.vars));
    this.rateLimiter.check(caller);
    const answer = await this.answer(caller, query);
    // The request's one audit event (written by the interceptor) names the datasets that answered and
    // the granularity released. No bases, positions or counts: the trail is not a copy of the answers.
    this.audit.annotate({
      datasetIds: answer.resultSets.map((r) => r.datasetId),
      granularity: answer.returnedGranularity,
      detail: { beaconQuery: query.kind, assembly: query.assembly },
    });
    return answer;
  }

  /** The datasets this caller may query at all (both faces list these). */
  async queryableDatasets(caller: Caller): Promise<BeaconDataset[]> {
    const visible = await this.visible(caller, [...(await this.datasets(true)).datasets.values()]);
    const ent = await this.entitlementService.entitlements(caller, visible);
    return visible.filter((d) => ent.get(d.id)?.granularity !== 'NONE');
  }

  private async answer(caller: Caller, query: VariantQuery): Promise<BeaconAnswer> {
    let catalog = await this.datasets(false);
    for (let attempt = 0; ; attempt++) {
      const decisions = await this.decide(caller, query, catalog);
      const { catalogVersion, rows } = await this.repository.matchVariants(
        query,
        decisions.map((d) => d.dataset.id),
      );
      if (catalogVersion !== catalog.version && attempt === 0) {
        // A dataset was created, changed or deleted since the metadata was read: decide again.
        catalog = await this.datasets(true);
        continue;
      }
      const byDataset = new Map<string, MatchedVariant[]>();
      for (const r of rows)
        (byDataset.get(r.datasetId) ?? byDataset.set(r.datasetId, []).get(r.datasetId)!).push(r);
      const results = [];
      for (const d of decisions)
        results.push(datasetResult(d, await this.guarded(caller, d, byDataset.get(d.dataset.id) ?? [])));
      return shapeAnswer(query.requestedGranularity, results);
    }
  }

  /**
   * The datasets this query runs on and the granularity each answers with. Named datasets must all be
   * answerable (a refusal names what is missing, or "not found or no access" when the caller may not even
   * know the dataset); without names, every answerable dataset on the query's assembly, and a refusal when
   * there is none.
   */
  private async decide(
    caller: Caller,
    query: VariantQuery,
    catalog: DatasetCatalog,
  ): Promise<DatasetDecision[]> {
    let candidates: BeaconDataset[];
    if (query.datasetIds) {
      if (query.datasetIds.some((id) => !catalog.datasets.has(id))) catalog = await this.datasets(true);
      const found = query.datasetIds
        .map((id) => catalog.datasets.get(id))
        .filter((d): d is BeaconDataset => !!d);
      const visible = await this.visible(caller, found);
      const missing = query.datasetIds.filter((id) => !visible.some((d) => d.id === id));
      if (missing.length) {
        // The audit trail (not the caller) learns which existing datasets were asked for in vain.
        this.audit.annotate({ datasetIds: found.filter((d) => !visible.includes(d)).map((d) => d.id) });
        // The same words whether the dataset does not exist or the caller may not see it.
        const names = missing.map((id) => `"${id.slice(0, 64)}"`).join(', ');
        throw new DomainError(
          'UNKNOWN_DATASET',
          `dataset${missing.length > 1 ? 's' : ''} ${names} not found or no access`,
        );
      }
      const other = visible.find((d) => d.assembly !== query.assembly);
      if (other)
        throw new DomainError(
          'INVALID_ASSEMBLY',
          `dataset "${other.id}" is on ${other.assembly}, not ${query.assembly}`,
        );
      candidates = visible;
    } else {
      candidates = await this.visible(
        caller,
        [...catalog.datasets.values()].filter((d) => d.assembly === query.assembly),
      );
    }
    const ent = await this.entitlementService.entitlements(caller, candidates);
    const refused = candidates.filter((d) => ent.get(d.id)!.granularity === 'NONE');
    if (query.datasetIds && refused.length) this.refuse(caller, refused, ent);
    const decisions = candidates
      .filter((d) => ent.get(d.id)!.granularity !== 'NONE')
      .map((d): DatasetDecision => {
        const e = ent.get(d.id)!;
        return {
          dataset: d,
          granularity: effectiveGranularity(
            query.requestedGranularity,
            e.granularity as Exclude<Entitlement['granularity'], 'NONE'>,
          ),
          exempt: e.privacyExempt,
          individuals: d.individualCount,
          grantId: e.grantId,
          purpose: e.purpose,
        };
      });
    if (decisions.length === 0) {
      if (refused.length) this.refuse(caller, refused, ent);
      throw new DomainError('UNKNOWN_DATASET', `no dataset on ${query.assembly} is visible to you`);
    }
    return decisions;
  }

  private refuse(caller: Caller, refused: BeaconDataset[], ent: Map<string, Entitlement>): never {
    const why = refused.map((d) => ent.get(d.id)!.missing).join('; ');
    throw new DomainError(caller.subject ? 'FORBIDDEN' : 'UNAUTHENTICATED', why, {
      datasetIds: refused.map((d) => d.id),
    });
  }

  /** Datasets the caller may know exist (the role rules of policies/roles.yaml, e.g. anonymous: PUBLIC only). */
  private async visible(caller: Caller, datasets: BeaconDataset[]): Promise<BeaconDataset[]> {
    const out: BeaconDataset[] = [];
    for (const d of datasets) {
      if (await this.abilities.can(caller, 'read', 'Dataset', { id: d.id, securityLevel: d.securityLevel }))
        out.push(d);
    }
    return out;
  }

  /**
   * The privacy guard for one dataset. Alleles common enough that revealing them costs (almost) nothing
   * are answered from the aggregate columns alone; for the others the carriers are decrypted (in process,
   * for this decision only) and the risk budget decides who may be counted. Record-level callers are
   * exempt and get the records instead.
   */
  private async guarded(caller: Caller, d: DatasetDecision, rows: MatchedVariant[]): Promise<GuardedMatches> {
    if (d.exempt) {
      if (d.granularity !== 'RECORD') return { rows, release: EXACT };
      return { rows, release: EXACT, records: await this.recordsFor(caller, d, rows) };
    }
    const policy = this.guard.policyFor(d.dataset.id);
    const release = (n: number): ReleasedCount => {
      const r = this.guard.roundCount(n, d.dataset.id, policy);
      return { value: r.value, precision: r.countPrecision, adjustedTo: r.countAdjustedTo ?? null };
    };
    if (!policy.riskBudgetEnforced) return { rows, release };
    const priced = rows.filter(
      (r) =>
        revelationCost(
          pricingFrequency({ referenceFrequency: null, datasetAlleleCount: r.ac }, d.individuals),
          d.individuals,
        ) > policy.minChargedCost,
    );
    if (priced.length === 0) return { rows, release };
    const carriers = await this.records.carrierIndexes(d.dataset.id, priced);
    this.audit.annotate({ detail: { variantCount: priced.length } });
    const hits: GuardHit[] = priced.map((r) => ({
      variantKey: variantKeyOf(r),
      carriers: carriers.get(variantKeyOf(r))?.carriers ?? [],
      referenceFrequency: null,
      datasetAlleleCount: r.ac,
    }));
    const admitted = await this.guard.admit(
      {
        principal: principalOf(caller),
        institution: caller.institution,
        datasetId: d.dataset.id,
        n: d.individuals,
      },
      hits,
    );
    const byKey = new Map(admitted.map((h) => [h.variantKey, h]));
    const kept: MatchedVariant[] = [];
    for (const r of rows) {
      const key = variantKeyOf(r);
      const h = byKey.get(key);
      if (!h) {
        kept.push(r);
        continue;
      }
      if (!h.exists) continue;
      if (h.excluded === 0) {
        kept.push(r);
        continue;
      }
      // Recount from the carriers this caller may count.
      const c = carriers.get(key)!;
      const allowed = new Set(h.reportedCarriers);
      const adj = { ...r, ac: 0, het: 0, homAlt: 0, hemi: 0 };
      c.carriers.forEach((idx, i) => {
        if (!allowed.has(idx)) return;
        adj.ac += c.copies[i];
        if (c.called[i] === 1) adj.hemi++;
        else if (c.copies[i] === c.called[i]) adj.homAlt++;
        else adj.het++;
      });
      kept.push(adj);
    }
    return { rows: kept, release };
  }

  /** Decrypts the carriers of (at most RECORD_LIMIT) matching variants; the decryption is audited first. */
  private async recordsFor(caller: Caller, d: DatasetDecision, rows: MatchedVariant[]) {
    const chosen = rows.slice(0, RECORD_LIMIT);
    const { records, report } = await this.records.carriers(d.dataset.id, chosen);
    // The decryption is its own event, per dataset, durable before the records are returned: who, which
    // grant and purpose, how many variants, and which participants (by index, never sample id) — so that a
    // participant's access history is exact. The request's event names the dataset and granularity too.
    const listed = report.individuals.length <= MAX_AUDITED_INDIVIDUALS;
    await this.audit.recordFor(caller, {
      action: 'decrypt',
      resource: `dataset:${d.dataset.id}`,
      datasetIds: [d.dataset.id],
      granularity: 'RECORD',
      outcome: 'allow',
      detail: {
        variantCount: report.variantsDecrypted,
        individualCount: report.individualsDecrypted,
        ...(listed ? { individuals: report.individuals } : { individualsTruncated: true }),
        grantId: d.grantId,
        purpose: d.purpose ?? undefined,
      },
    });
    this.audit.annotate({ datasetIds: [d.dataset.id], granularity: 'RECORD' });
    const ac = new Map(rows.map((r) => [variantKeyOf(r), r]));
    return {
      list: records.map((r) => ({
        chrom: r.chrom,
        pos: r.pos,
        ref: r.ref,
        alt: r.alt,
        variantType: r.variantType,
        alleleCount: ac.get(variantKeyOf(r))?.ac ?? 0,
        alleleNumber: ac.get(variantKeyOf(r))?.an ?? 0,
        carriers: r.carriers,
      })),
      truncated: rows.length > chosen.length,
    };
  }

  private async datasets(fresh: boolean): Promise<DatasetCatalog> {
    if (!fresh && this.catalog) return this.catalog;
    // Concurrent callers share one in-flight load.
    this.loading ??= this.repository
      .listDatasets()
      .then((catalog) => {
        this.catalog = catalog;
        return catalog;
      })
      .finally(() => {
        this.loading = null;
      });
    return this.loading;
  }
}
