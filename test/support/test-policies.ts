import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { bundledPoliciesDir } from '@helixgate/config';

/**
 * A policies directory like the shipped one but with the re-identification budget off and exact counts:
 * for tests of query semantics (coordinates, overlaps, sums), where the privacy guard would hide the very
 * small counts they check. The guard itself is tested with the shipped policy (test/privacy, test/beacon-privacy).
 */
export function exactAnswerPolicies(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'helixgate-policies-'));
  for (const f of fs.readdirSync(bundledPoliciesDir())) {
    if (f !== 'privacy.yaml') fs.copyFileSync(path.join(bundledPoliciesDir(), f), path.join(dir, f));
  }
  fs.writeFileSync(
    path.join(dir, 'privacy.yaml'),
    [
      'defaults:',
      '  riskBudgetEnforced: false',
      '  counts: { floor: 1, roundTo: 1 }',
      'rateLimit:',
      '  queries: 0',
      '  windowSeconds: 60',
      '',
    ].join('\n'),
  );
  return dir;
}
