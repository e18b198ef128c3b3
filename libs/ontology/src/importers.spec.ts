import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { gzipSync } from 'node:zlib';
import { OntologyImportError, importOntologyFile, parseObo } from './importers';
import { Ontology } from './ontology';

const FIXTURES = path.join(__dirname, '../../../test/fixtures/ontology');
const meta = { prefix: 'MONDO', source: 'test', license: 'CC BY 4.0' };

describe('ontology importers', () => {
  it('reads an OBO file: labels, is_a, obsolete terms, exact and other xrefs, exact synonyms, version', () => {
    const r = importOntologyFile(path.join(FIXTURES, 'mondo-mini.obo'), meta);
    expect(r.version).toBe('2023-08-02');
    expect(r.terms.map((t) => t.id)).not.toContain('HP:0000118'); // another prefix
    const cancer = r.terms.find((t) => t.id === 'MONDO:0004992')!;
    expect(cancer).toEqual({
      id: 'MONDO:0004992',
      label: 'cancer',
      parents: ['MONDO:0700096'],
      exactXrefs: ['DOID:162', 'NCIT:C9305'],
      xrefs: ['ICD10CM:C80.1'],
      synonyms: ['malignant neoplasm'],
    });
    expect(r.terms.find((t) => t.id === 'MONDO:0005575')!.parents).toEqual(['MONDO:0005814']);
    expect(r.terms.find((t) => t.id === 'MONDO:0005814')!.exactXrefs).toEqual(['DOID:10155']);
    expect(r.terms.find((t) => t.id === 'MONDO:0007254')!.xrefs).toBeUndefined(); // PMID dropped
    expect(r.terms.find((t) => t.id === 'MONDO:0000010')).toMatchObject({
      obsolete: true,
      replacedBy: 'MONDO:0007254',
      parents: [],
    });
    expect(r.terms.find((t) => t.id === 'MONDO:0000013')!.consider).toEqual([
      'MONDO:0005814',
      'MONDO:0005575',
    ]);
  });

  it('reads the same facts from OBO Graph JSON and from an ODK release reports folder', () => {
    for (const file of ['mondo-mini.json', 'mondo-reports']) {
      const o = new Ontology(
        importOntologyFile(path.join(FIXTURES, file), {
          ...meta,
          version: file.endsWith('json') ? undefined : '2023-08-02',
        }),
      );
      expect(o.meta.version).toBe('2023-08-02');
      expect(o.label('MONDO:0007254')).toBe('breast cancer');
      expect(o.isSameOrDescendant('MONDO:0007254', 'MONDO:0000001')).toBe(true);
      expect(o.resolve('DOID:162')).toEqual({ ids: ['MONDO:0004992'], via: 'exact-xref' });
      expect(o.resolve('ICD10CM:C80.1')).toEqual({ ids: ['MONDO:0004992'], via: 'xref' });
      expect(o.resolve('MONDO:0000010')).toEqual({ ids: ['MONDO:0007254'], via: 'replaced' });
      expect(o.has('MONDO:0000010')).toBe(false);
      expect(o.has('UBERON:0000310')).toBe(false);
    }
  });

  it('reads gzipped release files', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ontology-'));
    const gz = path.join(dir, 'mondo.obo.gz');
    fs.writeFileSync(gz, gzipSync(fs.readFileSync(path.join(FIXTURES, 'mondo-mini.obo'))));
    expect(importOntologyFile(gz, meta).terms.length).toBe(8);
  });

  it('refuses bad input naming the file and line', () => {
    expect(() => parseObo('[Term]\nname: no id first\n', meta, 'bad.obo')).toThrow(
      new OntologyImportError('bad.obo:2', '"name" before the term\'s id'),
    );
    expect(() =>
      parseObo(
        '[Term]\nid: MONDO:0000001\n[Term]\nid: MONDO:0000001\n',
        { ...meta, version: 'x' },
        'dup.obo',
      ),
    ).toThrow('dup.obo:4: term MONDO:0000001 is defined twice');
    expect(() => parseObo('[Term]\nid: MONDO:0000001\nname: disease\n', meta, 'v.obo')).toThrow(
      'v.obo: no release version found',
    );
    expect(() => importOntologyFile(path.join(FIXTURES, 'missing.obo'), meta)).toThrow('no such file');
    expect(() => importOntologyFile(path.join(FIXTURES, 'README.md'), meta)).toThrow('expected a .obo');
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ontology-'));
    fs.writeFileSync(path.join(dir, 'edges.tsv'), 'a\tb\tc\n');
    expect(() => importOntologyFile(dir, meta)).toThrow('missing class-stats.tsv');
  });
});
