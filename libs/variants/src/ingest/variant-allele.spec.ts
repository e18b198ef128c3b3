import { AlleleError, classifyAllele, isValidRef } from './variant-allele';

describe('classifyAllele', () => {
  it.each([
    [100, 'A', 'G', {}, 'SNP', 100],
    [100, 'AC', 'GT', {}, 'MNP', 101],
    [100, 'TG', 'T', {}, 'INDEL', 101],
    [100, 'T', 'TGG', {}, 'INDEL', 100],
    [100, 'A', '*', {}, 'SPANNING_DEL', 100],
    [100, 'A', '<DEL>', { END: [250] }, 'DEL', 250],
    [100, 'A', '<DEL:ME:ALU>', { SVLEN: [-300] }, 'DEL', 400],
    [100, 'A', '<CNV>', {}, 'CNV', 100],
    [100, 'A', '<CGA_CNVWIN>', { CGA_WINEND: [2000] }, 'CGA_CNVWIN', 100],
    [100, 'A', 'A[7:55289077[', {}, 'BND', 100],
    [100, 'A', ']7:55286758]A', {}, 'BND', 100],
    [100, 'A', 'A.', {}, 'BND', 100],
  ])('%i %s>%s', (pos, ref, alt, info, type, end) => {
    expect(classifyAllele(pos, ref, alt, info)).toEqual({ variantType: type, endPos: end });
  });

  it('rejects what is not an allele and an END before POS', () => {
    expect(() => classifyAllele(100, 'A', 'A?C', {})).toThrow(AlleleError);
    expect(() => classifyAllele(100, 'A', '<DEL>', { END: [50] })).toThrow('before POS');
    expect(() => classifyAllele(100, 'A', '<DEL>', { END: [3e9] })).toThrow('beyond');
  });

  it('accepts only A, C, G, T, N in REF', () => {
    expect(isValidRef('ACGTN')).toBe(true);
    expect(isValidRef('AXG')).toBe(false);
    expect(isValidRef('')).toBe(false);
  });
});
