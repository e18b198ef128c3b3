import { DiseaseHierarchy, shippedDiseaseHierarchy } from './disease-hierarchy';

describe('DiseaseHierarchy', () => {
  const mondo = shippedDiseaseHierarchy();

  it('loads the shipped MONDO subset with every term under MONDO:0000001 (disease)', () => {
    expect(mondo.list().length).toBeGreaterThanOrEqual(15);
    for (const t of mondo.list()) {
      if (t.id !== 'MONDO:0000001') expect(mondo.isSameOrDescendant(t.id, 'MONDO:0000001')).toBe(true);
    }
  });

  it('answers descendant, same, ancestor and sibling questions', () => {
    expect(mondo.isSameOrDescendant('MONDO:0005575', 'MONDO:0004992')).toBe(true); // colorectal cancer < cancer
    expect(mondo.isSameOrDescendant('MONDO:0004992', 'MONDO:0004992')).toBe(true);
    expect(mondo.isSameOrDescendant('MONDO:0004992', 'MONDO:0007254')).toBe(false); // ancestor
    expect(mondo.isSameOrDescendant('MONDO:0005148', 'MONDO:0005147')).toBe(false); // T2D vs T1D
    expect(mondo.isSameOrDescendant('MONDO:0011122', 'MONDO:0004992')).toBe(false); // unknown term
    expect(mondo.label('MONDO:0007254')).toBe('breast cancer');
  });

  it('refuses a broken hierarchy: unknown parent, cycle, bad id', () => {
    expect(
      () => new DiseaseHierarchy([{ id: 'MONDO:0000002', label: 'x', parents: ['MONDO:0000003'] }]),
    ).toThrow('parent MONDO:0000003 of MONDO:0000002 is not in the subset');
    expect(
      () =>
        new DiseaseHierarchy([
          { id: 'MONDO:0000002', label: 'a', parents: ['MONDO:0000003'] },
          { id: 'MONDO:0000003', label: 'b', parents: ['MONDO:0000002'] },
        ]),
    ).toThrow('cycle');
    expect(() => new DiseaseHierarchy([{ id: 'DOID:162', label: 'cancer', parents: [] }])).toThrow(
      'not a MONDO id',
    );
  });
});
