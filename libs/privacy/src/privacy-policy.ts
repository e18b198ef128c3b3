import * as fs from 'node:fs';
import * as path from 'node:path';
import {
  PolicyFileError,
  parsePolicyYaml,
  readPolicyYaml,
  type PolicyFail as Fail,
  type PolicyPath as Path,
} from '@helixgate/common';

/**
 * Who shares one allele quota (budgets themselves are per individual and shared by every caller).
 * `account`: each principal (a subject, or its LinkedIdentities group) has its own quota.
 * `institution`: all accounts of one institution share one quota (callers without an institution keep
 * their own).
 */
export type CollusionMode = 'account' | 'institution';
export const COLLUSION_MODES: readonly CollusionMode[] = ['account', 'institution'];

export interface CountPolicy {
  /** Counts from 1 to floor - 1 are never released exactly: they are reported as `floor`. */
  floor: number;
  /** Counts at or above the floor are rounded to the nearest multiple of this (1: exact). */
  roundTo: number;
  /**
   * Under the risk budget, the allele count of one common (free) allele is released with Gaussian noise of
   * this many times its sampling standard deviation, sqrt(p N f (1 - f)) with f from the panel (count-noise.ts),
   * the same noise for every caller and every repeat; carrier counts are then not released. 0: exact counts.
   */
  noise: number;
  /**
   * The count budget (nats) of one principal per dataset, for good (it never refills): each noisy count it
   * is answered is charged the evidence it can carry about any one individual, p^2 / (2 sd^2) (one person
   * moves the count by at most p copies; count-noise.ts `countEvidence`). A membership test on everything one
   * principal is told then has power at most Phi(sqrt(2 x budget) - z(1 - FPR)), and k principals of k
   * institutions who pool their counts Phi(sqrt(2 x k x budget) - z(1 - FPR)): 0.013 gives 0.069 at 5% FPR for
   * one principal and 0.0995 for 5 colluding ones (issue 10's target: <= 0.10 for 5 accounts).
   * Past it a count query is refused (PRIVACY_COUNT_BUDGET_SPENT); yes/no answers are not charged. 0: no
   * count budget (the frequency test is then cut by the noise, not bounded). Needs `noise` > 0.
   */
  budget: number;
}

/** How many priced alleles one principal may ask about per dataset and window (see docs/privacy.md). */
export interface QuotaPolicy {
  /** Priced alleles (by the panel's price) a query may reveal, summed over the window; 0: no quota. */
  alleles: number;
  /**
   * The share of the dataset's whole budget (N x riskBudget nats) one principal's queries may draw per
   * window, in (0, 1]; 0: no share. A query is charged, from the panel, the nats its priced alleles are
   * expected to draw from the individuals' budgets (pricing.ts expectedDraw), so one account's range
   * queries cannot spend everyone's budgets (issue 10); past it the query is refused.
   */
  share: number;
  windowSeconds: number;
}

export interface DatasetPrivacyPolicy {
  /**
   * Evidence (nats) about each individual that may be released to everyone together (all callers share
   * it, so colluding accounts gain nothing): a membership test's power is at most e^budget x its
   * false-positive rate.
   */
  riskBudget: number;
  /** The reference panel (`helixgate panel import`) answers are priced from; null: none (queries refused). */
  panel: string | null;
  /** One-sided confidence of the lower bound of the panel frequency answers are priced at. */
  panelConfidence: number;
  /** Who shares a quota. */
  collusion: CollusionMode;
  quota: QuotaPolicy;
  /**
   * Answers priced below this (common alleles) are neither charged nor recorded; see docs/privacy.md for
   * the bound (a principal needs 1 / minChargedCost such answers to gain one nat).
   */
  minChargedCost: number;
  counts: CountPolicy;
  /**
   * The per-individual risk budget applies (default). `false` only for datasets whose membership reveals
   * nothing about a person (synthetic data, an aggregate resource that is public anyway): answers are then
   * counted from the aggregates alone, still released per `counts`. Never for real participants.
   */
  riskBudgetEnforced: boolean;
}

export interface RateLimitPolicy {
  /** Queries one principal may make per window (0: unlimited). */
  queries: number;
  windowSeconds: number;
}

/** Answers under the budget are released at the end of a latency bucket (no timing channel). */
export interface TimingPolicy {
  /** Bucket width in milliseconds; 0: no padding. */
  bucketMs: number;
  /**
   * The hold time follows this quantile of recent guarded work, rounded up to whole buckets, when it is
   * longer than one bucket (latency-equalizer.ts); 0: a fixed bucket.
   */
  quantile: number;
  /** How many recent guarded answers the quantile is taken over. */
  window: number;
  /**
   * The hold time never exceeds this (ms): a few slow outliers (a pause of the process, a burst of other work)
   * must not hold every answer for seconds. Work slower than this crosses a bucket whatever its outcome.
   */
  maxMs: number;
}

export interface PrivacyPolicy {
  /** The file read, or null when none exists and the defaults apply. */
  file: string | null;
  defaults: DatasetPrivacyPolicy;
  datasets: Readonly<Record<string, DatasetPrivacyPolicy>>;
  rateLimit: RateLimitPolicy;
  timing: TimingPolicy;
}

export const DEFAULT_DATASET_POLICY: DatasetPrivacyPolicy = Object.freeze({
  riskBudget: Math.log(1.6),
  panel: null,
  panelConfidence: 0.99,
  collusion: 'account',
  quota: Object.freeze({ alleles: 1000, share: 0.25, windowSeconds: 86_400 }),
  minChargedCost: 1e-9,
  counts: Object.freeze({ floor: 5, roundTo: 1, noise: 3, budget: 0.013 }),
  riskBudgetEnforced: true,
});

export const DEFAULT_RATE_LIMIT: RateLimitPolicy = Object.freeze({ queries: 600, windowSeconds: 60 });
export const DEFAULT_TIMING: TimingPolicy = Object.freeze({
  bucketMs: 50,
  quantile: 0.95,
  window: 200,
  maxMs: 250,
});

export function defaultPrivacyPolicy(): PrivacyPolicy {
  return {
    file: null,
    defaults: DEFAULT_DATASET_POLICY,
    datasets: {},
    rateLimit: DEFAULT_RATE_LIMIT,
    timing: DEFAULT_TIMING,
  };
}

/** The policy in force for one dataset (its own section over the defaults). */
export function policyFor(policy: PrivacyPolicy, datasetId: string): DatasetPrivacyPolicy {
  return Object.prototype.hasOwnProperty.call(policy.datasets, datasetId)
    ? policy.datasets[datasetId]
    : policy.defaults;
}

export const PRIVACY_POLICY_FILES = ['privacy.yaml', 'privacy.yml', 'privacy.json'] as const;

/** Finds and reads `privacy.yaml` (or `.yml`, `.json`) in the policies directory; defaults when absent. */
export function loadPrivacyPolicy(policiesDir: string): PrivacyPolicy {
  const found = PRIVACY_POLICY_FILES.map((f) => path.join(policiesDir, f)).filter((f) => fs.existsSync(f));
  if (found.length > 1) {
    throw new PolicyFileError(found[1], null, `only one privacy policy file may exist (also ${found[0]})`);
  }
  if (found.length === 0) return defaultPrivacyPolicy();
  const { root, fail } = readPolicyYaml(found[0]);
  return privacyPolicyOf(found[0], root, fail);
}

/**
 * Parses and validates a policy text (YAML; JSON is read by the same parser) through the shared policy reader:
 * a problem is a PolicyFileError naming the file and the line of the value at fault.
 */
export function parsePrivacyPolicy(file: string, text: string): PrivacyPolicy {
  const { root, fail } = parsePolicyYaml(file, text);
  return privacyPolicyOf(file, root, fail);
}

/** The validating walk over a parsed policy (a small walk rather than a JSON schema, for the lines). */
function privacyPolicyOf(file: string, root: unknown, fail: Fail): PrivacyPolicy {
  if (root === null || root === undefined) return { ...defaultPrivacyPolicy(), file };
  const top = asObject(root, [], fail, ['defaults', 'datasets', 'rateLimit', 'timing']);
  const defaults =
    top.defaults === undefined
      ? DEFAULT_DATASET_POLICY
      : datasetPolicy(top.defaults, ['defaults'], DEFAULT_DATASET_POLICY, fail);
  const datasets: Record<string, DatasetPrivacyPolicy> = {};
  if (top.datasets !== undefined) {
    const ds = asObject(top.datasets, ['datasets'], fail);
    for (const [id, section] of Object.entries(ds)) {
      datasets[id] = datasetPolicy(section, ['datasets', id], defaults, fail);
    }
  }
  let rateLimit = DEFAULT_RATE_LIMIT;
  if (top.rateLimit !== undefined) {
    const r = asObject(top.rateLimit, ['rateLimit'], fail, ['queries', 'windowSeconds']);
    rateLimit = {
      queries:
        r.queries === undefined ? rateLimit.queries : int(r.queries, ['rateLimit', 'queries'], 0, fail),
      windowSeconds:
        r.windowSeconds === undefined
          ? rateLimit.windowSeconds
          : int(r.windowSeconds, ['rateLimit', 'windowSeconds'], 1, fail),
    };
  }
  let timing = DEFAULT_TIMING;
  if (top.timing !== undefined) {
    const t = asObject(top.timing, ['timing'], fail, ['bucketMs', 'quantile', 'window', 'maxMs']);
    if (
      t.quantile !== undefined &&
      (typeof t.quantile !== 'number' || !(t.quantile >= 0 && t.quantile < 1))
    ) {
      fail(['timing', 'quantile'], 'must be a number in [0, 1)');
    }
    timing = {
      bucketMs: t.bucketMs === undefined ? timing.bucketMs : int(t.bucketMs, ['timing', 'bucketMs'], 0, fail),
      quantile: t.quantile === undefined ? timing.quantile : t.quantile,
      window: t.window === undefined ? timing.window : int(t.window, ['timing', 'window'], 1, fail),
      maxMs: t.maxMs === undefined ? timing.maxMs : int(t.maxMs, ['timing', 'maxMs'], 0, fail),
    };
  }
  return { file, defaults, datasets, rateLimit, timing };
}

function datasetPolicy(v: unknown, at: Path, base: DatasetPrivacyPolicy, fail: Fail): DatasetPrivacyPolicy {
  const o = asObject(v, at, fail, [
    'riskBudget',
    'panel',
    'panelConfidence',
    'quota',
    'collusion',
    'minChargedCost',
    'counts',
    'riskBudgetEnforced',
  ]);
  if (o.riskBudgetEnforced !== undefined && typeof o.riskBudgetEnforced !== 'boolean') {
    fail([...at, 'riskBudgetEnforced'], 'must be true or false');
  }
  let counts = base.counts;
  if (o.counts !== undefined) {
    const c = asObject(o.counts, [...at, 'counts'], fail, ['floor', 'roundTo', 'noise', 'budget']);
    if (c.noise !== undefined && (typeof c.noise !== 'number' || !(c.noise >= 0 && c.noise <= 100)))
      fail([...at, 'counts', 'noise'], 'must be a number in [0, 100] (0: exact counts)');
    const noise = c.noise === undefined ? counts.noise : c.noise;
    const budget =
      c.budget === undefined ? counts.budget : nonNegative(c.budget, [...at, 'counts', 'budget'], fail);
    if (budget > 0 && !(noise > 0))
      fail(
        [...at, 'counts', c.budget === undefined ? 'noise' : 'budget'],
        'a count budget needs noisy counts (exact counts carry unbounded evidence): set counts.noise > 0, or counts.budget: 0',
      );
    counts = {
      noise,
      budget,
      floor: c.floor === undefined ? counts.floor : int(c.floor, [...at, 'counts', 'floor'], 1, fail),
      roundTo:
        c.roundTo === undefined ? counts.roundTo : int(c.roundTo, [...at, 'counts', 'roundTo'], 1, fail),
    };
  }
  let collusion = base.collusion;
  if (o.collusion !== undefined) {
    if (!COLLUSION_MODES.includes(o.collusion as CollusionMode)) {
      fail([...at, 'collusion'], `must be one of ${COLLUSION_MODES.join(', ')}`);
    }
    collusion = o.collusion as CollusionMode;
  }
  let panel = base.panel;
  if (o.panel !== undefined) {
    if (
      o.panel !== null &&
      (typeof o.panel !== 'string' || !/^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/.test(o.panel))
    )
      fail(
        [...at, 'panel'],
        'must be the name of an imported reference panel (letters, digits, . _ -) or null',
      );
    panel = o.panel;
  }
  let panelConfidence = base.panelConfidence;
  if (o.panelConfidence !== undefined) {
    const c = o.panelConfidence;
    if (typeof c !== 'number' || !(c >= 0.5 && c < 1))
      fail([...at, 'panelConfidence'], 'must be a number in [0.5, 1)');
    panelConfidence = c;
  }
  let quota = base.quota;
  if (o.quota !== undefined) {
    const q = asObject(o.quota, [...at, 'quota'], fail, ['alleles', 'share', 'windowSeconds']);
    if (q.share !== undefined && (typeof q.share !== 'number' || !(q.share >= 0 && q.share <= 1)))
      fail([...at, 'quota', 'share'], 'must be a number in [0, 1] (0: no share)');
    quota = {
      alleles: q.alleles === undefined ? quota.alleles : int(q.alleles, [...at, 'quota', 'alleles'], 0, fail),
      share: q.share === undefined ? quota.share : q.share,
      windowSeconds:
        q.windowSeconds === undefined
          ? quota.windowSeconds
          : int(q.windowSeconds, [...at, 'quota', 'windowSeconds'], 1, fail),
    };
  }
  return {
    riskBudget:
      o.riskBudget === undefined ? base.riskBudget : positive(o.riskBudget, [...at, 'riskBudget'], fail),
    panel,
    panelConfidence,
    quota,
    collusion,
    minChargedCost:
      o.minChargedCost === undefined
        ? base.minChargedCost
        : nonNegative(o.minChargedCost, [...at, 'minChargedCost'], fail),
    counts,
    riskBudgetEnforced:
      o.riskBudgetEnforced === undefined ? base.riskBudgetEnforced : o.riskBudgetEnforced === true,
  };
}

function asObject(v: unknown, p: Path, fail: Fail, allowed?: string[]): Record<string, unknown> {
  if (typeof v !== 'object' || v === null || Array.isArray(v)) return fail(p, 'must be a mapping');
  const o = v as Record<string, unknown>;
  for (const key of allowed ? Object.keys(o) : []) {
    if (!allowed!.includes(key)) fail([...p, key], `unknown key (expected one of ${allowed!.join(', ')})`);
  }
  return o;
}

function int(v: unknown, p: Path, min: number, fail: Fail): number {
  if (typeof v !== 'number' || !Number.isInteger(v) || v < min)
    return fail(p, `must be an integer >= ${min}`);
  return v;
}

function positive(v: unknown, p: Path, fail: Fail): number {
  if (typeof v !== 'number' || !Number.isFinite(v) || v <= 0) return fail(p, 'must be a positive number');
  return v;
}

function nonNegative(v: unknown, p: Path, fail: Fail): number {
  if (typeof v !== 'number' || !Number.isFinite(v) || v < 0) return fail(p, 'must be a number >= 0');
  return v;
}
