import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { fromCompact, toCompact, writeCompactFile } from './compact-file';
import { importOntologyFile } from './importers';
import { Ontology, normaliseCurie } from './ontology';
import { loadOntology, nodeOntologyFile } from './ontology-loader';

const FIXTURES = path.join(__dirname, '../../../test/fixtures/ontology');
const mini = () =>
  importOntologyFile(path.join(FIXTURES, 'mondo-mini.obo'), {
    prefix: 'MONDO',
    source: 'mini',
    license: 'CC BY 4.0',
  });

describe('Ontology', () => {
  const o = new Ontology(mini());

  it('walks up and down the is_a hierarchy', () => {
    expect([...o.ancestors('MONDO:0005575')].sort()).toEqual([
      'MONDO:0000001',
      'MONDO:0004992',
      'MONDO:0005814',
      'MONDO:0700096',
    ]);
    expect([...o.descendants('MONDO:0004992')].sort()).toEqual([
      'MONDO:0005575',
      'MONDO:0005814',
      'MONDO:0007254',
    ]);
    expect(o.children('MONDO:0004992')).toEqual(['MONDO:0005814', 'MONDO:0007254']);
    expect(o.isSameOrDescendant('MONDO:0005575', 'MONDO:0004992')).toBe(true);
    expect(o.isSameOrDescendant('MONDO:0004992', 'MONDO:0005575')).toBe(false);
    expect(o.isSameOrDescendant('MONDO:0007254', 'MONDO:0005814')).toBe(false);
  });

  it('resolves ids, obsolete ids and cross-references to current terms', () => {
    expect(o.resolve('MONDO:0004992')).toEqual({ ids: ['MONDO:0004992'], via: 'id' });
    expect(o.resolve('MONDO:0000010')).toEqual({ ids: ['MONDO:0007254'], via: 'replaced' });
    expect(o.resolve('MONDO:0000013')).toEqual({ ids: [], via: 'unknown' }); // obsolete, only "consider"
    expect(o.resolve('doid:162')).toEqual({ ids: ['MONDO:0004992'], via: 'exact-xref' });
    expect(o.resolve('DOID:999999')).toEqual({ ids: [], via: 'unknown' });
    expect(normaliseCurie(' MSH:D009369 ')).toBe('MESH:D009369');
  });

  it('survives a cycle in a broken source without looping', () => {
    const cyc = new Ontology({
      prefix: 'X',
      version: '1',
      source: '',
      license: '',
      terms: [
        { id: 'X:1', label: 'a', parents: ['X:2'] },
        { id: 'X:2', label: 'b', parents: ['X:1'] },
      ],
    });
    expect([...cyc.ancestors('X:1')]).toEqual(['X:2']);
    expect(cyc.isSameOrDescendant('X:1', 'X:3')).toBe(false);
  });

  it('round-trips through the derived file with its provenance', () => {
    const release = mini();
    const back = fromCompact(toCompact(release), 'mem');
    for (const [i, t] of release.terms.entries()) expect(back.terms[i]).toMatchObject(t);
    expect(back.terms).toHaveLength(release.terms.length);
    expect(back).toMatchObject({
      prefix: 'MONDO',
      version: '2023-08-02',
      source: 'mini',
      license: 'CC BY 4.0',
    });
    expect(() => fromCompact(Buffer.from('nope'), 'x.json.gz')).toThrow(
      'x.json.gz: not a gzipped Helixgate ontology file',
    );
  });
});

describe('loadOntology', () => {
  it('prefers the node copy written by `ontology update`, and reads it again when it changes', () => {
    const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'ontology-node-'));
    expect(loadOntology('MONDO', dataDir).origin).toBe('shipped');
    const file = nodeOntologyFile(dataDir, 'MONDO');
    writeCompactFile(file, mini());
    const first = loadOntology('MONDO', dataDir);
    expect(first).toMatchObject({ origin: 'node', file });
    expect(first.ontology.size).toBe(8);
    expect(loadOntology('MONDO', dataDir).ontology).toBe(first.ontology); // cached
    const fewer = { ...mini(), version: '2099-01-01', terms: mini().terms.slice(0, 3) };
    writeCompactFile(file, fewer);
    fs.utimesSync(file, new Date(), new Date(Date.now() + 5000));
    expect(loadOntology('MONDO', dataDir).ontology.meta.version).toBe('2099-01-01');
  });

  it('ships the full MONDO release with its provenance', () => {
    const { ontology: mondo } = loadOntology('MONDO');
    expect(mondo.meta).toMatchObject({ prefix: 'MONDO', version: '2023-08-02' });
    expect(mondo.meta.license).toContain('CC BY 4.0');
    expect(mondo.size).toBeGreaterThan(26000);
    expect(mondo.label('MONDO:0004992')).toBe('cancer');
    expect(mondo.descendants('MONDO:0004992').size).toBeGreaterThan(2000);
    expect(mondo.isSameOrDescendant('MONDO:0005575', 'MONDO:0004992')).toBe(true);
    expect(mondo.resolve('DOID:162').ids).toEqual(['MONDO:0004992']);
    expect(mondo.resolve('ICD10CM:C50').ids).toContain('MONDO:0007254');
  });
});
