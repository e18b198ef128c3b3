import * as fs from 'node:fs';
import * as path from 'node:path';
import type { INestApplicationContext } from '@nestjs/common';
import { ConsentService, type DuoConsentInput } from '@helixgate/consent';
import { DatasetService, IngestService } from '@helixgate/variants';

/** The demo datasets: real public VCFs shipped in the repository (see test/fixtures/README.md). */
interface DemoDataset {
  id: string;
  name: string;
  description: string;
  assembly: 'GRCh37' | 'GRCh38';
  securityLevel: 'PUBLIC' | 'REGISTERED' | 'CONTROLLED';
  file: string;
  consent: DuoConsentInput;
}

export const DEMO_DATASETS: readonly DemoDataset[] = [
  {
    id: 'demo-1kg-chr20',
    name: '1000 Genomes Phase 3, chr20:1-4 Mb (300 individuals)',
    description:
      'Public demo: phased diploid genotypes, 24,990 sites. Source: SHAPEIT4 test data (Debian shapeit4-example).',
    assembly: 'GRCh37',
    securityLevel: 'PUBLIC',
    file: '1kgp3_chr20_1-4Mb_300s.vcf.gz',
    consent: { permission: 'GRU' },
  },
  {
    id: 'demo-1kg-mt',
    name: '1000 Genomes Phase 3, mitochondrial genome (2,534 individuals)',
    description:
      'Registered-access demo: haploid, multi-allelic calls. Source: CSCfi/beacon-python test data.',
    assembly: 'GRCh37',
    securityLevel: 'REGISTERED',
    file: '1kgp3_chrMT_2534s.vcf.gz',
    consent: { permission: 'HMB', modifiers: [{ code: 'NPU' }] },
  },
  {
    id: 'demo-cgi-chr7',
    name: 'Complete Genomics HCC1187 tumour/normal, chr7:55-56 Mb',
    description:
      'Controlled-access demo: symbolic ALTs, breakends, half-calls. Source: Bioconductor VariantAnnotation.',
    assembly: 'GRCh37',
    securityLevel: 'CONTROLLED',
    file: 'cgi_hcc1187_chr7-sub_2s.vcf.gz',
    // Disease-specific: breast cancer (MONDO:0007254), ethics approval required.
    consent: { permission: 'DS', diseases: ['MONDO:0007254'], modifiers: [{ code: 'IRB' }] },
  },
];

/** Where the bundled VCFs are, from the source tree or from dist/. */
export function demoFixturesDir(): string {
  for (const dir of [
    path.resolve(__dirname, '../../../../test/fixtures/vcf'),
    path.resolve(__dirname, '../../../../../test/fixtures/vcf'),
  ]) {
    if (fs.existsSync(path.join(dir, DEMO_DATASETS[0].file))) return dir;
  }
  throw new Error('demo VCF files not found (expected test/fixtures/vcf in the repository)');
}

/**
 * Registers and ingests the demo datasets when the node has no dataset at all (never touches a node with
 * data). Returns the ids loaded.
 */
export async function loadDemoData(
  app: INestApplicationContext,
  log: (line: string) => void,
): Promise<string[]> {
  const datasets = app.get(DatasetService);
  if ((await datasets.list()).length > 0) return [];
  const ingest = app.get(IngestService);
  const dir = demoFixturesDir();
  const loaded: string[] = [];
  for (const d of DEMO_DATASETS) {
    await datasets.create(d);
    await app.get(ConsentService).setConsent(d.id, d.consent, { subject: 'helixgate-demo' });
    const summary = await ingest.ingestFile(d.id, path.join(dir, d.file));
    log(
      `demo: ${d.id} (${d.securityLevel}) ← ${d.file}: ${summary.altRows} variants, ${summary.individuals} individuals in ${summary.seconds.toFixed(1)} s`,
    );
    loaded.push(d.id);
  }
  return loaded;
}
