import { shippedDiseaseHierarchy } from './disease-hierarchy';

describe('DiseaseHierarchy over the shipped MONDO release', () => {
  const mondo = shippedDiseaseHierarchy();

  it('answers descendant, same, ancestor and sibling questions', () => {
    expect(mondo.isSameOrDescendant('MONDO:0005575', 'MONDO:0004992')).toBe(true); // colorectal cancer < cancer
    expect(mondo.isSameOrDescendant('MONDO:0004992', 'MONDO:0004992')).toBe(true);
    expect(mondo.isSameOrDescendant('MONDO:0004992', 'MONDO:0007254')).toBe(false); // ancestor
    expect(mondo.isSameOrDescendant('MONDO:0005148', 'MONDO:0005147')).toBe(false); // T2D vs T1D
    expect(mondo.isSameOrDescendant('MONDO:0011122', 'MONDO:0004992')).toBe(false); // obesity is no cancer
    expect(mondo.label('MONDO:0007254')).toBe('breast cancer');
  });

  it('places DOID ids through exact cross-references and obsolete ids through their replacement', () => {
    expect(mondo.place('DOID:162')).toEqual({
      given: 'DOID:162',
      mondo: ['MONDO:0004992'],
      via: 'exact-xref',
    });
    expect(mondo.place('DOID:10155')).toMatchObject({ mondo: ['MONDO:0005814'] }); // intestinal cancer
    expect(mondo.place('MONDO:0000002')).toMatchObject({ mondo: ['MONDO:0009299'], via: 'replaced' });
    expect(mondo.place('MONDO:9999999')).toMatchObject({ mondo: [], via: 'unknown' });
  });
});
