/**
 * `npm run privacy:attack`: re-identification attacks against the real privacy guard on a synthetic
 * population; prints the power table (docs/privacy.md). Options: --members N --controls C --sites S
 * --reference R --seed X (defaults: 1,000 members and controls, 100,000 sites, panel 50,000) --ci (the
 * CI size: 300 members and controls, 50,000 sites) --vcf FILE (site frequencies drawn from FILE's AF).
 */
import * as path from 'node:path';
import { loadPrivacyPolicy } from '@helixgate/privacy';
import { ACCOUNT_MODE_SCENARIO, SCENARIOS, formatTable, runExperiment } from '../test/privacy/harness';
import { vcfAlleleFrequencies } from '../test/privacy/vcf-frequencies';

function option(name: string, fallback: number): number {
  const i = process.argv.indexOf(`--${name}`);
  if (i < 0) return fallback;
  const v = Number(process.argv[i + 1]);
  if (!Number.isFinite(v) || v <= 0) throw new Error(`--${name} needs a positive number`);
  return v;
}

async function main(): Promise<void> {
  const ci = process.argv.includes('--ci');
  const members = option('members', ci ? 300 : 1000);
  const vcfAt = process.argv.indexOf('--vcf');
  const vcf = vcfAt >= 0 ? process.argv[vcfAt + 1] : undefined;
  const population = {
    members,
    controls: option('controls', members),
    sites: option('sites', ci ? 50_000 : 100_000),
    referencePanel: option('reference', 50_000),
    seed: option('seed', 20_260_601),
    frequencies: vcf ? vcfAlleleFrequencies(path.resolve(vcf)) : undefined,
  };
  const privacyPolicy = loadPrivacyPolicy(path.resolve(process.env.HELIXGATE_POLICIES_DIR ?? 'policies'));
  process.stderr.write(`running attacks: ${JSON.stringify({ ...population, frequencies: vcf })}\n`);
  const result = await runExperiment({
    population,
    privacyPolicy,
    scenarios: [...SCENARIOS, ACCOUNT_MODE_SCENARIO],
  });
  process.stdout.write(`${formatTable(result)}\n`);
}

main().catch((err: unknown) => {
  process.stderr.write(`${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`);
  process.exitCode = 1;
});
