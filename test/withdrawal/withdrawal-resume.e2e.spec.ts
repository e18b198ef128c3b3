import * as path from 'node:path';
import type { INestApplication } from '@nestjs/common';
import { DatasetAccessService } from '@helixgate/access';
import { EnvelopeService } from '@helixgate/crypto';
import { DatasetService, IngestService } from '@helixgate/variants';
import { DataSource } from 'typeorm';
import { operatorCaller } from '../../apps/cli/src/cli-context';
import { createGateway } from '../../apps/gateway/src/bootstrap';
import { testConfig, uniqueId } from '../support/test-config';

const FIXTURE = path.join(__dirname, '..', 'fixtures', 'vcf', '1kgp3_chr20_1-4Mb_300s.vcf.gz');
const SAMPLE = 'HG00097';

/**
 * Everything a withdrawal leaves behind, in clear: each variant row's aggregates and decrypted genotype
 * codes, each individual's state and sample id, the dataset's counters, the data-key versions left, and
 * whether any recorded work is left over.
 */
async function outcome(app: INestApplication, datasetId: string): Promise<unknown> {
  const ds = app.get(DataSource);
  const opener = await app.get(EnvelopeService).openerFor(datasetId);
  const variants: {
    chrom: string;
    pos: number;
    ref: string;
    alt: string;
    ac: number;
    an: number;
    het: number;
    hom_alt: number;
    hemi: number;
    key_version: number;
    genotypes: Buffer;
  }[] = await ds.query(
    `SELECT chrom, pos, ref, alt, ac, an, het, hom_alt, hemi, key_version, genotypes FROM variant
      WHERE dataset_id = $1 ORDER BY chrom, pos, ref, alt`,
    [datasetId],
  );
  const individuals: { idx: number; withdrawn: boolean; key_version: number; sample_id_enc: Buffer }[] =
    await ds.query(
      `SELECT idx, withdrawn_at IS NOT NULL AS withdrawn, key_version, sample_id_enc FROM individual
        WHERE dataset_id = $1 ORDER BY idx`,
      [datasetId],
    );
  const [dataset] = await ds.query(
    'SELECT individual_count, variant_count, max_variant_length FROM dataset WHERE id = $1',
    [datasetId],
  );
  const keys: { version: number }[] = await ds.query(
    'SELECT version FROM dataset_key WHERE dataset_id = $1 ORDER BY version',
    [datasetId],
  );
  const [{ pending }] = await ds.query(
    'SELECT count(*)::int AS pending FROM participant_withdrawal WHERE dataset_id = $1',
    [datasetId],
  );
  return {
    variants: variants.map(({ genotypes, ...v }) => ({
      ...v,
      codes: opener
        .open(genotypes, {
          table: 'variant',
          row: `${v.chrom}:${v.pos}:${v.ref}:${v.alt}`,
          column: 'genotypes',
        })
        .toString('hex'),
    })),
    individuals: individuals.map(({ sample_id_enc, ...i }) => ({
      ...i,
      sampleId:
        sample_id_enc.length === 0
          ? null
          : opener
              .open(sample_id_enc, { table: 'individual', row: String(i.idx), column: 'sample_id' })
              .toString('utf8'),
    })),
    dataset,
    keys: keys.map((k) => k.version),
    pending,
  };
}

describe('participant withdrawal that stops part-way', () => {
  let app: INestApplication;
  let ds: DataSource;
  const straight = uniqueId('wd-straight');
  const stopped = uniqueId('wd-stopped');

  beforeAll(async () => {
    app = await createGateway(testConfig({ HELIXGATE_MASTER_KEY: '' })); // a key ring file: the master key is retired
    await app.init();
    ds = app.get(DataSource);
    for (const id of [straight, stopped]) {
      await app.get(DatasetService).create({
        id,
        name: id,
        assembly: 'GRCh37',
        securityLevel: 'PUBLIC',
      });
      await app.get(IngestService).ingestFile(id, FIXTURE);
    }
  }, 600_000); // two ingests of the chr20 fixture: minutes on a loaded machine
  afterAll(() => app.close());

  it('continues where it stopped, after an abort and after a failure mid-batch, and ends as an uninterrupted run', async () => {
    const access = app.get(DatasetAccessService);
    const straightRun = await access.withdrawParticipant(operatorCaller(), straight, SAMPLE);
    expect(straightRun.resumed).toBe(false);

    // 1. Aborted after two committed batches of 2,000 ids.
    const [{ first, total }] = await ds.query(
      'SELECT min(id)::text AS first, count(*)::int AS total FROM variant WHERE dataset_id = $1',
      [stopped],
    );
    const abort = new AbortController();
    const seen: number[] = [];
    await expect(
      access.withdrawParticipant(operatorCaller(), stopped, SAMPLE, {
        batchIds: 2000,
        signal: abort.signal,
        onProgress: (p) => {
          seen.push(p.done);
          if (seen.length === 3) abort.abort();
        },
      }),
    ).rejects.toThrow();
    expect(seen[0]).toBe(0);
    const [job] = await ds.query(
      'SELECT last_variant_id::text AS last, variant_total::int AS total, variants_rewritten + variants_deleted AS done FROM participant_withdrawal WHERE dataset_id = $1',
      [stopped],
    );
    expect(BigInt(job.last)).toBe(BigInt(first) - 1n + 4000n);
    expect(job.total).toBe(total);
    expect(Number(job.done)).toBe(seen[2]);
    expect(Number(job.done)).toBeGreaterThan(0);
    expect(Number(job.done)).toBeLessThan(total);

    // Meanwhile: the participant is already withdrawn; nothing else may change the dataset.
    const [{ withdrawn }] = await ds.query(
      `SELECT count(*)::int AS withdrawn FROM individual WHERE dataset_id = $1 AND withdrawn_at IS NOT NULL`,
      [stopped],
    );
    expect(withdrawn).toBe(1);
    await expect(app.get(IngestService).ingestFile(stopped, FIXTURE)).rejects.toMatchObject({
      code: 'CONFLICT',
    });
    await expect(access.withdrawParticipant(operatorCaller(), stopped, 'HG00096')).rejects.toMatchObject({
      code: 'CONFLICT',
    });

    // 2. Fails in the middle of a batch (a row that does not open): that batch leaves nothing, the cursor stays.
    const [victim] = await ds.query(
      `SELECT id::text AS id, genotypes FROM variant WHERE dataset_id = $1 AND id > $2 ORDER BY id OFFSET 1000 LIMIT 1`,
      [stopped, job.last],
    );
    const broken = Buffer.from(victim.genotypes as Buffer);
    broken[broken.length - 1] ^= 1;
    await ds.query('UPDATE variant SET genotypes = $2 WHERE id = $1', [victim.id, broken]);
    await expect(
      access.withdrawParticipant(operatorCaller(), stopped, SAMPLE, { batchIds: 5000 }),
    ).rejects.toMatchObject({ code: 'DECRYPTION_FAILED' });
    const [after] = await ds.query(
      'SELECT last_variant_id::text AS last FROM participant_withdrawal WHERE dataset_id = $1',
      [stopped],
    );
    expect(after.last).toBe(job.last);
    const [{ rewrittenPastCursor }] = await ds.query(
      `SELECT count(*)::int AS "rewrittenPastCursor" FROM variant v
         JOIN participant_withdrawal w ON w.dataset_id = v.dataset_id
        WHERE v.dataset_id = $1 AND v.id > w.last_variant_id AND v.key_version = w.new_key_version`,
      [stopped],
    );
    expect(rewrittenPastCursor).toBe(0);
    await ds.query('UPDATE variant SET genotypes = $2 WHERE id = $1', [victim.id, victim.genotypes]);

    // 3. Run again: it continues and finishes.
    const done: number[] = [];
    const resumed = await access.withdrawParticipant(operatorCaller(), stopped, SAMPLE, {
      onProgress: (p) => done.push(p.done),
    });
    expect(resumed.resumed).toBe(true);
    expect(done[0]).toBe(Number(job.done));
    expect(done[done.length - 1]).toBe(total);
    expect(resumed).toMatchObject({
      individualIdx: straightRun.individualIdx,
      variantsRewritten: straightRun.variantsRewritten,
      variantsDeleted: straightRun.variantsDeleted,
      newKeyVersion: straightRun.newKeyVersion,
      destroyedKeyVersions: straightRun.destroyedKeyVersions,
      backupsShredded: true,
    });
    expect(await outcome(app, stopped)).toEqual(await outcome(app, straight));

    // Audited as started, resumed (twice: the failed run and the last), done; never the sample id.
    const events: { action: string; detail: unknown }[] = await ds.query(
      `SELECT action, detail FROM audit_event WHERE action LIKE 'participant.withdraw%' AND $1 = ANY(dataset_ids) ORDER BY seq`,
      [stopped],
    );
    expect(events.map((e) => e.action)).toEqual([
      'participant.withdraw.started',
      'participant.withdraw.resumed',
      'participant.withdraw.resumed',
      'participant.withdraw',
      'participant.withdraw.completed',
    ]);
    // Each resumed run records where it picked up: the rows the first, stopped run had done.
    expect(events.filter((e) => e.action === 'participant.withdraw.resumed').map((e) => e.detail)).toEqual([
      expect.objectContaining({ variantsDone: Number(job.done) }),
      expect.objectContaining({ variantsDone: Number(job.done) }),
    ]);
    expect(JSON.stringify(events)).not.toContain(SAMPLE);
  }, 600_000); // two withdrawals of 24,990 rows and two partial ones
});
