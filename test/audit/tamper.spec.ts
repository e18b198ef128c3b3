import {
  eventContentOf,
  eventHash,
  type AuditEventContent,
  type AuditEventRow,
  verifyAuditChain,
  type IntegrityReport,
} from '@helixgate/audit';
import { FileCheckpointSigner } from '@helixgate/audit';
import type { EntityManager } from 'typeorm';
import * as os from 'node:os';
import * as path from 'node:path';
import * as fs from 'node:fs';
import { testConfig } from '../support/test-config';
import { auditTestApp, callerWith, type AuditTestApp } from './audit-test-app';

/**
 * An attacker with database superuser rights disables the append-only triggers and edits the trail.
 * Every edit runs inside a REPEATABLE READ transaction that is rolled back after verification, so the
 * shared test database keeps its real chain (and other suites are unaffected).
 */
describe('audit trail tamper detection', () => {
  let t: AuditTestApp;
  let seqs: number[];
  let cpMid: number;
  let cpEnd: number;
  let cpEndJws: string;
  const admin = callerWith(['compliance']);

  beforeAll(async () => {
    t = await auditTestApp(testConfig());
    const record = (i: number) =>
      t.audit.record({
        actor: `tamper-${i}`,
        action: 'graphql:query beacon',
        outcome: i % 3 === 0 ? 'deny' : 'allow',
        reason: i % 3 === 0 ? 'FORBIDDEN' : null,
        datasetIds: ['ds-tamper'],
        granularity: 'count',
        requestId: `req-${i}`,
        detail: { resultCount: i, genotypes: '0/1 1/1', token: 'eyJhbGciOi' },
      });
    const first = await Promise.all(Array.from({ length: 8 }, (_, i) => record(i)));
    cpMid = (await t.audit.checkpoint(admin))!.upToSeq;
    const second = await Promise.all(Array.from({ length: 8 }, (_, i) => record(8 + i)));
    const cp = (await t.audit.checkpoint(admin))!;
    cpEnd = cp.upToSeq;
    cpEndJws = cp.jws;
    seqs = [...first, ...second].map((r) => r.seq).sort((a, b) => a - b);
  });
  afterAll(async () => {
    await t.close();
  });

  async function tampered(
    edit: (m: EntityManager) => Promise<void>,
    opts: { from?: number; to?: number; external?: string[]; batchSize?: number } = {},
  ): Promise<IntegrityReport> {
    const qr = t.ds.createQueryRunner();
    await qr.connect();
    await qr.startTransaction('REPEATABLE READ');
    try {
      await qr.query('SET LOCAL session_replication_role = replica'); // as a superuser would: triggers off
      await edit(qr.manager);
      return await verifyAuditChain(qr.manager, t.signer, {
        from: opts.from ?? seqs[0],
        to: opts.to,
        externalCheckpoints: opts.external,
        batchSize: opts.batchSize,
      });
    } finally {
      await qr.rollbackTransaction();
      await qr.release();
    }
  }

  async function contentOf(
    m: EntityManager,
    seq: number,
  ): Promise<{ content: AuditEventContent; prevHash: string }> {
    const [r] = await m.query<AuditEventRow[]>('SELECT * FROM audit_event WHERE seq = $1', [seq]);
    return { prevHash: r.prev_hash, content: eventContentOf(r, r.at.toISOString(), seq) };
  }

  /** Rewrites every event from `from` to the visible head so that the chain is consistent again. */
  async function rehash(m: EntityManager, from: number): Promise<void> {
    const [{ max }] = await m.query<{ max: number }[]>('SELECT max(seq)::int AS max FROM audit_event');
    let prev = (await contentOf(m, from)).prevHash;
    for (let s = from; s <= max; s++) {
      const { content } = await contentOf(m, s);
      const hash = eventHash(content, prev);
      await m.query('UPDATE audit_event SET prev_hash = $2, hash = $3 WHERE seq = $1', [s, prev, hash]);
      prev = hash;
    }
  }

  const mid = () => seqs[10];

  it('verifies the untouched chain and its signed checkpoints', async () => {
    const r = await tampered(async () => undefined);
    expect(r).toMatchObject({ ok: true, problem: null, firstBadSeq: null });
    expect(r.checkpointsVerified).toBeGreaterThanOrEqual(2);
    expect(r.eventsChecked).toBeGreaterThanOrEqual(16);
  });

  it('keeps genotypes and tokens out of stored events', async () => {
    const rows = await t.ds.query<{ d: string }[]>(
      'SELECT detail::text AS d FROM audit_event WHERE seq = $1',
      [seqs[0]],
    );
    expect(rows[0].d).not.toMatch(/genotypes|0\/1|token|eyJ/);
    expect(rows[0].d).toContain('resultCount');
  });

  it('names a modified field: changed at that seq', async () => {
    const k = mid();
    const r = await tampered(async (m) => {
      await m.query(`UPDATE audit_event SET outcome = 'allow', reason = NULL WHERE seq = $1`, [k]);
      await m.query(`UPDATE audit_event SET actor = 'someone-else' WHERE seq = $1`, [k]);
    });
    expect(r).toMatchObject({ ok: false, problem: 'changed', firstBadSeq: k });
  });

  it('names a deleted row: missing at that seq', async () => {
    const k = mid();
    const r = await tampered((m) =>
      m.query('DELETE FROM audit_event WHERE seq = $1', [k]).then(() => undefined),
    );
    expect(r).toMatchObject({ ok: false, problem: 'missing', firstBadSeq: k });
  });

  it('names a deleted row even when later rows were renumbered to close the gap', async () => {
    const k = mid();
    const last = seqs[seqs.length - 1];
    const r = await tampered(
      async (m) => {
        await m.query('DELETE FROM audit_event WHERE seq = $1', [k]);
        await m.query('UPDATE audit_event SET seq = seq + 1000000000 WHERE seq > $1 AND seq <= $2', [
          k,
          last,
        ]);
        await m.query('UPDATE audit_event SET seq = seq - 1000000001 WHERE seq > 1000000000');
      },
      { to: last - 1 },
    );
    expect(r).toMatchObject({ ok: false, problem: 'missing', firstBadSeq: k });
  });

  it('names a forged row inserted in the middle (with a correct hash of its own): inserted at that seq', async () => {
    const k = mid();
    const last = seqs[seqs.length - 1];
    const r = await tampered(
      async (m) => {
        const { content, prevHash } = await contentOf(m, k);
        // make room at k by shifting k..last-1 up by one (the last row is dropped to stay within our range)
        await m.query('DELETE FROM audit_event WHERE seq = $1', [last]);
        await m.query('UPDATE audit_event SET seq = seq + 1000000000 WHERE seq >= $1 AND seq < $2', [
          k,
          last,
        ]);
        await m.query('UPDATE audit_event SET seq = seq - 999999999 WHERE seq > 1000000000');
        const forged: AuditEventContent = { ...content, actor: 'forger', outcome: 'allow', reason: null };
        await m.query(
          `INSERT INTO audit_event (seq, at, actor, roles, institution, action, resource, dataset_ids, granularity,
           outcome, reason, request_id, detail, prev_hash, hash)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15)`,
          [
            k,
            forged.at,
            forged.actor,
            forged.roles,
            forged.institution,
            forged.action,
            forged.resource,
            forged.datasetIds,
            forged.granularity,
            forged.outcome,
            forged.reason,
            forged.requestId,
            JSON.stringify(forged.detail),
            prevHash,
            eventHash(forged, prevHash),
          ],
        );
      },
      { to: last },
    );
    expect(r).toMatchObject({ ok: false, problem: 'inserted', firstBadSeq: k });
  });

  /** Makes room at seq `k` (shifts k..last-1 up by one, drops `last`) and inserts `forged` there. */
  async function insertAt(
    m: EntityManager,
    k: number,
    last: number,
    forged: AuditEventContent,
    prev: string,
  ) {
    await m.query('DELETE FROM audit_event WHERE seq = $1', [last]);
    await m.query('UPDATE audit_event SET seq = seq + 1000000000 WHERE seq >= $1 AND seq < $2', [k, last]);
    await m.query('UPDATE audit_event SET seq = seq - 999999999 WHERE seq > 1000000000');
    await m.query(
      `INSERT INTO audit_event (seq, at, actor, roles, institution, action, resource, dataset_ids, granularity,
       outcome, reason, request_id, detail, prev_hash, hash)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15)`,
      [
        k,
        forged.at,
        forged.actor,
        forged.roles,
        forged.institution,
        forged.action,
        forged.resource,
        forged.datasetIds,
        forged.granularity,
        forged.outcome,
        forged.reason,
        forged.requestId,
        JSON.stringify(forged.detail),
        prev,
        eventHash({ ...forged, seq: k }, prev),
      ],
    );
  }

  it('names a forged row inserted at seq 2 (linked as if it were the first event): inserted at seq 2', async () => {
    const last = seqs[seqs.length - 1];
    const r = await tampered(
      async (m) => {
        const first = await contentOf(m, 1);
        const { content } = await contentOf(m, 2);
        // the forger copies the link of event 1 (the genesis hash): events 1 and 2 now both claim to start the chain
        await insertAt(
          m,
          2,
          last,
          { ...content, actor: 'forger', outcome: 'allow', reason: null },
          first.prevHash,
        );
      },
      { from: 1, to: last },
    );
    expect(r).toMatchObject({ ok: false, problem: 'inserted', firstBadSeq: 2 });
    expect(r.message).toContain('event 2 was inserted');
  });

  it('names a forged row inserted in the middle that links to the event before its predecessor: inserted at that seq', async () => {
    const k = mid();
    const last = seqs[seqs.length - 1];
    const r = await tampered(
      async (m) => {
        const before = await contentOf(m, k - 1);
        const { content } = await contentOf(m, k);
        await insertAt(m, k, last, { ...content, actor: 'forger' }, before.prevHash);
      },
      { to: last },
    );
    expect(r).toMatchObject({ ok: false, problem: 'inserted', firstBadSeq: k });
  });

  it('names a row replaced by a forgery that links to the event before its predecessor: changed at that seq', async () => {
    const k = mid();
    const r = await tampered(async (m) => {
      const before = await contentOf(m, k - 1);
      const { content } = await contentOf(m, k);
      const forged = { ...content, actor: 'forger' };
      await m.query('UPDATE audit_event SET actor = $2, prev_hash = $3, hash = $4 WHERE seq = $1', [
        k,
        forged.actor,
        before.prevHash,
        eventHash(forged, before.prevHash),
      ]);
    });
    expect(r).toMatchObject({ ok: false, problem: 'changed', firstBadSeq: k });
  });

  it('names two swapped rows: reordered at the first of them', async () => {
    const k = mid();
    const r = await tampered(async (m) => {
      await m.query('UPDATE audit_event SET seq = seq + 1000000000 WHERE seq IN ($1, $2)', [k, k + 1]);
      await m.query(
        `UPDATE audit_event SET seq = CASE WHEN seq = $1 + 1000000000 THEN $1 + 1 ELSE $1 END WHERE seq > 1000000000`,
        [k],
      );
    });
    expect(r).toMatchObject({ ok: false, problem: 'reordered', firstBadSeq: k });
  });

  it.each([1, 2, 3])(
    'finds the same swap and the same deletion when streaming in batches of %i rows',
    async (batchSize) => {
      const k = mid();
      const swapped = await tampered(
        async (m) => {
          await m.query('UPDATE audit_event SET seq = seq + 1000000000 WHERE seq IN ($1, $2)', [k, k + 1]);
          await m.query(
            `UPDATE audit_event SET seq = CASE WHEN seq = $1 + 1000000000 THEN $1 + 1 ELSE $1 END WHERE seq > 1000000000`,
            [k],
          );
        },
        { batchSize },
      );
      expect(swapped).toMatchObject({ ok: false, problem: 'reordered', firstBadSeq: k });
      const deleted = await tampered(
        (m) => m.query('DELETE FROM audit_event WHERE seq = $1', [k]).then(() => undefined),
        {
          batchSize,
        },
      );
      expect(deleted).toMatchObject({ ok: false, problem: 'missing', firstBadSeq: k });
      const clean = await tampered(async () => undefined, { batchSize, to: seqs[seqs.length - 1] });
      expect(clean).toMatchObject({ ok: true, eventsChecked: seqs[seqs.length - 1] - seqs[0] + 1 });
    },
  );

  it('names a truncated tail against the signed checkpoint: truncated after the last remaining seq', async () => {
    const keep = mid();
    const r = await tampered((m) =>
      m.query('DELETE FROM audit_event WHERE seq > $1', [keep]).then(() => undefined),
    );
    expect(r).toMatchObject({ ok: false, problem: 'truncated', firstBadSeq: keep + 1 });
    expect(r.message).toContain(`seq ${cpEnd}`);
  });

  it('detects a consistently rewritten chain against the signed checkpoint, naming the range', async () => {
    const k = mid();
    const r = await tampered(async (m) => {
      await m.query(`UPDATE audit_event SET actor = 'rewritten' WHERE seq = $1`, [k]);
      await rehash(m, k);
    });
    expect(r).toMatchObject({
      ok: false,
      problem: 'rewritten',
      firstBadSeq: cpEnd,
      suspectFromSeq: cpMid + 1,
    });
    expect(r.suspectFromSeq!).toBeLessThanOrEqual(k);
    expect(r.firstBadSeq!).toBeGreaterThanOrEqual(k);
  });

  it('detects a rewrite whose checkpoints were re-signed with the attacker key', async () => {
    const k = mid();
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'helixgate-attacker-'));
    const attacker = await FileCheckpointSigner.open(path.join(dir, 'key.json'));
    const r = await tampered(async (m) => {
      await m.query(`UPDATE audit_event SET actor = 'rewritten' WHERE seq = $1`, [k]);
      await rehash(m, k);
      const [{ hash }] = await m.query<
        {
          hash: string;
        }[]
      >('SELECT hash FROM audit_event WHERE seq = $1', [cpEnd]);
      const forgedJws = await attacker.sign({
        upToSeq: cpEnd,
        headHash: hash,
        count: cpEnd,
        at: new Date().toISOString(),
      });
      // claim our kid in the header: the signature will not verify with our key
      const [, payload, sig] = forgedJws.split('.');
      const header = Buffer.from(JSON.stringify({ alg: 'ES256', kid: t.signer.kid })).toString('base64url');
      await m.query('UPDATE audit_checkpoint SET head_hash = $2, jws = $3 WHERE up_to_seq = $1', [
        cpEnd,
        hash,
        `${header}.${payload}.${sig}`,
      ]);
    });
    expect(r).toMatchObject({ ok: false, problem: 'rewritten', firstBadSeq: cpEnd });
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('detects a rewrite whose checkpoints were deleted, using the checkpoint kept outside the database', async () => {
    const k = mid();
    const edit = async (m: EntityManager) => {
      await m.query(`UPDATE audit_event SET actor = 'rewritten' WHERE seq = $1`, [k]);
      await rehash(m, k);
      await m.query('DELETE FROM audit_checkpoint WHERE up_to_seq >= $1', [seqs[0]]);
    };
    const withFile = await tampered(edit, { external: [cpEndJws] });
    expect(withFile).toMatchObject({ ok: false, problem: 'rewritten', firstBadSeq: cpEnd });
    // and also a truncation below an external checkpoint
    const truncated = await tampered(
      async (m) => {
        await m.query('DELETE FROM audit_checkpoint WHERE up_to_seq >= $1', [seqs[0]]);
        await m.query('DELETE FROM audit_event WHERE seq > $1', [k]);
      },
      { external: [cpEndJws] },
    );
    expect(truncated).toMatchObject({ ok: false, problem: 'truncated', firstBadSeq: k + 1 });
  });

  describe('append-only in the database', () => {
    it.each([
      ['UPDATE', `UPDATE audit_event SET actor = 'x' WHERE seq = $1`],
      ['DELETE', 'DELETE FROM audit_event WHERE seq = $1'],
      ['UPDATE checkpoint', `UPDATE audit_checkpoint SET head_hash = repeat('0', 64) WHERE up_to_seq = $1`],
      ['DELETE checkpoint', 'DELETE FROM audit_checkpoint WHERE up_to_seq = $1'],
    ])('refuses %s', async (_name, sql) => {
      await expect(t.ds.query(sql, [sql.includes('checkpoint') ? cpEnd : seqs[0]])).rejects.toThrow(
        /append-only/,
      );
    });

    it.each(['audit_event', 'audit_checkpoint'])('refuses TRUNCATE %s', async (table) => {
      await expect(t.ds.query(`TRUNCATE ${table}`)).rejects.toThrow(/append-only/);
      const [{ n }] = await t.ds.query<{ n: number }[]>(`SELECT count(*)::int AS n FROM ${table}`);
      expect(n).toBeGreaterThan(0);
    });

    it('still holds the event after the refused changes', async () => {
      const [row] = await t.ds.query<
        {
          actor: string;
        }[]
      >('SELECT actor FROM audit_event WHERE seq = $1', [seqs[0]]);
      expect(row.actor).toMatch(/^tamper-/);
    });
  });
});
