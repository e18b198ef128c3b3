import { ISSUE13_TARGETS, targetSummary, verdict } from '../../bench/bench-kit';

describe("the bench's issue-#13 target summary", () => {
  it('prints one line per target: MET, MISSED with every decision, or why it has no verdict', () => {
    expect(verdict('withdrawal', true, 'withdrawal 30.0 s ≤ 41.5 s')).toBe('MET: withdrawal 30.0 s ≤ 41.5 s');
    expect(verdict('restThroughput', true, 'common 60%')).toBe('MET: common 60%');
    expect(verdict('restThroughput', false, 'absent 40%')).toBe('MISSED: absent 40%');

    const lines = targetSummary(['query', 'withdrawal', 'ingest']);
    expect(lines).toHaveLength(Object.keys(ISSUE13_TARGETS).length);
    const line = (text: string) => lines.find((l) => l.includes(text));
    expect(line('participant withdrawal')).toBe(
      `MET: ${ISSUE13_TARGETS.withdrawal.text} — withdrawal 30.0 s ≤ 41.5 s`,
    );
    // One target decided twice (common and absent allele): missed when either is.
    expect(line('≥ 50% of the same-work')).toBe(
      `MISSED: ${ISSUE13_TARGETS.restThroughput.text} — met: common 60%; missed: absent 40%`,
    );
    // The scale section is opt-in: not run; the query section ran but decided no p50 here.
    expect(line('10^7 variants')).toMatch(/^NOT RUN: .*section scale not run/);
    expect(line('p50 at 1 client')).toMatch(/^NO VERDICT: .*section query ran without deciding it/);
  });
});
