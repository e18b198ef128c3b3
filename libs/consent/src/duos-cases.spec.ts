import { readFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import {
  DIFFERENCES,
  DUOS_CASES,
  DUOS_REPO,
  DUOS_SUITES,
  type DuosAnswer,
  type DuosCase,
} from '../../../test/fixtures/duos/duos-cases';
import { validateConsent, validatePurpose } from './consent-validation';
import { shippedDiseaseHierarchy } from './disease-hierarchy';
import { matchPurpose, type MatchVerdict } from './purpose-matcher';

/**
 * The DUOS matcher's own published test cases (DataBiosphere/consent-ontology: the V4 and V3 matcher suites,
 * the removed V2 suites and V1 OWL truth tables), translated. Each row must give DUOS's answer (ABSTAIN =
 * NEEDS_REVIEW) unless it names a deliberate difference documented in docs/consent.md.
 */
const hierarchy = shippedDiseaseHierarchy();
const AS_VERDICT: Record<DuosAnswer, MatchVerdict> = {
  APPROVE: 'APPROVE',
  DENY: 'DENY',
  ABSTAIN: 'NEEDS_REVIEW',
};
const doc = readFileSync(join(__dirname, '../../../docs/consent.md'), 'utf8').replace(/ {2,}/g, ' ');

const label = (c: DuosCase) =>
  `${basename(DUOS_SUITES[c.suite].file, '.java')}${c.alsoIn ? ` (= ${basename(DUOS_SUITES[c.alsoIn].file, '.java')})` : ''} › ${c.test}`;
const run = (c: DuosCase) => matchPurpose(validateConsent(c.consent), validatePurpose(c.purpose), hierarchy);

describe(`DUOS cases (${DUOS_REPO})`, () => {
  it.each(DUOS_CASES.map((c) => [label(c), c] as const))('%s', (_name, c) => {
    const result = run(c);
    if (c.difference) {
      expect(c.difference.helixgate).not.toBe(AS_VERDICT[c.expected]);
      expect(result.outcome).toBe(c.difference.helixgate);
    } else {
      expect(result.outcome).toBe(AS_VERDICT[c.expected]);
    }
  });

  it('expresses every case, and lists the tally and every difference with its reason in docs/consent.md', () => {
    const expressed = DUOS_CASES.length; // every row validated and ran above
    const published = DUOS_CASES.reduce((n, c) => n + (c.alsoIn ? 2 : 1), 0);
    const differing = DUOS_CASES.filter((c) => c.difference);
    const agreeing = DUOS_CASES.filter((c) => run(c).outcome === AS_VERDICT[c.expected]).length;
    expect(agreeing + differing.length).toBe(expressed);
    expect(doc).toContain(
      `${published} published test cases (${expressed} distinct), all expressed: ${agreeing} agree, ${differing.length} are deliberate differences`,
    );
    for (const [id, why] of Object.entries(DIFFERENCES)) {
      const n = differing.filter((c) => c.difference!.id === id).length;
      expect(n).toBeGreaterThan(0);
      expect(doc).toContain(`| ${id} | ${n} | ${why} |`);
    }
    // the current suites (V3, V4) agree without exception
    expect(DUOS_CASES.filter((c) => (c.suite === 'V4' || c.suite === 'V3') && c.difference)).toEqual([]);
  });

  it('names the source of every row: repository, commit, file, test', () => {
    for (const c of DUOS_CASES) {
      expect(DUOS_SUITES[c.suite].commit).toMatch(/^[0-9a-f]{40}$/);
      expect(DUOS_SUITES[c.suite].file).toMatch(/^src\/test\/java\/.+\.java$/);
      expect(c.test).toMatch(/\S/);
    }
    expect(new Set(DUOS_CASES.map((c) => `${c.suite}/${c.test}`)).size).toBe(DUOS_CASES.length);
  });
});
