import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import type { INestApplication } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { createGateway } from '../../apps/gateway/src/bootstrap';
import { createTestDataset, insertTestVariants } from '../support/beacon-factory';
import { importPanel, shippedPoliciesWithPanels } from '../support/privacy-panels';
import { countStatements, type StatementCounts } from '../support/statement-log';
import { testConfig, uniqueId } from '../support/test-config';

/**
 * What one count answer costs the database (issue #13): statements, round trips, waits in sequence, and
 * commits by kind, counted on the `pg` client (test/support/statement-log.ts) for the three alleles of the
 * bench's references section. The shipped policy (rate limit, quota, share, count budget, risk budget), the
 * rate limit kept in PostgreSQL (`rate_limit_window`, as on a database server by default), anonymous REST.
 *
 * The invariant asserted: every answer has exactly one durable commit, its audit event; the bookkeeping
 * before it (rate-limit charge, quota and count-budget charge, the budget ledger) commits without waiting
 * for the WAL flush and is made durable by the audit event's flush (docs/operations.md, "One durable commit
 * per answer"). Refusals too: a refused query's audit event is its one durable commit.
 */
const N = 200;
const PRICED = 3.4e-3; // the privacy guard's path: ~0.3 nats among 200 individuals
const ROUNDS = 3;

describe('database work per count answer', () => {
  let app: INestApplication;
  let base: string;
  let unlogged: Set<string>;
  const dataset = uniqueId('commits');
  const panel = uniqueId('panel');
  const table: Record<string, StatementCounts> = {};

  beforeAll(async () => {
    app = await createGateway(
      testConfig({
        HELIXGATE_POLICIES_DIR: shippedPoliciesWithPanels({ [dataset]: panel }),
        HELIXGATE_RATE_LIMIT_STORE: 'postgres',
        // The notification outbox's poller would write between the answers (background work, not theirs).
        HELIXGATE_NOTIFY_POLL_MS: '3600000',
      }),
    );
    await app.listen(0, '127.0.0.1');
    base = (await app.getUrl()).replace('[::1]', '127.0.0.1');
    const vcf = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'panel-')), 'commits.vcf');
    fs.writeFileSync(
      vcf,
      [
        '##fileformat=VCFv4.2',
        '##INFO=<ID=AF,Number=A,Type=Float,Description="Allele frequency">',
        '#CHROM\tPOS\tID\tREF\tALT\tQUAL\tFILTER\tINFO',
        '1\t100\t.\tA\tT\t.\t.\tAF=0.5', // common
        `1\t200\t.\tC\tT\t.\t.\tAF=${PRICED}`, // priced: the guard's path
        '',
      ].join('\n'),
    );
    await importPanel(app, panel, vcf);
    await createTestDataset(app, dataset, { securityLevel: 'PUBLIC' });
    await insertTestVariants(
      app,
      dataset,
      [
        { chrom: '1', pos: 100, ref: 'A', alt: 'T', het: 100 },
        { chrom: '1', pos: 200, ref: 'C', alt: 'T', carriers: [3] },
      ],
      { individuals: N },
    );
    const rows: { relname: string }[] = await app
      .get(DataSource)
      .query(`SELECT relname FROM pg_class WHERE relkind = 'r' AND relpersistence = 'u'`);
    unlogged = new Set(rows.map((r) => r.relname));
  }, 180_000);
  afterAll(async () => {
    for (const [what, c] of Object.entries(table))
      process.stdout.write(
        `[commits per answer, ${process.env.HELIXGATE_TEST_DB_KIND}] ${what}: ` +
          `${c.statements / ROUNDS} statements, ${c.roundTrips / ROUNDS} round trips, ${c.waits / ROUNDS} waits, ` +
          `${c.durableCommits / ROUNDS} durable + ${c.asyncCommits / ROUNDS} async + ` +
          `${c.unloggedCommits / ROUNDS} unlogged commits\n  ${c.log.slice(0, c.log.length / ROUNDS).join('\n  ')}\n`,
      );
    await app?.close();
  });

  const ask = (pos: number, ref: string, alt: string) =>
    fetch(
      `${base}/api/g_variants?assemblyId=GRCh37&referenceName=1&start=${pos - 1}&referenceBases=${ref}` +
        `&alternateBases=${alt}&datasetIds=${dataset}&requestedGranularity=count`,
    );
  const measure = async (what: string, pos: number, ref: string, alt: string, status = 200) => {
    expect((await ask(pos, ref, alt)).status).toBe(status); // warm: catalog, panel, noise key
    const counting = countStatements(unlogged);
    try {
      for (let i = 0; i < ROUNDS; i++) expect((await ask(pos, ref, alt)).status).toBe(status);
    } finally {
      table[what] = counting.stop();
    }
    return table[what];
  };

  it('the rate-limit table is UNLOGGED (its charge writes no WAL and never waits for a flush)', () => {
    expect(unlogged.has('rate_limit_window')).toBe(true);
  });

  it('commits each answer durably once, its audit event: common, absent and guard-path alleles', async () => {
    for (const [what, pos, ref, alt] of [
      ['common allele', 100, 'A', 'T'],
      ['absent allele', 100, 'A', 'G'],
      ['guard path', 200, 'C', 'T'],
    ] as const) {
      const c = await measure(what, pos, ref, alt);
      expect({ what, durable: c.durableCommits }).toEqual({ what, durable: ROUNDS });
      // The audit event is that commit.
      expect(c.log.filter((s) => /INSERT INTO audit_event/.test(s))).toHaveLength(ROUNDS);
      // The panel's prices ride on the match statement (no read replica here): one round trip for both,
      // never a panel lookup of its own.
      expect(c.log.filter((s) => /^WITH matched AS/.test(s))).toHaveLength(ROUNDS);
      expect(c.log.filter((s) => /FROM panel_allele|^SELECT k\.panel_id/.test(s))).toEqual([]);
    }
    // The guard's reads (sealed rows, withdrawn individuals, the data-key rows) are one statement.
    const guardLog = table['guard path'].log;
    expect(guardLog.filter((s) => /^WITH s AS .* FROM variant v/.test(s))).toHaveLength(ROUNDS);
    expect(guardLog.filter((s) => /^SELECT .* FROM (dataset_key|individual) /.test(s))).toEqual([]);
    // The budget ledger is two round trips: BEGIN + its lock + its read, then its write + COMMIT.
    const ledger = guardLog.filter((s) =>
      /pg_advisory_xact_lock|privacy_individual_budget|privacy_decision/.test(s),
    );
    expect(ledger).toHaveLength(2 * ROUNDS);
    expect(guardLog.filter((s) => /^(COMMIT|ROLLBACK)\b/.test(s))).toEqual([]);
    // The bookkeeping is there, committed asynchronously: the count budget on the common allele, the quota
    // and the budget ledger on the guard path.
    expect(table['common allele'].asyncCommits).toBe(ROUNDS);
    expect(table['guard path'].asyncCommits).toBe(2 * ROUNDS);
  }, 120_000);

  it('commits a refused query durably once too (its audit event), and charges nothing', async () => {
    // Spend the count budget of this caller (12 counts of a common allele fit, docs/privacy.md rule 7).
    let status = 200;
    for (let i = 0; i < 20 && status === 200; i++) status = (await ask(100, 'A', 'T')).status;
    expect(status).toBe(403);
    const c = await measure('refused (count budget)', 100, 'A', 'T', 403);
    expect(c.durableCommits).toBe(ROUNDS);
    expect(c.asyncCommits).toBe(0);
  }, 120_000);
});
