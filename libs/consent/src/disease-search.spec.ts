import { shippedDiseaseHierarchy } from './disease-hierarchy';
import { searchDiseases } from './disease-search';

describe('searchDiseases (the MONDO picker)', () => {
  const mondo = shippedDiseaseHierarchy();

  it('finds terms by label, the closest first, and at most `first` of them', () => {
    const hits = searchDiseases(mondo, 'breast cancer', [], 5);
    expect(hits[0]).toMatchObject({ id: 'MONDO:0007254', label: 'breast cancer' });
    expect(hits).toHaveLength(5);
    expect(hits.every((h) => h.label.toLowerCase().includes('breast cancer'))).toBe(true);
  });

  it('finds a term by its id, and labels ids already chosen', () => {
    expect(searchDiseases(mondo, 'MONDO:0007254')[0].label).toBe('breast cancer');
    expect(searchDiseases(mondo, undefined, ['MONDO:0007254'])).toEqual([
      { id: 'MONDO:0007254', label: 'breast cancer', parents: expect.any(Array) },
    ]);
  });

  it('offers no obsolete term and nothing for an empty search', () => {
    expect(searchDiseases(mondo, '  ')).toEqual([]);
    const obsolete = [...mondo.mondo.all()].find((t) => t.obsolete)!;
    expect(searchDiseases(mondo, obsolete.id).map((h) => h.id)).not.toContain(obsolete.id);
  });
});
