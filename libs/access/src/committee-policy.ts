import * as fs from 'node:fs';
import { readPolicyYaml, type PolicyPath } from '@helixgate/common';

/**
 * Committee rules per dataset (`policies/committees.yaml`), read and validated at boot: a broken file stops the
 * gateway naming the file and line. The server enforces them on every approval (never only the console).
 */
export const COMMITTEES_FILE = 'committees.yaml';

/** What an approval needs of the applicant's status as a researcher. */
export const RESEARCHER_STATUS_RULES = ['none', 'visa', 'attestation', 'visa-or-attestation'] as const;
export type ResearcherStatusRule = (typeof RESEARCHER_STATUS_RULES)[number];

/** `optional`: the quorum applies when the dataset has committee members; `required`: always (fail closed). */
export const COMMITTEE_RULES = ['optional', 'required'] as const;
export type CommitteeRule = (typeof COMMITTEE_RULES)[number];

export interface Quorum {
  /** Current APPROVE votes (of reviewers still assigned and still members) an approval needs. */
  minApprovals: number;
  /** The most REJECT votes an approval tolerates (0 = "no rejection"). */
  maxRejections: number;
  /** Only a chair of the dataset's committee may approve. */
  chairRequired: boolean;
}

export interface DatasetCommitteePolicy {
  committee: CommitteeRule;
  quorum: Quorum;
  researcherStatus: ResearcherStatusRule;
}

export interface CommitteePolicy {
  defaults: DatasetCommitteePolicy;
  datasets: Record<string, DatasetCommitteePolicy>;
  /** Where it was read from (null: the built-in defaults, no file). */
  file: string | null;
}

/** Used when the policies directory has no committees.yaml (documented in docs/committees.md). */
export const BUILT_IN_COMMITTEE_POLICY: DatasetCommitteePolicy = {
  committee: 'optional',
  quorum: { minApprovals: 2, maxRejections: 0, chairRequired: true },
  researcherStatus: 'none',
};

export function policyForDataset(policy: CommitteePolicy, datasetId: string): DatasetCommitteePolicy {
  return policy.datasets[datasetId] ?? policy.defaults;
}

type Path = PolicyPath;

export function loadCommitteePolicy(file: string): CommitteePolicy {
  if (!fs.existsSync(file)) return { defaults: BUILT_IN_COMMITTEE_POLICY, datasets: {}, file: null };
  const { root: parsed, fail } = readPolicyYaml(file);
  const root = parsed ?? {};
  if (!isRecord(root)) return fail([], 'the file needs a mapping with defaults and datasets');
  for (const key of Object.keys(root))
    if (!['defaults', 'datasets'].includes(key)) fail([key], 'unknown key (expected defaults, datasets)');
  const defaults = parseEntry(root.defaults ?? {}, ['defaults'], BUILT_IN_COMMITTEE_POLICY, fail);
  const datasets: Record<string, DatasetCommitteePolicy> = {};
  if (root.datasets !== undefined && root.datasets !== null) {
    if (!isRecord(root.datasets)) return fail(['datasets'], 'must be a mapping of dataset id → rules');
    for (const [id, entry] of Object.entries(root.datasets)) {
      datasets[id] = parseEntry(entry ?? {}, ['datasets', id], defaults, fail);
    }
  }
  return { defaults, datasets, file };
}

function parseEntry(
  v: unknown,
  at: Path,
  base: DatasetCommitteePolicy,
  fail: (p: Path, m: string) => never,
): DatasetCommitteePolicy {
  if (!isRecord(v)) return fail(at, 'must be a mapping (committee, quorum, researcherStatus)');
  for (const key of Object.keys(v))
    if (!['committee', 'quorum', 'researcherStatus'].includes(key))
      fail([...at, key], 'unknown key (expected committee, quorum, researcherStatus)');
  const out: DatasetCommitteePolicy = { ...base, quorum: { ...base.quorum } };
  if (v.committee !== undefined) {
    if (!(COMMITTEE_RULES as readonly unknown[]).includes(v.committee))
      fail([...at, 'committee'], `must be one of ${COMMITTEE_RULES.join(', ')}`);
    out.committee = v.committee as CommitteeRule;
  }
  if (v.researcherStatus !== undefined) {
    if (!(RESEARCHER_STATUS_RULES as readonly unknown[]).includes(v.researcherStatus))
      fail([...at, 'researcherStatus'], `must be one of ${RESEARCHER_STATUS_RULES.join(', ')}`);
    out.researcherStatus = v.researcherStatus as ResearcherStatusRule;
  }
  if (v.quorum !== undefined) {
    const q = v.quorum;
    if (!isRecord(q))
      return fail([...at, 'quorum'], 'must be a mapping (minApprovals, maxRejections, chairRequired)');
    for (const key of Object.keys(q)) {
      if (!['minApprovals', 'maxRejections', 'chairRequired'].includes(key))
        fail([...at, 'quorum', key], 'unknown key (expected minApprovals, maxRejections, chairRequired)');
    }
    for (const key of ['minApprovals', 'maxRejections'] as const) {
      if (q[key] === undefined) continue;
      if (typeof q[key] !== 'number' || !Number.isInteger(q[key]) || q[key] < 0 || q[key] > 100)
        fail([...at, 'quorum', key], 'must be a whole number from 0 to 100');
      out.quorum[key] = q[key];
    }
    if (q.chairRequired !== undefined) {
      if (typeof q.chairRequired !== 'boolean')
        fail([...at, 'quorum', 'chairRequired'], 'must be true or false');
      out.quorum.chairRequired = q.chairRequired;
    }
  }
  return out;
}

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}
