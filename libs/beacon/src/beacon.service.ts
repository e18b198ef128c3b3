import { Injectable, OnModuleInit, Optional } from '@nestjs/common';
import { AbilityFactory, EntitlementService, type Entitlement } from '@helixgate/access';
import { AuditService, MAX_AUDITED_INDIVIDUALS } from '@helixgate/audit';
import { DomainError, type Caller } from '@helixgate/common';
import { HelixgateConfig } from '@helixgate/config';
import { InvalidationBus } from '@helixgate/db';
import { GenesService } from '@helixgate/genes';
import { type PanelAllele, PanelService, type PanelWindow, type ReferencePanel } from '@helixgate/panels';
import {
  LatencyEqualizer,
  PrivacyGuardService,
  RateLimiterService,
  contigPloidy,
  expectedDraw,
  principalOf,
  type DatasetPrivacyPolicy,
  type GuardHit,
  type PriceBand,
} from '@helixgate/privacy';
import { OntologyService, type Ontology } from '@helixgate/ontology';
import {
  IndividualMetadataService,
  VariantRecordsService,
  variantKeyOf,
  type AlleleCarriers,
} from '@helixgate/variants';
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
import { resolveFilters, type BeaconFilter, type ResolvedFilters } from './beacon-filters';
import { checkGeneRequest, geneRangeQuery } from './beacon-gene-query';
import {
  engineQueryOf,
  queryLimitsOf,
  validateBeaconQuery,
  type BeaconQueryRequest,
  type VariantQuery,
} from './beacon-query';
import {
  BeaconRepository,
  MAX_MATCHED_ROWS,
  type BeaconDataset,
  type DatasetCatalog,
  type MatchedVariant,
} from './beacon.repository';

/** At most this many variants are returned with their carriers in one record-level answer per dataset. */
export const RECORD_LIMIT = 100;

/**
 * Which of a dataset's matching variants a record-level answer carries: Beacon pagination, `skip` pages of
 * `limit` variants (`limit` 0: the largest page, RECORD_LIMIT). Without one (GraphQL, peers), the first
 * RECORD_LIMIT.
 */
export interface RecordPage {
  skip: number;
  limit: number;
}

/**
 * The slice of the matching variants a page names: `skip` pages of the page size served, which is `limit`
 * cut to RECORD_LIMIT. Pages are counted in the size served, not the size asked, so that consecutive
 * pages of a `limit` above RECORD_LIMIT neither skip nor repeat a variant (the REST face echoes the size
 * served, `pageServed`).
 */
export function recordSlice(page: RecordPage | null | undefined): { from: number; size: number } {
  if (!page) return { from: 0, size: RECORD_LIMIT };
  const size = page.limit === 0 ? RECORD_LIMIT : Math.min(page.limit, RECORD_LIMIT);
  return { from: page.skip * size, size };
}

/** How long an imported panel's metadata is trusted before it is read again. */
const PANEL_CACHE_MS = 5000;

/** What the guard knows about one dataset before it reads the data: the panel's prices for the query. */
interface PricingContext {
  policy: DatasetPrivacyPolicy;
  /** Pricing frequency of each panel allele the query may match, by variant key. */
  frequencies: Map<string, number>;
  /** Panel alleles in the query priced within the budget (what the quota is charged). */
  priced: number;
  /** Nats deciding them is expected to draw from the dataset's budgets (what the caller's share is charged). */
  draw: number;
  /** Those alleles' keys: each is decided (and recorded) whether the dataset has it or not. */
  pricedKeys: { chrom: string; pos: number; ref: string; alt: string }[];
  /** The query names exactly one allele (a sequence query without N): its band, from the panel. */
  singleAlleleBand: PriceBand | null;
  /**
   * Evidence (nats) of the noisy allele count the answer may release (one free allele, counts asked, noise
   * on), from the panel: what the caller's count budget is charged, whether the dataset has the allele or not.
   */
  countEvidence: number;
}

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
   * catalog version (a fingerprint of the dataset table), and a mismatch reloads and re-decides. A change
   * of the dataset table anywhere (NOTIFY from its trigger) drops it in every gateway process.
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
    private readonly panels: PanelService,
    private readonly latency: LatencyEqualizer,
    private readonly genes: GenesService,
    private readonly individuals: IndividualMetadataService,
    private readonly ontologies: OntologyService,
    @Optional() private readonly invalidation?: InvalidationBus,
  ) {}

  private readonly panelCache = new Map<string, { panel: ReferencePanel | null; at: number }>();

  onModuleInit(): void {
    // Another process (a worker, another host, the CLI) changed a dataset: read the metadata again. The
    // catalog version check below still catches whatever arrives before the notification.
    this.invalidation?.subscribe((what) => {
      if (what === 'dataset' || what === '*') this.catalog = null;
    });
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

  /**
   * `recordPage`: which matching variants a record-level answer decrypts and returns (REST pagination);
   * only those are opened and audited.
   */
  async query(
    caller: Caller,
    request: BeaconQueryRequest,
    options: { recordPage?: RecordPage | null } = {},
  ): Promise<BeaconAnswer> {
    const query = await this.validate(engineQueryOf(request));
    // The rate-limit charge goes to its store while the answer's reads (match, panel prices) run: one
    // round trip of waiting instead of two. `answer` waits for it before anything is written (quota,
    // budgets, decryption audit), and a refusal wins over whatever else the answer would have said.
    const charged = this.rateLimiter.check(caller);
    charged.catch(() => undefined);
    const started = performance.now();
    let answered: { answer: BeaconAnswer; guarded: boolean };
    try {
      answered = await this.answer(caller, query, charged, options.recordPage ?? null);
    } catch (err) {
      await charged;
      throw err;
    }
    await charged;
    const { answer, guarded } = answered;
    // No timing channel: an answer that went through the risk budget leaves at the end of a latency
    // bucket that follows the load, whether its alleles were absent, withheld or released (the work
    // differs by a few ms: latency-equalizer.ts).
    if (guarded) await this.latency.release(performance.now() - started);
    // The request's one audit event (written by the interceptor) names the datasets that answered and
    // the granularity released. No bases, positions or counts: the trail is not a copy of the answers.
    this.audit.annotate({
      datasetIds: answer.resultSets.map((r) => r.datasetId),
      granularity: answer.returnedGranularity,
      detail: {
        beaconQuery: query.kind === 'range' && query.gene ? 'gene' : query.kind,
        assembly: query.assembly,
        ...(query.filters ? { filters: query.filters.map((f) => f.id) } : {}),
      },
    });
    return answer;
  }

  /** The installed ontology of a prefix (MONDO, HANCESTRO shipped; HP when imported), or null. */
  ontologyOf(prefix: string): Ontology | null {
    try {
      return this.ontologies.get(prefix);
    } catch {
      return null;
    }
  }

  /** The filtering terms present in these datasets (`/filtering_terms`). */
  presentTerms(datasetIds: readonly string[]) {
    return this.individuals.presentTerms(datasetIds);
  }

  /** Resolves Beacon filters against the installed ontologies and the terms present in these datasets. */
  async resolveFilters(
    filters: readonly BeaconFilter[],
    datasetIds: readonly string[],
  ): Promise<ResolvedFilters> {
    const present = new Set((await this.individuals.presentTerms(datasetIds)).map((t) => t.id));
    return resolveFilters(filters, present, (p) => this.ontologyOf(p));
  }

  /**
   * Narrows each dataset to the individuals matching the filters: `cohort` and `individuals` (the N the
   * guard prices with) become the cohort's. Datasets whose cohort is below the count floor (and not
   * exempt) are returned apart: they answer nothing.
   */
  private async narrow(
    decisions: DatasetDecision[],
    resolved: ResolvedFilters,
  ): Promise<{ decisions: DatasetDecision[]; belowFloor: DatasetDecision[] }> {
    const out: DatasetDecision[] = [];
    const belowFloor: DatasetDecision[] = [];
    for (const d of decisions) {
      const cohort = await this.individuals.cohort(d.dataset.id, resolved.sets);
      const narrowed = { ...d, cohort: cohort.members, individuals: cohort.size };
      const floor = this.guard.policyFor(d.dataset.id).counts.floor;
      if (!d.exempt && cohort.size > 0 && cohort.size < floor) belowFloor.push(narrowed);
      else out.push(narrowed);
    }
    return { decisions: out, belowFloor };
  }

  /**
   * The matched rows of a filtered dataset as the cohort has them: AC, AN and carrier counts over the
   * cohort's members (sealed genotypes opened in process); rows no member carries are dropped.
   */
  private async cohortRows(d: DatasetDecision, rows: MatchedVariant[]): Promise<MatchedVariant[]> {
    if (!d.cohort || rows.length === 0) return rows;
    const counts = await this.records.cohortCounts(d.dataset.id, rows, d.cohort);
    const out: MatchedVariant[] = [];
    for (const r of rows) {
      const c = counts.get(variantKeyOf(r));
      if (c && c.ac > 0) out.push({ ...r, ...c });
    }
    return out;
  }

  /**
   * A position query is validated as it comes; a gene query (`geneId`) becomes the range query over the
   * gene's span (the gene index is loaded on first use, after the checks that need no index), and from
   * there on is answered, guarded, charged and audited exactly as that range query.
   */
  /** The validated query (a gene query resolved to its range); DomainError when it cannot be answered. */
  async validate(request: BeaconQueryRequest): Promise<VariantQuery> {
    const limits = queryLimitsOf(this.config.vars);
    if (request.geneId == null) return validateBeaconQuery(request, limits);
    checkGeneRequest(request);
    return geneRangeQuery(request, await this.genes.resolve(request.geneId), limits);
  }

  /** The datasets this caller may query at all (REST /individuals lists these). */
  async queryableDatasets(caller: Caller): Promise<BeaconDataset[]> {
    const visible = await this.visible(caller, [...(await this.datasets(true)).datasets.values()]);
    const ent = await this.entitlementService.entitlements(caller, visible);
    return visible.filter((d) => ent.get(d.id)?.granularity !== 'NONE');
  }

  private async answer(
    caller: Caller,
    query: VariantQuery,
    charged: Promise<void>,
    recordPage: RecordPage | null,
  ): Promise<{ answer: BeaconAnswer; guarded: boolean }> {
    let catalog = await this.datasets(false);
    if (this.repository.hasReplicas && (await this.repository.catalogVersion()) !== catalog.version) {
      // With replicas the match query may not come from the primary, so its catalog version cannot be the
      // check that the decisions below were made on current dataset facts: ask the primary first (one
      // small query), and decide on fresh metadata when it changed.
      catalog = await this.datasets(true);
    }
    for (let attempt = 0; ; attempt++) {
      const decided = await this.decide(caller, query, catalog);
      let decisions = decided.decisions;
      let belowFloor: DatasetDecision[] = [];
      // A query over every dataset answers from those the caller may query and says which it could not ask
      // and why (a grant refused, a visa missing): a "not found" must not hide a dataset that was skipped.
      const warnings: string[] = [...decided.notAsked];
      if (query.filters) {
        const resolved = await this.resolveFilters(
          query.filters,
          decisions.map((d) => d.dataset.id),
        );
        warnings.push(...resolved.warnings);
        ({ decisions, belowFloor } = await this.narrow(decisions, resolved));
      }
      const priceable = decisions.filter(
        (d) => !d.exempt && this.guard.policyFor(d.dataset.id).riskBudgetEnforced,
      );
      const { catalogVersion, rows, prices } = await this.matchAndPrice(query, decisions, priceable, catalog);
      // Nothing is written before the rate limit has taken the query.
      await charged;
      if (catalogVersion !== catalog.version && attempt === 0) {
        // A dataset was created, changed or deleted since the metadata was read: decide again.
        catalog = await this.datasets(true);
        continue;
      }
      const byDataset = new Map<string, MatchedVariant[]>();
      for (const r of rows)
        (byDataset.get(r.datasetId) ?? byDataset.set(r.datasetId, []).get(r.datasetId)!).push(r);
      // What each guarded dataset's panel says about the query, then the caller's quota, all before any
      // budget is touched: a refused query changes nothing.
      // A dataset that cannot be priced (no panel) is refused when named, and left out of a query over
      // every dataset (it cannot answer anyone without a grant); with nothing left the query is refused.
      const pricing = new Map<string, PricingContext>();
      const answering: DatasetDecision[] = [];
      let unpriced: unknown = null;
      if (query.filters)
        for (const d of decisions)
          byDataset.set(d.dataset.id, await this.cohortRows(d, byDataset.get(d.dataset.id) ?? []));
      for (const d of decisions) {
        const priced = prices.find((x) => x.d === d);
        if (!priced) {
          answering.push(d);
          continue;
        }
        if (priced.p) {
          pricing.set(d.dataset.id, priced.p);
          answering.push(d);
          continue;
        }
        const err = priced.err;
        if (query.datasetIds || !(err instanceof DomainError) || err.code !== 'PRIVACY_PANEL_MISSING')
          throw err;
        unpriced ??= err;
      }
      if (answering.length === 0 && belowFloor.length === 0) throw unpriced;
      if (pricing.size > 0) {
        const requests = [...pricing].map(([datasetId, p]) => ({
          datasetId,
          pricedAlleles: p.priced,
          expectedDraw: p.draw,
          individuals: answering.find((d) => d.dataset.id === datasetId)!.individuals,
          countEvidence: p.countEvidence,
        }));
        try {
          await this.guard.chargeQuota(
            { principal: principalOf(caller), institution: caller.institution },
            requests,
          );
        } catch (err) {
          // The refusal's audit event names the dataset and which limit (quota of alleles, share, count budget).
          if (
            err instanceof DomainError &&
            (err.code === 'PRIVACY_QUOTA_EXCEEDED' ||
              err.code === 'PRIVACY_QUERY_TOO_BROAD' ||
              err.code === 'PRIVACY_COUNT_BUDGET_SPENT')
          )
            this.audit.annotate({
              datasetIds: [String(err.details?.datasetId)],
              detail: { privacyLimit: err.details?.limit },
            });
          throw err;
        }
        this.audit.annotate({ detail: { pricedAlleles: requests.reduce((n, r) => n + r.pricedAlleles, 0) } });
      }
      const results = [];
      for (const d of answering) {
        const rows = byDataset.get(d.dataset.id) ?? [];
        const p = pricing.get(d.dataset.id);
        results.push(
          datasetResult(
            d,
            p ? await this.guarded(caller, d, rows, p) : await this.unguarded(caller, d, rows, recordPage),
          ),
        );
      }
      // A cohort below the floor answers nothing about its members: no match, no count, said so.
      for (const d of belowFloor)
        results.push({ ...datasetResult(d, { rows: [], release: EXACT }), cohortBelowFloor: true });
      const answer = shapeAnswer(query.requestedGranularity, results);
      warnings.push(
        ...belowFloor.map(
          (d) =>
            `dataset ${d.dataset.id}: fewer individuals match the filters than its count floor (${this.guard.policyFor(d.dataset.id).counts.floor}); it answers nothing about them`,
        ),
      );
      if (query.filters || warnings.length > 0) answer.warnings = warnings;
      return { answer, guarded: pricing.size > 0 };
    }
  }

  /**
   * The datasets this query runs on and the granularity each answers with. Named datasets must all be
   * answerable (a refusal names what is missing, or "not found or no access" when the caller may not even
   * know the dataset); without names, every answerable dataset on the query's assembly, and a refusal when
   * there is none. `notAsked`: without names, the visible datasets left out, each with why (a warning).
   */
  private async decide(
    caller: Caller,
    query: VariantQuery,
    catalog: DatasetCatalog,
  ): Promise<{ decisions: DatasetDecision[]; notAsked: string[] }> {
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
    return { decisions, notAsked: refused.map((d) => `not asked: ${ent.get(d.id)!.missing}`) };
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

  /** A dataset answered without the risk budget: grant holders (records), or a dataset that disables it. */
  private async unguarded(
    caller: Caller,
    d: DatasetDecision,
    rows: MatchedVariant[],
    recordPage: RecordPage | null,
  ): Promise<GuardedMatches> {
    if (d.exempt) {
      if (d.granularity !== 'RECORD') return { rows, release: EXACT };
      return { rows, release: EXACT, records: await this.recordsFor(caller, d, rows, recordPage) };
    }
    const policy = this.guard.policyFor(d.dataset.id);
    return {
      rows,
      release: (n: number): ReleasedCount => {
        const r = this.guard.roundCount(n, d.dataset.id, policy);
        return { value: r.value, precision: r.countPrecision, adjustedTo: r.countAdjustedTo ?? null };
      },
    };
  }

  /** The dataset's reference panel (cached a few seconds), or PRIVACY_PANEL_MISSING: never an unpriced answer. */
  private async panelFor(d: DatasetDecision, policy: DatasetPrivacyPolicy): Promise<ReferencePanel> {
    const name = policy.panel;
    const missing = (why: string) =>
      new DomainError(
        'PRIVACY_PANEL_MISSING',
        `dataset "${d.dataset.id}" cannot be answered under its risk budget: ${why} ` +
          '(docs/privacy.md: set datasets.<id>.panel in policies/privacy.yaml and `helixgate panel import` it)',
      );
    if (!name) throw missing('no reference panel is configured for it');
    let cached = this.panelCache.get(name);
    if (!cached || Date.now() - cached.at > PANEL_CACHE_MS) {
      const panel = (await this.panels.list()).find((p) => p.name === name) ?? null;
      cached = { panel, at: Date.now() };
      this.panelCache.set(name, cached);
    }
    if (!cached.panel) throw missing(`its reference panel "${name}" is not imported on this node`);
    if (cached.panel.assembly !== d.dataset.assembly)
      throw missing(
        `its reference panel "${name}" is on ${cached.panel.assembly}, the dataset on ${d.dataset.assembly}`,
      );
    return cached.panel;
  }

  /**
   * The matching rows and each guarded dataset's panel prices, both read before anything is decided.
   * Pricing reads the panel and the decisions only, never the dataset, so neither waits for the other:
   * without read replicas they are one statement on the primary (the panel lookup rides on the match,
   * one round trip), with replicas the match may go to a replica and the prices are read on the primary
   * at the same time. A dataset whose panel is missing keeps its error (`err`), for the caller to decide.
   */
  private async matchAndPrice(
    query: VariantQuery,
    decisions: DatasetDecision[],
    priceable: DatasetDecision[],
    catalog: DatasetCatalog,
  ): Promise<{
    catalogVersion: string;
    rows: MatchedVariant[];
    prices: { d: DatasetDecision; p: PricingContext | null; err: unknown }[];
  }> {
    const ids = decisions.map((d) => d.dataset.id);
    const panels = await Promise.all(
      priceable.map((d) => {
        const policy = this.guard.policyFor(d.dataset.id);
        return this.panelFor(d, policy).then(
          (panel) => ({ d, policy, panel, err: null }),
          (err: unknown) => ({ d, policy, panel: null, err }),
        );
      }),
    );
    const distinct = [...new Map(panels.flatMap((x) => (x.panel ? [[x.panel.id, x.panel]] : []))).values()];
    const window = panelWindowOf(query);
    const priceWith = (alleles: (panelId: number) => PanelAllele[]) =>
      panels.map(({ d, policy, panel, err }) => ({
        d,
        p: panel ? this.pricing(d, query, policy, alleles(panel.id)) : null,
        err,
      }));
    if (distinct.length === 0 || this.repository.hasReplicas) {
      // On a replica only when it has seen the dataset table as `catalog` was read (from the primary).
      const [matched, alleles] = await Promise.all([
        this.repository.matchVariants(query, ids, catalog.version),
        Promise.all(distinct.map((p) => this.panels.allelesInWindow(p, window, MAX_MATCHED_ROWS))),
      ]);
      const byPanel = new Map(distinct.map((p, i) => [p.id, alleles[i]]));
      return { ...matched, prices: priceWith((id) => byPanel.get(id)!) };
    }
    const { catalogVersion, rows, panelAlleles } = await this.repository.matchAndPrice(query, ids, {
      panels: distinct,
      window,
      limit: MAX_MATCHED_ROWS,
    });
    return { catalogVersion, rows, prices: priceWith((id) => panelAlleles.get(id)!) };
  }

  /**
   * The panel's prices for what the query may match in one dataset, from the panel's alleles in the
   * query's window, read before the dataset's data: the alleles the query could reveal, how many of them
   * are priced (the quota), and, when the query names one allele, its band. Nothing here reads the
   * dataset, so nothing here depends on who is in it.
   */
  private pricing(
    d: DatasetDecision,
    query: VariantQuery,
    policy: DatasetPrivacyPolicy,
    alleles: readonly PanelAllele[],
  ): PricingContext {
    const frequencies = new Map<string, number>();
    const pricedKeys: PricingContext['pricedKeys'] = [];
    const n = d.individuals;
    let draw = 0;
    for (const a of alleles) {
      const f = this.guard.pricingFrequency(a, policy);
      frequencies.set(variantKeyOf(a), f);
      if (this.guard.band(f, n, contigPloidy(a.chrom), policy) === 'priced') {
        pricedKeys.push({ chrom: a.chrom, pos: a.pos, ref: a.ref, alt: a.alt });
        draw += expectedDraw(f, n, contigPloidy(a.chrom));
      }
    }
    const priced = pricedKeys.length;
    let singleAlleleBand: PriceBand | null = null;
    let countEvidence = 0;
    // One allele only when both alleles are given without N (no referenceBases: any allele at the site).
    if (
      query.kind === 'sequence' &&
      query.refPattern !== null &&
      !query.refPattern.includes('_') &&
      !query.altPattern.includes('_')
    ) {
      const ref = query.refPattern;
      const alt = query.altPattern;
      const f = frequencies.get(variantKeyOf({ chrom: query.chrom, pos: query.pos, ref, alt })) ?? 0;
      singleAlleleBand = this.guard.band(f, n, contigPloidy(query.chrom), policy);
      if (singleAlleleBand === 'free' && d.granularity !== 'BOOLEAN')
        countEvidence = this.guard.countEvidence(f, n, contigPloidy(query.chrom), policy);
    }
    return { policy, frequencies, priced, draw, pricedKeys, singleAlleleBand, countEvidence };
  }

  /**
   * The privacy guard for one dataset. Each matching allele is priced from the panel: common ones are
   * answered from the aggregate columns alone, those absent from the panel or too rare for any budget are
   * answered "no", and for the priced ones the carriers are decrypted (in process, for this decision only)
   * and the dataset's per-individual budgets decide who may be counted.
   *
   * Counts: an answer about one common allele is released per `counts`; an answer about one priced allele
   * says only that it is present (the floor, "imprecise"); an answer about several alleles releases how
   * many are present but no carrier counts. The precision label is chosen from the panel and the query,
   * never from the data, so it says nothing about who was left out.
   */
  private async guarded(
    caller: Caller,
    d: DatasetDecision,
    rows: MatchedVariant[],
    p: PricingContext,
  ): Promise<GuardedMatches> {
    const { policy } = p;
    const n = d.individuals;
    const floor = policy.counts.floor;
    const single = p.singleAlleleBand;
    const release = (count: number): ReleasedCount => {
      if (single === 'free') {
        const r = this.guard.roundCount(count, d.dataset.id, policy);
        return { value: r.value, precision: r.countPrecision, adjustedTo: r.countAdjustedTo ?? null };
      }
      return { value: count > 0 ? floor : 0, precision: 'imprecise', adjustedTo: floor };
    };
    const bands = rows.map((r) =>
      this.guard.band(p.frequencies.get(variantKeyOf(r)) ?? 0, n, contigPloidy(r.chrom), policy),
    );
    // Every priced allele the query names is decided and recorded, whether the dataset has it or not: an
    // absent allele costs the same decryption query, transaction and writes as a withheld or a released
    // one (no timing channel beyond the latency bucket), and is answered "no" to everyone after.
    const carriers: Map<string, AlleleCarriers> = p.pricedKeys.length
      ? await this.records.carrierIndexes(d.dataset.id, p.pricedKeys)
      : new Map<string, AlleleCarriers>();
    if (p.pricedKeys.length) this.audit.annotate({ detail: { variantCount: p.pricedKeys.length } });
    // Filtered: only the cohort's carriers can be revealed by this answer, and only they are charged.
    const inCohort = (c: number[]) => (d.cohort ? c.filter((i) => d.cohort!.has(i)) : c);
    const hits: GuardHit[] = p.pricedKeys.map((k) => ({
      variantKey: variantKeyOf(k),
      carriers: inCohort(carriers.get(variantKeyOf(k))?.carriers ?? []),
      pricingFrequency: p.frequencies.get(variantKeyOf(k)) ?? 0,
      ploidy: contigPloidy(k.chrom),
    }));
    const admitted = hits.length
      ? await this.guard.admit(
          { principal: principalOf(caller), institution: caller.institution, datasetId: d.dataset.id, n },
          hits,
        )
      : [];
    const byKey = new Map(admitted.map((h) => [h.variantKey, h]));
    const kept: MatchedVariant[] = [];
    rows.forEach((r, j) => {
      if (bands[j] === 'free') kept.push(r);
      else if (bands[j] === 'priced' && byKey.get(variantKeyOf(r))?.exists) kept.push(r);
    });
    // One common allele: its allele count with the dataset's fixed noise (counts.noise), the only count.
    let noisyAlleleCount: ReleasedCount | undefined;
    if (single === 'free' && policy.counts.noise > 0 && kept.length === 1 && d.granularity !== 'BOOLEAN') {
      const r = kept[0];
      const c = await this.guard.alleleCount(
        {
          datasetId: d.dataset.id,
          variantKey: variantKeyOf(r),
          n,
          ploidy: contigPloidy(r.chrom),
          frequency: p.frequencies.get(variantKeyOf(r)) ?? 0,
        },
        r.ac,
        r.an,
        policy,
      );
      noisyAlleleCount = { value: c.value, precision: c.countPrecision, adjustedTo: c.countAdjustedTo };
    }
    return {
      rows: kept,
      release,
      noisyAlleleCount,
      carrierCounts: single !== null || kept.length <= 1 ? true : false,
      // Only an answer about one common allele is never reduced; the label depends on nothing else.
      rowsMayBeWithheld: single !== 'free',
    };
  }

  /**
   * Decrypts the carriers of the page's matching variants (at most RECORD_LIMIT); the decryption is audited
   * first. Variants outside the page are neither opened nor named in the audit event.
   */
  private async recordsFor(
    caller: Caller,
    d: DatasetDecision,
    rows: MatchedVariant[],
    recordPage: RecordPage | null,
  ) {
    const { from, size } = recordSlice(recordPage);
    const chosen = rows.slice(from, from + size);
    const { records, report } = await this.records.carriers(d.dataset.id, chosen, d.cohort);
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
      // More matching variants than this page holds after it (a page cut to RECORD_LIMIT, or the first
      // RECORD_LIMIT of an unpaged answer).
      truncated: rows.length > from + chosen.length,
    };
  }

  private async datasets(fresh: boolean): Promise<DatasetCatalog> {
    if (!fresh && this.catalog) return this.catalog;
    // Concurrent callers share one in-flight load. Keys cached per dataset are dropped with the catalog.
    if (!this.loading) this.guard.datasetsChanged();
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

/** The panel alleles a query may match (the same conditions as the repository's SQL, on the panel). */
export function panelWindowOf(query: VariantQuery): PanelWindow {
  const MAX = 2147483647;
  switch (query.kind) {
    case 'sequence':
      return {
        chrom: query.chrom,
        posMin: query.pos,
        posMax: query.pos,
        endMin: 0,
        endMax: MAX,
        refPattern: query.refPattern,
        altPattern: query.altPattern,
        variantTypes: null,
        minLength: null,
        maxLength: null,
      };
    case 'range':
      return {
        chrom: query.chrom,
        posMin: 0,
        posMax: query.last,
        endMin: query.first,
        endMax: MAX,
        refPattern: query.refPattern,
        altPattern: query.altPattern,
        variantTypes: query.variantTypes,
        minLength: query.minLength,
        maxLength: query.maxLength,
      };
    case 'bracket':
      return {
        chrom: query.chrom,
        posMin: query.posMin,
        posMax: query.posMax,
        endMin: query.endMin,
        endMax: query.endMax,
        refPattern: null,
        altPattern: null,
        variantTypes: query.variantTypes,
        minLength: query.minLength,
        maxLength: query.maxLength,
      };
    default: {
      const unknown: never = query;
      throw new Error(`unhandled query kind ${String(unknown)}`);
    }
  }
}
