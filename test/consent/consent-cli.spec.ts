import { randomBytes } from 'node:crypto';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { parseModifier, registerConsentCommands } from '../../apps/cli/src/commands/consent.command';
import { registerDatasetCommands } from '../../apps/cli/src/commands/datasets.command';
import { uniqueId } from '../support/test-config';
import { runCli } from '../support/cli';

/** Runs `helixgate <args>` in-process and returns what it printed. */
const cli = (...args: string[]) => runCli([registerDatasetCommands, registerConsentCommands], ...args);

describe('helixgate consent CLI', () => {
  const saved = { ...process.env };
  beforeAll(() => {
    process.env.HELIXGATE_DATA_DIR = fs.mkdtempSync(path.join(os.tmpdir(), 'helixgate-consent-cli-'));
    process.env.HELIXGATE_MASTER_KEY = randomBytes(32).toString('base64');
    process.env.LOG_LEVEL = 'silent';
  });
  afterAll(() => {
    process.env = saved;
  });

  it('parses modifier values into the parameter each code takes', () => {
    expect(parseModifier('ncu')).toEqual({ code: 'NCU' });
    expect(parseModifier('GS=European Union')).toEqual({ code: 'GS', region: 'European Union' });
    expect(parseModifier('MOR=2027-06-30')).toEqual({ code: 'MOR', moratoriumUntil: '2027-06-30' });
    expect(parseModifier('TS=12')).toEqual({ code: 'TS', months: 12 });
    expect(parseModifier('PS=cohort study')).toEqual({ code: 'PS', note: 'cohort study' });
    expect(() => parseModifier('NCU=yes')).toThrow('modifier NCU takes no value');
    expect(parseModifier('rs=pediatric')).toEqual({ code: 'RS', researchType: 'PEDIATRIC' });
    expect(parseModifier('RS=FEMALE:breast cohort')).toEqual({
      code: 'RS',
      researchType: 'FEMALE',
      note: 'breast cohort',
    });
    expect(parseModifier('RS=pediatric oncology')).toEqual({ code: 'RS', note: 'pediatric oncology' });
  });

  it('sets, shows and matches a consent', async () => {
    const id = uniqueId('cli-consent');
    await cli('datasets', 'create', '--id', id, '--name', 'cli consent', '--assembly', 'GRCh38');
    const set = await cli(
      'consent',
      'set',
      id,
      '--permission',
      'DS',
      '--disease',
      'MONDO:0004992',
      '--modifier',
      'NCU',
      '--modifier',
      'TS=12',
    );
    expect(set).toContain(`${id}\tDS(MONDO:0004992) NCU TS=12\t`);
    expect(set).toMatch(/by helixgate-cli#local:\S+/);
    expect(await cli('consent', 'show', id)).toContain('DS(MONDO:0004992) NCU TS=12');
    expect(JSON.parse(await cli('consent', 'show', id, '--json'))).toMatchObject({
      datasetId: id,
      permission: 'DS',
      diseases: ['MONDO:0004992'],
      modifiers: [{ code: 'NCU' }, { code: 'TS', months: 12 }],
      updatedAt: expect.any(String),
      updatedBy: expect.stringMatching(/^helixgate-cli#local:/),
    });

    const ok = await cli(
      'consent',
      'match',
      id,
      '--category',
      'DISEASE_SPECIFIC',
      '--disease',
      'MONDO:0007254',
    );
    expect(ok).toContain('outcome: NEEDS_REVIEW');
    expect(ok).toMatch(/DS\tAPPROVE\t.*breast cancer/);
    expect(ok).toMatch(/TS\tNEEDS_REVIEW\t.*12 months/);
    const okJson = JSON.parse(
      await cli(
        'consent',
        'match',
        id,
        '--category',
        'DISEASE_SPECIFIC',
        '--disease',
        'MONDO:0007254',
        '--json',
      ),
    ) as { outcome: string; reasons: { code: string; verdict: string; reason: string }[] };
    expect(okJson.outcome).toBe('NEEDS_REVIEW');
    expect(okJson.reasons).toContainEqual({
      code: 'TS',
      verdict: 'NEEDS_REVIEW',
      reason: expect.stringContaining('12 months'),
    });

    const commercial = await cli(
      'consent',
      'match',
      id,
      '--category',
      'DISEASE_SPECIFIC',
      '--disease',
      'MONDO:0007254',
      '--commercial',
    );
    expect(commercial).toContain('outcome: DENY');
    expect(commercial).toMatch(/NCU\tDENY/);
  });

  it('accepts NPUNCU and a DOID disease, and matches the DUOS research-purpose fields', async () => {
    const id = uniqueId('cli-consent');
    await cli('datasets', 'create', '--id', id, '--name', 'cli consent', '--assembly', 'GRCh38');
    const set = await cli(
      'consent',
      'set',
      id,
      '--permission',
      'DS',
      '--disease',
      'DOID:162',
      '--modifier',
      'NPUNCU',
      '--modifier',
      'RS=PEDIATRIC:under 12',
    );
    expect(set).toContain(`${id}\tDS(DOID:162) NPUNCU RS=PEDIATRIC:under 12\t`);
    const methods = await cli(
      'consent',
      'match',
      id,
      '--category',
      'METHODS_DEVELOPMENT',
      '--pediatric',
      '--controls',
    );
    expect(methods).toContain('outcome: NEEDS_REVIEW');
    expect(methods).toMatch(/DS\tAPPROVE\tmethods research is permitted/);
    expect(methods).toMatch(/PURPOSE\tNEEDS_REVIEW\t.*as controls/);
    const commercial = await cli(
      'consent',
      'match',
      id,
      '--category',
      'DISEASE_SPECIFIC',
      '--disease',
      'DOID:10155',
      '--pediatric',
      '--commercial',
    );
    expect(commercial).toMatch(/NPUNCU\tDENY\t.*commercial/);
  });

  it('refuses a bad consent naming the code', async () => {
    const id = uniqueId('cli-consent');
    await cli('datasets', 'create', '--id', id, '--name', 'cli consent', '--assembly', 'GRCh38');
    await expect(cli('consent', 'set', id, '--permission', 'HMB', '--modifier', 'FOO')).rejects.toMatchObject(
      {
        code: 'INVALID_CONSENT',
        message: expect.stringContaining('unknown DUO modifier "FOO"'),
      },
    );
  });
});
