import { randomBytes } from 'node:crypto';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { DataSource } from 'typeorm';
import { AuditModule } from '@helixgate/audit';
import type { Caller } from '@helixgate/common';
import { PanelService, PanelsModule } from '@helixgate/panels';
import { registerPanelCommands } from '../../apps/cli/src/commands/panel.command';
import { runCli } from '../support/cli';
import { FIXTURE_VCF_DIR } from '../support/privacy-panels';
import { createTestContext } from '../support/test-context';
import { uniqueId } from '../support/test-config';

const HEADER = [
  '##fileformat=VCFv4.2',
  '##INFO=<ID=AF,Number=A,Type=Float,Description="Allele frequency">',
  '##INFO=<ID=AC,Number=A,Type=Integer,Description="Allele count">',
  '##INFO=<ID=AN,Number=1,Type=Integer,Description="Allele number">',
  '##FORMAT=<ID=GT,Number=1,Type=String,Description="Genotype">',
];

function vcf(lines: string[], samples: string[] = []): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'panel-'));
  const file = path.join(dir, 'panel.vcf');
  const cols = [
    '#CHROM',
    'POS',
    'ID',
    'REF',
    'ALT',
    'QUAL',
    'FILTER',
    'INFO',
    ...(samples.length ? ['FORMAT', ...samples] : []),
  ];
  fs.writeFileSync(file, [...HEADER, cols.join('\t'), ...lines].join('\n') + '\n');
  return file;
}

const operator: Caller = {
  subject: 'local:test',
  issuer: 'helixgate-cli',
  roles: ['admin'],
  institution: null,
  visas: [],
  requestId: 'r-1',
};

describe('reference panel import', () => {
  let ctx: Awaited<ReturnType<typeof createTestContext>>;
  let panels: PanelService;
  beforeAll(async () => {
    ctx = await createTestContext([AuditModule, PanelsModule]);
    panels = ctx.app.get(PanelService);
  });
  afterAll(() => ctx.close());

  const alleles = (name: string) =>
    ctx.app.get(DataSource).query(
      `SELECT a.chrom, a.pos, a.ref, a.alt, a.af, a.ac, a.an FROM panel_allele a JOIN reference_panel p ON p.id = a.panel_id
          WHERE p.name = $1 ORDER BY a.pos, a.alt`,
      [name],
    );

  it('reads INFO/AF (with AC and AN), splits multi-allelic records, and computes AF from genotypes when a record has none', async () => {
    const name = uniqueId('p');
    const file = vcf(
      [
        'chr1\t100\t.\tA\tG,T\t.\t.\tAF=0.25,0.001;AC=500,2;AN=2000\tGT\t0|1\t0|0',
        '1\t200\t.\tC\tT\t.\t.\t.\tGT\t1|1\t0/1',
        '1\t300\t.\tG\t.\t.\t.\t.\tGT\t0|0\t0|0',
      ],
      ['S1', 'S2'],
    );
    const s = await panels.importFile(operator, name, 'GRCh37', file);
    expect(s).toMatchObject({ records: 3, alleles: 3, skipped: 1, sources: { 'INFO/AF': 2, genotypes: 1 } });
    expect(await alleles(name)).toEqual([
      { chrom: '1', pos: 100, ref: 'A', alt: 'G', af: 0.25, ac: 500, an: 2000 },
      { chrom: '1', pos: 100, ref: 'A', alt: 'T', af: 0.001, ac: 2, an: 2000 },
      { chrom: '1', pos: 200, ref: 'C', alt: 'T', af: 0.75, ac: 3, an: 4 },
    ]);
  });

  it('refuses a bad line with file:line and leaves nothing behind (one transaction)', async () => {
    const name = uniqueId('p');
    const file = vcf(['1\t100\t.\tA\tG\t.\t.\tAF=0.1;AN=10', '1\t200\t.\tC\tT\t.\t.\tAF=1.5;AN=10']);
    await expect(panels.importFile(operator, name, 'GRCh37', file)).rejects.toMatchObject({
      code: 'PANEL_IMPORT_FAILED',
      message: 'panel.vcf:8: INFO/AF of ALT 1 is 1.5, not within 0..1',
    });
    expect(await panels.list()).not.toContainEqual(expect.objectContaining({ name }));
    const dup = vcf(['1\t100\t.\tA\tG\t.\t.\tAF=0.1', '1\t100\t.\tA\tG\t.\t.\tAF=0.2']);
    await expect(panels.importFile(operator, name, 'GRCh37', dup)).rejects.toThrow(
      'panel.vcf:8: allele 1:100 A>G is listed twice',
    );
    const none = vcf(['1\t100\t.\tA\tG\t.\t.\t.']);
    await expect(panels.importFile(operator, name, 'GRCh37', none)).rejects.toThrow(
      'panel.vcf:7: no allele frequency: the record has no INFO/AF, no genotypes and no INFO/AC with INFO/AN',
    );
  });

  it('refuses an existing name unless replacing, and replaces atomically', async () => {
    const name = uniqueId('p');
    await panels.importFile(operator, name, 'GRCh38', vcf(['1\t100\t.\tA\tG\t.\t.\tAF=0.1']));
    await expect(
      panels.importFile(operator, name, 'GRCh38', vcf(['1\t100\t.\tA\tC\t.\t.\tAF=0.2'])),
    ).rejects.toMatchObject({ code: 'CONFLICT' });
    await expect(
      panels.importFile(operator, name, 'GRCh38', vcf(['1\t100\t.\tA\tC\t.\t.\tAF=2']), { replace: true }),
    ).rejects.toMatchObject({ code: 'PANEL_IMPORT_FAILED' });
    expect((await alleles(name)).map((a: { alt: string }) => a.alt)).toEqual(['G']);
    await panels.importFile(operator, name, 'GRCh38', vcf(['1\t100\t.\tA\tC\t.\t.\tAF=0.2']), {
      replace: true,
    });
    expect((await alleles(name)).map((a: { alt: string }) => a.alt)).toEqual(['C']);
  });

  it('records the import as an operator action with the file hash (no genotype)', async () => {
    const name = uniqueId('p');
    const s = await panels.importFile(operator, name, 'GRCh37', vcf(['1\t100\t.\tA\tG\t.\t.\tAF=0.1']));
    const [ev] = await ctx.app
      .get(DataSource)
      .query(`SELECT actor, action, outcome, resource, detail FROM audit_event WHERE resource = $1`, [
        `panel:${name}`,
      ]);
    expect(ev).toMatchObject({
      actor: 'local:test',
      action: 'panel.import',
      outcome: 'allow',
      detail: {
        panel: name,
        assembly: 'GRCh37',
        file: 'panel.vcf',
        sha256: s.sha256,
        alleles: 1,
        records: 1,
      },
    });
  });

  it('imports the 203-individual 1000 Genomes panel from the CLI (frequencies from the genotypes)', async () => {
    const saved = { ...process.env };
    process.env.HELIXGATE_DATA_DIR = fs.mkdtempSync(path.join(os.tmpdir(), 'helixgate-panel-cli-'));
    process.env.HELIXGATE_MASTER_KEY = randomBytes(32).toString('base64');
    process.env.LOG_LEVEL = 'silent';
    try {
      const name = uniqueId('kg');
      const out = await runCli(
        [registerPanelCommands],
        'panel',
        'import',
        '--assembly',
        'GRCh37',
        '--name',
        name,
        path.join(FIXTURE_VCF_DIR, '1kgp3_chr20_1-4Mb_203s_unphased.vcf.gz'),
      );
      expect(out).toContain(
        `imported panel ${name} (GRCh37) from 1kgp3_chr20_1-4Mb_203s_unphased.vcf.gz: 24990 alleles (24990 from genotypes)`,
      );
      expect(await runCli([registerPanelCommands], 'panel', 'list')).toContain(
        `${name}\tGRCh37\t24990 alleles\tgenotypes`,
      );
      // The first record: AN=406 and AC=1 in its INFO, the same from its genotypes.
      const [first] = await alleles(name);
      expect(first).toMatchObject({ pos: 1000226, ref: 'A', alt: 'T', ac: 1, an: 406 });
    } finally {
      process.env = saved;
    }
  }, 120_000);
});
