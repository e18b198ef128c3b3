import * as fs from 'node:fs';
import * as path from 'node:path';
import * as zlib from 'node:zlib';
import type { INestApplication } from '@nestjs/common';
import { EnvelopeService } from '@helixgate/crypto';
import { IngestService, VariantRecordsService, normalizeContig } from '@helixgate/variants';
import { DataSource } from 'typeorm';
import { createGateway } from '../../apps/gateway/src/bootstrap';
import { codeOf, gql, makeActor, type Actor } from '../support/actors';
import { testConfig, uniqueId } from '../support/test-config';

const FIXTURE = path.join(__dirname, '..', 'fixtures', 'vcf', '1kgp3_chr20_1-4Mb_300s.vcf.gz');
const SAMPLE = 'HG00097';

/** The participant's contribution per variant, read straight from the VCF (independent of the ingest code). */
function contributions(sample: string): Map<string, { ac: number; an: number }> {
  const lines = zlib.gunzipSync(fs.readFileSync(FIXTURE)).toString('utf8').split('\n');
  const header = lines.find((l) => l.startsWith('#CHROM'))!.split('\t');
  const col = header.indexOf(sample);
  const out = new Map<string, { ac: number; an: number }>();
  for (const line of lines) {
    if (!line || line.startsWith('#')) continue;
    const f = line.split('\t');
    const gt = f[col].split(':')[0].split(/[|/]/);
    f[4].split(',').forEach((alt, i) => {
      const key = `${normalizeContig(f[0])}:${f[1]}:${f[3]}:${alt}`;
      out.set(key, {
        ac: gt.filter((a) => a === String(i + 1)).length,
        an: gt.filter((a) => a !== '.').length,
      });
    });
  }
  return out;
}

type Row = {
  chrom: string;
  pos: number;
  ref: string;
  alt: string;
  ac: number;
  an: number;
  genotypes: Buffer;
  key_version: number;
};

describe('participant withdrawal (crypto-shredding)', () => {
  let app: INestApplication;
  let base: string;
  let ds: DataSource;
  let admin: Actor, steward: Actor, researcher: Actor;
  const datasetId = uniqueId('wd');

  beforeAll(async () => {
    app = await createGateway(testConfig({ HELIXGATE_MASTER_KEY: '' })); // a key ring file, so the master key can be retired
    await app.listen(0, '127.0.0.1');
    base = (await app.getUrl()).replace('[::1]', '127.0.0.1');
    ds = app.get(DataSource);
    [admin, steward, researcher] = await Promise.all([
      makeActor(app, ['admin']),
      makeActor(app, ['steward']),
      makeActor(app, ['researcher'], { bonaFide: true }),
    ]);
    await gql(
      base,
      `mutation($i: CreateDatasetInput!) { createDataset(input: $i) { id } }`,
      {
        i: { id: datasetId, name: 'withdrawal', assembly: 'GRCh37', securityLevel: 'PUBLIC' },
      },
      admin,
    );
    await gql(
      base,
      `mutation($d: ID!, $s: String!) { assignSteward(datasetId: $d, subject: $s) }`,
      { d: datasetId, s: steward.subject },
      admin,
    );
    await app.get(IngestService).ingestFile(datasetId, FIXTURE);
  });
  afterAll(() => app.close());

  it('refuses a withdrawal by anyone but the steward or an admin', async () => {
    const r = await gql(
      base,
      `mutation($d: ID!, $s: String!) { withdrawParticipant(datasetId: $d, sampleId: $s) { datasetId } }`,
      { d: datasetId, s: SAMPLE },
      researcher,
    );
    expect(codeOf(r)).toBe('FORBIDDEN');
  });

  it('drops the counts by exactly their contribution, shreds their data, and keeps everyone else readable', async () => {
    const rowsOf = async (): Promise<Map<string, Row>> => {
      const rows: Row[] = await ds.query(
        'SELECT chrom, pos, ref, alt, ac, an, genotypes, key_version FROM variant WHERE dataset_id = $1',
        [datasetId],
      );
      return new Map(rows.map((r) => [`${r.chrom}:${r.pos}:${r.ref}:${r.alt}`, r]));
    };
    const before = await rowsOf();
    const backupKeys: { version: number; master_key_id: string; wrapped_key: Buffer }[] = await ds.query(
      'SELECT version, master_key_id, wrapped_key FROM dataset_key WHERE dataset_id = $1',
      [datasetId],
    );
    const contrib = contributions(SAMPLE);
    const { records: carriersBefore } = await app
      .get(VariantRecordsService)
      .carriers(datasetId, [...before.values()].filter((r) => r.ac > 0).slice(0, 50));
    const [{ individual_count: countBefore }] = await ds.query(
      'SELECT individual_count FROM dataset WHERE id = $1',
      [datasetId],
    );

    const w = await gql<{
      withdrawParticipant: {
        variantsRewritten: number;
        variantsDeleted: number;
        destroyedKeyVersions: number[];
        backupsShredded: boolean;
      };
    }>(
      base,
      `mutation($d: ID!, $s: String!) { withdrawParticipant(datasetId: $d, sampleId: $s) { variantsRewritten variantsDeleted destroyedKeyVersions backupsShredded } }`,
      { d: datasetId, s: SAMPLE },
      steward,
    );
    expect(w.errors).toBeUndefined();
    expect(w.data!.withdrawParticipant.backupsShredded).toBe(true);
    expect(w.data!.withdrawParticipant.destroyedKeyVersions).toEqual(backupKeys.map((k) => k.version).sort());

    const after = await rowsOf();
    let deleted = 0;
    let changed = 0;
    for (const [key, b] of before) {
      const c = contrib.get(key)!;
      const a = after.get(key);
      if (!a) {
        // Only rows the participant alone carried disappear.
        expect(c.ac).toBeGreaterThan(0);
        expect(b.ac).toBe(c.ac);
        deleted++;
        continue;
      }
      expect({ key, ac: a.ac, an: a.an }).toEqual({ key, ac: b.ac - c.ac, an: b.an - c.an });
      if (c.ac > 0) changed++;
    }
    expect(changed).toBeGreaterThan(100);
    expect(deleted).toBe(w.data!.withdrawParticipant.variantsDeleted);
    const [{ individual_count: countAfter }] = await ds.query(
      'SELECT individual_count FROM dataset WHERE id = $1',
      [datasetId],
    );
    expect(countAfter).toBe(countBefore - 1);

    // An old ciphertext copied before the withdrawal no longer opens: its key version is destroyed...
    const oldRow = [...before.values()].find((r) => r.ac > 0)!;
    const ref = {
      table: 'variant',
      row: `${oldRow.chrom}:${oldRow.pos}:${oldRow.ref}:${oldRow.alt}`,
      column: 'genotypes',
    };
    const envelope = app.get(EnvelopeService);
    await expect(
      envelope.openerFor(datasetId).then((o) => o.open(oldRow.genotypes, ref)),
    ).rejects.toMatchObject({ code: 'DECRYPTION_FAILED' });
    // ...and restoring the data keys from a backup taken before does not help: their master key was retired.
    for (const k of backupKeys) {
      await ds.query(
        'INSERT INTO dataset_key (dataset_id, version, master_key_id, wrapped_key, retired_at) VALUES ($1, $2, $3, $4, now())',
        [datasetId, k.version, k.master_key_id, k.wrapped_key],
      );
    }
    await expect(envelope.openerFor(datasetId)).rejects.toMatchObject({ code: 'KEY_UNAVAILABLE' });
    await ds.query('DELETE FROM dataset_key WHERE dataset_id = $1 AND version = ANY($2)', [
      datasetId,
      backupKeys.map((k) => k.version),
    ]);

    // Everyone else's genotypes still decrypt, identical to before; the participant is in no answer.
    const { records: carriersAfter } = await app
      .get(VariantRecordsService)
      .carriers(datasetId, carriersBefore);
    const strip = (recs: typeof carriersBefore) =>
      recs.map((r) => ({
        key: `${r.chrom}:${r.pos}:${r.ref}:${r.alt}`,
        carriers: r.carriers.filter((c) => c.sampleId !== SAMPLE),
      }));
    expect(strip(carriersAfter)).toEqual(
      strip(carriersBefore).filter((r) =>
        carriersAfter.some((a) => `${a.chrom}:${a.pos}:${a.ref}:${a.alt}` === r.key),
      ),
    );
    expect(carriersAfter.flatMap((r) => r.carriers).some((c) => c.sampleId === SAMPLE)).toBe(false);

    // The withdrawal and its completion are audited, without the sample id.
    const events: { action: string; detail: unknown }[] = await ds.query(
      `SELECT action, detail FROM audit_event WHERE action LIKE 'participant.withdraw%' AND $1 = ANY(dataset_ids) ORDER BY seq`,
      [datasetId],
    );
    expect(events.map((e) => e.action)).toEqual([
      'participant.withdraw.started',
      'participant.withdraw',
      'participant.withdraw.completed',
    ]);
    expect(JSON.stringify(events)).not.toContain(SAMPLE);

    // Withdrawing again: the participant is gone.
    const again = await gql(
      base,
      `mutation($d: ID!, $s: String!) { withdrawParticipant(datasetId: $d, sampleId: $s) { datasetId } }`,
      { d: datasetId, s: SAMPLE },
      steward,
    );
    expect(codeOf(again)).toBe('NOT_FOUND');
  });
});
