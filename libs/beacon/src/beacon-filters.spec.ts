import { loadOntology } from '@helixgate/ontology';
import { expandFilter, resolveFilters, type BeaconFilter } from './beacon-filters';
import { engineQueryOf, parseEngineQuery, type BeaconQueryRequest } from './beacon-query';

const mondo = loadOntology('MONDO').ontology;
const hancestro = loadOntology('HANCESTRO').ontology;
const of = (id: string, more: Partial<BeaconFilter> = {}): BeaconFilter => ({ id, ...more });

describe('Beacon filters', () => {
  it('expands a term to its descendants by default, not with includeDescendantTerms false', () => {
    const european = expandFilter(of('HANCESTRO:0005'), hancestro);
    // the 1000 Genomes European populations are is_a European ancestry
    for (const id of ['HANCESTRO:0765', 'HANCESTRO:0766', 'HANCESTRO:0767', 'HANCESTRO:0768'])
      expect(european.has(id)).toBe(true);
    expect(expandFilter(of('HANCESTRO:0005', { includeDescendantTerms: false }), hancestro)).toEqual(
      new Set(['HANCESTRO:0005']),
    );
    // MONDO: cancer (MONDO:0004992) covers breast cancer (MONDO:0007254)
    expect(expandFilter(of('MONDO:0004992'), mondo).has('MONDO:0007254')).toBe(true);
    expect(expandFilter(of('MONDO:0007254'), mondo).has('MONDO:0004992')).toBe(false);
  });

  it('similarity high/medium/low climbs 1/2/3 is_a steps before taking descendants', () => {
    const gbr = 'HANCESTRO:0765';
    const exact = expandFilter(of(gbr), hancestro);
    const high = expandFilter(of(gbr, { similarity: 'high' }), hancestro);
    expect(exact).toEqual(new Set([gbr]));
    // one step up is European ancestry (and reference population): siblings such as FIN come in
    expect(high.has('HANCESTRO:0767')).toBe(true);
    expect(high.has('HANCESTRO:0005')).toBe(true);
    const medium = expandFilter(of(gbr, { similarity: 'medium' }), hancestro);
    expect(medium.size).toBeGreaterThanOrEqual(high.size);
  });

  it('warns about unknown terms and other scopes; they match nothing (never silently ignored)', () => {
    const present = new Set(['NCIT:C16576', 'HANCESTRO:0765']);
    const r = resolveFilters(
      [
        of('NCIT:C16576'),
        of('NCIT:C999999'),
        of('MONDO:9999999'),
        of('HANCESTRO:0005', { scope: 'biosample' }),
      ],
      present,
      (p) => (p === 'MONDO' ? mondo : p === 'HANCESTRO' ? hancestro : null),
    );
    expect(r.sets[0]).toEqual(new Set(['NCIT:C16576']));
    expect(r.sets.slice(1).map((s) => s.size)).toEqual([0, 0, 0]);
    expect(r.warnings).toEqual([
      expect.stringMatching(/^filter NCIT:C999999 is not a filtering term of this beacon/),
      expect.stringMatching(
        /^filter MONDO:9999999 is not a filtering term of this beacon .* nor a current MONDO term/,
      ),
      expect.stringMatching(/^filter HANCESTRO:0005: scope "biosample" has no filtering terms/),
    ]);
    // a term of an installed ontology is known even when no dataset has it (a count of 0, no warning)
    expect(resolveFilters([of('MONDO:0004992')], present, () => mondo).warnings).toEqual([]);
  });

  it('every filter option travels in the engine query (peer protocol JSON round trip)', () => {
    const q: BeaconQueryRequest = {
      assemblyId: 'GRCh37',
      referenceName: '20',
      start: 1,
      end: 100,
      filters: [
        { id: 'MONDO:0007254', includeDescendantTerms: false, similarity: 'low', scope: 'individual' },
        { id: 'NCIT:C16576' },
      ],
      requestedGranularity: 'COUNT',
    };
    const wire = JSON.parse(JSON.stringify(engineQueryOf(q))) as unknown;
    const back = parseEngineQuery(wire);
    expect(back).toEqual(engineQueryOf(q));
    expect(back.filters).toEqual([
      { id: 'MONDO:0007254', includeDescendantTerms: false, similarity: 'low', scope: 'individual' },
      { id: 'NCIT:C16576', includeDescendantTerms: null, similarity: null, scope: null },
    ]);
    expect(() => parseEngineQuery({ ...(wire as object), filters: [{ id: 'x' }] })).toThrow(/CURIE/);
  });
});
