import { randomBytes } from 'node:crypto';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { registerAuditCommands } from '../../apps/cli/src/commands/audit.command';
import { registerDatasetCommands } from '../../apps/cli/src/commands/datasets.command';
import { registerIndividualCommands } from '../../apps/cli/src/commands/individuals.command';
import { registerIngestCommands } from '../../apps/cli/src/commands/ingest.command';
import { runCli } from '../support/cli';

const helixgate = (...args: string[]) =>
  runCli(
    [registerDatasetCommands, registerIngestCommands, registerIndividualCommands, registerAuditCommands],
    ...args,
  );

describe('helixgate individuals import', () => {
  const saved = { ...process.env };
  const suffix = randomBytes(4).toString('hex');
  const dataset = `cli-ind-${suffix}`;
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'helixgate-cli-ind-'));

  beforeAll(async () => {
    Object.assign(process.env, {
      HELIXGATE_DATA_DIR: tmp,
      HELIXGATE_NODE_ID: `cli-ind-${suffix}`,
      HELIXGATE_MASTER_KEY: randomBytes(32).toString('base64'),
      LOG_LEVEL: 'silent',
    });
    await helixgate('datasets', 'create', '--id', dataset, '--name', 'ind', '--assembly', 'GRCh37');
    await helixgate(
      'ingest',
      '--dataset',
      dataset,
      path.join(__dirname, '../fixtures/vcf/1kgp3_chr20_1-4Mb_300s.vcf.gz'),
    );
  });
  afterAll(() => {
    process.env = saved;
    fs.rmSync(tmp, { recursive: true, force: true });
  });

  it('imports the 1000 Genomes TSV and prints what it stored (--json: the same)', async () => {
    const file = path.join(__dirname, '../fixtures/individuals/1kgp3_chr20_300s.tsv');
    const out = await helixgate('individuals', 'import', '--dataset', dataset, file);
    expect(out).toMatch(
      new RegExp(
        `^imported 1kgp3_chr20_300s.tsv into ${dataset}: 300 individuals described; terms: 2 sex, 4 ancestry, 0 disease, 0 phenotype; `,
      ),
    );
    const json = JSON.parse(
      await helixgate('individuals', 'import', '--dataset', dataset, file, '--json'),
    ) as Record<string, unknown>;
    expect(json).toMatchObject({
      datasetId: dataset,
      file: '1kgp3_chr20_300s.tsv',
      individuals: 300,
      undescribed: 0,
      terms: { sex: 2, ancestry: 4, disease: 0, phenotype: 0 },
    });
    // The trail says what was imported: the file, how many individuals, the distinct terms per field.
    const events = JSON.parse(
      await helixgate(
        'audit',
        'search',
        '--dataset',
        dataset,
        '--action',
        'cli:individuals import',
        '--json',
      ),
    ) as { events: { detail: Record<string, unknown> }[] };
    expect(events.events[0].detail).toMatchObject({
      file: '1kgp3_chr20_300s.tsv',
      individualCount: 300,
      terms: ['sex:2', 'ancestry:4', 'disease:0', 'phenotype:0'],
    });
  });

  it('fails with the file, line and field of a bad value', async () => {
    const file = path.join(tmp, 'bad.tsv');
    fs.writeFileSync(file, 'sample\tpopulation\nHG00096\tHANCESTRO:0765\nHG00097\tGBR\n');
    await expect(helixgate('individuals', 'import', '--dataset', dataset, file)).rejects.toThrow(
      /bad\.tsv:3: field population: "GBR" is not a CURIE/,
    );
  });
});
