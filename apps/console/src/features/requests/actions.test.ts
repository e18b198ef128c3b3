import { describe, expect, it } from 'vitest';
import { expiryInstant, expiryProblem, noteProblem } from './actions';

describe('the steward action bar checks', () => {
  const today = new Date('2026-12-01T12:00:00Z');
  it('needs an end date in the future, within three years', () => {
    expect(expiryProblem('', today)).toMatch(/Choose/);
    expect(expiryProblem('2026-11-30', today)).toMatch(/future/);
    expect(expiryProblem('2030-06-30', today)).toMatch(/three years/);
    expect(expiryProblem('2027-06-30', today)).toBeNull();
    expect(expiryInstant('2027-06-30')).toBe('2027-06-30T23:59:59.000Z');
  });
  it('needs a reason the researcher can read', () => {
    expect(noteProblem('  ', 'reason')).toMatch(/Write the reason/);
    expect(noteProblem('shared outside the project', 'reason')).toBeNull();
  });
});
