import type { INestApplication } from '@nestjs/common';
import { DatasetService, IngestService, ParticipantWithdrawalService } from '@helixgate/variants';
import { randomBytes } from 'node:crypto';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { Client } from 'pg';
import { DataSource } from 'typeorm';
import { createGateway } from '../../apps/gateway/src/bootstrap';
import { gql } from '../support/actors';
import { testConfig } from '../support/test-config';
import { exactAnswerPolicies } from '../support/test-policies';

/**
 * docs/scaling.md: the variant table partitioned by dataset (docs/sql/partition-variant-by-dataset.sql, HASH
 * on dataset_id into 16 partitions) runs the node unchanged: ingest (COPY into the partitioned table),
 * beacon queries (each reads only its dataset's partition), dataset deletion. PostgreSQL only: the spec
 * converts a database of its own.
 */
const onPostgres = process.env.HELIXGATE_TEST_DB_KIND === 'postgres';
const FIXTURE = path.resolve(__dirname, '../fixtures/vcf/1kgp3_chr20_1-4Mb_300s.vcf.gz');
const PARTITION_SQL = path.resolve(__dirname, '../../docs/sql/partition-variant-by-dataset.sql');
if (!onPostgres)
  console.warn('partitioned-variants spec skipped: it converts a PostgreSQL database of its own');

const BEACON = `query($q: BeaconQueryInput!) { beacon(query: $q) { exists resultSets { datasetId count } } }`;

(onPostgres ? describe : describe.skip)('the variant table partitioned by dataset', () => {
  let app: INestApplication;
  let base: string;
  let ds: DataSource;
  let dbName: string;
  const admin = async (sql: string) => {
    const c = new Client({ connectionString: process.env.DATABASE_URL });
    await c.connect();
    try {
      await c.query(sql);
    } finally {
      await c.end();
    }
  };

  beforeAll(async () => {
    dbName = `hg_scale_part_${randomBytes(4).toString('hex')}`;
    await admin(`CREATE DATABASE ${dbName}`);
    const u = new URL(process.env.DATABASE_URL!);
    u.pathname = `/${dbName}`;
    app = await createGateway(
      testConfig({ DATABASE_URL: u.toString(), HELIXGATE_POLICIES_DIR: exactAnswerPolicies() }),
    );
    ds = app.get(DataSource);
    await ds.query(fs.readFileSync(PARTITION_SQL, 'utf8')); // the migrations ran at start: convert
    await app.listen(0, '127.0.0.1');
    base = (await app.getUrl()).replace('[::1]', '127.0.0.1');
    for (const id of ['part-a', 'part-b']) {
      await app.get(DatasetService).create({
        id,
        name: id,
        description: 'partitioned',
        assembly: 'GRCh37',
        securityLevel: 'PUBLIC',
      });
      await app.get(IngestService).ingestFile(id, FIXTURE);
    }
  });

  afterAll(async () => {
    await app?.close();
    await admin(`DROP DATABASE IF EXISTS ${dbName} WITH (FORCE)`);
  });

  it('is partitioned, and ingest wrote each dataset into one partition', async () => {
    const [{ kind }] = await ds.query<{ kind: string }[]>(
      `SELECT relkind::text AS kind FROM pg_class WHERE relname = 'variant'`,
    );
    expect(kind).toBe('p');
    const rows = await ds.query<{ part: string; dataset_id: string; n: number }[]>(
      `SELECT tableoid::regclass::text AS part, dataset_id, count(*)::int AS n FROM variant GROUP BY 1, 2 ORDER BY 2`,
    );
    expect(rows.map((r) => r.dataset_id)).toEqual(['part-a', 'part-b']);
    expect(rows[0].n).toBeGreaterThan(20_000);
    expect(rows[1].n).toBe(rows[0].n);
  });

  it('answers sequence and range queries as the unpartitioned table does, reading one partition', async () => {
    const [hit] = await ds.query<{ pos: number; ref: string; alt: string; ac: number }[]>(
      `SELECT pos, ref, alt, ac FROM variant WHERE dataset_id = 'part-a' AND ac > 0 AND length(ref) = 1
        AND length(alt) = 1 ORDER BY pos LIMIT 1`,
    );
    const seq = (alt: string) => ({
      q: {
        assemblyId: 'GRCh37',
        referenceName: '20',
        start: hit.pos - 1,
        referenceBases: hit.ref,
        alternateBases: alt,
        datasetIds: ['part-a', 'part-b'],
        requestedGranularity: 'COUNT',
      },
    });
    const found = await gql(base, BEACON, seq(hit.alt));
    expect(found.errors).toBeUndefined();
    expect(found.data).toEqual({
      beacon: {
        exists: true,
        resultSets: [
          { datasetId: 'part-a', count: 1 },
          { datasetId: 'part-b', count: 1 },
        ],
      },
    });
    const other = ['A', 'C', 'G', 'T'].find((b) => b !== hit.ref && b !== hit.alt)!;
    const [{ n: absent }] = await ds.query<{ n: number }[]>(
      `SELECT count(*)::int AS n FROM variant WHERE dataset_id = 'part-a' AND pos = $1 AND alt = $2 AND ac > 0`,
      [hit.pos, other],
    );
    expect((await gql(base, BEACON, seq(other))).data).toMatchObject({ beacon: { exists: absent > 0 } });

    const [{ n: inRange }] = await ds.query<{ n: number }[]>(
      `SELECT count(*)::int AS n FROM variant WHERE dataset_id = 'part-b' AND chrom = '20'
        AND pos BETWEEN 1000001 AND 1010000 AND ac > 0 AND variant_type <> 'SPANNING_DEL'`,
    );
    const range = await gql(base, BEACON, {
      q: {
        assemblyId: 'GRCh37',
        referenceName: '20',
        start: 1_000_000,
        end: 1_010_000,
        datasetIds: ['part-b'],
        requestedGranularity: 'COUNT',
      },
    });
    expect(range.errors).toBeUndefined();
    expect(inRange).toBeGreaterThan(10);
    expect(range.data).toEqual({
      beacon: { exists: true, resultSets: [{ datasetId: 'part-b', count: inRange }] },
    });

    // Partition pruning: the point lookup of one dataset scans that dataset's partition only.
    const plan = (
      await ds.query<{ 'QUERY PLAN': string }[]>(
        `EXPLAIN SELECT ac FROM variant WHERE dataset_id = ANY($1::text[]) AND chrom = '20' AND pos = $2`,
        [['part-a'], hit.pos],
      )
    )
      .map((r) => r['QUERY PLAN'])
      .join('\n');
    expect(plan.match(/on variant_p\d+/g)?.length).toBe(1);
  });

  it('withdraws a participant batch by batch within the dataset, leaving the other dataset as it was', async () => {
    const state = (id: string) =>
      ds.query<{ rows: number; an: number[]; ac: string; versions: number[] }[]>(
        `SELECT count(*)::int AS rows, array_agg(DISTINCT an ORDER BY an) AS an, sum(ac)::text AS ac,
                array_agg(DISTINCT key_version ORDER BY key_version) AS versions
           FROM variant WHERE dataset_id = $1`,
        [id],
      );
    const [a0] = await state('part-a');
    const [b0] = await state('part-b');
    expect(b0.an).toEqual([600]); // 300 diploid samples, no missing calls on this fixture
    // The batch reads the withdrawal sends (on the data source's manager), to check their plans below.
    const sent: [string, unknown[]][] = [];
    const original = ds.manager.query.bind(ds.manager);
    const spy = jest.spyOn(ds.manager, 'query').mockImplementation((sql: string, params?: unknown) => {
      if (/genotypes FROM variant/.test(sql)) sent.push([sql, (params ?? []) as unknown[]]);
      return original(sql, params as unknown[] | undefined);
    });
    let r;
    try {
      r = await app.get(ParticipantWithdrawalService).withdraw('part-b', 'HG00096', { batchIds: 5000 });
    } finally {
      spy.mockRestore();
    }
    // Each batch read names the dataset and so reads its partition only (not every partition per batch).
    expect(sent.length).toBeGreaterThan(1);
    for (const [sql, params] of sent) {
      const plan = (await ds.query<{ 'QUERY PLAN': string }[]>(`EXPLAIN ${sql}`, params))
        .map((row) => row['QUERY PLAN'])
        .join('\n');
      expect(plan.match(/on variant_p\d+/g)?.length).toBe(1);
    }
    const [b1] = await state('part-b');
    expect(r.variantsRewritten + r.variantsDeleted).toBe(b0.rows);
    expect(b1.rows).toBe(r.variantsRewritten);
    expect(b1.an).toEqual([598]);
    expect(b1.versions).toEqual([r.newKeyVersion]);
    expect(BigInt(b1.ac)).toBeLessThan(BigInt(b0.ac));
    expect(await state('part-a')).toEqual([a0]);
  });

  it('deletes a dataset from its partition only', async () => {
    await ds.query(`DELETE FROM dataset WHERE id = 'part-a'`);
    const rows = await ds.query<{ dataset_id: string }[]>(`SELECT DISTINCT dataset_id FROM variant`);
    expect(rows).toEqual([{ dataset_id: 'part-b' }]);
  });
});
