import { once } from 'node:events';
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as readline from 'node:readline';
import * as zlib from 'node:zlib';
import { Command } from 'commander';
import VCF from '@gmod/vcf';

/**
 * Seeded synthetic VCF generator for the benchmarks and tests.
 *
 * Genotypes are drawn from REAL allele frequencies: every ALT allele of a reference VCF (by default the
 * 1000 Genomes chr20 fixture, 300 samples) gives one (REF, ALT, AF) site, with AF computed from that file's
 * genotypes (never from INFO). Each synthetic record picks a site at random, then draws a phased diploid
 * genotype per sample under Hardy–Weinberg equilibrium (each haplotype carries ALT with probability AF).
 * Positions increase strictly on one contig. Output is streamed through gzip (readable by htslib and by the
 * ingest; BGZF is a gzip multi-member variant), so memory stays bounded for any number of records/samples.
 */

export interface ReferenceSite {
  ref: string;
  alt: string;
  /** Alternate allele frequency among the called alleles of the reference file. */
  af: number;
}

export interface SyntheticVcfOptions {
  records: number;
  samples: number;
  seed: number;
  /** Output path; `.gz` (gzip) or anything else (plain text). */
  out: string;
  contig?: string;
  /** 1-based position of the first record. */
  startPos?: number;
  /** Mean distance between consecutive records (uniform in [1, 2*meanGap - 1]). */
  meanGap?: number;
  /** Sites to draw from; defaults to the chr20 fixture's. */
  reference?: ReferenceSite[];
  /** gzip level (1 fastest; default 1: the generated text compresses well even so). */
  gzipLevel?: number;
}

export interface SyntheticVcfSummary {
  path: string;
  records: number;
  samples: number;
  genotypes: number;
  bytesWritten: number;
  seconds: number;
}

export const REFERENCE_FIXTURE = 'test/fixtures/vcf/1kgp3_chr20_1-4Mb_300s.vcf.gz';
/**
 * Length of chromosome 20 on GRCh37, written in the header's contig line: the positions follow the 1000
 * Genomes phase 3 reference fixture (GRCh37), and the files are ingested into GRCh37 datasets. (It said
 * GRCh38's 64,444,167, which ingest now refuses as another assembly's length.)
 */
const CHR20_LENGTH = 63_025_520;

/** The repository root (works from `bench/` under ts-jest/swc and from `dist/bench/` when compiled). */
export function repoRoot(): string {
  let dir = __dirname;
  for (;;) {
    if (fs.existsSync(path.join(dir, REFERENCE_FIXTURE))) return dir;
    const parent = path.dirname(dir);
    if (parent === dir) throw new Error(`cannot find ${REFERENCE_FIXTURE} above ${__dirname}`);
    dir = parent;
  }
}

/**
 * A small, fast, seedable PRNG (sfc32, seeded through splitmix32). Hand-written on purpose: a seed must give
 * the same file forever, so the algorithm is frozen here rather than left to a library's next major version;
 * and the generator needs ~10^9 draws, where an inlined 4-word generator is markedly cheaper than a call
 * through a library's distribution wrappers.
 */
export class SeededRandom {
  private a: number;
  private b: number;
  private c: number;
  private d: number;

  constructor(seed: number) {
    let s = seed >>> 0;
    const splitmix = (): number => {
      s = (s + 0x9e3779b9) | 0;
      let z = s;
      z = Math.imul(z ^ (z >>> 16), 0x21f0aaad);
      z = Math.imul(z ^ (z >>> 15), 0x735a2d97);
      return (z ^ (z >>> 15)) >>> 0;
    };
    this.a = splitmix();
    this.b = splitmix();
    this.c = splitmix();
    this.d = splitmix();
    for (let i = 0; i < 12; i++) this.next();
  }

  /** Uniform in [0, 1). */
  next(): number {
    const t = (((this.a + this.b) | 0) + this.d) | 0;
    this.d = (this.d + 1) | 0;
    this.a = this.b ^ (this.b >>> 9);
    this.b = (this.c + (this.c << 3)) | 0;
    this.c = (this.c << 21) | (this.c >>> 11);
    this.c = (this.c + t) | 0;
    return (t >>> 0) / 4294967296;
  }
}

/** Reads a VCF (plain or gzip) and returns one site per ALT allele with the AF computed from its GTs. */
export async function loadReferenceSites(
  file = path.join(repoRoot(), REFERENCE_FIXTURE),
): Promise<ReferenceSite[]> {
  const input = fs.createReadStream(file);
  const text = file.endsWith('.gz') ? input.pipe(zlib.createGunzip()) : input;
  const lines = readline.createInterface({ input: text, crlfDelay: Infinity });
  const header: string[] = [];
  let parser: VCF | undefined;
  const sites: ReferenceSite[] = [];
  for await (const line of lines) {
    if (!parser) {
      header.push(line);
      if (line.startsWith('#CHROM')) parser = new VCF({ header: header.join('\n') });
      continue;
    }
    if (!line) continue;
    const variant = parser.parseLine(line);
    const alts = variant.ALT ?? [];
    if (alts.length === 0) continue;
    const counts = new Array<number>(alts.length + 1).fill(0);
    let called = 0;
    variant.processGenotypes((str, start, end) => {
      for (const allele of str.slice(start, end).split(/[|/]/)) {
        if (allele === '.' || allele === '') continue;
        const index = Number(allele);
        if (!Number.isInteger(index) || index > alts.length) continue;
        counts[index]++;
        called++;
      }
    });
    if (called === 0) continue;
    alts.forEach((alt, i) => {
      // Only plain sequence ALTs: the generator writes biallelic sequence variants.
      if (/^[ACGTN]+$/.test(alt)) sites.push({ ref: variant.REF ?? 'N', alt, af: counts[i + 1] / called });
    });
  }
  if (sites.length === 0) throw new Error(`no usable sites with genotypes in ${file}`);
  return sites;
}

const CHUNK_BYTES = 1 << 22;
const TAB = 9;
const ZERO = 48;
const ONE = 49;

/**
 * Writes a synthetic VCF. Lines are assembled as bytes in large chunks: every genotype is exactly 4 bytes
 * (`\t0|0`), so a record is a copy of a precomputed all-hom-ref row with the carriers' allele bytes patched
 * in. Rare sites (most of them) draw only their carriers, by geometric skips over the hom-ref samples.
 */
export async function writeSyntheticVcf(options: SyntheticVcfOptions): Promise<SyntheticVcfSummary> {
  const { records, samples, seed, out } = options;
  if (!Number.isInteger(records) || records < 0) throw new Error('records must be a non-negative integer');
  if (!Number.isInteger(samples) || samples < 1) throw new Error('samples must be a positive integer');
  const contig = options.contig ?? '20';
  const meanGap = options.meanGap ?? 50;
  const sites = options.reference ?? (await loadReferenceSites());
  const started = process.hrtime.bigint();
  const rng = new SeededRandom(seed);

  const file = fs.createWriteStream(out);
  const gzip = out.endsWith('.gz') ? zlib.createGzip({ level: options.gzipLevel ?? 1 }) : undefined;
  const sink: NodeJS.WritableStream = gzip ?? file;
  const finished = new Promise<void>((resolve, reject) => {
    file.on('finish', resolve);
    file.on('error', reject);
    gzip?.on('error', reject);
  });
  gzip?.pipe(file);

  const write = async (chunk: Buffer): Promise<void> => {
    if (!sink.write(chunk)) await once(sink, 'drain');
  };

  const names: string[] = [];
  for (let i = 1; i <= samples; i++) names.push(`SYN${String(i).padStart(7, '0')}`);
  const headerText =
    [
      '##fileformat=VCFv4.2',
      `##source=helixgate-bench synthetic-vcf seed=${seed} records=${records} samples=${samples}`,
      `##helixgate_reference=AFs from ${path.basename(REFERENCE_FIXTURE)} genotypes, Hardy-Weinberg, phased`,
      `##contig=<ID=${contig}${contig.replace(/^chr/, '') === '20' ? `,length=${CHR20_LENGTH}` : ''}>`,
      '##FILTER=<ID=PASS,Description="All filters passed">',
      '##FORMAT=<ID=GT,Number=1,Type=String,Description="Genotype">',
      `#CHROM\tPOS\tID\tREF\tALT\tQUAL\tFILTER\tINFO\tFORMAT\t${names.join('\t')}`,
    ].join('\n') + '\n';
  await write(Buffer.from(headerText, 'latin1'));

  const genotypeBytes = 4 * samples;
  const homRefRow = Buffer.alloc(genotypeBytes);
  for (let i = 0; i < samples; i++) {
    homRefRow[4 * i] = TAB;
    homRefRow[4 * i + 1] = ZERO;
    homRefRow[4 * i + 2] = 124; // '|'
    homRefRow[4 * i + 3] = ZERO;
  }
  const maxPrefix = 64 + sites.reduce((m, s) => Math.max(m, s.ref.length + s.alt.length), 0) + contig.length;
  const chunkBytes = Math.max(CHUNK_BYTES, 2 * (maxPrefix + genotypeBytes + 1));
  let chunk = Buffer.allocUnsafe(chunkBytes);
  let offset = 0;
  let bytesWritten = headerText.length;
  let pos = options.startPos ?? 60_000;

  for (let r = 0; r < records; r++) {
    if (offset + maxPrefix + genotypeBytes + 1 > chunkBytes) {
      await write(chunk.subarray(0, offset));
      bytesWritten += offset;
      chunk = Buffer.allocUnsafe(chunkBytes);
      offset = 0;
    }
    const site = sites[Math.floor(rng.next() * sites.length)];
    if (r > 0) pos += 1 + Math.floor(rng.next() * (2 * meanGap - 1));
    offset += chunk.write(`${contig}\t${pos}\t.\t${site.ref}\t${site.alt}\t.\tPASS\t.\tGT`, offset, 'latin1');
    const rowStart = offset;
    homRefRow.copy(chunk, rowStart);
    offset += genotypeBytes;
    chunk[offset++] = 10; // '\n'

    const p = site.af;
    const pHomRef = (1 - p) * (1 - p);
    const pHet = p * (1 - p); // each phase
    const pCarrier = 1 - pHomRef;
    if (pCarrier <= 0) continue;
    if (pCarrier < 0.25) {
      // Sparse: skip hom-ref samples geometrically, then draw the carrier's genotype given it is not 0|0.
      const logHomRef = Math.log(pHomRef);
      let i = -1;
      for (;;) {
        i += 1 + Math.floor(Math.log(1 - rng.next()) / logHomRef);
        if (i >= samples) break;
        const u = rng.next() * pCarrier;
        const at = rowStart + 4 * i;
        if (u < pHet) chunk[at + 3] = ONE;
        else if (u < 2 * pHet) chunk[at + 1] = ONE;
        else {
          chunk[at + 1] = ONE;
          chunk[at + 3] = ONE;
        }
      }
    } else {
      for (let i = 0, at = rowStart; i < samples; i++, at += 4) {
        if (rng.next() < p) chunk[at + 1] = ONE;
        if (rng.next() < p) chunk[at + 3] = ONE;
      }
    }
  }
  if (offset > 0) {
    await write(chunk.subarray(0, offset));
    bytesWritten += offset;
  }
  sink.end();
  await finished;
  return {
    path: out,
    records,
    samples,
    genotypes: records * samples,
    bytesWritten,
    seconds: Number(process.hrtime.bigint() - started) / 1e9,
  };
}

async function main(argv: string[]): Promise<void> {
  const program = new Command()
    .name('synthetic-vcf')
    .description('write a seeded synthetic VCF with genotypes drawn from real allele frequencies')
    .requiredOption('--records <n>', 'number of records', (v) => parseInt(v, 10))
    .requiredOption('--samples <m>', 'number of samples', (v) => parseInt(v, 10))
    .option('--seed <s>', 'PRNG seed', (v) => parseInt(v, 10), 1)
    .option('--contig <name>', 'contig of every record', '20')
    .option('--reference <vcf>', 'VCF whose genotypes give the allele frequencies')
    .requiredOption('--out <file>', 'output path (.vcf.gz: gzip)')
    .parse(argv);
  const o = program.opts<{
    records: number;
    samples: number;
    seed: number;
    contig: string;
    reference?: string;
    out: string;
  }>();
  const reference = o.reference ? await loadReferenceSites(o.reference) : undefined;
  const s = await writeSyntheticVcf({ ...o, reference });
  process.stdout.write(
    `wrote ${s.path}: ${s.records} records x ${s.samples} samples (${s.genotypes} genotypes), ` +
      `${(s.bytesWritten / 1048576).toFixed(1)} MiB uncompressed in ${s.seconds.toFixed(2)} s\n`,
  );
}

if (require.main === module) {
  main(process.argv).catch((err: unknown) => {
    process.stderr.write(`synthetic-vcf: ${err instanceof Error ? err.message : String(err)}\n`);
    process.exit(1);
  });
}
