import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import type { INestApplication } from '@nestjs/common';
import { createGateway } from '../../apps/gateway/src/bootstrap';
import { createTestDataset, insertTestVariants, type TestVariant } from './beacon-factory';
import { importPanel, shippedPoliciesWithPanels } from './privacy-panels';
import { testConfig } from './test-config';

/**
 * A listening gateway with the shipped policies and one REGISTERED dataset of `individuals` people holding
 * `alleles` common alleles (chr1 `pos(k)` A>T, AF 0.5 in the panel and carried by every other individual),
 * priced from a panel of those alleles: the cohort of the count-budget specs (docs/privacy.md rule 7).
 */
export async function commonAlleleGateway(opts: {
  dataset: string;
  panel: string;
  alleles: number;
  individuals: number;
  pos: (k: number) => number;
}): Promise<{ app: INestApplication; base: string }> {
  const app = await createGateway(
    testConfig({ HELIXGATE_POLICIES_DIR: shippedPoliciesWithPanels({ [opts.dataset]: opts.panel }) }),
  );
  try {
    await app.listen(0, '127.0.0.1');
    const base = (await app.getUrl()).replace('[::1]', '127.0.0.1');
    const vcf = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'panel-')), 'common.vcf');
    fs.writeFileSync(
      vcf,
      [
        '##fileformat=VCFv4.2',
        '##INFO=<ID=AF,Number=A,Type=Float,Description="Allele frequency">',
        '##INFO=<ID=AC,Number=A,Type=Integer,Description="Allele count">',
        '##INFO=<ID=AN,Number=1,Type=Integer,Description="Allele number">',
        '#CHROM\tPOS\tID\tREF\tALT\tQUAL\tFILTER\tINFO',
        ...Array.from(
          { length: opts.alleles },
          (_, k) => `1\t${opts.pos(k)}\t.\tA\tT\t.\t.\tAF=0.5;AC=20000;AN=40000`,
        ),
        '',
      ].join('\n'),
    );
    await importPanel(app, opts.panel, vcf);
    await createTestDataset(app, opts.dataset, { securityLevel: 'REGISTERED' });
    const rows: TestVariant[] = Array.from({ length: opts.alleles }, (_, k) => ({
      chrom: '1',
      pos: opts.pos(k),
      ref: 'A',
      alt: 'T',
      carriers: Array.from({ length: opts.individuals }, (_, i) => i).filter((i) => (i + k) % 2 === 0),
    }));
    await insertTestVariants(app, opts.dataset, rows, { individuals: opts.individuals });
    return { app, base };
  } catch (err) {
    await app.close();
    throw err;
  }
}
