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
