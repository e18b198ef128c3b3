import { classifyAllele } from './ingest/variant-allele';
import { variantClassOf, variantLengthOf } from './variant-class';

/** The class and length of an allele as ingest stores it (classifyAllele) and the beacon then reads it. */
function stored(pos: number, ref: string, alt: string, info: Record<string, unknown> = {}) {
  const { variantType, endPos } = classifyAllele(pos, ref, alt, info);
  const v = { variantType, ref, alt, pos, endPos };
  return [variantClassOf(v), variantLengthOf(v)];
}

describe('variant classes and lengths (what variantType / variantMinLength / variantMaxLength select)', () => {
  it('classes sequence alleles by their REF/ALT lengths', () => {
    expect(stored(100, 'A', 'G')).toEqual(['SNP', 1]);
    expect(stored(100, 'AC', 'GT')).toEqual(['MNP', 2]);
    expect(stored(100, 'ACGT', 'A')).toEqual(['INDEL:DEL', 3]);
    expect(stored(100, 'A', 'ATTT')).toEqual(['INDEL:INS', 3]);
    // A complex indel that shortens the sequence is a deletion of the bases it loses.
    expect(stored(100, 'ACG', 'T')).toEqual(['INDEL:DEL', 2]);
  });

  it('keeps symbolic types, with END - POS (or |SVLEN|) as the length', () => {
    expect(stored(1000, 'N', '<DEL>', { END: 1500 })).toEqual(['DEL', 500]);
    expect(stored(1000, 'N', '<DUP:TANDEM>', { SVLEN: [300] })).toEqual(['DUP', 300]);
    expect(stored(1000, 'N', '<INS>', { SVLEN: 120 })).toEqual(['INS', 120]);
    expect(stored(1000, 'N', '<INS>')).toEqual(['INS', 0]);
    expect(stored(1000, 'A', 'A[7:55289077[')).toEqual(['BND', 0]);
  });
});
