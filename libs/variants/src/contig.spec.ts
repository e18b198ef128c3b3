import { ASSEMBLIES } from './dataset.entity';
import { contigLength, isPrimaryContig, normalizeContig } from './contig';

describe('contigs', () => {
  it('knows the length of every primary-assembly chromosome of both assemblies', () => {
    const primary = [...Array.from({ length: 22 }, (_, i) => String(i + 1)), 'X', 'Y', 'MT'];
    for (const assembly of ASSEMBLIES)
      for (const chrom of primary) {
        expect(isPrimaryContig(chrom)).toBe(true);
        expect(contigLength(assembly, chrom)).toBeGreaterThan(16_000);
      }
  });

  it('gives the GRC lengths (spot checks against the assembly reports)', () => {
    expect(contigLength('GRCh37', '1')).toBe(249_250_621);
    expect(contigLength('GRCh38', '1')).toBe(248_956_422);
    expect(contigLength('GRCh37', '20')).toBe(63_025_520);
    expect(contigLength('GRCh38', '20')).toBe(64_444_167);
    expect(contigLength('GRCh37', 'X')).toBe(155_270_560);
    expect(contigLength('GRCh38', 'Y')).toBe(57_227_415);
    // The rCRS mitochondrion (NC_012920.1) in both.
    expect(contigLength('GRCh37', 'MT')).toBe(16_569);
    expect(contigLength('GRCh38', 'MT')).toBe(16_569);
  });

  it('answers null for contigs it has no length for, and takes normalised names only', () => {
    expect(contigLength('GRCh38', 'GL000192.1')).toBeNull();
    expect(contigLength('GRCh38', 'chr20')).toBeNull();
    expect(contigLength('GRCh38', normalizeContig('chr20'))).toBe(64_444_167);
  });
});
