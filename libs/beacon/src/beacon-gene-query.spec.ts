import { DomainError } from '@helixgate/common';
import { loadGeneIndex, type GeneIndex } from '@helixgate/genes';
import { geneRangeQuery } from './beacon-gene-query';
import { validateBeaconQuery, type BeaconQueryRequest } from './beacon-query';

const limits = { maxRangeBp: 1_000_000, maxAlleleLength: 1000 };
const gene = (over: Partial<BeaconQueryRequest> = {}): BeaconQueryRequest => ({
  geneId: 'BRCA2',
  requestedGranularity: 'COUNT',
  ...over,
});

function refusal(fn: () => unknown): DomainError {
  try {
    fn();
  } catch (err) {
    if (err instanceof DomainError) return err;
    throw err;
  }
  throw new Error('expected a refusal');
}

describe('gene queries as range queries over the gene span', () => {
  let index: GeneIndex;
  beforeAll(async () => {
    index = await loadGeneIndex();
  });
  const ask = (over: Partial<BeaconQueryRequest> = {}) =>
    geneRangeQuery(gene(over), index.resolve(over.geneId ?? 'BRCA2'), limits);

  it('is exactly the range query over [start, end) of the gene on GRCh38', () => {
    const byRange = validateBeaconQuery(
      {
        assemblyId: 'GRCh38',
        referenceName: '13',
        start: 32315507,
        end: 32400268,
        requestedGranularity: 'COUNT',
      },
      limits,
    );
    expect(ask()).toEqual({ ...byRange, gene: { symbol: 'BRCA2', entrezId: '675' } });
    expect(ask()).toMatchObject({ kind: 'range', chrom: '13', first: 32315508, last: 32400268 });
  });

  it('resolves aliases and keeps variantType and datasetIds', () => {
    expect(ask({ geneId: 'her2', variantType: 'snp', datasetIds: ['d1'] })).toMatchObject({
      chrom: '17',
      first: 39688094,
      last: 39728658,
      variantTypes: ['SNP'],
      datasetIds: ['d1'],
      gene: { symbol: 'ERBB2', entrezId: '2064' },
    });
  });

  it('refuses a position or alleles beside geneId', () => {
    const err = refusal(() => ask({ start: 5, end: 10 }));
    expect(err.code).toBe('BAD_REQUEST');
    expect(err.message).toBe('geneId replaces start, end: ask by gene or by position, not both');
    expect(refusal(() => ask({ referenceBases: 'A' })).message).toContain('referenceBases');
  });

  it('refuses GRCh37 (no gene coordinates for it), naming the way out', () => {
    const err = refusal(() => ask({ assemblyId: 'hg19' }));
    expect(err.code).toBe('UNSUPPORTED_QUERY');
    expect(err.message).toMatch(/^geneId queries on GRCh37 are not supported/);
  });

  it('needs referenceName for a gene on X and Y, and refuses a chromosome the gene is not on', () => {
    expect(refusal(() => ask({ geneId: 'CSF2RA' })).code).toBe('AMBIGUOUS_GENE');
    expect(ask({ geneId: 'CSF2RA', referenceName: 'chrX' })).toMatchObject({ chrom: 'X' });
    const err = refusal(() => ask({ referenceName: '17' }));
    expect(err.code).toBe('INVALID_REFERENCE_NAME');
    expect(err.message).toBe('gene BRCA2 is on chromosome 13, not 17');
  });

  it('refuses a gene wider than the range limit, naming it and its span', () => {
    const err = refusal(() => ask({ geneId: 'DMD' }));
    expect(err.code).toBe('RANGE_TOO_WIDE');
    expect(err.message).toMatch(/^gene DMD spans \d+ bp \(X:\d+-\d+\), wider than the maximum range/);
  });
});
