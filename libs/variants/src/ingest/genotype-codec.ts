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

/** Per code (0..255): the counts one sample with that code adds (see `addCall`); zero for no call. */
const CODE_COUNTS: readonly AlleleCounts[] = Array.from({ length: 256 }, (_, code) => {
  const c = emptyCounts();
  addCall(c, copiesOf(code), calledOf(code));
  return c;
});
/** The codes `encodeAlt` can produce that count for something (called > 0): the histogram's only bins to read. */
const COUNTED_CODES: readonly number[] = Array.from({ length: 256 }, (_, code) => code).filter(
  (code) => (code & 0x80) === 0 && CODE_COUNTS[code].an > 0,
);
/** Allele slot of a ploidy the call does not have (distinct from -1, a missing allele `.`). */
const NO_ALLELE = -2;

/**
 * Parsed GTs of one VCF record, for all samples: per sample the code bits that do not depend on the ALT
 * (ploidy, missing count, phased) and the allele indexes (-1 = missing, -2 = no such slot) in a flat array of
 * MAX_PLOIDY slots per sample. `encodeAlt` then only counts the copies of one ALT and ORs them in.
 *
 * Hand-written rather than `@gmod/vcf`'s `SAMPLES()`/`GENOTYPES()`: those allocate an object or string per
 * sample; `processGenotypes` hands us offsets into the line and this parser reads the GT in place.
 */
export class RecordGenotypes {
  /** Per sample: `encodeGenotype(ploidy, 0, missing, phased)`; 0 (no call) until parsed. */
  private readonly callBits: Uint8Array;
  private readonly alleles: Int16Array;
  private readonly histogram = new Int32Array(256);
  /** `sampleCount + 1` bytes for `encodeAlt`'s output when it is consumed (sealed) before the next call. */
  readonly scratch: Uint8Array;

  constructor(readonly sampleCount: number) {
    this.scratch = new Uint8Array(sampleCount + 1);
    this.callBits = new Uint8Array(sampleCount);
    this.alleles = new Int16Array(sampleCount * MAX_PLOIDY).fill(NO_ALLELE);
  }

  reset(): void {
    this.callBits.fill(0);
    this.alleles.fill(NO_ALLELE);
  }

  /** Parses `str[start,end)` as the GT of sample `idx`; `altCount` bounds the allele indexes. */
  parse(str: string, start: number, end: number, idx: number, altCount: number): void {
    if (start === end) return; // no GT for this sample (FORMAT without GT, or trailing fields dropped)
    const base = idx * MAX_PLOIDY;
    if (end - start === 3) {
      // Fast path for the diploid call of single-digit alleles (`0|1`, `1/1`): nearly every GT of a cohort.
      const a = str.charCodeAt(start) - 48;
      const sep = str.charCodeAt(start + 1);
      const b = str.charCodeAt(start + 2) - 48;
      if (
        (sep === 124 /* | */ || sep === 47) /* / */ &&
        a >= 0 &&
        a <= 9 &&
        b >= 0 &&
        b <= 9 &&
        a <= altCount &&
        b <= altCount
      ) {
        this.alleles[base] = a;
        this.alleles[base + 1] = b;
        this.alleles[base + 2] = NO_ALLELE;
        this.callBits[idx] = sep === 124 ? 0x60 : 0x20; // encodeGenotype(2, 0, 0, phased)
        return;
      }
    }
    let ploidy = 0;
    let missing = 0;
    let phased = false;
    let i = start;
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
      if (sep === 124 /* | */) phased = true;
      else if (sep !== 47 /* / */) throw new GenotypeParseError(`bad GT for sample ${idx + 1}`);
      i++;
      if (i === end) throw new GenotypeParseError(`bad GT for sample ${idx + 1}`);
    }
    for (let k = ploidy; k < MAX_PLOIDY; k++) this.alleles[base + k] = NO_ALLELE;
    this.callBits[idx] = encodeGenotype(ploidy, 0, missing, phased);
  }

  /**
   * Parses the GT of every sample column of `str[from, to)` (the line after FORMAT, without its line end) and
   * returns how many sample columns the line has; columns past `sampleCount` are counted, not parsed.
   * `gtIndex` is GT's place among the FORMAT's `keyCount` keys (-1: no GT, every sample is no call).
   *
   * One pass over the line, in place of `@gmod/vcf`'s `processGenotypes` plus a count of the line's tabs:
   * the library's scan stops at the header's sample count and cannot tell a line with missing or extra
   * columns, so the ingest walked every line twice (a tab count first), and called back once per sample.
   * On the 10^5 x 2,500 synthetic file the two took ~80% of the ingest's parsing CPU. The GT rules are the
   * library's (GT alone: the whole column; GT first: up to the first `:`; GT later: after that many `:`,
   * or no call when the sample's fields stop before it); the call itself is parsed by `parse`, with the
   * common `a|b` / `a/b` of single-digit alleles read inline.
   */
  scanSamples(
    str: string,
    from: number,
    to: number,
    gtIndex: number,
    keyCount: number,
    altCount: number,
  ): number {
    const n = this.sampleCount;
    const al = this.alleles;
    const bits = this.callBits;
    let idx = 0;
    let pos = from;
    for (;;) {
      let end: number;
      if (idx >= n || gtIndex < 0) {
        const tab = str.indexOf('\t', pos);
        end = tab === -1 || tab >= to ? to : tab;
      } else if (gtIndex === 0) {
        let gtEnd = -1;
        if (pos + 3 <= to) {
          const term = pos + 3 === to ? 9 : str.charCodeAt(pos + 3);
          const sep = str.charCodeAt(pos + 1);
          const a = str.charCodeAt(pos) - 48;
          const b = str.charCodeAt(pos + 2) - 48;
          if (
            (term === 9 || (term === 58 && keyCount > 1)) &&
            (sep === 124 || sep === 47) &&
            a >= 0 &&
            a <= 9 &&
            b >= 0 &&
            b <= 9 &&
            a <= altCount &&
            b <= altCount
          ) {
            const base = idx * MAX_PLOIDY;
            al[base] = a;
            al[base + 1] = b;
            al[base + 2] = NO_ALLELE;
            bits[idx] = sep === 124 ? 0x60 : 0x20; // encodeGenotype(2, 0, 0, phased)
            gtEnd = pos + 3;
          }
        }
        if (gtEnd === -1) {
          gtEnd = pos;
          while (gtEnd < to) {
            const c = str.charCodeAt(gtEnd);
            if (c === 9 || (c === 58 && keyCount > 1)) break;
            gtEnd++;
          }
          this.parse(str, pos, gtEnd, idx, altCount);
        }
        if (gtEnd === to || str.charCodeAt(gtEnd) === 9) end = gtEnd;
        else {
          const tab = str.indexOf('\t', gtEnd);
          end = tab === -1 || tab >= to ? to : tab;
        }
      } else {
        let p = pos;
        let colons = 0;
        let fieldStart = pos;
        let gtStart = -1;
        let gtEnd = -1;
        while (p < to) {
          const c = str.charCodeAt(p);
          if (c === 9) break;
          if (c === 58 && gtStart === -1) {
            if (colons === gtIndex) {
              gtStart = fieldStart;
              gtEnd = p;
            } else {
              colons++;
              fieldStart = p + 1;
            }
          }
          p++;
        }
        if (gtStart === -1) {
          gtStart = colons === gtIndex ? fieldStart : p;
          gtEnd = p;
        }
        this.parse(str, gtStart, gtEnd, idx, altCount);
        end = p;
      }
      idx++;
      if (end >= to) return idx;
      pos = end + 1;
    }
  }

  /**
   * Encodes the genotypes for ALT number `alt` (1-based) into `out` (length sampleCount + 1) and returns the
   * allele counts for that ALT. Per sample one code and one histogram bin; the counts come from the
   * histogram (at most 32 bins can count), not from a classification per sample.
   */
  encodeAlt(alt: number, out: Uint8Array): AlleleCounts {
    out[0] = GENOTYPE_CODEC_VERSION;
    const n = this.sampleCount;
    const bits = this.callBits;
    const al = this.alleles;
    const hist = this.histogram;
    hist.fill(0);
    for (let s = 0, b = 0; s < n; s++, b += MAX_PLOIDY) {
      // Slots past the ploidy hold NO_ALLELE and a missing allele -1: neither equals an ALT number (>= 1).
      const code =
        bits[s] | ((al[b] === alt ? 1 : 0) + (al[b + 1] === alt ? 1 : 0) + (al[b + 2] === alt ? 1 : 0));
      out[s + 1] = code;
      hist[code]++;
    }
    const counts = emptyCounts();
    for (const code of COUNTED_CODES) {
      const k = hist[code];
      if (k === 0) continue;
      const c = CODE_COUNTS[code];
      counts.an += k * c.an;
      counts.ac += k * c.ac;
      counts.het += k * c.het;
      counts.homAlt += k * c.homAlt;
      counts.hemi += k * c.hemi;
    }
    return counts;
  }
}
