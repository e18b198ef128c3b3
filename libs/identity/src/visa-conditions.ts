/**
 * GA4GH Passport v1.2 visa `conditions`: a disjunctive normal form. The outer array is an OR of
 * alternatives, each inner array an AND of clauses; a clause names a visa `type` and matchers on that
 * visa's `value`, `source` and/or `by`, each written `const:<text>` (exact, case-sensitive),
 * `pattern:<glob>` (full match, `?` one character, `*` any run) or `split_pattern:<glob>` (the visa
 * field is split on `;` and any part matching the glob satisfies it — meant for LinkedIdentities).
 * Hand-written because it is the spec's own small grammar; no maintained library implements it.
 */

export const VISA_TYPES = [
  'AffiliationAndRole',
  'AcceptedTermsAndPolicies',
  'ResearcherStatus',
  'ControlledAccessGrants',
  'LinkedIdentities',
] as const;
export type VisaType = (typeof VISA_TYPES)[number];

/** The fields of a visa a condition clause may test. */
export interface ConditionTarget {
  type: string;
  value: string;
  source: string;
  by?: string;
}

type Matcher = (field: string | undefined) => boolean;
export interface ConditionClause {
  type: string;
  matchers: { field: 'value' | 'source' | 'by'; test: Matcher }[];
}
/** Parsed conditions: OR of AND-lists. */
export type Conditions = ConditionClause[][];

export class MalformedConditionsError extends Error {}

const CLAUSE_FIELDS = new Set(['type', 'value', 'source', 'by']);

function globToRegExp(glob: string): RegExp {
  const body = glob
    .split('')
    .map((c) => (c === '*' ? '.*' : c === '?' ? '.' : c.replace(/[\\^$.|+()[\]{}/-]/g, '\\$&')))
    .join('');
  return new RegExp(`^${body}$`, 's');
}

function parseMatcher(spec: unknown, where: string): Matcher {
  if (typeof spec !== 'string') throw new MalformedConditionsError(`${where} is not a string`);
  const colon = spec.indexOf(':');
  const prefix = colon < 0 ? '' : spec.slice(0, colon);
  const arg = spec.slice(colon + 1);
  switch (prefix) {
    case 'const':
      return (field) => field === arg;
    case 'pattern': {
      const re = globToRegExp(arg);
      return (field) => field !== undefined && re.test(field);
    }
    case 'split_pattern': {
      const re = globToRegExp(arg);
      return (field) => field !== undefined && field.split(';').some((part) => re.test(part));
    }
    default:
      throw new MalformedConditionsError(`${where} has no const:/pattern:/split_pattern: prefix`);
  }
}

/** Parses a visa's `conditions`; throws MalformedConditionsError when they cannot be evaluated. */
export function parseConditions(raw: unknown): Conditions {
  if (!Array.isArray(raw) || raw.length === 0) {
    throw new MalformedConditionsError('conditions must be a non-empty array of arrays');
  }
  return raw.map((alternative: unknown, i) => {
    if (!Array.isArray(alternative) || alternative.length === 0) {
      throw new MalformedConditionsError(`conditions[${i}] must be a non-empty array of clauses`);
    }
    return alternative.map((clause: unknown, j): ConditionClause => {
      const where = `conditions[${i}][${j}]`;
      if (typeof clause !== 'object' || clause === null || Array.isArray(clause)) {
        throw new MalformedConditionsError(`${where} must be an object`);
      }
      const c = clause as Record<string, unknown>;
      for (const key of Object.keys(c)) {
        if (!CLAUSE_FIELDS.has(key)) throw new MalformedConditionsError(`${where} has unknown field ${key}`);
      }
      if (typeof c.type !== 'string' || !VISA_TYPES.includes(c.type as VisaType)) {
        throw new MalformedConditionsError(`${where}.type is not a GA4GH visa type`);
      }
      const matchers = (['value', 'source', 'by'] as const)
        .filter((field) => c[field] !== undefined)
        .map((field) => ({ field, test: parseMatcher(c[field], `${where}.${field}`) }));
      if (matchers.length === 0) {
        throw new MalformedConditionsError(`${where} tests none of value, source, by`);
      }
      return { type: c.type, matchers };
    });
  });
}

function clauseHolds(clause: ConditionClause, visas: readonly ConditionTarget[]): boolean {
  return visas.some((v) => v.type === clause.type && clause.matchers.every((m) => m.test(v[m.field])));
}

/** True when some alternative has every clause satisfied by one of `visas`. */
export function conditionsHold(conditions: Conditions, visas: readonly ConditionTarget[]): boolean {
  return conditions.some((alternative) => alternative.every((clause) => clauseHolds(clause, visas)));
}

/**
 * Resolves which conditional visas stand: starts from the unconditional ones and adds a conditional
 * visa once its conditions hold over the visas accepted so far, until nothing changes (least fixed
 * point, so two visas cannot vouch for each other in a circle). Returns the accepted visas, in input order.
 */
export function resolveConditionalVisas<T extends ConditionTarget>(
  candidates: readonly { visa: T; conditions: Conditions | null }[],
): T[] {
  const accepted = new Set(candidates.filter((c) => c.conditions === null));
  let changed = true;
  while (changed) {
    changed = false;
    const current = [...accepted].map((c) => c.visa);
    for (const c of candidates) {
      if (!accepted.has(c) && c.conditions && conditionsHold(c.conditions, current)) {
        accepted.add(c);
        changed = true;
      }
    }
  }
  return candidates.filter((c) => accepted.has(c)).map((c) => c.visa);
}
