import { DomainError } from '@helixgate/common';
import {
  parseBeaconQueryString,
  parseBeaconRequestBody,
  parseCollectionRequest,
  parseVariantId,
  toEngineQuery,
} from './beacon-request';

function codeOf(fn: () => unknown): string | undefined {
  try {
    fn();
  } catch (err) {
    if (err instanceof DomainError) return err.code;
    throw err;
  }
  return undefined;
}

describe('Beacon REST request parsing', () => {
  it('applies the spec defaults: boolean, HIT, skip 0 pages of 10', () => {
    const r = parseBeaconQueryString({});
    expect(r).toMatchObject({
      requestedGranularity: 'boolean',
      includeResultsetResponses: 'HIT',
      pagination: { skip: 0, limit: 10 },
      filters: [],
      testMode: false,
      parameters: {},
    });
  });

  it('reads list parameters repeated or comma-separated, and enums in any case', () => {
    const a = parseBeaconQueryString({ start: ['5', '10'], end: '20,30', requestedGranularity: 'COUNT' });
    const b = parseBeaconQueryString({ start: '5,10', end: ['20', '30'], requestedGranularity: 'count' });
    expect(a).toEqual(b);
    expect(a.parameters).toEqual({ start: [5, 10], end: [20, 30] });
    expect(parseBeaconQueryString({ includeResultsetResponses: 'all' }).includeResultsetResponses).toBe(
      'ALL',
    );
  });

  it('refuses unknown, unsupported, repeated single and malformed parameters', () => {
    expect(codeOf(() => parseBeaconQueryString({ chrom: '20' }))).toBe('BAD_REQUEST');
    expect(codeOf(() => parseBeaconQueryString({ aminoacidChange: 'V600E' }))).toBe('BAD_REQUEST');
    expect(codeOf(() => parseBeaconQueryString({ assemblyId: ['GRCh37', 'GRCh38'] }))).toBe('BAD_REQUEST');
    expect(codeOf(() => parseBeaconQueryString({ start: '1.5' }))).toBe('BAD_REQUEST');
    expect(codeOf(() => parseBeaconQueryString({ start: '1,2,3' }))).toBe('BAD_REQUEST');
    expect(codeOf(() => parseBeaconQueryString({ skip: '-1' }))).toBe('BAD_REQUEST');
    expect(codeOf(() => parseBeaconQueryString({ filters: 'female' }))).toBe('BAD_REQUEST');
  });

  it('reads filters: GET ids (repeated or comma-separated), POST objects; alphanumeric ones refused', () => {
    const none = { includeDescendantTerms: null, similarity: null, scope: null };
    expect(parseBeaconQueryString({ filters: 'NCIT:C16576,hp:0002664' }).filters).toEqual([
      { id: 'NCIT:C16576', ...none },
      { id: 'HP:0002664', ...none },
    ]);
    const body = parseBeaconRequestBody({
      query: {
        filters: [
          { id: 'MONDO:0007254', includeDescendantTerms: false },
          { id: 'HP:0001250', similarity: 'high', scope: 'individual' },
        ],
      },
    });
    expect(body.filters).toEqual([
      { id: 'MONDO:0007254', includeDescendantTerms: false, similarity: null, scope: null },
      { id: 'HP:0001250', includeDescendantTerms: null, similarity: 'high', scope: 'individual' },
    ]);
    const ofBody = (filters: unknown[]) => () => parseBeaconRequestBody({ query: { filters } });
    expect(codeOf(ofBody([{ id: 'PATO:0000011', operator: '>', value: 'P70Y' }]))).toBe('UNSUPPORTED_QUERY');
    expect(codeOf(ofBody([{ id: 'HP:1', similarity: 'some' }]))).toBe('BAD_REQUEST');
    expect(codeOf(ofBody([{ id: 'HP:1', includeDescendantTerms: 'yes' }]))).toBe('BAD_REQUEST');
    expect(codeOf(ofBody([{ id: 'HP:1', weight: 2 }]))).toBe('BAD_REQUEST');
  });

  it('reads a gene query from GET (geneId, or geneid as the spec OpenAPI names it) and POST alike', () => {
    const get = toEngineQuery(parseBeaconQueryString({ geneid: 'HER2', variantType: 'SNP' }));
    const post = toEngineQuery(
      parseBeaconRequestBody({ query: { requestParameters: { geneId: 'HER2', variantType: 'SNP' } } }),
    );
    expect(get).toEqual(post);
    expect(get).toMatchObject({
      geneId: 'HER2',
      assemblyId: null,
      referenceName: null,
      start: null,
      end: null,
    });
    expect(toEngineQuery(parseBeaconQueryString({ geneId: 'BRCA2' })).geneId).toBe('BRCA2');
    expect(codeOf(() => parseBeaconQueryString({ geneId: 'A', geneid: 'B' }))).toBe('BAD_REQUEST');
    expect(codeOf(() => parseBeaconRequestBody({ query: { requestParameters: { geneId: 7 } } }))).toBe(
      'BAD_REQUEST',
    );
  });

  it('reads variantMinLength / variantMaxLength from GET and POST alike', () => {
    const get = parseBeaconQueryString({ variantMinLength: '2', variantMaxLength: '50' });
    const post = parseBeaconRequestBody({
      query: { requestParameters: { variantMinLength: 2, variantMaxLength: 50 } },
    });
    expect(get.parameters).toEqual({ variantMinLength: 2, variantMaxLength: 50 });
    expect(post.parameters).toEqual(get.parameters);
    expect(codeOf(() => parseBeaconQueryString({ variantMinLength: '-1' }))).toBe('BAD_REQUEST');
    expect(
      codeOf(() => parseBeaconRequestBody({ query: { requestParameters: { variantMaxLength: 0 } } })),
    ).toBe('BAD_REQUEST');
  });

  it('reads flat and g_variant-nested POST parameters the same, and a bare number as a one-value list', () => {
    const flat = parseBeaconRequestBody({
      meta: { apiVersion: 'v2.0.0' },
      query: { requestParameters: { assemblyId: 'GRCh38', referenceName: '1', start: 5, end: [9] } },
    });
    const nested = parseBeaconRequestBody({
      meta: { apiVersion: 'v2.0.0' },
      query: {
        requestParameters: { g_variant: { assemblyId: 'GRCh38', referenceName: '1', start: [5], end: 9 } },
      },
    });
    expect(nested).toEqual(flat);
    expect(flat.parameters).toEqual({ assemblyId: 'GRCh38', referenceName: '1', start: [5], end: [9] });
  });

  it('refuses a body with parameters both flat and nested, or of the wrong type', () => {
    expect(
      codeOf(() =>
        parseBeaconRequestBody({ query: { requestParameters: { start: [1], g_variant: { start: [2] } } } }),
      ),
    ).toBe('BAD_REQUEST');
    expect(codeOf(() => parseBeaconRequestBody({ query: { requestParameters: { start: '5' } } }))).toBe(
      'BAD_REQUEST',
    );
    expect(codeOf(() => parseBeaconRequestBody({ query: { pagination: { limit: 2.5 } } }))).toBe(
      'BAD_REQUEST',
    );
    expect(codeOf(() => parseBeaconRequestBody([]))).toBe('BAD_REQUEST');
    expect(() => parseBeaconRequestBody({ query: { requestParameters: { chromosome: '20' } } })).toThrow(
      /unknown request parameter chromosome/,
    );
    expect(() =>
      parseBeaconRequestBody({ query: { requestParameters: { g_variant: { ['x'.repeat(500)]: 1 } } } }),
    ).toThrow(/unknown request parameter x{40}$/);
  });

  it('takes no variant parameters on collection endpoints', () => {
    expect(codeOf(() => parseCollectionRequest('GET', { referenceName: '1' }))).toBe('BAD_REQUEST');
    expect(
      codeOf(() => parseCollectionRequest('POST', { query: { requestParameters: { referenceName: '1' } } })),
    ).toBe('BAD_REQUEST');
    expect(parseCollectionRequest('GET', { skip: '2', limit: '5' }).pagination).toEqual({
      skip: 2,
      limit: 5,
    });
  });
});

describe('mapping to the engine query', () => {
  const parse = (q: Record<string, string>) => toEngineQuery(parseBeaconQueryString(q));

  it('maps a sequence query and a range query with Beacon 0-based coordinates unchanged', () => {
    expect(
      parse({
        assemblyId: 'GRCh37',
        referenceName: 'refseq:NC_000020.10',
        start: '99',
        referenceBases: 'A',
        alternateBases: 'G',
      }),
    ).toEqual({
      assemblyId: 'GRCh37',
      referenceName: 'NC_000020.10',
      start: 99,
      end: null,
      startMax: null,
      endMax: null,
      referenceBases: 'A',
      alternateBases: 'G',
      variantType: null,
      datasetIds: null,
      requestedGranularity: 'BOOLEAN',
    });
    expect(
      parse({
        assemblyId: 'GRCh38',
        referenceName: 'chrX',
        start: '10',
        end: '20',
        variantType: 'DEL',
        requestedGranularity: 'record',
      }),
    ).toMatchObject({
      referenceName: 'chrX',
      start: 10,
      end: 20,
      variantType: 'DEL',
      requestedGranularity: 'RECORD',
    });
  });

  it('names the missing parameters', () => {
    expect(() => parse({ referenceName: '1' })).toThrow(/assemblyId, start/);
  });

  it('maps bracket queries onto the engine and refuses half-brackets', () => {
    const q = { assemblyId: 'GRCh37', referenceName: '1' };
    expect(parse({ ...q, start: '1,5', end: '10,20' })).toMatchObject({
      start: 1,
      startMax: 5,
      end: 10,
      endMax: 20,
    });
    expect(codeOf(() => parse({ ...q, start: '1,5', end: '10' }))).toBe('INVALID_COORDINATES');
    expect(codeOf(() => parse({ ...q, start: '1', end: '10,20' }))).toBe('INVALID_COORDINATES');
  });

  it('reads a variant id as [assemblyId:]referenceName:start:ref:alt (the assembly implied by a RefSeq accession)', () => {
    expect(parseVariantId('GRCh38:20:1234566:A:G')).toEqual({
      assemblyId: 'GRCh38',
      referenceName: '20',
      start: [1234566],
      referenceBases: 'A',
      alternateBases: 'G',
    });
    expect(parseVariantId('refseq:NC_000020.10:5:A:G')).toMatchObject({ assemblyId: 'GRCh37' });
    expect(parseVariantId('20:5:A:G')).not.toHaveProperty('assemblyId');
    expect(parseVariantId('NC_012920.1:5:A:G')).not.toHaveProperty('assemblyId'); // MT: both assemblies
    expect(parseVariantId('NC_000020.11:1234566:AT:A')).toEqual({
      assemblyId: 'GRCh38',
      referenceName: 'NC_000020.11',
      start: [1234566],
      referenceBases: 'AT',
      alternateBases: 'A',
    });
    expect(codeOf(() => parseVariantId('20-1234566-A-G'))).toBe('BAD_REQUEST');
  });
});
