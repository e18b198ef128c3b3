/**
 * Functional annotations that annotation pipelines write into VCF INFO: Ensembl VEP `CSQ` and SnpEff `ANN`.
 * Both are lists (one entry per allele x transcript or feature) of `|`-separated sub-fields whose order the
 * header's Description declares:
 *
 *   VEP     ##INFO=<ID=CSQ,...,Description="Consequence annotations from Ensembl VEP. Format: Allele|Consequence|IMPACT|SYMBOL|Gene|...">
 *   SnpEff  ##INFO=<ID=ANN,...,Description="Functional annotations: 'Allele | Annotation | Annotation_Impact | Gene_Name | Gene_ID | ...' ">
 *
 * This module reads the declared order and splits a record's entries by ALT allele (the multi-allelic split
 * keeps each allele's own annotations), as aggregate, per-allele facts: gene symbol and id, SO consequence
 * terms, impact, transcript, HGVS c./p. Nothing here is per individual.
 */

export type AnnotationSource = 'VEP' | 'SnpEff';

/** One annotation of one ALT allele (one transcript or feature). */
export interface AlleleAnnotation {
  /** HGNC symbol (VEP SYMBOL, SnpEff Gene_Name); null for intergenic and regulatory features. */
  geneSymbol: string | null;
  /** Ensembl gene id or whatever the annotation names (VEP Gene, SnpEff Gene_ID). */
  geneId: string | null;
  /** Sequence Ontology consequence terms (`missense_variant`, `splice_region_variant`, ...). */
  consequences: string[];
  /** HIGH, MODERATE, LOW, MODIFIER. */
  impact: string | null;
  /** Transcript id when the feature is a transcript. */
  transcript: string | null;
  /** HGVS coding or non-coding change without the transcript prefix (`c.35G>A`, `n.711C>T`). */
  hgvsc: string | null;
  /** HGVS protein change without the protein prefix (`p.Gly12Asp`). */
  hgvsp: string | null;
}

/** The sub-field order of one annotation INFO key, read from its header Description. */
export interface AnnotationFormat {
  key: string;
  source: AnnotationSource;
  fields: readonly string[];
}

export class AnnotationFormatError extends Error {}

/**
 * The sub-field order declared by a CSQ (VEP) or ANN (SnpEff) INFO Description; null when the key is not
 * one of them. A Description that declares no order, or lacks the allele field, is an error: entries
 * could not be read.
 */
export function annotationFormat(key: string, description: string | undefined): AnnotationFormat | null {
  const source: AnnotationSource | null = key === 'CSQ' ? 'VEP' : key === 'ANN' ? 'SnpEff' : null;
  if (!source) return null;
  const text = description ?? '';
  const declared =
    source === 'VEP' ? /Format:\s*([^"]+)/.exec(text)?.[1] : /annotations:\s*'([^']+)'/.exec(text)?.[1];
  if (!declared)
    throw new AnnotationFormatError(`the ${key} INFO header declares no sub-field order in its Description`);
  const fields = declared.split('|').map((f) => f.trim());
  if (fields[0] !== 'Allele')
    throw new AnnotationFormatError(`the ${key} sub-fields must begin with Allele (found "${fields[0]}")`);
  return { key, source, fields };
}

/** The allele strings VEP writes for a record's ALTs: the first base is dropped when REF and every ALT share it. */
export function vepAlleles(ref: string, alts: readonly string[]): string[] {
  const bases = /^[ACGTN]+$/i;
  const shared =
    alts.length > 0 &&
    alts.every((a) => bases.test(a) && a[0] === ref[0]) &&
    bases.test(ref) &&
    // VEP trims only when lengths differ somewhere (a pure substitution keeps its bases).
    alts.some((a) => a.length !== ref.length);
  return alts.map((a) => (shared ? a.slice(1) || '-' : a));
}

const stripPrefix = (hgvs: string): string | null => {
  if (hgvs === '') return null;
  const i = hgvs.indexOf(':');
  return i >= 0 ? hgvs.slice(i + 1) : hgvs;
};

/**
 * Splits a record's annotation entries by ALT allele: `result[i]` holds the annotations of `alts[i]`.
 * VEP entries are matched by ALLELE_NUM when the format has it, else by VEP's allele string; SnpEff
 * entries by the ALT as written (entries for cancer pairs such as `A-C` and unknown alleles are skipped).
 * A value that is not an entry of the declared width is an error naming the field.
 */
export function annotationsByAllele(
  format: AnnotationFormat,
  entries: readonly string[],
  ref: string,
  alts: readonly string[],
): AlleleAnnotation[][] {
  const col = (name: string) => format.fields.indexOf(name);
  const vep = format.source === 'VEP';
  const iAllele = 0;
  const iAlleleNum = vep ? col('ALLELE_NUM') : -1;
  const iConsequence = col(vep ? 'Consequence' : 'Annotation');
  const iImpact = col(vep ? 'IMPACT' : 'Annotation_Impact');
  const iSymbol = col(vep ? 'SYMBOL' : 'Gene_Name');
  const iGene = col(vep ? 'Gene' : 'Gene_ID');
  const iFeatureType = col(vep ? 'Feature_type' : 'Feature_Type');
  const iFeature = col(vep ? 'Feature' : 'Feature_ID');
  const iHgvsc = col(vep ? 'HGVSc' : 'HGVS.c');
  const iHgvsp = col(vep ? 'HGVSp' : 'HGVS.p');
  const alleleNames = vep ? vepAlleles(ref, alts) : [...alts];
  const out: AlleleAnnotation[][] = alts.map(() => []);
  for (const entry of entries) {
    if (entry === '' || entry === '.') continue;
    const f = entry.split('|');
    if (f.length < format.fields.length - 1 || f.length > format.fields.length)
      throw new AnnotationFormatError(
        `${format.key} entry has ${f.length} sub-fields; the header declares ${format.fields.length}`,
      );
    const at = (i: number) => (i >= 0 && i < f.length && f[i] !== '' ? f[i].trim() : null);
    let allele = -1;
    const num = at(iAlleleNum);
    if (num !== null && /^\d+$/.test(num)) allele = Number(num) - 1;
    else allele = alleleNames.indexOf(f[iAllele].trim());
    if (allele < 0 || allele >= alts.length) continue;
    const featureType = (at(iFeatureType) ?? '').toLowerCase();
    const intergenic = featureType === 'intergenic_region' || featureType === 'regulatoryfeature';
    out[allele].push({
      geneSymbol: intergenic ? null : at(iSymbol),
      geneId: intergenic ? null : at(iGene),
      consequences: (at(iConsequence) ?? '').split('&').filter((c) => c !== ''),
      impact: at(iImpact),
      transcript: featureType === 'transcript' ? at(iFeature) : null,
      hgvsc: stripPrefix(at(iHgvsc) ?? ''),
      hgvsp: stripPrefix(at(iHgvsp) ?? ''),
    });
  }
  return out;
}
