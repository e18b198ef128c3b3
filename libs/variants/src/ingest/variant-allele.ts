/**
 * Classifies one ALT allele (after the multi-allelic split) and computes its 1-based inclusive end.
 *
 * variant_type values:
 *   SNP            REF and ALT one base each
 *   MNP            REF and ALT of equal length > 1
 *   INDEL          sequence REF/ALT of different lengths (insertions, deletions, complex indels)
 *   BND            breakends (`A[7:55289077[`, `]7:55286758]A`, single breakends `A.` / `.A`)
 *   DEL, INS, DUP, INV, CNV, ...  symbolic ALTs: the first field of the symbolic ID (`<DEL:ME:ALU>` -> DEL);
 *                  non-standard IDs are kept whole (`<CGA_CNVWIN>` -> CGA_CNVWIN)
 *   SPANNING_DEL   the `*` allele (overlapping deletion)
 * End: INFO/END for symbolic ALTs when present, else POS + |SVLEN| (symbolic), else POS + len(REF) - 1.
 */
export interface AlleleInfo {
  variantType: string;
  endPos: number;
}

const BASES = /^[ACGTN]+$/;
const SYMBOLIC = /^<([^<>]+)>$/;
const BREAKEND = /[[\]]|^\.[ACGTN]+$|^[ACGTN]+\.$/;

/** Positions are stored as PostgreSQL `integer`. */
export const MAX_POSITION = 2147483647;

export class AlleleError extends Error {}

export function isValidRef(ref: string): boolean {
  return BASES.test(ref);
}

function firstInt(v: unknown): number | undefined {
  const x = Array.isArray(v) ? (v as unknown[])[0] : v;
  if (typeof x === 'number' && Number.isFinite(x)) return Math.trunc(x);
  if (typeof x === 'string' && /^-?\d+$/.test(x)) return Number(x);
  return undefined;
}

export function classifyAllele(
  pos: number,
  ref: string,
  alt: string,
  info: Record<string, unknown>,
): AlleleInfo {
  const refEnd = pos + ref.length - 1;
  if (refEnd > MAX_POSITION) throw new AlleleError(`end ${refEnd} is beyond ${MAX_POSITION}`);
  if (BASES.test(alt)) {
    if (alt.length === ref.length) return { variantType: ref.length === 1 ? 'SNP' : 'MNP', endPos: refEnd };
    return { variantType: 'INDEL', endPos: refEnd };
  }
  if (alt === '*') return { variantType: 'SPANNING_DEL', endPos: refEnd };
  const sym = SYMBOLIC.exec(alt);
  if (sym) {
    const id = sym[1];
    const variantType = id.split(':')[0].toUpperCase();
    let endPos = refEnd;
    const end = firstInt(info.END);
    const svlen = firstInt(info.SVLEN);
    if (end !== undefined) endPos = end;
    else if (svlen !== undefined) endPos = pos + Math.abs(svlen);
    if (endPos < pos) throw new AlleleError(`INFO/END ${endPos} is before POS ${pos}`);
    if (endPos > MAX_POSITION) throw new AlleleError(`end ${endPos} is beyond ${MAX_POSITION}`);
    return { variantType, endPos: Math.max(endPos, refEnd) };
  }
  if (BREAKEND.test(alt)) return { variantType: 'BND', endPos: refEnd };
  throw new AlleleError('ALT is neither bases, a symbolic allele, a breakend nor "*"');
}
