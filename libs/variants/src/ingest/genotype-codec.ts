/**
 * Compact per-variant-row genotype encoding (plaintext before encryption; it never leaves the process
 * unencrypted). One variant row = one ALT allele after the multi-allelic split (`bcftools norm -m-`).
 *
 * Layout: byte 0 = codec version (1), then one byte per individual, in the dataset's individual order:
 *   bits 0-1  copies of THIS ALT allele (0..3)
 *   bits 2-3  missing alleles in the call (`.`), 0..3 — `./.` = 2, a half-call `1/.` = 1
 *   bits 4-5  ploidy (0 = no GT for this sample, 1 = haploid, 2 = diploid, 3 = triploid)
 *   bit  6    phased (`|`)
 *   bit  7    reserved (0)
 * Alleles that are neither this ALT nor missing are the REF or another ALT; after the split both read as
 * REF, exactly as `bcftools norm -m-` rewrites them. Called alleles = ploidy - missing.
 */
export const GENOTYPE_CODEC_VERSION = 1;
export const MAX_PLOIDY = 3;

export interface DecodedGenotype {
  ploidy: number;
  copies: number;
  missing: number;
  phased: boolean;
}

/** The code of a sample without a call (ploidy 0): what a withdrawn participant's calls become. */
export const NO_CALL = 0;

/** The one place that writes the bit layout above. */
export function encodeGenotype(ploidy: number, copies: number, missing: number, phased: boolean): number {
  return (copies & 3) | ((missing & 3) << 2) | ((ploidy & 3) << 4) | (phased ? 0x40 : 0);
}

/** Copies of the row's ALT allele in a code (bits 0-1). */
export function copiesOf(code: number): number {
  return code & 3;
}

/** Called alleles in a code: ploidy (bits 4-5) minus missing (bits 2-3); 0 or less for no call. */
export function calledOf(code: number): number {
  return ((code >> 4) & 3) - ((code >> 2) & 3);
}

export function decodeGenotype(code: number): DecodedGenotype {
  return {
    copies: copiesOf(code),
    missing: (code >> 2) & 3,
    ploidy: (code >> 4) & 3,
    phased: (code & 0x40) !== 0,
  };
}

/** Decodes a whole (decrypted) genotypes column. */
export function decodeGenotypes(buf: Uint8Array): DecodedGenotype[] {
  if (buf.length === 0 || buf[0] !== GENOTYPE_CODEC_VERSION) {
    throw new Error('unsupported genotype codec version');
  }
  const out: DecodedGenotype[] = new Array<DecodedGenotype>(buf.length - 1);
  for (let i = 1; i < buf.length; i++) out[i - 1] = decodeGenotype(buf[i]);
  return out;
}

/** The per-individual codes of an opened genotype vector (a view, no copy), after checking its version. */
export function genotypeCodes(buf: Uint8Array): Uint8Array {
  if (buf.length === 0 || buf[0] !== GENOTYPE_CODEC_VERSION) {
    throw new Error('unsupported genotype codec version');
  }
  return buf.subarray(1);
}

const CARRIER_CALLS: readonly (string | null)[] = Array.from({ length: 256 }, (_, code) =>
  copiesOf(code) > 0 ? genotypeToString(decodeGenotype(code)) : null,
);

/**
 * A code's call as `genotypeToString` renders it when the individual carries the row's ALT, else null: one
 * table lookup per individual for the record path, which would otherwise decode an object and build a
 * string for each of a row's thousands of calls.
 */
export function carrierCallOf(code: number): string | null {
  return CARRIER_CALLS[code & 0xff];
}

/** Renders a decoded call the way the split VCF would show it (`0|1`, `1/.`, `.`), for tests and tools. */
export function genotypeToString(g: DecodedGenotype): string {
  if (g.ploidy === 0) return '.';
  const alleles: string[] = [];
  for (let i = 0; i < g.copies; i++) alleles.push('1');
  for (let i = g.copies; i < g.ploidy - g.missing; i++) alleles.unshift('0');
  for (let i = 0; i < g.missing; i++) alleles.push('.');
  return alleles.join(g.phased ? '|' : '/');
}

/** Per-ALT counts computed from the genotypes; they match `bcftools +fill-tags -t AC,AN,AC_Het,AC_Hom,AC_Hemi`. */
export interface AlleleCounts {
  /** called alleles (AN) */
  an: number;
  /** copies of this ALT (AC) */
  ac: number;
  /** carriers with >= 2 called alleles and some but not all of them this ALT (AC_Het counts exactly these) */
  het: number;
  /** carriers with >= 2 called alleles, all of them this ALT (AC_Hom = 2 x hom_alt for diploids) */
  homAlt: number;
  /** carriers with exactly one called allele, being this ALT: haploid calls and half-calls `1/.` (AC_Hemi) */
  hemi: number;
}

/**
 * The one classification of a carrier (copies > 0) by its called alleles, as `bcftools +fill-tags` counts
 * them: one called allele being this ALT is hemizygous (haploid calls, half-calls `1/.`); two or more, all
 * this ALT, homozygous; otherwise heterozygous. Null for a sample that does not carry the ALT.
 */
export function zygosityOf(copies: number, called: number): 'het' | 'homAlt' | 'hemi' | null {
  if (copies <= 0 || called <= 0) return null;
  if (called === 1) return 'hemi';
  return copies === called ? 'homAlt' : 'het';
}

/** Empty counts, to which `addCall` adds one sample at a time. */
export function emptyCounts(): AlleleCounts {
  return { an: 0, ac: 0, het: 0, homAlt: 0, hemi: 0 };
}

/** Adds one sample's call (copies of the ALT, called alleles) to `counts`. */
export function addCall(counts: AlleleCounts, copies: number, called: number): void {
  if (called <= 0) return;
  counts.an += called;
  counts.ac += copies;
  const z = zygosityOf(copies, called);
  if (z !== null) counts[z]++;
}

/** Per-ALT counts of a whole (decrypted) genotypes column: the same counts as the ingest's `encodeAlt`. */
export function countsFromCodes(codes: Uint8Array): AlleleCounts {
  const counts = emptyCounts();
  for (let i = 1; i < codes.length; i++) addCall(counts, copiesOf(codes[i]), calledOf(codes[i]));
  return counts;
}

/** Error raised for one bad GT; the ingest turns it into `file:line: ...`. */
export class GenotypeParseError extends Error {}

/**
 * Parsed GTs of one VCF record, for all samples: per sample ploidy, missing count, phased flag and the
 * allele indexes (-1 = missing) in a flat array of MAX_PLOIDY slots per sample.
 *
 * Hand-written rather than `@gmod/vcf`'s `SAMPLES()`/`GENOTYPES()`: those allocate an object or string per
 * sample; `processGenotypes` hands us offsets into the line and this parser reads the GT in place.
 */
export class RecordGenotypes {
  readonly ploidy: Uint8Array;
  readonly missing: Uint8Array;
  readonly phased: Uint8Array;
  readonly alleles: Int16Array;

  constructor(readonly sampleCount: number) {
    this.ploidy = new Uint8Array(sampleCount);
    this.missing = new Uint8Array(sampleCount);
    this.phased = new Uint8Array(sampleCount);
    this.alleles = new Int16Array(sampleCount * MAX_PLOIDY);
  }

  reset(): void {
    this.ploidy.fill(0);
    this.missing.fill(0);
    this.phased.fill(0);
  }

  /** Parses `str[start,end)` as the GT of sample `idx`; `altCount` bounds the allele indexes. */
  parse(str: string, start: number, end: number, idx: number, altCount: number): void {
    if (start === end) return; // no GT for this sample (FORMAT without GT, or trailing fields dropped)
    let ploidy = 0;
    let missing = 0;
    let phased = 0;
    let i = start;
    const base = idx * MAX_PLOIDY;
    for (;;) {
      if (ploidy === MAX_PLOIDY) throw new GenotypeParseError(`ploidy above ${MAX_PLOIDY} is not supported`);
      const c = str.charCodeAt(i);
      let allele: number;
      if (c === 46 /* . */) {
        allele = -1;
        missing++;
        i++;
      } else if (c >= 48 && c <= 57) {
        allele = 0;
        while (i < end) {
          const d = str.charCodeAt(i);
          if (d < 48 || d > 57) break;
          allele = allele * 10 + (d - 48);
          i++;
        }
        if (allele > altCount) {
          throw new GenotypeParseError(`GT allele ${allele} but the record has ${altCount} ALT allele(s)`);
        }
      } else {
        throw new GenotypeParseError(`bad GT for sample ${idx + 1}`);
      }
      this.alleles[base + ploidy] = allele;
      ploidy++;
      if (i === end) break;
      const sep = str.charCodeAt(i);
      if (sep === 124 /* | */) phased = 1;
      else if (sep !== 47 /* / */) throw new GenotypeParseError(`bad GT for sample ${idx + 1}`);
      i++;
      if (i === end) throw new GenotypeParseError(`bad GT for sample ${idx + 1}`);
    }
    this.ploidy[idx] = ploidy;
    this.missing[idx] = missing;
    this.phased[idx] = phased;
  }

  /**
   * Encodes the genotypes for ALT number `alt` (1-based) into `out` (length sampleCount + 1) and returns the
   * allele counts for that ALT.
   */
  encodeAlt(alt: number, out: Uint8Array): AlleleCounts {
    out[0] = GENOTYPE_CODEC_VERSION;
    const counts = emptyCounts();
    const n = this.sampleCount;
    for (let s = 0; s < n; s++) {
      const ploidy = this.ploidy[s];
      const missing = this.missing[s];
      let copies = 0;
      const base = s * MAX_PLOIDY;
      for (let k = 0; k < ploidy; k++) if (this.alleles[base + k] === alt) copies++;
      addCall(counts, copies, ploidy - missing);
      out[s + 1] = encodeGenotype(ploidy, copies, missing, this.phased[s] === 1);
    }
    return counts;
  }
}
