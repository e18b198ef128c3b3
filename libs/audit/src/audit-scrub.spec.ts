import { prepareEvent } from './audit-writer';
import { scrubDetail } from './audit-scrub';

describe('audit detail scrubbing', () => {
  it('keeps only whitelisted keys: no genotypes, tokens, keys or sample ids', () => {
    const detail = scrubDetail({
      purpose: 'cardiomyopathy',
      individualCount: 3,
      genotypes: ['0/1', '1/1'],
      token: 'eyJhbGciOiJFUzI1NiJ9.x.y',
      authorization: 'Bearer abc',
      wrappedKey: 'AAAA',
      sampleId: 'NA12878',
      filter: { actor: 'x', token: 'secret', datasetId: 'ds-1' },
    });
    expect(detail).toEqual({
      purpose: 'cardiomyopathy',
      individualCount: 3,
      filter: { actor: 'x', datasetId: 'ds-1' },
    });
    expect(JSON.stringify(detail)).not.toMatch(/eyJ|Bearer|NA12878|0\/1|AAAA/);
  });

  it('bounds strings and arrays and drops non-finite numbers and deep objects', () => {
    const detail = scrubDetail({
      purpose: 'x'.repeat(1000),
      rows: Number.POSITIVE_INFINITY,
      filter: { filter: { actor: 'deep' } },
      datasetId: Array.from({ length: 100 }, (_, i) => `d${i}`),
    });
    expect((detail.purpose as string).length).toBeLessThanOrEqual(257);
    expect(detail.rows).toBeUndefined();
    expect(detail.filter).toEqual({});
    expect(detail.datasetId).toHaveLength(64);
  });

  it('records anonymous callers as "anonymous" and sorts dataset ids', () => {
    const e = prepareEvent({
      actor: null,
      action: 'rest:GET /x',
      outcome: 'allow',
      datasetIds: ['b', 'a', 'b'],
    });
    expect(e).toMatchObject({ actor: 'anonymous', datasetIds: ['a', 'b'], detail: {} });
  });
});
