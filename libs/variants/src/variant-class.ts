/**
 * Beacon variant classes and lengths of stored variants, computed at query time from what ingest stores
 * (`variant_type`, `ref`, `alt`, `pos`, `end_pos`; see ingest/variant-allele.ts). The SQL fragments here are
 * shared by every query that filters variants (the beacon's match and the panel's pricing window), so that
 * both select exactly the same alleles; the TypeScript functions are their executable specification.
 *
 * Class: the stored type, except that a sequence indel (`INDEL`: REF and ALT of different lengths) is
 * `INDEL:DEL` when REF is longer (a deletion, also a complex one that shortens the sequence) and
 * `INDEL:INS` when ALT is longer. Symbolic alleles keep their type (`DEL`, `DUP`, `INS`, `CNV`, ...).
 *
 * Length (Beacon `variantMinLength`/`variantMaxLength`, "length in bases of a genomic variant"): SNP 1, MNP
 * its length, a sequence indel the number of bases inserted or deleted (|len(ALT) - len(REF)|), anything
 * else (symbolic, breakends) `end_pos - pos` — for `<DEL>`/`<DUP>`/`<INV>`/`<CNV>` the affected bases after
 * the anchor (INFO/END - POS), for `<INS>` its |SVLEN| when the VCF gives it (ingest stores POS + |SVLEN| as
 * the end), else 0.
 */

/** The class of a stored variant as the SQL below computes it. */
export function variantClassOf(v: { variantType: string; ref: string; alt: string }): string {
  if (v.variantType !== 'INDEL') return v.variantType;
  return v.ref.length > v.alt.length ? 'INDEL:DEL' : 'INDEL:INS';
}

/** The length of a stored variant as the SQL below computes it. */
export function variantLengthOf(v: {
  variantType: string;
  ref: string;
  alt: string;
  pos: number;
  endPos: number;
}): number {
  if (v.variantType === 'SNP' || v.variantType === 'MNP') return v.ref.length;
  if (v.variantType === 'INDEL') return Math.abs(v.alt.length - v.ref.length);
  return v.endPos - v.pos;
}

/** SQL: the class of the row with columns `<t>variant_type`, `<t>ref`, `<t>alt` (t: a table alias and dot, or ''). */
export function variantClassSql(t = ''): string {
  return `(CASE WHEN ${t}variant_type = 'INDEL' THEN CASE WHEN length(${t}ref) > length(${t}alt) THEN 'INDEL:DEL' ELSE 'INDEL:INS' END ELSE ${t}variant_type END)`;
}

/** SQL: the length of the row (columns `variant_type`, `ref`, `alt`, `pos`, `end_pos`). */
export function variantLengthSql(t = ''): string {
  return `(CASE WHEN ${t}variant_type IN ('SNP', 'MNP') THEN length(${t}ref) WHEN ${t}variant_type = 'INDEL' THEN abs(length(${t}alt) - length(${t}ref)) ELSE ${t}end_pos - ${t}pos END)`;
}

/**
 * SQL condition: the row's class is one of `$classes` (text[], NULL: any) and its length within
 * [`$min`, `$max`] (int, each NULL: unbounded). Parameters are given by number (`$5`).
 */
export function variantFilterSql(t: string, classes: string, min: string, max: string): string {
  return `(${classes}::text[] IS NULL OR ${variantClassSql(t)} = ANY(${classes}::text[]))
    AND (${min}::int IS NULL OR ${variantLengthSql(t)} >= ${min}::int)
    AND (${max}::int IS NULL OR ${variantLengthSql(t)} <= ${max}::int)`;
}
