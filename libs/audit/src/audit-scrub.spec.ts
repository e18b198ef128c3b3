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

  it('says once per key that a key was dropped (a detail its readers expect never reaches the trail)', () => {
    const warnings: { message: string; code?: string }[] = [];
    const spy = jest
      .spyOn(process, 'emitWarning')
      .mockImplementation((w: string | Error, o?: unknown) =>
        warnings.push({ message: String(w), code: (o as { code?: string } | undefined)?.code }),
      );
    try {
      scrubDetail({ notOnTheList1: 1, user: 'u-1' });
      scrubDetail({ notOnTheList1: 2, filter: { notOnTheList2: 'x' } });
      expect(warnings).toEqual([
        { message: expect.stringContaining('"notOnTheList1"'), code: 'HELIXGATE_AUDIT_DETAIL_DROPPED' },
        { message: expect.stringContaining('"notOnTheList2"'), code: 'HELIXGATE_AUDIT_DETAIL_DROPPED' },
      ]);
      // Keys a client may choose (a nested filter) cannot grow what is remembered without bound.
      for (let i = 0; i < 500; i++) scrubDetail({ [`client-key-${i}`]: i });
      expect(warnings.length).toBeLessThanOrEqual(100);
    } finally {
      spy.mockRestore();
    }
  });

  it("keeps who signed in, the filters a query used and a resumed withdrawal's progress", () => {
    expect(
      scrubDetail({ user: 'u-1', method: 'oidc', provider: 'elixir', refused: 'INVALID_TOKEN' }),
    ).toEqual({ user: 'u-1', method: 'oidc', provider: 'elixir', refused: 'INVALID_TOKEN' });
    expect(scrubDetail({ filters: ['NCIT:C20197', 'HP:0001250'], variantsDone: 4000 })).toEqual({
      filters: ['NCIT:C20197', 'HP:0001250'],
      variantsDone: 4000,
    });
    expect(scrubDetail({ filter: { requestId: 'r-1' } })).toEqual({ filter: { requestId: 'r-1' } });
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
    // What was cut is said, with the whole length, so a reader knows the list or text is not whole.
    expect(detail.truncated).toEqual(['purpose: 256 of 1000 characters', 'datasetId: 64 of 100 items']);
  });

  it('says nothing is cut when nothing is, and takes no `truncated` from a caller', () => {
    expect(scrubDetail({ purpose: 'x'.repeat(256), datasetId: ['a'], truncated: ['forged'] })).toEqual({
      purpose: 'x'.repeat(256),
      datasetId: ['a'],
    });
    // A nested filter says what was cut in it, at its own level.
    expect(scrubDetail({ filter: { actor: 'a'.repeat(300) } })).toEqual({
      filter: { actor: `${'a'.repeat(256)}…`, truncated: ['actor: 256 of 300 characters'] },
    });
    // The participants a decryption released keep up to 100,000 entries, and say when there were more.
    const many = scrubDetail({ individuals: Array.from({ length: 100_001 }, (_, i) => i) });
    expect(many.individuals).toHaveLength(100_000);
    expect(many.truncated).toEqual(['individuals: 100000 of 100001 items']);
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
