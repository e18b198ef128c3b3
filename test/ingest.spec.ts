import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import * as zlib from 'node:zlib';
import type { INestApplicationContext } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import VCFParser from '@gmod/vcf';
import { DomainError } from '@helixgate/common';
import { EnvelopeService } from '@helixgate/crypto';
import { DatabaseConnection } from '@helixgate/db';
import { DatasetService, decodeGenotypes, IngestService, type DecodedGenotype } from '@helixgate/variants';
import { DataSource } from 'typeorm';
import { CliModule } from '../apps/cli/src/cli.module';
import { testConfig, uniqueId } from './support/test-config';

const VCF_DIR = path.join(__dirname, 'fixtures/vcf');
const TRUTH_DIR = path.join(__dirname, 'fixtures/truth');
const CHR20 = path.join(VCF_DIR, '1kgp3_chr20_1-4Mb_300s.vcf.gz');
const MT = path.join(VCF_DIR, '1kgp3_chrMT_2534s.vcf.gz');
const CGI = path.join(VCF_DIR, 'cgi_hcc1187_chr7-sub_2s.vcf.gz');

// HELIXGATE_TEST_NO_BCFTOOLS=1 exercises the truth-file fallback on a machine that has bcftools.
const HAVE_BCFTOOLS =
  !process.env.HELIXGATE_TEST_NO_BCFTOOLS &&
  spawnSync('bcftools', ['--version'], { stdio: 'ignore' }).status === 0;

/** Expected per-ALT rows: bcftools itself when installed, else the truth file made by the same command. */
function expectedRows(file: string): string[] {
  let text: string;
  if (HAVE_BCFTOOLS) {
    const cmd =
      `bcftools norm -m- '${file}' 2>/dev/null | bcftools +fill-tags -- -t AC,AN,AC_Het,AC_Hom,AC_Hemi | ` +
      `bcftools query -f '%CHROM\\t%POS\\t%REF\\t%ALT\\t%AN\\t%AC\\t%AC_Het\\t%AC_Hom\\t%AC_Hemi\\n'`;
    const r = spawnSync('bash', ['-o', 'pipefail', '-c', cmd], { maxBuffer: 1 << 28, encoding: 'utf8' });
    if (r.status !== 0) throw new Error(`bcftools failed: ${r.stderr}`);
    text = r.stdout;
  } else {
    text = zlib
      .gunzipSync(fs.readFileSync(path.join(TRUTH_DIR, path.basename(file).replace('.vcf.gz', '.tsv.gz'))))
      .toString('utf8');
  }
  return text.split('\n').filter((l) => l && l.split('\t')[3] !== '.');
}

function vcfLines(file: string): string[] {
  const buf = fs.readFileSync(file);
  return (file.endsWith('.gz') ? zlib.gunzipSync(buf) : buf).toString('utf8').split('\n').filter(Boolean);
}

/** Independent reading of one sample's GT for ALT k with @gmod/vcf's GENOTYPES(), the way bcftools norm -m- splits it. */
function expectedGenotype(gt: string, k: number): DecodedGenotype {
  if (gt === '' || gt === undefined) return { ploidy: 0, copies: 0, missing: 0, phased: false };
  const alleles = gt.split(/[/|]/);
  return {
    ploidy: alleles.length,
    copies: alleles.filter((a) => a === String(k)).length,
    missing: alleles.filter((a) => a === '.').length,
    phased: gt.includes('|'),
  };
}

describe('VCF ingest', () => {
  let app: INestApplicationContext;
  let connection: DatabaseConnection;
  let ingest: IngestService;
  let datasets: DatasetService;
  let ds: DataSource;
  let envelope: EnvelopeService;
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'helixgate-ingest-'));

  beforeAll(async () => {
    const config = testConfig();
    connection = await DatabaseConnection.open(config);
    app = await NestFactory.createApplicationContext(CliModule.forRoot(config, connection), {
      logger: false,
    });
    ingest = app.get(IngestService);
    datasets = app.get(DatasetService);
    ds = app.get(DataSource);
    envelope = app.get(EnvelopeService);
  });
  afterAll(async () => {
    await app?.close();
    fs.rmSync(tmp, { recursive: true, force: true });
  });

  async function newDataset(): Promise<string> {
    const id = uniqueId('ingest');
    await datasets.create({ id, name: id, assembly: 'GRCh37', securityLevel: 'PUBLIC' });
    return id;
  }

  async function storedRows(id: string): Promise<string[]> {
    const rows = await ds.query<
      {
        chrom: string;
        pos: number;
        ref: string;
        alt: string;
        an: number;
        ac: number;
        het: number;
        hom_alt: number;
        hemi: number;
      }[]
    >(
      'SELECT chrom, pos, ref, alt, an, ac, het, hom_alt, hemi FROM variant WHERE dataset_id = $1 ORDER BY id',
      [id],
    );
    return rows.map((r) =>
      [r.chrom, r.pos, r.ref, r.alt, r.an, r.ac, r.het, 2 * r.hom_alt, r.hemi].join('\t'),
    );
  }

  async function genotypesOf(id: string, chrom: string, pos: number, ref: string, alt: string) {
    const [row] = await ds.query<{ genotypes: Buffer }[]>(
      'SELECT genotypes FROM variant WHERE dataset_id = $1 AND chrom = $2 AND pos = $3 AND ref = $4 AND alt = $5',
      [id, chrom, pos, ref, alt],
    );
    const opener = await envelope.openerFor(id);
    const plain = opener.open(row.genotypes, {
      table: 'variant',
      row: `${chrom}:${pos}:${ref}:${alt}`,
      column: 'genotypes',
    });
    return { sealed: row.genotypes, plain, decoded: decodeGenotypes(plain) };
  }

  /** Spot-checks decrypted genotypes of the records at `positions` (all ALTs, all samples) against the file. */
  async function spotCheck(id: string, file: string, positions: number[]) {
    const lines = vcfLines(file);
    const header = lines.filter((l) => l.startsWith('#'));
    const parser = new VCFParser({ header: header.join('\n') });
    let checked = 0;
    for (const line of lines) {
      if (line.startsWith('#')) continue;
      const v = parser.parseLine(line);
      if (!positions.includes(v.POS) || !v.ALT) continue;
      const gts = v.GENOTYPES();
      for (let k = 1; k <= v.ALT.length; k++) {
        const { decoded } = await genotypesOf(id, v.CHROM!, v.POS, v.REF!, v.ALT[k - 1]);
        expect(decoded).toEqual(parser.samples.map((s) => expectedGenotype(gts[s], k)));
        checked++;
      }
    }
    expect(checked).toBeGreaterThan(0);
  }

  it('chr20 (300 phased diploid samples): every row equals bcftools norm -m- | +fill-tags; nothing clear at rest', async () => {
    const id = await newDataset();
    const summary = await ingest.ingestFile(id, CHR20);
    expect(summary).toMatchObject({ records: 24990, altRows: 24990, skipped: 0, individuals: 300 });
    // A load this large refreshes the planner's statistics itself (not left to autovacuum): the planner
    // expects about as many rows for the new dataset as it has, not the handful it guesses for an unknown value.
    const [{ 'QUERY PLAN': plan }] = await ds.query<{ 'QUERY PLAN': { Plan: { 'Plan Rows': number } }[] }[]>(
      `EXPLAIN (FORMAT JSON) SELECT id FROM variant WHERE dataset_id = '${id}'`,
    );
    expect(plan[0].Plan['Plan Rows']).toBeGreaterThan(24990 / 2);
    expect(await storedRows(id)).toEqual(expectedRows(CHR20));
    const d = await datasets.getOrThrow(id);
    expect(d.individualCount).toBe(300);
    expect(d.variantCount).toBe(24990);
    const [{ max }] = await ds.query<{ max: number }[]>(
      'SELECT max(end_pos - pos) AS max FROM variant WHERE dataset_id = $1',
      [id],
    );
    expect(d.maxVariantLength).toBe(max);
    // the two records at 20:1029573 (a SNP and an indel) both stored
    expect((await storedRows(id)).filter((r) => r.startsWith('20\t1029573\t'))).toHaveLength(2);

    await spotCheck(id, CHR20, [1000226, 1029573, 3999849]);

    // Raw bytes at rest: every column of every row as text (bytea as hex).
    const raw = (
      await ds.query<{ t: string }[]>(
        `SELECT string_agg(x::text, '\n') AS t FROM (
           SELECT i::text AS x FROM individual i WHERE dataset_id = $1
           UNION ALL SELECT v::text FROM variant v WHERE dataset_id = $1) s`,
        [id],
      )
    )[0].t;
    expect(raw.length).toBeGreaterThan(1_000_000);
    // (boolean checks: a failure must not print the table)
    for (const id of ['HG00096', 'HG00097', 'HG00099']) {
      expect(raw.includes(id)).toBe(false);
      expect(raw.includes(Buffer.from(id).toString('hex'))).toBe(false);
    }
    for (const gt of ['0|1', '1|0', '1|1', '0|0', '0/1']) expect(raw.includes(gt)).toBe(false);
    // the plaintext genotype codec itself does not appear in the stored ciphertext
    const g = await genotypesOf(id, '20', 1000226, 'A', 'T');
    expect(g.sealed.toString('hex')).not.toContain(g.plain.subarray(1, 33).toString('hex'));
    // sample ids decrypt in column order
    const opener = await envelope.openerFor(id);
    const ind = await ds.query<{ idx: number; sample_id_enc: Buffer }[]>(
      'SELECT idx, sample_id_enc FROM individual WHERE dataset_id = $1 ORDER BY idx',
      [id],
    );
    expect(
      opener.open(ind[0].sample_id_enc, { table: 'individual', row: '0', column: 'sample_id' }).toString(),
    ).toBe('HG00096');
    // a ciphertext moved to another row does not open
    expect(() =>
      opener.open(ind[0].sample_id_enc, { table: 'individual', row: '1', column: 'sample_id' }),
    ).toThrow(DomainError);
  });

  it('chrMT (2,534 haploid samples, up to 9 ALTs): split rows and counts equal bcftools', async () => {
    const id = await newDataset();
    const summary = await ingest.ingestFile(id, MT);
    const expected = expectedRows(MT);
    expect(summary).toMatchObject({ records: 3892, altRows: expected.length, skipped: 0, individuals: 2534 });
    expect(await storedRows(id)).toEqual(expected);
    await spotCheck(id, MT, [42, 55, 16183]);
  });

  it('Complete Genomics chr7 (half-calls, symbolic ALTs, breakends, ALT=.): counts equal bcftools, types stored', async () => {
    const id = await newDataset();
    const summary = await ingest.ingestFile(id, CGI);
    const expected = expectedRows(CGI);
    expect(summary).toMatchObject({ records: 3791, skipped: 2051, altRows: expected.length, individuals: 2 });
    expect(await storedRows(id)).toEqual(expected);
    const types = await ds.query<{ variant_type: string; n: string }[]>(
      'SELECT variant_type, count(*) AS n FROM variant WHERE dataset_id = $1 GROUP BY 1 ORDER BY 1',
      [id],
    );
    const byType = Object.fromEntries(types.map((t) => [t.variant_type, Number(t.n)]));
    expect(byType).toMatchObject({ BND: 2, CGA_CNVWIN: 500, CGA_NOCALL: 11 });
    expect(byType.SNP).toBeGreaterThan(0);
    expect(byType.INDEL).toBeGreaterThan(0);
    // <CGA_NOCALL> carries INFO/END: end_pos comes from it
    const [nocall] = await ds.query<{ pos: number; end_pos: number }[]>(
      `SELECT pos, end_pos FROM variant WHERE dataset_id = $1 AND variant_type = 'CGA_NOCALL' ORDER BY pos LIMIT 1`,
      [id],
    );
    expect(nocall.end_pos).toBeGreaterThan(nocall.pos);
    // half-calls and haploid calls decrypt to what the file says
    const lines = vcfLines(CGI).filter((l) => !l.startsWith('#'));
    const halfCallPositions = lines
      .filter((l) => /(\t|:)(1\/\.|0\|\.|\.\|0|1\|\.|0\/\.)(\t|:|$)/.test(l))
      .map((l) => Number(l.split('\t')[1]))
      .slice(0, 5);
    expect(halfCallPositions.length).toBeGreaterThan(0);
    await spotCheck(id, CGI, [...halfCallPositions, 55286758]);
  });

  (HAVE_BCFTOOLS ? it : it.skip)('the committed truth files equal what bcftools computes now', () => {
    for (const file of [CHR20, MT, CGI]) {
      const truth = zlib
        .gunzipSync(fs.readFileSync(path.join(TRUTH_DIR, path.basename(file).replace('.vcf.gz', '.tsv.gz'))))
        .toString('utf8')
        .split('\n')
        .filter((l) => l && l.split('\t')[3] !== '.');
      expect(truth).toEqual(expectedRows(file));
    }
  });

  it('normalises contig names (chr20 -> 20, chrM -> MT) and binds ciphertexts to the normalised name', async () => {
    const lines = vcfLines(CHR20);
    const header = lines.filter((l) => l.startsWith('#'));
    const body = lines
      .filter((l) => !l.startsWith('#'))
      .slice(0, 20)
      // chrM records at positions inside chrM (16,569 bp): a position past a contig's end is refused
      .map((l, i) => (i < 10 ? `chr${l}` : ['chrM', String(i * 100), ...l.split('\t').slice(2)].join('\t')));
    const file = path.join(tmp, 'chr-prefixed.vcf');
    fs.writeFileSync(file, [...header, ...body].join('\n') + '\n');
    const id = await newDataset();
    await ingest.ingestFile(id, file);
    const chroms = await ds.query<{ chrom: string; n: string }[]>(
      'SELECT chrom, count(*) AS n FROM variant WHERE dataset_id = $1 GROUP BY 1 ORDER BY 1',
      [id],
    );
    expect(chroms.map((c) => [c.chrom, Number(c.n)])).toEqual([
      ['20', 10],
      ['MT', 10],
    ]);
    const [first] = body[0].split('\t').slice(1, 2).map(Number);
    const [ref, alt] = body[0].split('\t').slice(3, 5);
    expect((await genotypesOf(id, '20', first, ref, alt)).decoded).toHaveLength(300);
  });

  describe('atomicity and refusals', () => {
    const all = vcfLines(CHR20);
    const header = all.filter((l) => l.startsWith('#'));
    const records = all.filter((l) => !l.startsWith('#'));
    const write = (name: string, lines: string[]) => {
      const p = path.join(tmp, name);
      fs.writeFileSync(p, [...header, ...lines].join('\n') + '\n');
      return p;
    };
    const lineOf = (recordIndex: number) => header.length + recordIndex + 1;

    async function snapshot(id: string) {
      const [v] = await ds.query<{ h: string; n: string }[]>(
        `SELECT count(*) AS n, md5(string_agg(concat_ws(',', id, chrom, pos, end_pos, ref, alt, variant_type, ac, an, het,
           hom_alt, hemi, encode(genotypes, 'hex'), key_version), ';' ORDER BY id)) AS h FROM variant WHERE dataset_id = $1`,
        [id],
      );
      const [i] = await ds.query<{ h: string }[]>(
        `SELECT md5(string_agg(concat_ws(',', idx, encode(sample_id_enc, 'hex')), ';' ORDER BY idx)) AS h
         FROM individual WHERE dataset_id = $1`,
        [id],
      );
      const d = await datasets.getOrThrow(id);
      return { v, i, counts: [d.individualCount, d.variantCount, d.maxVariantLength] };
    }

    async function expectIngestError(id: string, file: string, message: RegExp) {
      const err = await ingest.ingestFile(id, file).then(
        () => undefined,
        (e: unknown) => e,
      );
      expect(err).toBeInstanceOf(DomainError);
      expect((err as DomainError).code).toBe('INGEST_FAILED');
      expect((err as DomainError).message).toMatch(message);
      return (err as DomainError).message;
    }

    it('a malformed line late in the file leaves the dataset exactly as before, naming file:line', async () => {
      const id = await newDataset();
      await ingest.ingestFile(id, write('good.vcf', records.slice(0, 200)));
      const before = await snapshot(id);
      expect(before.counts).toEqual([300, 200, expect.any(Number)]);

      const next = records.slice(200, 12000); // more than one write batch before the bad line
      const bad = 11000;
      const corrupt = (name: string, f: (cols: string[]) => string[]) => {
        const lines = [...next];
        lines[bad] = f(lines[bad].split('\t')).join('\t');
        return write(name, lines);
      };
      const at = `:${lineOf(bad)}: `;
      const cases: [string, string, RegExp][] = [
        [corrupt('bad-pos.vcf', (c) => [c[0], '12x4', ...c.slice(2)]), 'bad-pos.vcf', /POS/],
        [
          corrupt('bad-cols.vcf', (c) => c.slice(0, -1)),
          'bad-cols.vcf',
          /expected 309 tab-separated columns, found 308/,
        ],
        [corrupt('bad-gt.vcf', (c) => [...c.slice(0, 20), '0|x', ...c.slice(21)]), 'bad-gt.vcf', /bad GT/],
        [
          corrupt('bad-allele.vcf', (c) => [...c.slice(0, 20), '0|2', ...c.slice(21)]),
          'bad-allele.vcf',
          /GT allele 2/,
        ],
        [corrupt('bad-ref.vcf', (c) => [...c.slice(0, 3), 'AXG', ...c.slice(4)]), 'bad-ref.vcf', /REF/],
      ];
      for (const [file, name, what] of cases) {
        const msg = await expectIngestError(id, file, new RegExp(`^${name.replace('.', '\\.')}${at}`));
        expect(msg).toMatch(what);
        expect(msg).not.toMatch(/HG0|NA\d/); // no sample ids in errors
        expect(await snapshot(id)).toEqual(before);
      }
      // the same data without the bad line appends
      const ok = await ingest.ingestFile(id, write('next.vcf', next));
      expect(ok.altRows).toBe(next.length);
      expect((await datasets.getOrThrow(id)).variantCount).toBe(200 + next.length);
    });

    it('refuses a bgzip file truncated at a block boundary, naming it, and ingests nothing', async () => {
      const id = await newDataset();
      await ingest.ingestFile(id, write('before-cut.vcf', records.slice(0, 50)));
      const before = await snapshot(id);
      const data = fs.readFileSync(CHR20);
      let cut = 0;
      while (cut < data.length / 2) cut += data.readUInt16LE(cut + 16) + 1; // whole BGZF blocks
      const file = path.join(tmp, 'cut-at-block.vcf.gz');
      fs.writeFileSync(file, data.subarray(0, cut));
      expect(zlib.gunzipSync(fs.readFileSync(file)).length).toBeGreaterThan(0); // decompresses cleanly
      const msg = await expectIngestError(id, file, /^cut-at-block\.vcf\.gz: /);
      expect(msg).toBe('cut-at-block.vcf.gz: truncated (no BGZF end-of-file marker)');
      expect(await snapshot(id)).toEqual(before);
    });

    it('questions contigs: another assembly, positions past the end, undeclared contigs, repeated FORMAT keys', async () => {
      const id = await newDataset(); // GRCh37
      await ingest.ingestFile(id, write('contig-base.vcf', records.slice(0, 20)));
      const before = await snapshot(id);
      const withHeader = (name: string, extra: string[], body: string[]) => {
        const p = path.join(tmp, name);
        const at = header.findIndex((l) => l.startsWith('##contig'));
        fs.writeFileSync(
          p,
          [...header.slice(0, at), ...extra, ...header.slice(at), ...body].join('\n') + '\n',
        );
        return { file: p, extraLine: at + 1 };
      };
      const setCol = (line: string, i: number, value: string) => {
        const c = line.split('\t');
        c[i] = value;
        return c.join('\t');
      };
      const next = records.slice(20, 40);

      // a GRCh38 file (##reference names it; the positions would fit GRCh37's chr22 as well)
      const grch38 = path.join(VCF_DIR, '1kg2019_grch38_chr22_10.5-11.0Mb_2548s.vcf.gz');
      const refLine = vcfLines(grch38).findIndex((l) => l.startsWith('##reference=')) + 1;
      await expectIngestError(
        id,
        grch38,
        new RegExp(
          `^1kg2019_grch38_chr22_10\\.5-11\\.0Mb_2548s\\.vcf\\.gz:${refLine}: ##reference: names GRCh38, but the dataset's assembly is GRCh37$`,
        ),
      );
      // a ##contig length of another assembly (GRCh38's chromosome 22)
      const len = withHeader('len38.vcf', ['##contig=<ID=chr22,length=50818468>'], next);
      await expectIngestError(
        id,
        len.file,
        new RegExp(
          `^len38\\.vcf:${len.extraLine}: ##contig: chr22 has length 50818468, but chromosome 22 of GRCh37 .* has 51304566`,
        ),
      );
      // a position past the end of chromosome 20 (63,025,520 bp on GRCh37)
      const late = [...next];
      late[10] = setCol(late[10], 1, '63025521');
      await expectIngestError(
        id,
        write('past-end.vcf', late),
        new RegExp(
          `^past-end\\.vcf:${lineOf(10)}: POS: 63025521 is beyond the end of 20 \\(63025520 bp on GRCh37\\)$`,
        ),
      );
      // a contig that is no chromosome and is not declared
      const foo = [...next];
      foo[5] = setCol(foo[5], 0, 'chrFoo');
      await expectIngestError(
        id,
        write('chrfoo.vcf', foo),
        new RegExp(
          `^chrfoo\\.vcf:${lineOf(5)}: CHROM: "chrFoo" is not a chromosome of GRCh37 and no ##contig header line declares it$`,
        ),
      );
      // a repeated FORMAT key
      const gtgt = [...next];
      gtgt[3] = setCol(gtgt[3], 8, 'GT:GT');
      await expectIngestError(
        id,
        write('gtgt.vcf', gtgt),
        new RegExp(`^gtgt\\.vcf:${lineOf(3)}: FORMAT: key "GT" appears more than once$`),
      );
      expect(await snapshot(id)).toEqual(before);

      // a declared decoy contig is ingested with a warning; past its declared length it is refused
      const decoyBody = [...next];
      decoyBody[2] = setCol(decoyBody[2], 0, 'hs37d5');
      const decoy = withHeader('decoy.vcf', ['##contig=<ID=hs37d5,length=35477943>'], decoyBody);
      const headerLen = header.length + 1;
      const ok = await ingest.ingestFile(id, decoy.file);
      expect(ok.altRows).toBe(next.length);
      expect(ok.warnings).toEqual([
        `decoy.vcf:${headerLen + 3}: CHROM: hs37d5 is not a primary chromosome of GRCh37 (declared at line ${decoy.extraLine}); its records are stored under that name`,
      ]);
      const beyond = [...records.slice(40, 45)];
      beyond[1] = setCol(setCol(beyond[1], 0, 'hs37d5'), 1, '35477944');
      const decoy2 = withHeader('decoy-beyond.vcf', ['##contig=<ID=hs37d5,length=35477943>'], beyond);
      await expectIngestError(
        id,
        decoy2.file,
        /^decoy-beyond\.vcf:\d+: POS: 35477944 is beyond the end of hs37d5/,
      );
    });

    it('refuses duplicates, other samples and unknown datasets; --replace swaps the content atomically', async () => {
      const id = await newDataset();
      const good = write('dup-base.vcf', records.slice(0, 100));
      await ingest.ingestFile(id, good);
      const before = await snapshot(id);

      // a file repeating a stored variant
      await expectIngestError(
        id,
        write('dup.vcf', records.slice(100, 150).concat(records[10])),
        new RegExp(`^dup\\.vcf:${header.length + 51}: duplicate variant 20:`),
      );
      // a duplicate inside the file itself
      await expectIngestError(
        id,
        write('dup-in-file.vcf', records.slice(100, 150).concat(records[120])),
        new RegExp(`^dup-in-file\\.vcf:${header.length + 51}: duplicate variant`),
      );
      expect(await snapshot(id)).toEqual(before);

      // other sample order
      const swapped = header.map((l) => {
        if (!l.startsWith('#CHROM')) return l;
        const c = l.split('\t');
        [c[9], c[10]] = [c[10], c[9]];
        return c.join('\t');
      });
      const other = path.join(tmp, 'swapped.vcf');
      fs.writeFileSync(other, [...swapped, ...records.slice(100, 110)].join('\n') + '\n');
      const msg = await expectIngestError(
        id,
        other,
        new RegExp(`^swapped\\.vcf:${header.length}: sample column 1 differs`),
      );
      expect(msg).not.toContain('HG00096');
      expect(await snapshot(id)).toEqual(before);

      // --replace: new content in the same transaction, old rows gone
      const replaced = await ingest.ingestFile(id, write('replacement.vcf', records.slice(500, 530)), {
        replace: true,
      });
      expect(replaced.altRows).toBe(30);
      const d = await datasets.getOrThrow(id);
      expect([d.individualCount, d.variantCount]).toEqual([300, 30]);
      const [{ min }] = await ds.query<{ min: number }[]>(
        'SELECT min(pos) AS min FROM variant WHERE dataset_id = $1',
        [id],
      );
      expect(min).toBe(Number(records[500].split('\t')[1]));

      await expect(ingest.ingestFile('no-such-dataset', good)).rejects.toMatchObject({
        code: 'UNKNOWN_DATASET',
      });
      await expect(ingest.ingestFile(id, path.join(tmp, 'missing.vcf'))).rejects.toMatchObject({
        code: 'INGEST_FAILED',
        message: 'missing.vcf: file not found',
      });
    });
  });
});
