import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';

const CONSOLE = path.resolve(__dirname, '../../apps/console');

interface VitestReport {
  numTotalTests: number;
  testResults: {
    name: string;
    assertionResults: { fullName: string; status: string; failureMessages: string[] }[];
  }[];
}

/**
 * The console's component tests (Vitest + Testing Library, in apps/console) run as part of `npm test`:
 * this spec runs them and reports each one; a failing component test fails here with its message.
 */
describe('console component tests (Vitest)', () => {
  let report: VitestReport;
  beforeAll(() => {
    const out = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'helixgate-vitest-')), 'report.json');
    try {
      execFileSync('npx', ['vitest', 'run', '--reporter=json', `--outputFile=${out}`], {
        cwd: CONSOLE,
        stdio: 'pipe',
      });
    } catch {
      // A failing run still writes its report; the assertions below name what failed.
    }
    report = JSON.parse(fs.readFileSync(out, 'utf8')) as VitestReport;
  }, 300_000);

  it('runs every component test, and all pass', () => {
    const results = report.testResults.flatMap((f) =>
      f.assertionResults.map((a) => ({
        test: `${path.relative(CONSOLE, f.name)} › ${a.fullName}`,
        status: a.status,
        failure: a.failureMessages[0]?.split('\n')[0],
      })),
    );
    expect(results.length).toBeGreaterThanOrEqual(7);
    expect(results.filter((r) => r.status !== 'passed')).toEqual([]);
  });
});
