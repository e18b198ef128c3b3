import * as fs from 'node:fs';
import * as path from 'node:path';
import { gunzipSync } from 'node:zlib';
import type { INestApplication } from '@nestjs/common';
import { IngestService } from '@helixgate/variants';
import { createGateway } from '../../apps/gateway/src/bootstrap';
import { createTestDataset } from '../support/beacon-factory';
import { testConfig, uniqueId } from '../support/test-config';
import { exactAnswerPolicies } from '../support/test-policies';

const VCF = path.join(__dirname, '..', 'fixtures', 'vcf', '1kg2019_grch38_chr22_10.5-11.0Mb_2548s.vcf.gz');
/** FRG1FP in libs/genes/data/genes_GRCh38.tsv.gz: 22:10940596-10961529 (0-based start, exclusive end). */
const FRG1FP = { start: 10_940_596, end: 10_961_529 };

interface Allele {
  pos: number;
  ref: string;
  alt: string;
  carried: boolean;
}

/** Every ALT allele of the file, and whether anyone carries it (the file is biallelic and phased). */
function readAlleles(): Allele[] {
  const alleles: Allele[] = [];
  for (const line of gunzipSync(fs.readFileSync(VCF)).toString('utf8').split('\n')) {
    if (line === '' || line.startsWith('#')) continue;
    const f = line.split('\t');
    const carried = f.slice(9).some((g) => /[1-9]/.test(g.split(':')[0]));
    alleles.push({ pos: Number(f[1]), ref: f[3], alt: f[4], carried });
  }
  return alleles;
}

/** The real GRCh38 fixture: a gene query counts by hand what the VCF has in the gene's span. */
describe('Beacon gene queries on a real GRCh38 VCF (1000 Genomes 2019, chr22, 2,548 samples)', () => {
  let app: INestApplication;
  let base: string;
  let dataset: string;
  let alleles: Allele[];

  const count = async (query: string) => {
    const res = await fetch(
      `${base}/api/g_variants?datasetIds=${dataset}&requestedGranularity=count&${query}`,
    );
    const body = (await res.json()) as {
      responseSummary: { exists: boolean; numTotalResults?: number; countPrecision?: string };
      error?: unknown;
    };
    if (res.status !== 200) throw new Error(`HTTP ${res.status}: ${JSON.stringify(body.error ?? body)}`);
    // Beacon v2.2 (the default): under the exact-answer policy every count says it is exact.
    const { countPrecision, ...summary } = body.responseSummary;
    expect(countPrecision).toBe('exact');
    return summary;
  };

  beforeAll(async () => {
    alleles = readAlleles();
    app = await createGateway(testConfig({ HELIXGATE_POLICIES_DIR: exactAnswerPolicies() }));
    await app.listen(0, '127.0.0.1');
    base = (await app.getUrl()).replace('[::1]', '127.0.0.1');
    dataset = await createTestDataset(app, uniqueId('gene-1kg38'), { assembly: 'GRCh38' });
    const summary = await app.get(IngestService).ingestFile(dataset, VCF);
    expect(summary.altRows).toBe(alleles.length);
  });
  afterAll(async () => {
    await app?.close();
  });

  it('counts every carried allele overlapping FRG1FP, as the range query over its span does', async () => {
    const inGene = alleles.filter(
      (a) => a.carried && a.pos <= FRG1FP.end && a.pos + a.ref.length - 1 >= FRG1FP.start + 1,
    );
    expect(inGene.length).toBeGreaterThan(100);
    const byGene = await count('geneId=frg1fp');
    expect(byGene).toEqual({ exists: true, numTotalResults: inGene.length });
    expect(
      await count(`assemblyId=GRCh38&referenceName=chr22&start=${FRG1FP.start}&end=${FRG1FP.end}`),
    ).toEqual(byGene);
    const dels = inGene.filter((a) => a.ref.length > a.alt.length).length;
    expect(await count('geneId=FRG1FP&variantType=DEL')).toEqual({ exists: dels > 0, numTotalResults: dels });
  });
});
