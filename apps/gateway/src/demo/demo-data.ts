import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { randomUUID } from 'node:crypto';
import type { INestApplicationContext } from '@nestjs/common';
import type { Caller } from '@helixgate/common';
import { ConsentService, type DuoConsentInput } from '@helixgate/consent';
import { PanelService, writeSampleSubset } from '@helixgate/panels';
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
  /**
   * The reference panel the privacy guard prices this dataset's answers from (policies/privacy.yaml names
   * it): people who are not members. Either another file of the same sites, or a share of the file's own
   * samples held out of the dataset (`heldOut`: sample index modulo 5 == 4, about one in five, spread
   * over the file's populations).
   */
  panel?: { name: string; file?: string; heldOut?: true };
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
    panel: { name: 'demo-1kgp3-chr20-203', file: '1kgp3_chr20_1-4Mb_203s_unphased.vcf.gz' },
  },
  {
    id: 'demo-1kg-mt',
    name: '1000 Genomes Phase 3, mitochondrial genome (2,028 individuals)',
    description:
      'Registered-access demo: haploid, multi-allelic calls; 4 in 5 of the 2,534 individuals (the fifth are its reference panel). Source: CSCfi/beacon-python test data.',
    assembly: 'GRCh37',
    securityLevel: 'REGISTERED',
    file: '1kgp3_chrMT_2534s.vcf.gz',
    consent: { permission: 'HMB', modifiers: [{ code: 'NPU' }] },
    panel: { name: 'demo-1kgp3-mt-506', heldOut: true },
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
  const panels = app.get(PanelService);
  const dir = demoFixturesDir();
  const work = fs.mkdtempSync(path.join(os.tmpdir(), 'helixgate-demo-'));
  const loaded: string[] = [];
  try {
    for (const d of DEMO_DATASETS) {
      await datasets.create(d);
      await app.get(ConsentService).setConsent(d.id, d.consent, { subject: 'helixgate-demo' });
      let members = path.join(dir, d.file);
      if (d.panel) {
        let panelFile = d.panel.file ? path.join(dir, d.panel.file) : '';
        if (d.panel.heldOut) {
          const source = members;
          members = path.join(work, `${d.id}-members.vcf.gz`);
          panelFile = path.join(work, `${d.panel.name}.vcf.gz`);
          writeSampleSubset(source, members, { keep: (i) => i % 5 !== 4 });
          // The panel keeps its genotypes and drops INFO (AC over all 2,534 would include the members).
          writeSampleSubset(source, panelFile, { keep: (i) => i % 5 === 4, stripInfo: true });
        }
        const p = await panels.importFile(demoOperator(), d.panel.name, d.assembly, panelFile);
        log(`demo: panel ${p.name} ← ${path.basename(panelFile)}: ${p.alleles} alleles`);
      }
      const summary = await ingest.ingestFile(d.id, members, { actor: 'helixgate-cli#helixgate-demo' });
      log(
        `demo: ${d.id} (${d.securityLevel}) ← ${d.file}: ${summary.altRows} variants, ${summary.individuals} individuals in ${summary.seconds.toFixed(1)} s`,
      );
      loaded.push(d.id);
    }
  } finally {
    fs.rmSync(work, { recursive: true, force: true });
  }
  return loaded;
}

/** Who loads the demo: recorded in the audit trail like any operator. */
function demoOperator(): Caller {
  return {
    subject: 'helixgate-demo',
    issuer: 'helixgate-cli',
    roles: ['admin'],
    institution: null,
    visas: [],
    requestId: randomUUID(),
  };
}
