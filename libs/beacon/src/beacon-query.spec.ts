import { DomainError } from '@helixgate/common';
import {
  BEACON_QUERY_FIELDS,
  alleleMatches,
  engineQueryOf,
  parseEngineQuery,
  overlapsWindow,
  parseAssembly,
  parseReferenceName,
  parseVariantType,
  validateBeaconQuery,
  type BeaconQueryRequest,
  type RangeQuery,
  type SequenceQuery,
} from './beacon-query';

const limits = { maxRangeBp: 1_000, maxAlleleLength: 10 };
const seq = (over: Partial<BeaconQueryRequest> = {}): BeaconQueryRequest => ({
  assemblyId: 'GRCh37',
  referenceName: '20',
  start: 60342,
  referenceBases: 'T',
  alternateBases: 'C',
  requestedGranularity: 'COUNT',
  ...over,
});
const range = (over: Partial<BeaconQueryRequest> = {}): BeaconQueryRequest => ({
  assemblyId: 'GRCh37',
  referenceName: '20',
  start: 100,
  end: 200,
  requestedGranularity: 'COUNT',
  ...over,
});

function codeOf(fn: () => unknown): string | undefined {
  try {
    fn();
  } catch (err) {
    if (err instanceof DomainError) return err.code;
    throw err;
  }
  return undefined;
}

describe('Beacon v2 conformance of the query', () => {
  it('reads bracket intervals as half-open: the precise-match idiom selects one position, not a neighbour', () => {
    // start = [p, p + 1], end = [p + 1, p + 2]: the SNV at 0-based p (POS p + 1, last base p + 1) only.
    const q = validateBeaconQuery(range({ start: 99, startMax: 100, end: 100, endMax: 101 }), limits);
    expect(q).toMatchObject({ kind: 'bracket', posMin: 100, posMax: 100, endMin: 100, endMax: 100 });
    expect(codeOf(() => validateBeaconQuery(range({ startMax: 100, endMax: 300 }), limits))).toBe(
      'INVALID_COORDINATES',
    );
  });

  it('takes a sequence query without referenceBases (any reference at the site), not without alternateBases', () => {
    const q = validateBeaconQuery(seq({ referenceBases: null }), limits) as SequenceQuery;
    expect(q).toMatchObject({ kind: 'sequence', refPattern: null, altPattern: 'C' });
    expect(codeOf(() => validateBeaconQuery(seq({ alternateBases: null }), limits))).toBe('INVALID_BASES');
  });

  it('refuses a RefSeq accession of the other assembly, and takes those of its own and the shared MT', () => {
    const err = (name: string, assemblyId: string) => {
      try {
        validateBeaconQuery(seq({ referenceName: name, assemblyId, start: 100 }), limits);
        return null;
      } catch (e) {
        return e as DomainError;
      }
    };
    expect(err('NC_000022.10', 'GRCh38')?.code).toBe('INVALID_REFERENCE_NAME');
    expect(err('NC_000022.10', 'GRCh38')?.message).toContain('of GRCh37, not of GRCh38');
    expect(err('refseq:NC_000022.11', 'GRCh37')?.code).toBe('INVALID_REFERENCE_NAME');
    expect(err('NC_000022.11', 'GRCh38')).toBeNull();
    expect(err('NC_000022.10', 'hg19')).toBeNull();
    expect(err('NC_012920.1', 'GRCh38')).toBeNull();
    expect(err('chr22', 'GRCh38')).toBeNull();
  });
});

describe('the engine query as one type', () => {
  it('engineQueryOf keeps every field (absent ones as null) and nothing else', () => {
    const q = engineQueryOf({ ...range({ startMax: 150, endMax: 250 }), extra: 1 } as BeaconQueryRequest);
    expect(Object.keys(q)).toEqual(Object.keys(BEACON_QUERY_FIELDS));
    expect(q).toMatchObject({ start: 100, startMax: 150, end: 200, endMax: 250, referenceBases: null });
  });

  it('parseEngineQuery round-trips JSON and refuses an unknown field rather than dropping it', () => {
    const q = engineQueryOf(range({ startMax: 150, endMax: 250, datasetIds: ['d'] }));
    expect(parseEngineQuery(JSON.parse(JSON.stringify(q)))).toEqual(q);
    expect(codeOf(() => parseEngineQuery({ ...q, geneIdFromTheFuture: 'BRCA2' }))).toBe('BAD_REQUEST');
    expect(codeOf(() => parseEngineQuery({ ...q, start: '100' }))).toBe('BAD_REQUEST');
    expect(codeOf(() => parseEngineQuery({ ...q, requestedGranularity: null }))).toBe('BAD_REQUEST');
    expect(codeOf(() => parseEngineQuery([q]))).toBe('BAD_REQUEST');
  });
});

describe('Beacon query validation', () => {
  it('turns a sequence query 0-based start into the VCF POS (start + 1)', () => {
    const q = validateBeaconQuery(seq(), limits) as SequenceQuery;
    expect(q).toMatchObject({
      kind: 'sequence',
      chrom: '20',
      pos: 60343,
      refPattern: 'T',
      altPattern: 'C',
    });
  });

  it('turns a range [start, end) into the 1-based inclusive window [start + 1, end]', () => {
    const q = validateBeaconQuery(range({ start: 0, end: 1 }), limits) as RangeQuery;
    expect(q).toMatchObject({ kind: 'range', first: 1, last: 1 });
  });

  it('accepts chr20, 20 and RefSeq accessions of both assemblies as the same contig', () => {
    for (const name of ['chr20', '20', 'NC_000020.10', 'NC_000020.11', 'CHR20'])
      expect(parseReferenceName(name)).toBe('20');
    expect(parseReferenceName('chrM')).toBe('MT');
    expect(parseReferenceName('chrX')).toBe('X');
  });

  it('rejects contig names no assembly has', () => {
    for (const name of ['chr99', '0', '', 'chr 1', "1'; drop table variant;--", 'NC_000099.1'])
      expect(codeOf(() => parseReferenceName(name))).toBe('INVALID_REFERENCE_NAME');
  });

  it('accepts GRCh37/GRCh38, patch names and UCSC aliases; refuses anything else', () => {
    expect(parseAssembly('GRCh38.p14')).toBe('GRCh38');
    expect(parseAssembly('hg19')).toBe('GRCh37');
    expect(parseAssembly('grch37')).toBe('GRCh37');
    for (const bad of ['GRCh36', 'hg18', 'T2T-CHM13', ''])
      expect(codeOf(() => parseAssembly(bad))).toBe('INVALID_ASSEMBLY');
  });

  it('refuses negative, fractional and reversed or empty coordinates', () => {
    expect(codeOf(() => validateBeaconQuery(seq({ start: -1 }), limits))).toBe('INVALID_COORDINATES');
    expect(codeOf(() => validateBeaconQuery(seq({ start: 1.5 }), limits))).toBe('INVALID_COORDINATES');
    expect(codeOf(() => validateBeaconQuery(range({ end: -5 }), limits))).toBe('INVALID_COORDINATES');
    expect(codeOf(() => validateBeaconQuery(range({ start: 200, end: 100 }), limits))).toBe(
      'INVALID_COORDINATES',
    );
    expect(codeOf(() => validateBeaconQuery(range({ start: 100, end: 100 }), limits))).toBe(
      'INVALID_COORDINATES',
    );
  });

  it('refuses a range wider than the configured maximum, accepts one exactly at it', () => {
    expect(codeOf(() => validateBeaconQuery(range({ start: 0, end: 1_001 }), limits))).toBe('RANGE_TOO_WIDE');
    expect(validateBeaconQuery(range({ start: 0, end: 1_000 }), limits).kind).toBe('range');
  });

  it('refuses bases outside ACGTN and a sequence query without bases', () => {
    expect(codeOf(() => validateBeaconQuery(seq({ referenceBases: 'X' }), limits))).toBe('INVALID_BASES');
    expect(codeOf(() => validateBeaconQuery(seq({ alternateBases: '<DEL>' }), limits))).toBe('INVALID_BASES');
    expect(codeOf(() => validateBeaconQuery(seq({ alternateBases: 'A%' }), limits))).toBe('INVALID_BASES');
    expect(codeOf(() => validateBeaconQuery(seq({ alternateBases: null }), limits))).toBe('INVALID_BASES');
    expect(
      codeOf(() => validateBeaconQuery(seq({ referenceBases: null, alternateBases: null }), limits)),
    ).toBe('INVALID_BASES');
    expect(codeOf(() => validateBeaconQuery(range({ alternateBases: 'AZ' }), limits))).toBe('INVALID_BASES');
  });

  it('maps N to a one-base wildcard that never matches symbolic alleles, and upper-cases bases', () => {
    const q = validateBeaconQuery(
      seq({ referenceBases: 'aNNt', alternateBases: 'n' }),
      limits,
    ) as SequenceQuery;
    expect(q.refPattern).toBe('A__T');
    expect(q.altPattern).toBe('_');
    for (const allele of ['A', 'N']) expect(alleleMatches(q.altPattern, allele)).toBe(true);
    for (const allele of ['*', '<', 'AC', '.', '']) expect(alleleMatches(q.altPattern, allele)).toBe(false);
    expect(alleleMatches(q.refPattern!, 'ACGT')).toBe(true);
    expect(alleleMatches(q.refPattern!, 'CCGT')).toBe(false);
    // A symbolic allele of the same length as the pattern is still no match.
    expect(alleleMatches('_____', '<DEL>')).toBe(false);
  });

  it('refuses coordinates past the end of the contig on the query assembly, naming its length', () => {
    // chromosome 20: 63,025,520 bp on GRCh37, 64,444,167 bp on GRCh38.
    const err = (r: BeaconQueryRequest) => {
      try {
        validateBeaconQuery(r, limits);
      } catch (e) {
        return e as DomainError;
      }
      return undefined;
    };
    expect(validateBeaconQuery(seq({ start: 63_025_519 }), limits).kind).toBe('sequence');
    const past = err(seq({ start: 63_025_520 }));
    expect(past?.code).toBe('INVALID_COORDINATES');
    expect(past?.message).toBe('start 63025520 is past the end of chromosome 20 on GRCh37 (63025520 bp)');
    expect(err(seq({ start: 2_147_483_647 }))?.code).toBe('INVALID_COORDINATES');
    expect(validateBeaconQuery(seq({ assemblyId: 'GRCh38', start: 64_000_000 }), limits).kind).toBe(
      'sequence',
    );
    expect(err(range({ start: 63_025_000, end: 63_025_521 }))?.message).toContain('end 63025521');
    expect(validateBeaconQuery(range({ start: 63_025_000, end: 63_025_520 }), limits).kind).toBe('range');
    expect(err(seq({ referenceName: 'MT', start: 16_569 }))?.code).toBe('INVALID_COORDINATES');
    expect(
      err(
        range({
          start: 155_270_000,
          startMax: 155_270_100,
          end: 155_270_200,
          endMax: 155_270_561,
          referenceName: 'X',
        }),
      )?.message,
    ).toContain('endMax 155270561');
  });

  it('refuses coordinates beyond a 32-bit position on contigs of unknown length', () => {
    const q = { referenceName: 'GL000192.1' };
    expect(validateBeaconQuery(seq({ ...q, start: 2_147_483_646 }), limits).kind).toBe('sequence');
    expect(codeOf(() => validateBeaconQuery(seq({ ...q, start: 2_147_483_647 }), limits))).toBe(
      'INVALID_COORDINATES',
    );
    expect(
      codeOf(() => validateBeaconQuery(range({ ...q, start: 2_147_483_000, end: 2_147_483_648 }), limits)),
    ).toBe('INVALID_COORDINATES');
  });

  it('refuses alleles longer than the configured maximum before building a pattern', () => {
    expect(validateBeaconQuery(seq({ referenceBases: 'N'.repeat(10) }), limits).kind).toBe('sequence');
    let error: DomainError | undefined;
    try {
      validateBeaconQuery(seq({ alternateBases: 'N'.repeat(45_000) }), limits);
    } catch (e) {
      error = e as DomainError;
    }
    expect(error?.code).toBe('ALLELE_TOO_LONG');
    expect(error?.message).toBe(
      'alternateBases is 45000 bases long; at most 10 are accepted (HELIXGATE_MAX_ALLELE_LENGTH)',
    );
    expect(codeOf(() => validateBeaconQuery(range({ referenceBases: 'A'.repeat(11) }), limits))).toBe(
      'ALLELE_TOO_LONG',
    );
  });

  it('checks variantType: known types, SV subtypes as their base type, range queries only', () => {
    // A small indel is stored as INDEL and classed by its REF/ALT lengths (libs/variants variant-class.ts).
    expect(parseVariantType('indel')).toEqual(['INDEL:DEL', 'INDEL:INS']);
    expect(parseVariantType('DEL')).toEqual(['DEL', 'INDEL:DEL']);
    expect(parseVariantType('ins')).toEqual(['INS', 'INDEL:INS']);
    expect(parseVariantType('DEL:ME:ALU')).toEqual(['DEL']);
    expect(parseVariantType('DUP:TANDEM')).toEqual(['DUP']);
    expect(parseVariantType('BND')).toEqual(['BND']);
    expect(codeOf(() => parseVariantType('FOO'))).toBe('INVALID_VARIANT_TYPE');
    expect(codeOf(() => validateBeaconQuery(seq({ variantType: 'SNP' }), limits))).toBe(
      'INVALID_VARIANT_TYPE',
    );
    const q = validateBeaconQuery(range({ variantType: 'SNP' }), limits) as RangeQuery;
    expect(q.variantTypes).toEqual(['SNP']);
  });

  it('reads the SO and EFO terms for variant types (a copy-number term selects symbolic alleles only)', () => {
    expect(parseVariantType('SO:0001483')).toEqual(['SNP']);
    expect(parseVariantType('so:0000159')).toEqual(['DEL', 'INDEL:DEL']);
    expect(parseVariantType('SO:0000667')).toEqual(['INS', 'INDEL:INS']);
    expect(parseVariantType('SO:0002007')).toEqual(['MNP']);
    expect(parseVariantType('EFO:0030067')).toEqual(['DEL']);
    expect(parseVariantType('EFO:0030070')).toEqual(['DUP']);
    expect(parseVariantType('EFO:0030066')).toEqual(['CNV', 'DEL', 'DUP']);
    expect(codeOf(() => parseVariantType('SO:9999999'))).toBe('INVALID_VARIANT_TYPE');
  });

  it('checks variantMinLength / variantMaxLength: range and bracket queries, ordered, in bounds', () => {
    const q = validateBeaconQuery(range({ variantMinLength: 2, variantMaxLength: 50 }), limits) as RangeQuery;
    expect([q.minLength, q.maxLength]).toEqual([2, 50]);
    expect((validateBeaconQuery(range(), limits) as RangeQuery).minLength).toBeNull();
    expect(
      codeOf(() => validateBeaconQuery(range({ variantMinLength: 5, variantMaxLength: 4 }), limits)),
    ).toBe('BAD_REQUEST');
    expect(codeOf(() => validateBeaconQuery(range({ variantMaxLength: 0 }), limits))).toBe('BAD_REQUEST');
    expect(codeOf(() => validateBeaconQuery(range({ variantMinLength: -1 }), limits))).toBe('BAD_REQUEST');
    expect(codeOf(() => validateBeaconQuery(seq({ variantMinLength: 1 }), limits))).toBe('BAD_REQUEST');
  });

  it('removes duplicate dataset ids and treats an empty list as "all visible"', () => {
    expect(validateBeaconQuery(seq({ datasetIds: ['a', 'a', 'b'] }), limits).datasetIds).toEqual(['a', 'b']);
    expect(validateBeaconQuery(seq({ datasetIds: [] }), limits).datasetIds).toBeNull();
  });
});

describe('range overlap semantics (0-based start, exclusive end, variants as [pos, end_pos])', () => {
  // Beacon [start, end) = 1-based inclusive [start + 1, end].
  const window = (start: number, end: number) =>
    validateBeaconQuery(range({ start, end }), limits) as RangeQuery;

  it('a SNV at POS p is found by [p - 1, p) and missed by [p, p + 1) and [p - 2, p - 1)', () => {
    expect(overlapsWindow(window(99, 100), 100, 100)).toBe(true);
    expect(overlapsWindow(window(100, 101), 100, 100)).toBe(false);
    expect(overlapsWindow(window(98, 99), 100, 100)).toBe(false);
  });

  it('a deletion REF=ACGT at POS 100 (end_pos 103) overlaps windows touching any of its bases', () => {
    expect(overlapsWindow(window(102, 110), 100, 103)).toBe(true); // last base, 0-based 102
    expect(overlapsWindow(window(103, 110), 100, 103)).toBe(false); // starts after it
    expect(overlapsWindow(window(50, 100), 100, 103)).toBe(true); // ends at its first base
    expect(overlapsWindow(window(50, 99), 100, 103)).toBe(false);
  });

  it('a structural variant spanning the whole window overlaps it', () => {
    expect(overlapsWindow(window(5_000, 5_010), 1_000, 90_000)).toBe(true);
  });
});
