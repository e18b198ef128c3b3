import * as path from 'node:path';
import type { INestApplicationContext } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { DatabaseConnection } from '@helixgate/db';
import { DatasetService, IngestService } from '@helixgate/variants';
import { DataSource } from 'typeorm';
import { CliModule } from '../apps/cli/src/cli.module';
import { testConfig, uniqueId } from './support/test-config';

const FIXTURES = path.join(__dirname, 'fixtures', 'annotations');

interface Row {
  chrom: string;
  pos: number;
  ref: string;
  alt: string;
  source: string;
  gene_symbol: string | null;
  consequences: string[];
  hgvs_c: string | null;
  hgvs_p: string | null;
}

/** Ingest stores the VEP CSQ / SnpEff ANN annotations of each allele beside it (variant_annotation). */
describe('ingest of VEP CSQ and SnpEff ANN annotations', () => {
  let app: INestApplicationContext;
  let connection: DatabaseConnection;
  let ingest: IngestService;
  let datasets: DatasetService;
  let ds: DataSource;

  beforeAll(async () => {
    const config = testConfig();
    connection = await DatabaseConnection.open(config);
    app = await NestFactory.createApplicationContext(CliModule.forRoot(config, connection), {
      logger: false,
    });
    ingest = app.get(IngestService);
    datasets = app.get(DatasetService);
    ds = app.get(DataSource);
  });
  afterAll(async () => {
    await app?.close();
  });

  async function ingested(file: string, assembly: 'GRCh37' | 'GRCh38') {
    const id = uniqueId('annot');
    await datasets.create({ id, name: id, assembly, securityLevel: 'PUBLIC' });
    const summary = await ingest.ingestFile(id, path.join(FIXTURES, file));
    const rows = await ds.query<Row[]>(
      `SELECT v.chrom, v.pos, v.ref, v.alt, a.source, a.gene_symbol, a.consequences, a.hgvs_c, a.hgvs_p
         FROM variant_annotation a JOIN variant v ON v.id = a.variant_id
        WHERE a.dataset_id = $1 ORDER BY a.id`,
      [id],
    );
    return { id, summary, rows };
  }

  it('stores every VEP transcript of each allele, a multi-allelic record split with its annotations', async () => {
    const { summary, rows } = await ingested('vep_csq.bcftools-split-vep.excerpt.vcf', 'GRCh37');
    // 7 + 12 + 12 + 6 + 2 CSQ entries in the five records.
    expect(summary.annotations).toBe(39);
    expect(rows).toHaveLength(39);
    const of = (pos: number, alt: string) => rows.filter((r) => r.pos === pos && r.alt === alt);
    expect(of(14976, 'A').map((r) => r.hgvs_c)).toContain('n.1196C>T');
    expect(of(14976, 'C').map((r) => r.hgvs_c)).toContain('n.1196C>G');
    expect(of(14976, 'A')).toHaveLength(6);
    expect(of(15903, 'GC').map((r) => r.hgvs_c)).toContain('n.1025_1026insG');
    expect(of(17289, 'C')).toHaveLength(6);
    expect(of(69428, 'G')[0]).toMatchObject({
      source: 'VEP',
      gene_symbol: 'OR4F5',
      consequences: ['missense_variant'],
      hgvs_c: 'c.338T>G',
      hgvs_p: 'p.Phe113Cys',
    });
  });

  it('stores SnpEff ANN annotations (FRG1FP on GRCh38), and replaces them with the dataset', async () => {
    const { id, summary, rows } = await ingested(
      'snpeff_ann.beacon2-ri-tools-1kg-hg38.excerpt.vcf',
      'GRCh38',
    );
    expect(summary.annotations).toBe(rows.length);
    expect(rows.find((r) => r.pos === 10940599)).toMatchObject({
      chrom: '22',
      source: 'SnpEff',
      gene_symbol: 'FRG1FP',
      consequences: ['splice_region_variant', 'non_coding_transcript_exon_variant'],
    });
    await ingest.ingestFile(id, path.join(FIXTURES, 'snpeff_ann.beacon2-ri-tools-1kg-hg38.excerpt.vcf'), {
      replace: true,
    });
    const [{ n }] = await ds.query<{ n: number }[]>(
      'SELECT count(*)::int AS n FROM variant_annotation WHERE dataset_id = $1',
      [id],
    );
    expect(n).toBe(rows.length);
  });
});
