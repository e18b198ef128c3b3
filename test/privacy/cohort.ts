import * as fs from 'node:fs';
import * as path from 'node:path';
import * as zlib from 'node:zlib';
import { FIXTURE_VCF_DIR } from '../support/fixtures';
import { Rng } from './rng';

/**
 * A cohort for the attack harness: a members VCF (ingested as the dataset), a panel VCF (imported as its
 * reference panel, no member in it), the targets the attacker tests (members and non-member controls)
 * with the alleles each carries, and the attacker's knowledge of every allele's population frequency.
 */
export interface Cohort {
  readonly name: string;
  readonly assembly: 'GRCh37' | 'GRCh38';
  readonly membersVcf: string;
  readonly panelVcf: string;
  readonly members: number;
  /** Alleles by index: variant key `chrom:pos:ref:alt` and the attacker's frequency. */
  readonly keys: readonly string[];
  readonly frequency: Float64Array;
  /** Copies of each allele among the members (to pick the "present alleles" of the utility measure). */
  readonly memberCount: Int32Array;
  /** Targets 0..members-1 are members, the rest controls; each with the allele indexes it carries. */
  readonly carried: readonly Int32Array[];
  /** Genotype copies per target and allele are needed by the frequency test: copies[t][a] for carried a. */
  readonly copies: readonly Map<number, number>[];
  readonly describe: string;
}

function readVcf(file: string): string[] {
  const raw = fs.readFileSync(file);
  return (raw[0] === 0x1f ? zlib.gunzipSync(raw) : raw).toString('utf8').split('\n');
}

/**
 * The repository's 1000 Genomes fixtures (chr20:1-4 Mb, GRCh37): the 300-individual file and the 203 other
 * individuals of the same sites, pooled (503 people of GBR, FIN, CHS, PUR, CLM, IBS, CEU, TSI, GIH and other
 * 1000 Genomes populations) and split at random (seeded) into members, controls and the panel (everyone
 * else), so that the panel comes from the same populations as the people it prices. The attacker knows the
 * 1000 Genomes Phase 3 frequencies over all 2,504 individuals (the 300-file's INFO/AF) — more than any real
 * attacker knows about this cohort.
 */
export function realCohort(opts: {
  members: number;
  controls: number;
  seed: number;
  workDir: string;
}): Cohort {
  const fixtures = FIXTURE_VCF_DIR;
  const a = readVcf(path.join(fixtures, '1kgp3_chr20_1-4Mb_300s.vcf.gz'));
  const b = readVcf(path.join(fixtures, '1kgp3_chr20_1-4Mb_203s_unphased.vcf.gz'));
  const headA = a.find((l) => l.startsWith('#CHROM'))!.split('\t');
  const headB = b.find((l) => l.startsWith('#CHROM'))!.split('\t');
  const samples = [...headA.slice(9), ...headB.slice(9)];
  const order = new Rng(opts.seed).shuffle(samples.map((_, i) => i));
  const memberIdx = order.slice(0, opts.members).sort((x, y) => x - y);
  const controlIdx = order.slice(opts.members, opts.members + opts.controls).sort((x, y) => x - y);
  const panelIdx = order.slice(opts.members + opts.controls).sort((x, y) => x - y);
  const targets = [...memberIdx, ...controlIdx];
  const keys: string[] = [];
  const freq: number[] = [];
  const memberCount: number[] = [];
  const carried: number[][] = targets.map(() => []);
  const copies: Map<number, number>[] = targets.map(() => new Map());
  const memberLines = [
    '##fileformat=VCFv4.2',
    '##contig=<ID=20>',
    '##FORMAT=<ID=GT,Number=1,Type=String,Description="Genotype">',
    [
      '#CHROM',
      'POS',
      'ID',
      'REF',
      'ALT',
      'QUAL',
      'FILTER',
      'INFO',
      'FORMAT',
      ...memberIdx.map((i) => samples[i]),
    ].join('\t'),
  ];
  const panelLines = [
    memberLines[0],
    memberLines[1],
    memberLines[2],
    [
      '#CHROM',
      'POS',
      'ID',
      'REF',
      'ALT',
      'QUAL',
      'FILTER',
      'INFO',
      'FORMAT',
      ...panelIdx.map((i) => samples[i]),
    ].join('\t'),
  ];
  const dataA = a.filter((l) => l !== '' && !l.startsWith('#'));
  const dataB = b.filter((l) => l !== '' && !l.startsWith('#'));
  if (dataA.length !== dataB.length) throw new Error('the two fixture files do not have the same sites');
  for (let r = 0; r < dataA.length; r++) {
    const fa = dataA[r].split('\t');
    const fb = dataB[r].split('\t');
    if (fa[1] !== fb[1] || fa[3] !== fb[3] || fa[4] !== fb[4])
      throw new Error(`site ${r + 1} differs between the files`);
    const gts = [...fa.slice(9), ...fb.slice(9)].map((g) => g.split(':')[0]);
    const site = (cols: number[]) =>
      [fa[0], fa[1], fa[2], fa[3], fa[4], '.', '.', '.', 'GT', ...cols.map((i) => gts[i])].join('\t');
    memberLines.push(site(memberIdx));
    panelLines.push(site(panelIdx));
    const alts = fa[4].split(',');
    if (alts.length !== 1) continue;
    const af = Number(/(?:^|;)AF=([^;]+)/.exec(fa[7])?.[1] ?? NaN);
    const s = keys.length;
    keys.push(`20:${fa[1]}:${fa[3]}:${alts[0]}`);
    freq.push(Number.isFinite(af) && af > 0 ? af : 1 / 5008);
    let mc = 0;
    targets.forEach((i, t) => {
      const g = gts[i];
      const c = (g[0] === '1' ? 1 : 0) + (g[2] === '1' ? 1 : 0);
      if (c > 0) {
        carried[t].push(s);
        copies[t].set(s, c);
        if (t < memberIdx.length) mc += c;
      }
    });
    memberCount.push(mc);
  }
  const membersVcf = path.join(opts.workDir, 'real-members.vcf.gz');
  const panelVcf = path.join(opts.workDir, 'real-panel.vcf.gz');
  fs.writeFileSync(membersVcf, zlib.gzipSync(memberLines.join('\n') + '\n'));
  fs.writeFileSync(panelVcf, zlib.gzipSync(panelLines.join('\n') + '\n'));
  return {
    name: 'real',
    assembly: 'GRCh37',
    membersVcf,
    panelVcf,
    members: memberIdx.length,
    keys,
    frequency: Float64Array.from(freq),
    memberCount: Int32Array.from(memberCount),
    carried: carried.map((c) => Int32Array.from(c)),
    copies,
    describe:
      `1000 Genomes chr20:1-4 Mb (GRCh37), ${keys.length} alleles; the fixtures' 503 individuals split at random ` +
      `(seed ${opts.seed}) into ${memberIdx.length} members, ${controlIdx.length} controls and a panel of the ` +
      `other ${panelIdx.length} (frequencies from their genotypes)`,
  };
}

/**
 * A synthetic cohort: independent sites, frequency log-uniform on [1e-5, 0.5] (the neutral 1/f spectrum),
 * genotypes Binomial(2, f) for members and controls; the panel is a sites file (AF, AC, AN) of
 * `panelSize` further individuals drawn from the same frequencies, like a gnomAD sites file. Positions are
 * laid out on chromosome 1 every 100 bp. The attacker knows every true frequency.
 */
export function syntheticCohort(opts: {
  members: number;
  controls: number;
  sites: number;
  panelSize: number;
  seed: number;
  workDir: string;
}): Cohort {
  const rng = new Rng(opts.seed);
  const n = opts.members;
  const lo = Math.log(1e-5);
  const hi = Math.log(0.5);
  const keys: string[] = [];
  const freq = new Float64Array(opts.sites);
  const memberCount = new Int32Array(opts.sites);
  const carried: number[][] = Array.from({ length: n + opts.controls }, () => []);
  const copies: Map<number, number>[] = Array.from({ length: n + opts.controls }, () => new Map());
  const member = zlib.createGzip();
  const memberChunks: Buffer[] = [];
  member.on('data', (c: Buffer) => memberChunks.push(c));
  const ids = Array.from({ length: n }, (_, i) => `M${i + 1}`);
  const head = ['##fileformat=VCFv4.2', '##FORMAT=<ID=GT,Number=1,Type=String,Description="Genotype">'];
  const panelLines = [
    ...head.slice(0, 1),
    '##INFO=<ID=AF,Number=A,Type=Float,Description="Allele frequency">',
    '##INFO=<ID=AC,Number=A,Type=Integer,Description="Allele count">',
    '##INFO=<ID=AN,Number=1,Type=Integer,Description="Allele number">',
    '#CHROM\tPOS\tID\tREF\tALT\tQUAL\tFILTER\tINFO',
  ];
  const rows: string[] = [
    ...head,
    `#CHROM\tPOS\tID\tREF\tALT\tQUAL\tFILTER\tINFO\tFORMAT\t${ids.join('\t')}`,
  ];
  const gt = new Array<string>(n);
  for (let s = 0; s < opts.sites; s++) {
    const f = Math.exp(lo + (hi - lo) * rng.next());
    freq[s] = f;
    const pos = 1000 + s * 100;
    keys.push(`1:${pos}:A:G`);
    gt.fill('0|0');
    const pCarrier = 1 - (1 - f) * (1 - f);
    const pHom = (f * f) / pCarrier;
    let ac = 0;
    for (const i of rng.successes(n + opts.controls, pCarrier)) {
      const c = rng.next() < pHom ? 2 : 1;
      carried[i].push(s);
      copies[i].set(s, c);
      if (i < n) {
        gt[i] = c === 2 ? '1|1' : rng.next() < 0.5 ? '0|1' : '1|0';
        ac += c;
      }
    }
    memberCount[s] = ac;
    rows.push(`1\t${pos}\t.\tA\tG\t.\t.\t.\tGT\t${gt.join('\t')}`);
    const pac = rng.binomial(2 * opts.panelSize, f);
    if (pac > 0)
      panelLines.push(
        `1\t${pos}\t.\tA\tG\t.\t.\tAF=${pac / (2 * opts.panelSize)};AC=${pac};AN=${2 * opts.panelSize}`,
      );
    if (rows.length >= 2000) {
      member.write(rows.join('\n') + '\n');
      rows.length = 0;
    }
  }
  member.end(rows.join('\n') + '\n');
  const membersVcf = path.join(opts.workDir, 'synthetic-members.vcf.gz');
  const panelVcf = path.join(opts.workDir, 'synthetic-panel.vcf.gz');
  return Object.assign(
    {
      name: 'synthetic',
      assembly: 'GRCh38' as const,
      membersVcf,
      panelVcf,
      members: n,
      keys,
      frequency: freq,
      memberCount,
      carried: carried.map((c) => Int32Array.from(c)),
      copies,
      describe:
        `synthetic: ${n} members, ${opts.controls} controls, ${opts.sites} independent sites (f log-uniform on ` +
        `[1e-5, 0.5]), panel of ${opts.panelSize} other individuals (sites file with AF, AC, AN), seed ${opts.seed}`,
    },
    {
      ready: new Promise<void>((resolve) =>
        member.on('end', () => {
          fs.writeFileSync(membersVcf, Buffer.concat(memberChunks));
          fs.writeFileSync(panelVcf, zlib.gzipSync(panelLines.join('\n') + '\n'));
          resolve();
        }),
      ),
    },
  );
}
