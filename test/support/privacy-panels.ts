import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import * as zlib from 'node:zlib';
import { randomUUID } from 'node:crypto';
import type { INestApplicationContext } from '@nestjs/common';
import { bundledPoliciesDir } from '@helixgate/config';
import { PanelService } from '@helixgate/panels';
import { parseDocument } from 'yaml';

export { FIXTURE_VCF_DIR } from './fixtures';

/**
 * The shipped policies with only a reference panel named for some datasets: every other value of
 * privacy.yaml stays as shipped (the guard is tested as it ships; a panel per dataset is what an operator
 * configures).
 */
export function shippedPoliciesWithPanels(
  panels: Record<string, string>,
  /** Datasets answered without the risk budget (the attack harness's undefended positive control). */
  unguarded: string[] = [],
  /** Overrides the shipped rate limit (the attack harness: a pace, not part of what it measures). */
  rateLimitQueries?: number,
): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'helixgate-policies-'));
  for (const f of fs.readdirSync(bundledPoliciesDir()))
    fs.copyFileSync(path.join(bundledPoliciesDir(), f), path.join(dir, f));
  const file = path.join(dir, 'privacy.yaml');
  const doc = parseDocument(fs.readFileSync(file, 'utf8'));
  for (const [datasetId, panel] of Object.entries(panels)) doc.setIn(['datasets', datasetId, 'panel'], panel);
  for (const datasetId of unguarded) doc.setIn(['datasets', datasetId, 'riskBudgetEnforced'], false);
  if (rateLimitQueries !== undefined) doc.setIn(['rateLimit', 'queries'], rateLimitQueries);
  fs.writeFileSync(file, doc.toString());
  return dir;
}

/** Imports a panel file as a test operator would with `helixgate panel import`. */
export function importPanel(app: INestApplicationContext, name: string, file: string, assembly = 'GRCh37') {
  return app.get(PanelService).importFile(
    {
      subject: 'test-operator',
      issuer: 'helixgate-cli',
      roles: ['admin'],
      institution: null,
      visas: [],
      requestId: randomUUID(),
    },
    name,
    assembly,
    file,
    { replace: true },
  );
}

/** Sample names and, per sample, the ALT alleles (variant keys `chrom:pos:ref:alt`) it carries. */
export function carriedAlleles(file: string): { samples: string[]; carried: Map<string, string[]> } {
  const raw = fs.readFileSync(file);
  const text = (raw[0] === 0x1f ? zlib.gunzipSync(raw) : raw).toString('utf8');
  let samples: string[] = [];
  const carried = new Map<string, string[]>();
  for (const line of text.split('\n')) {
    if (line === '' || line.startsWith('##')) continue;
    const f = line.split('\t');
    if (line.startsWith('#CHROM')) {
      samples = f.slice(9);
      for (const s of samples) carried.set(s, []);
      continue;
    }
    const alts = f[4].split(',');
    for (let i = 9; i < f.length; i++) {
      const gt = f[i].split(':')[0];
      for (const a of gt.split(/[|/]/)) {
        const k = Number(a);
        if (k > 0) {
          const key = `${f[0].replace(/^chr/, '')}:${f[1]}:${f[3]}:${alts[k - 1]}`;
          const list = carried.get(samples[i - 9])!;
          if (list[list.length - 1] !== key) list.push(key);
        }
      }
    }
  }
  return { samples, carried };
}

/** A one-allele panel file: 1:1000 A>G at 25% (common: the guard answers it from the aggregates). */
export function commonAllelePanel(): string {
  const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'panel-')), 'common.vcf');
  fs.writeFileSync(
    file,
    [
      '##fileformat=VCFv4.2',
      '##INFO=<ID=AF,Number=A,Type=Float,Description="Allele frequency">',
      '#CHROM\tPOS\tID\tREF\tALT\tQUAL\tFILTER\tINFO',
      '1\t1000\t.\tA\tG\t.\t.\tAF=0.25',
      '',
    ].join('\n'),
  );
  return file;
}

/** Turns the risk budget off in a policies directory's privacy.yaml (tests of other semantics). */
export function withoutRiskBudget(policiesDir: string): void {
  const file = path.join(policiesDir, 'privacy.yaml');
  const doc = parseDocument(fs.readFileSync(file, 'utf8'));
  doc.setIn(['defaults', 'riskBudgetEnforced'], false);
  fs.writeFileSync(file, doc.toString());
}
