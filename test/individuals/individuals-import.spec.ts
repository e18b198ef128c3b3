import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import type { INestApplicationContext } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { DomainError } from '@helixgate/common';
import { DatabaseConnection } from '@helixgate/db';
import {
  DatasetService,
  IndividualMetadataService,
  IngestService,
  ParticipantWithdrawalService,
} from '@helixgate/variants';
import { DataSource } from 'typeorm';
import { CliModule } from '../../apps/cli/src/cli.module';
import { testConfig, uniqueId } from '../support/test-config';

const FIXTURES = path.join(__dirname, '..', 'fixtures');
const VCF = path.join(FIXTURES, 'vcf', '1kgp3_chr20_1-4Mb_300s.vcf.gz');
const TSV = path.join(FIXTURES, 'individuals', '1kgp3_chr20_300s.tsv');
const PHENOPACKETS = path.join(FIXTURES, 'individuals', '1kgp3_chr20_40s.phenopackets.json');

/** The TSV read independently of the importer (the test's oracle): sample → [sex, HANCESTRO id]. */
function panel(): Map<string, { sex: string; population: string }> {
  const rows = fs.readFileSync(TSV, 'utf8').trim().split('\n').slice(1);
  return new Map(
    rows.map((r) => {
      const [id, sex, pop] = r.split('\t');
      return [id, { sex, population: pop.split(' ')[0] }];
    }),
  );
}

describe('individuals import (Phenopackets, TSV, PED): sealed records and term bitmaps', () => {
  let app: INestApplicationContext;
  let connection: DatabaseConnection;
  let meta: IndividualMetadataService;
  let ds: DataSource;
  let dataset: string;
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'individuals-'));
  const expected = panel();
  const count = (pred: (v: { sex: string; population: string }) => boolean) =>
    [...expected.values()].filter(pred).length;

  const write = (name: string, text: string) => {
    const file = path.join(tmp, name);
    fs.writeFileSync(file, text);
    return file;
  };
  async function importError(file: string): Promise<string> {
    try {
      await meta.importFile(dataset, file);
    } catch (err) {
      expect(err).toBeInstanceOf(DomainError);
      expect((err as DomainError).code).toBe('INGEST_FAILED');
      return (err as Error).message;
    }
    throw new Error('import did not fail');
  }

  beforeAll(async () => {
    const config = testConfig();
    connection = await DatabaseConnection.open(config);
    app = await NestFactory.createApplicationContext(CliModule.forRoot(config, connection), {
      logger: false,
    });
    meta = app.get(IndividualMetadataService);
    ds = app.get(DataSource);
    dataset = uniqueId('ind');
    await app.get(DatasetService).create({
      id: dataset,
      name: dataset,
      assembly: 'GRCh37',
      securityLevel: 'PUBLIC',
    });
    await app.get(IngestService).ingestFile(dataset, VCF);
  });
  afterAll(async () => {
    await app?.close();
    fs.rmSync(tmp, { recursive: true, force: true });
  });

  it('imports the 1000 Genomes TSV: 300 individuals, 2 sexes, 4 populations, counts as in the panel', async () => {
    const s = await meta.importFile(dataset, TSV);
    expect(s).toMatchObject({
      individuals: 300,
      undescribed: 0,
      terms: { sex: 2, ancestry: 4, disease: 0, phenotype: 0 },
    });
    const female = await meta.cohort(dataset, [new Set(['NCIT:C16576'])]);
    expect(female.size).toBe(count((v) => v.sex === 'female'));
    expect(female.size).toBe(160);
    const finnishMen = await meta.cohort(dataset, [new Set(['NCIT:C20197']), new Set(['HANCESTRO:0767'])]);
    expect(finnishMen.size).toBe(count((v) => v.sex === 'male' && v.population === 'HANCESTRO:0767'));
    expect(finnishMen.size).toBe(38);
    const terms = await meta.presentTerms([dataset]);
    expect(terms.map((t) => [t.id, t.label, t.field])).toEqual([
      ['HANCESTRO:0765', 'British in England and Scotland (1KGP)', 'ancestry'],
      [
        'HANCESTRO:0766',
        'Utah residents (CEPH) with Northern and Western European ancestry  (1KGP)',
        'ancestry',
      ],
      ['HANCESTRO:0767', 'Finnish in Finland (1KGP)', 'ancestry'],
      ['HANCESTRO:0768', 'Iberian populations in Spain (1KGP)', 'ancestry'],
      ['NCIT:C16576', 'female', 'sex'],
      ['NCIT:C20197', 'male', 'sex'],
    ]);
  });

  it('stores nothing in the clear: records and memberships are sealed, terms are only listed', async () => {
    const records = await ds.query<{ record_enc: Buffer }[]>(
      'SELECT record_enc FROM individual_metadata WHERE dataset_id = $1',
      [dataset],
    );
    expect(records).toHaveLength(300);
    for (const r of records.slice(0, 20)) {
      expect(r.record_enc.toString('latin1')).not.toMatch(/HG00|NA0|NCIT|HANCESTRO|female/);
    }
    const bitmaps = await ds.query<{ members_enc: Buffer }[]>(
      'SELECT members_enc FROM individual_term WHERE dataset_id = $1',
      [dataset],
    );
    // a bitmap of 300 individuals is 38 bytes; sealed it is longer (nonce and tag) and not the bitmap
    expect(bitmaps.every((b) => b.members_enc.length > 38)).toBe(true);
    const [first] = await meta.records(dataset, [0]);
    expect(first).toEqual({
      id: 'HG00096',
      sex: { id: 'NCIT:C20197', label: 'male' },
      ancestry: [{ id: 'HANCESTRO:0765', label: 'British in England and Scotland (1KGP)' }],
      diseases: [],
      phenotypicFeatures: [],
    });
  });

  it('imports Phenopackets: sex, ancestry, diseases (excluded ones left out) and HPO features', async () => {
    const s = await meta.importFile(dataset, PHENOPACKETS);
    expect(s).toMatchObject({ individuals: 40, undescribed: 260 });
    // i % 4 = 0 for i in 0..39: 10; i % 5 = 0: 8; i % 3 = 0: 14; the excluded asthma is no membership
    expect((await meta.cohort(dataset, [new Set(['MONDO:0007254'])])).size).toBe(10);
    expect((await meta.cohort(dataset, [new Set(['MONDO:0005148'])])).size).toBe(8);
    expect((await meta.cohort(dataset, [new Set(['HP:0001250'])])).size).toBe(14);
    expect((await meta.cohort(dataset, [new Set(['MONDO:0004979'])])).size).toBe(0);
    // both diseases: i % 20 = 0
    expect((await meta.cohort(dataset, [new Set(['MONDO:0007254']), new Set(['MONDO:0005148'])])).size).toBe(
      2,
    );
    // the import replaced the TSV's metadata
    expect((await meta.cohort(dataset, [new Set(['NCIT:C16576'])])).size).toBe(
      [...expected.values()].slice(0, 40).filter((v) => v.sex === 'female').length,
    );
  });

  it('reads PED sex codes (1 male, 2 female, 0 unknown)', async () => {
    const file = write('fam.ped', 'F1 HG00096 0 0 2 -9\nF2 HG00097 0 0 1 -9\nF3 HG00099 0 0 0 -9\n');
    expect(await meta.importFile(dataset, file)).toMatchObject({ individuals: 3, terms: { sex: 2 } });
    const [a, b, c] = await meta.records(dataset, [0, 1, 2]);
    expect([a.sex?.label, b.sex?.label, c.sex]).toEqual(['female', 'male', null]);
  });

  it.each([
    [
      'bad.tsv',
      'individual_id\tsex\nHG00096\tmale\nHG00097\tyes\n',
      'bad.tsv:3: field sex: "yes" is not a sex',
    ],
    [
      'unknown-sample.tsv',
      'individual_id\tsex\nHG00096\tmale\nNOBODY\tfemale\n',
      'unknown-sample.tsv:3: field individual_id: NOBODY is not an individual of dataset',
    ],
    [
      'bad-term.tsv',
      'sample\tdiseases\nHG00096\tMONDO:0007254; MONDO:9999999\n',
      'bad-term.tsv:2: field diseases: MONDO:9999999 is not a term of MONDO',
    ],
    [
      'wrong-ontology.tsv',
      'sample\tpopulation\nHG00096\tMONDO:0007254\n',
      'wrong-ontology.tsv:2: field population: MONDO:0007254: ancestry terms come from HANCESTRO, not MONDO',
    ],
    [
      'dup.tsv',
      'sample\tsex\nHG00096\tmale\nHG00096\tmale\n',
      'dup.tsv:3: field individual_id: individual HG00096 is listed twice (first on line 2)',
    ],
    ['cols.tsv', 'sample\tshoe_size\nHG00096\t42\n', 'cols.tsv:1: field shoe_size: unknown column'],
    [
      'bad.json',
      '{"phenopackets": [{"id": "p1", "subject": {"id": "HG00096", "sex": "MALE"},\n "diseases": [{"term": {"id": "MONDO:0007254"}}]},\n{"id": "p2", "subject": {"id": "HG00097"},\n "phenotypicFeatures": [{"type": {"id": "DOID:1612"}}]}]}',
      'bad.json:3: field phenopackets[1].phenotypicFeatures[0].type: DOID:1612: phenotype terms come from HP, not DOID',
    ],
  ])('refuses %s naming file, line and field, and changes nothing', async (name, text, message) => {
    const before = (await meta.cohort(dataset, [new Set(['NCIT:C16576'])])).size;
    const msg = await importError(write(name, text));
    expect(msg).toContain(message);
    expect((await meta.cohort(dataset, [new Set(['NCIT:C16576'])])).size).toBe(before);
    expect((await meta.records(dataset, [0]))[0].id).toBe('HG00096');
  });

  it('withdrawal deletes the record, re-seals the rest and takes the participant out of every term', async () => {
    await meta.importFile(dataset, TSV);
    const before = await meta.cohort(dataset, [new Set(['HANCESTRO:0765'])]);
    expect(before.members.has(0)).toBe(true); // HG00096, GBR
    await app.get(ParticipantWithdrawalService).withdraw(dataset, 'HG00096');
    const after = await meta.cohort(dataset, [new Set(['HANCESTRO:0765'])]);
    expect(after.size).toBe(before.size - 1);
    expect(after.members.has(0)).toBe(false);
    expect(await meta.records(dataset, [0])).toEqual([]);
    // the others still open under the new key (the old one was destroyed)
    expect((await meta.records(dataset, [1]))[0].id).toBe('HG00097');
    expect((await meta.cohort(dataset, [new Set(['NCIT:C16576'])])).size).toBe(160);
  });
});
