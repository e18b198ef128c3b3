import type { Assembly } from './dataset.entity';

/**
 * Contig names differ between references and files (`chr20` / `20`, `chrM` / `MT`, RefSeq `NC_000020.11`).
 * Helixgate stores and queries one canonical form: no `chr` prefix, `X`, `Y`, `MT`, numbers 1-22.
 */
const REFSEQ_GRCH38: Record<string, string> = {};
const REFSEQ_GRCH37: Record<string, string> = {};
// RefSeq chromosome accessions: NC_0000NN.V; versions differ between GRCh37 and GRCh38.
const V37 = [10, 11, 11, 11, 9, 11, 13, 10, 11, 10, 9, 11, 10, 8, 9, 9, 10, 9, 9, 10, 8, 10, 10, 9]; // 1..22, X, Y
const V38 = [11, 12, 12, 12, 10, 12, 14, 11, 12, 11, 10, 12, 11, 9, 10, 10, 11, 10, 10, 11, 9, 11, 11, 10];
for (let i = 0; i < 24; i++) {
  const name = i < 22 ? String(i + 1) : i === 22 ? 'X' : 'Y';
  const acc = `NC_0000${String(i + 1).padStart(2, '0')}`;
  REFSEQ_GRCH37[`${acc}.${V37[i]}`] = name;
  REFSEQ_GRCH38[`${acc}.${V38[i]}`] = name;
}
REFSEQ_GRCH38['NC_012920.1'] = 'MT';
REFSEQ_GRCH37['NC_012920.1'] = 'MT';

/**
 * The assemblies whose primary chromosome a RefSeq accession names (`NC_000022.10`: GRCh37 only;
 * `NC_012920.1`, the mitochondrion: both); empty for a name that is not such an accession.
 */
export function refseqAssemblies(name: string): Assembly[] {
  const t = name.trim();
  return [
    ...(REFSEQ_GRCH37[t] ? (['GRCh37'] as const) : []),
    ...(REFSEQ_GRCH38[t] ? (['GRCh38'] as const) : []),
  ];
}

export function normalizeContig(name: string): string {
  const trimmed = name.trim();
  const refseq = REFSEQ_GRCH38[trimmed] ?? REFSEQ_GRCH37[trimmed];
  if (refseq) return refseq;
  let n = trimmed.replace(/^chr/i, '');
  if (/^(m|mt)$/i.test(n)) return 'MT';
  if (/^[xy]$/i.test(n)) n = n.toUpperCase();
  return n;
}

/** True for the primary assembly's chromosomes (1-22, X, Y, MT) after normalisation. */
export function isPrimaryContig(normalized: string): boolean {
  return /^([1-9]|1\d|2[0-2]|X|Y|MT)$/.test(normalized);
}

/**
 * Lengths (bp) of the primary-assembly chromosomes, by canonical name (1-22, X, Y, MT), from the Genome
 * Reference Consortium's assembly reports: GRCh37.p13 (GCF_000001405.25) and GRCh38.p14
 * (GCF_000001405.40); the same numbers as UCSC's hg19/hg38 chrom.sizes. Patches do not change chromosome
 * lengths. MT is the rCRS (NC_012920.1), 16,569 bp, in both. Reference facts, not copyrightable data.
 */
const CONTIG_LENGTHS: Record<Assembly, Readonly<Record<string, number>>> = {
  GRCh37: {
    '1': 249_250_621,
    '2': 243_199_373,
    '3': 198_022_430,
    '4': 191_154_276,
    '5': 180_915_260,
    '6': 171_115_067,
    '7': 159_138_663,
    '8': 146_364_022,
    '9': 141_213_431,
    '10': 135_534_747,
    '11': 135_006_516,
    '12': 133_851_895,
    '13': 115_169_878,
    '14': 107_349_540,
    '15': 102_531_392,
    '16': 90_354_753,
    '17': 81_195_210,
    '18': 78_077_248,
    '19': 59_128_983,
    '20': 63_025_520,
    '21': 48_129_895,
    '22': 51_304_566,
    X: 155_270_560,
    Y: 59_373_566,
    MT: 16_569,
  },
  GRCh38: {
    '1': 248_956_422,
    '2': 242_193_529,
    '3': 198_295_559,
    '4': 190_214_555,
    '5': 181_538_259,
    '6': 170_805_979,
    '7': 159_345_973,
    '8': 145_138_636,
    '9': 138_394_717,
    '10': 133_797_422,
    '11': 135_086_622,
    '12': 133_275_309,
    '13': 114_364_328,
    '14': 107_043_718,
    '15': 101_991_189,
    '16': 90_338_345,
    '17': 83_257_441,
    '18': 80_373_285,
    '19': 58_617_616,
    '20': 64_444_167,
    '21': 46_709_983,
    '22': 50_818_468,
    X: 156_040_895,
    Y: 57_227_415,
    MT: 16_569,
  },
};

/** Length in bp of a primary chromosome (canonical name, see normalizeContig) on an assembly; null if unknown. */
export function contigLength(assembly: Assembly, normalized: string): number | null {
  return Object.hasOwn(CONTIG_LENGTHS[assembly], normalized) ? CONTIG_LENGTHS[assembly][normalized] : null;
}
