import {
  filterNarrowingAttack,
  frequencyAttack,
  optimalAttack,
  ruleAwareAttack,
  sbAttack,
  timingAttack,
  type Attack,
} from './attacks';

export const Q_SMALL = [1, 5, 20, 100, 1000];
export const Q_SB = [100, 1000, 3000, 10000];

/**
 * Every attack of the table, at the given query counts: the undefended positive controls, SB, optimal
 * rarest-first, the attack that knows the rule, each from 1 account and from 5 accounts of 5 institutions,
 * the frequency test at count granularity (random and targeted, 1 and 5 accounts), and the timing attack.
 * Add a new attack here (and to a group of ATTACK_GROUPS).
 */
export function allAttacks(q = Q_SMALL, qSb = Q_SB, qTiming = [20, 160]): Attack[] {
  return [
    optimalAttack(q, 1, 'undefended'),
    sbAttack(qSb, 1, 'undefended'),
    frequencyAttack(q, 1, 'undefended'),
    sbAttack(qSb),
    optimalAttack(q),
    ruleAwareAttack(q),
    optimalAttack(q, 5),
    ruleAwareAttack(q, 5),
    sbAttack(q, 5),
    frequencyAttack(q),
    frequencyAttack(q, 1, 'guarded', 'targeted'),
    frequencyAttack(q, 5),
    frequencyAttack(q, 5, 'guarded', 'targeted'),
    timingAttack(qTiming),
    filterNarrowingAttack(q, false, 'undefended'),
    filterNarrowingAttack(q, false),
    filterNarrowingAttack(q, true),
  ];
}

/**
 * Named parts of the table, for `npm run privacy:attack -- --only a,b` (a run that measures some rows
 * without spending hours on the others). Each is a subset of allAttacks(), in its order:
 * - `undefended`: the yes/no positive controls (no guard): optimal rarest-first and SB;
 * - `sb`: the SB likelihood-ratio test from one account (Q to 10,000);
 * - `one-account`: optimal rarest-first and the attack that knows the rule, from one account;
 * - `accounts5`: the yes/no attacks from 5 accounts of 5 institutions (optimal, knows the rule, SB);
 * - `frequency`: the frequency tests on counts (the exact-count control; random and targeted, 1 and 5 accounts);
 * - `timing`: the timing attack; `filters`: the filter-narrowing attack and its control.
 */
export const ATTACK_GROUPS: Readonly<Record<string, (a: Attack) => boolean>> = {
  undefended: (a) => a.target === 'undefended' && a.granularity === 'boolean' && !a.filters,
  sb: (a) => a.target === 'guarded' && a.accounts === 1 && a.name.startsWith('SB LRT'),
  'one-account': (a) =>
    a.target === 'guarded' &&
    a.accounts === 1 &&
    (a.name.startsWith('optimal') || a.name.startsWith('knows the rule')),
  accounts5: (a) => a.accounts === 5 && a.granularity === 'boolean',
  frequency: (a) => a.granularity === 'count',
  timing: (a) => a.name.startsWith('timing'),
  filters: (a) => a.filters !== undefined,
};

/** The attacks of the named groups (ATTACK_GROUPS), in the table's order; an unknown name is an error. */
export function attacksOf(groups: readonly string[]): Attack[] {
  if (groups.length === 0)
    throw new Error(`--only needs one or more of: ${Object.keys(ATTACK_GROUPS).join(', ')}`);
  for (const g of groups)
    if (!ATTACK_GROUPS[g])
      throw new Error(
        `--only takes a comma-separated list of: ${Object.keys(ATTACK_GROUPS).join(', ')} (not '${g}')`,
      );
  return allAttacks().filter((a) => groups.some((g) => ATTACK_GROUPS[g](a)));
}

/** The frequency tests alone (`npm run privacy:attack -- --only frequency`): with the count budget, cheap. */
export function frequencyAttacks(q = Q_SMALL): Attack[] {
  return allAttacks(q).filter(ATTACK_GROUPS.frequency);
}
