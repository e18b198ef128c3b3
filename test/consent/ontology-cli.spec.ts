import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { registerOntologyCommands } from '../../apps/cli/src/commands/ontology.command';
import { runCli } from '../support/cli';

const cli = (...args: string[]) => runCli([registerOntologyCommands], ...args);
const FIXTURES = path.join(__dirname, '../fixtures/ontology');

describe('helixgate ontology CLI', () => {
  const saved = { ...process.env };
  let dataDir: string;
  beforeEach(() => {
    dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'helixgate-ontology-cli-'));
    process.env.HELIXGATE_DATA_DIR = dataDir;
  });
  afterAll(() => {
    process.env = saved;
  });

  it('shows the shipped release until a node copy is imported, then that copy', async () => {
    expect(await cli('ontology', 'show')).toMatch(/^MONDO 2023-08-02 \(shipped: .*mondo\.json\.gz\)/);
    const out = await cli('ontology', 'update', '--mondo', path.join(FIXTURES, 'mondo-mini.obo'));
    expect(out).toContain('MONDO 2023-08-02: 6 current terms, 2 obsolete, 7 cross-references');
    expect(out).toContain(path.join(dataDir, 'ontology', 'mondo.json.gz'));
    const shown = await cli('ontology', 'show');
    expect(shown).toContain(`(node: ${path.join(dataDir, 'ontology', 'mondo.json.gz')})`);
    expect(shown).toContain('license: CC BY 4.0');
    expect(await cli('ontology', 'term', 'DOID:162')).toMatch(
      /^MONDO:0004992\tcancer\tvia exact-xref\n {2}parents: MONDO:0700096 \(human disease\)\n {2}descendants: 3/,
    );
    expect(JSON.parse(await cli('ontology', 'show', '--json'))).toMatchObject({
      ontology: 'MONDO',
      version: '2023-08-02',
      origin: 'node',
      file: path.join(dataDir, 'ontology', 'mondo.json.gz'),
      currentTerms: 6,
      obsoleteTerms: 2,
      crossReferences: 7,
    });
    expect(JSON.parse(await cli('ontology', 'term', 'DOID:162', '--json'))).toEqual([
      {
        id: 'MONDO:0004992',
        label: 'cancer',
        via: 'exact-xref',
        parents: [{ id: 'MONDO:0700096', label: 'human disease' }],
        descendantCount: 3,
      },
    ]);
  });

  it('imports OBO Graph JSON and a reports folder (with an explicit release), and refuses bad input without writing', async () => {
    expect(await cli('ontology', 'update', '--mondo', path.join(FIXTURES, 'mondo-mini.json'))).toContain(
      'MONDO 2023-08-02: 3 current terms, 1 obsolete',
    );
    const out = path.join(dataDir, 'out', 'mondo.json.gz');
    expect(
      await cli(
        'ontology',
        'update',
        '--mondo',
        path.join(FIXTURES, 'mondo-reports'),
        '--release',
        '2023-08-02',
        '--out',
        out,
      ),
    ).toContain(`written to ${out}`);
    await expect(cli('ontology', 'update', '--mondo', path.join(FIXTURES, 'mondo-reports'))).rejects.toThrow(
      'no release version found',
    );
    await expect(cli('ontology', 'update', '--mondo', path.join(FIXTURES, 'README.md'))).rejects.toThrow(
      'expected a .obo',
    );
    await expect(cli('ontology', 'term', 'DOID:999999')).rejects.toThrow('not a current MONDO term');
  });
});
