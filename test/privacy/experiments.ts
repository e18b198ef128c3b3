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
 * the frequency test at count granularity, and the timing attack. Add a new attack here.
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
    timingAttack(qTiming),
    filterNarrowingAttack(q, false, 'undefended'),
    filterNarrowingAttack(q, false),
    filterNarrowingAttack(q, true),
  ];
}

/** The frequency tests alone (`npm run privacy:attack -- --only frequency`): with the count budget, cheap. */
export function frequencyAttacks(q = Q_SMALL): Attack[] {
  return [
    frequencyAttack(q, 1, 'undefended'),
    frequencyAttack(q),
    frequencyAttack(q, 1, 'guarded', 'targeted'),
    frequencyAttack(q, 5),
  ];
}
