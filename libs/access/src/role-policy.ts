import * as fs from 'node:fs';
import { PolicyFileError, ROLES, readPolicyYaml, type PolicyPath } from '@helixgate/common';

/**
 * Role rules are data (`policies/roles.yaml`): CASL rules per role, read and validated at boot. A broken file
 * stops the app naming the file and line. What no rule allows is refused (deny by default).
 *
 * Placeholders in conditions are replaced per request: `${caller.subject}`, `${caller.issuer}`,
 * `${caller.stewardOf}` (ids of the datasets the caller stewards), `${caller.memberOf}` / `${caller.chairOf}`
 * (ids of the datasets whose data access committee the caller sits on / chairs).
 */
export const POLICY_ROLES = ['anonymous', ...ROLES] as const;
export type PolicyRole = (typeof POLICY_ROLES)[number];

/** Subjects and, for each, the condition fields a rule may use and the SQL column each maps to. */
export const SUBJECT_FIELDS = {
  Dataset: { id: 'id', securityLevel: 'security_level' },
  AccessRequest: {
    id: 'id',
    datasetId: 'dataset_id',
    researcherSubject: 'researcher_subject',
    researcherIssuer: 'researcher_issuer',
    state: 'state',
  },
  AuditEvent: {},
  User: {},
  Peer: {},
  Policy: {},
} as const satisfies Record<string, Record<string, string>>;
export type PolicySubject = keyof typeof SUBJECT_FIELDS;

export const ACTIONS = [
  'manage',
  'read',
  'create',
  'update',
  'delete',
  'approve',
  'reject',
  'return',
  'revoke',
  'withdraw',
  'resubmit',
  'ingest',
  'setConsent',
  'assignSteward',
  'withdrawParticipant',
  'export',
  'verify',
  'vote',
  'requestReview',
  'assignHandler',
  'remark',
  'readInternal',
  'attestResearcher',
  'manageCommittee',
] as const;
export type Action = (typeof ACTIONS)[number];

const OPERATORS = ['$eq', '$ne', '$in', '$nin'];
const PLACEHOLDERS = [
  '${caller.subject}',
  '${caller.issuer}',
  '${caller.stewardOf}',
  '${caller.memberOf}',
  '${caller.chairOf}',
];

export interface PolicyRule {
  action: Action[];
  subject: PolicySubject[];
  conditions?: Record<string, unknown>;
  inverted: boolean;
  reason?: string;
}

export type RolePolicy = Record<PolicyRole, PolicyRule[]>;

type Path = PolicyPath;

export function loadRolePolicy(file: string): RolePolicy {
  if (!fs.existsSync(file))
    throw new PolicyFileError(
      file,
      null,
      'role policy file is missing (deny-by-default needs explicit rules)',
    );
  const { root, fail } = readPolicyYaml(file);
  if (!isRecord(root) || !isRecord(root.roles)) return fail(['roles'], 'the file needs a `roles:` mapping');
  for (const key of Object.keys(root)) if (key !== 'roles') fail([key], 'unknown key (expected roles)');
  const policy = {} as RolePolicy;
  for (const role of POLICY_ROLES) policy[role] = [];
  for (const [role, rules] of Object.entries(root.roles)) {
    if (!(POLICY_ROLES as readonly string[]).includes(role))
      fail(['roles', role], `unknown role (expected one of ${POLICY_ROLES.join(', ')})`);
    if (!Array.isArray(rules)) return fail(['roles', role], 'must be a list of rules');
    policy[role as PolicyRole] = rules.map((r: unknown, i) => parseRule(r, ['roles', role, i], fail));
  }
  return policy;
}

function parseRule(r: unknown, at: Path, fail: (p: Path, m: string) => never): PolicyRule {
  if (!isRecord(r)) return fail(at, 'a rule must be a mapping with action and subject');
  for (const key of Object.keys(r)) {
    if (!['action', 'subject', 'conditions', 'inverted', 'reason'].includes(key))
      fail([...at, key], 'unknown key (expected action, subject, conditions, inverted, reason)');
  }
  const action = list(r.action, [...at, 'action'], fail);
  action.forEach((a, i) => {
    if (!(ACTIONS as readonly string[]).includes(a))
      fail([...at, 'action', i], `unknown action ${a} (expected one of ${ACTIONS.join(', ')})`);
  });
  const subject = list(r.subject, [...at, 'subject'], fail);
  subject.forEach((s, i) => {
    if (!(s in SUBJECT_FIELDS))
      fail(
        [...at, 'subject', i],
        `unknown subject ${s} (expected one of ${Object.keys(SUBJECT_FIELDS).join(', ')})`,
      );
  });
  let conditions: Record<string, unknown> | undefined;
  if (r.conditions !== undefined) {
    if (!isRecord(r.conditions)) return fail([...at, 'conditions'], 'must be a mapping of field: value');
    conditions = r.conditions;
    for (const [field, value] of Object.entries(conditions)) {
      for (const s of subject) {
        if (!(field in SUBJECT_FIELDS[s as PolicySubject]))
          fail([...at, 'conditions', field], `${s} has no field ${field} usable in conditions`);
      }
      checkValue(value, [...at, 'conditions', field], fail);
    }
  }
  if (r.inverted !== undefined && typeof r.inverted !== 'boolean')
    fail([...at, 'inverted'], 'must be true or false');
  return {
    action: action as Action[],
    subject: subject as PolicySubject[],
    conditions,
    inverted: r.inverted === true,
    reason: typeof r.reason === 'string' ? r.reason : undefined,
  };
}

function checkValue(value: unknown, at: Path, fail: (p: Path, m: string) => never): void {
  if (typeof value === 'string') {
    if (value.includes('${') && !PLACEHOLDERS.includes(value))
      fail(at, `unknown placeholder ${value} (expected one of ${PLACEHOLDERS.join(', ')})`);
    return;
  }
  if (typeof value === 'number' || typeof value === 'boolean') return;
  if (isRecord(value)) {
    for (const [op, v] of Object.entries(value)) {
      if (!OPERATORS.includes(op))
        fail(
          [...at.slice(0, -1), `${String(at.at(-1))}.${op}`],
          `unknown operator ${op} (expected ${OPERATORS.join(', ')})`,
        );
      if (Array.isArray(v)) v.forEach((x) => checkValue(x, at, fail));
      else checkValue(v, at, fail);
    }
    return;
  }
  fail(at, 'must be a string, number, boolean or an operator mapping');
}

function list(v: unknown, at: Path, fail: (p: Path, m: string) => never): string[] {
  const arr = typeof v === 'string' ? [v] : v;
  if (!Array.isArray(arr) || arr.length === 0 || arr.some((x) => typeof x !== 'string'))
    return fail(at, 'must be a name or a non-empty list of names');
  return arr as string[];
}

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}
