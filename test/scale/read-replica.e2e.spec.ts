import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import type { INestApplication } from '@nestjs/common';
import { BeaconRepository } from '@helixgate/beacon';
import { Client } from 'pg';
import { DataSource } from 'typeorm';
import { createGateway } from '../../apps/gateway/src/bootstrap';
import { gql } from '../support/actors';
import { createTestDataset, insertTestVariants } from '../support/beacon-factory';
import { importPanel, shippedPoliciesWithPanels } from '../support/privacy-panels';
import { testConfig, uniqueId } from '../support/test-config';
import { exactAnswerPolicies } from '../support/test-policies';

/**
 * Read replicas (HELIXGATE_DATABASE_REPLICA_URLS) against a real hot standby: `.ci/run` makes one with
 * `.ci/replica.sh` (pg_basebackup, streaming) and passes its address as HELIXGATE_TEST_REPLICA_URL
 * (a server URL; the spec uses the test database's name on it). Variant matching is read from the
 * replica; while its replay is paused (a replica behind the primary), a dataset ingested on the primary is
 * answered from the primary, and access decisions follow the primary at once.
 */
const REPLICA = process.env.HELIXGATE_TEST_REPLICA_URL;
const onPostgres = process.env.HELIXGATE_TEST_DB_KIND === 'postgres';
const run = REPLICA && onPostgres ? describe : describe.skip;
if (!REPLICA || !onPostgres)
  console.warn(
    'read-replica spec skipped: ' +
      (!onPostgres
        ? 'it needs PostgreSQL (DATABASE_URL) and a streaming replica'
        : 'no replica configured; set HELIXGATE_TEST_REPLICA_URL (bash .ci/replica.sh start makes one on 127.0.0.1:5433)'),
  );

const BEACON = `query($q: BeaconQueryInput!) { beacon(query: $q) { exists resultSets { datasetId count } } }`;
const ask = (datasetId: string) => ({
  q: {
    assemblyId: 'GRCh37',
    referenceName: '20',
    start: 99,
    referenceBases: 'A',
    alternateBases: 'G',
    datasetIds: [datasetId],
    requestedGranularity: 'COUNT',
  },
});

run('read replicas (a real hot standby)', () => {
  let app: INestApplication;
  let base: string;
  let repo: BeaconRepository;
  let replicaUrl: string;
  let replica: Client;
  let primary: DataSource;

  /** Waits until the replica has replayed everything the primary has written so far. */
  async function caughtUp(): Promise<void> {
    const [{ lsn }] = await primary.query<{ lsn: string }[]>('SELECT pg_current_wal_lsn()::text AS lsn');
    const deadline = Date.now() + 60_000;
    for (;;) {
      const r = await replica.query<{ ok: boolean }>(
        'SELECT pg_wal_lsn_diff(pg_last_wal_replay_lsn(), $1::pg_lsn) >= 0 AS ok',
        [lsn],
      );
      if (r.rows[0].ok) return;
      if (Date.now() > deadline) throw new Error('the replica did not catch up within 60 s');
      await new Promise((res) => setTimeout(res, 50));
    }
  }

  beforeAll(async () => {
    const u = new URL(REPLICA!);
    u.pathname = new URL(process.env.DATABASE_URL!).pathname; // the test database, as replicated
    replicaUrl = u.toString();
    replica = new Client({ connectionString: replicaUrl });
    await replica.connect();
    const [{ standby }] = (await replica.query<{ standby: boolean }>('SELECT pg_is_in_recovery() AS standby'))
      .rows;
    expect(standby).toBe(true);
    app = await createGateway(
      testConfig({
        HELIXGATE_DATABASE_REPLICA_URLS: replicaUrl,
        HELIXGATE_POLICIES_DIR: exactAnswerPolicies(),
      }),
    );
    await app.listen(0, '127.0.0.1');
    base = (await app.getUrl()).replace('[::1]', '127.0.0.1');
    repo = app.get(BeaconRepository);
    primary = app.get(DataSource);
    expect(repo.hasReplicas).toBe(true);
  });

  afterAll(async () => {
    await replica?.query('SELECT pg_wal_replay_resume()').catch(() => undefined);
    await replica?.end();
    await app?.close();
  });

  it('reads variant matching from the replica once it has replayed the dataset', async () => {
    const id = await createTestDataset(app, uniqueId('rep'));
    await insertTestVariants(app, id, [{ chrom: '20', pos: 100, ref: 'A', alt: 'G', het: 6 }], {
      individuals: 10,
    });
    await caughtUp();
    const before = { ...repo.replicaStats };
    const r = await gql(base, BEACON, ask(id));
    expect(r.errors).toBeUndefined();
    expect(r.data).toEqual({ beacon: { exists: true, resultSets: [{ datasetId: id, count: 1 }] } });
    expect(repo.replicaStats.replica).toBe(before.replica + 1);
  });

  it('answers a dataset just ingested from the primary while the replica has not seen it', async () => {
    await replica.query('SELECT pg_wal_replay_pause()');
    try {
      const id = await createTestDataset(app, uniqueId('lag'));
      await insertTestVariants(app, id, [{ chrom: '20', pos: 100, ref: 'A', alt: 'G', het: 3 }], {
        individuals: 10,
      });
      // The replica really is behind: it does not have the dataset.
      const seen = await replica.query('SELECT 1 FROM dataset WHERE id = $1', [id]);
      expect(seen.rowCount).toBe(0);
      const before = { ...repo.replicaStats };
      const r = await gql(base, BEACON, ask(id));
      expect(r.errors).toBeUndefined();
      expect(r.data).toEqual({ beacon: { exists: true, resultSets: [{ datasetId: id, count: 1 }] } });
      expect(repo.replicaStats.replica).toBe(before.replica);
      expect(repo.replicaStats.stale).toBeGreaterThan(before.stale);
    } finally {
      await replica.query('SELECT pg_wal_replay_resume()');
    }
    await caughtUp();
  });

  it('decides access on the primary: a dataset made CONTROLLED is refused while the replica still says PUBLIC', async () => {
    const id = await createTestDataset(app, uniqueId('acl'));
    await insertTestVariants(app, id, [{ chrom: '20', pos: 100, ref: 'A', alt: 'G', het: 4 }], {
      individuals: 10,
    });
    await caughtUp();
    expect((await gql(base, BEACON, ask(id))).errors).toBeUndefined();
    await replica.query('SELECT pg_wal_replay_pause()');
    try {
      await primary.query(`UPDATE dataset SET security_level = 'CONTROLLED' WHERE id = $1`, [id]);
      const onReplica = await replica.query<{ security_level: string }>(
        'SELECT security_level FROM dataset WHERE id = $1',
        [id],
      );
      expect(onReplica.rows[0].security_level).toBe('PUBLIC');
      const r = await gql(base, BEACON, ask(id));
      expect(r.data?.beacon ?? null).toBeNull();
      expect(r.errors?.length ?? 0).toBeGreaterThan(0);
    } finally {
      await replica.query('SELECT pg_wal_replay_resume()');
    }
  });

  it('falls back to the primary when the replica cannot answer', async () => {
    const id = await createTestDataset(app, uniqueId('down'));
    await insertTestVariants(app, id, [{ chrom: '20', pos: 100, ref: 'A', alt: 'G', het: 5 }], {
      individuals: 10,
    });
    await caughtUp();
    // A broken replica connection: its pool's next query fails.
    const spy = jest
      .spyOn((repo as unknown as { replicas: { query: () => Promise<never> }[] }).replicas[0], 'query')
      .mockRejectedValueOnce(new Error('replica down'));
    try {
      const before = { ...repo.replicaStats };
      const r = await gql(base, BEACON, ask(id));
      expect(r.data).toEqual({ beacon: { exists: true, resultSets: [{ datasetId: id, count: 1 }] } });
      expect(repo.replicaStats.failed).toBe(before.failed + 1);
    } finally {
      spy.mockRestore();
    }
  });

  it('prices a guarded dataset from its panel while its variants are matched on the replica', async () => {
    // With replicas the match may come from a replica, so the panel's prices are read apart, on the primary
    // (without replicas they ride on the match statement): the answers must be the guard's either way.
    const id = uniqueId('priced');
    const panel = uniqueId('panel');
    const guarded = await createGateway(
      testConfig({
        HELIXGATE_DATABASE_REPLICA_URLS: replicaUrl,
        HELIXGATE_POLICIES_DIR: shippedPoliciesWithPanels({ [id]: panel }),
      }),
    );
    try {
      await guarded.listen(0, '127.0.0.1');
      const url = (await guarded.getUrl()).replace('[::1]', '127.0.0.1');
      const vcf = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'replica-panel-')), 'panel.vcf');
      fs.writeFileSync(
        vcf,
        [
          '##fileformat=VCFv4.2',
          '##INFO=<ID=AF,Number=A,Type=Float,Description="Allele frequency">',
          '#CHROM\tPOS\tID\tREF\tALT\tQUAL\tFILTER\tINFO',
          '20\t100\t.\tA\tG\t.\t.\tAF=0.4',
          '',
        ].join('\n'),
      );
      await importPanel(guarded, panel, vcf);
      await createTestDataset(guarded, id);
      await insertTestVariants(
        guarded,
        id,
        [
          { chrom: '20', pos: 100, ref: 'A', alt: 'G', het: 80 }, // common in the panel: answered
          { chrom: '20', pos: 200, ref: 'C', alt: 'T', het: 80 }, // not in the panel: priced as never seen
        ],
        { individuals: 200 },
      );
      await caughtUp();
      const grepo = guarded.get(BeaconRepository);
      const exists = async (pos: number, ref: string, alt: string) => {
        const r = await gql(url, `query($q: BeaconQueryInput!) { beacon(query: $q) { exists } }`, {
          q: {
            assemblyId: 'GRCh37',
            referenceName: '20',
            start: pos - 1,
            referenceBases: ref,
            alternateBases: alt,
            datasetIds: [id],
            requestedGranularity: 'BOOLEAN',
          },
        });
        expect(r.errors).toBeUndefined();
        return (r.data as { beacon: { exists: boolean } }).beacon.exists;
      };
      const before = { ...grepo.replicaStats };
      expect(await exists(100, 'A', 'G')).toBe(true);
      expect(await exists(200, 'C', 'T')).toBe(false);
      expect(grepo.replicaStats.replica).toBe(before.replica + 2);
    } finally {
      await guarded.close();
    }
  });
});

describe('read replica configuration', () => {
  it('is refused on the embedded database, which has no replicas', async () => {
    const { DatabaseConnection } = await import('@helixgate/db');
    const config = testConfig({ HELIXGATE_DATABASE_REPLICA_URLS: 'postgres://root@127.0.0.1:5433/x' });
    // Without DATABASE_URL the node would open PGlite: the setting is refused before anything is opened.
    const embedded = Object.create(config) as typeof config;
    Object.defineProperty(embedded, 'databaseUrl', { get: () => undefined });
    await expect(DatabaseConnection.open(embedded)).rejects.toThrow(
      'HELIXGATE_DATABASE_REPLICA_URLS needs DATABASE_URL',
    );
  });
});
