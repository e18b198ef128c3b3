import { Client } from 'pg';
import { testConfig } from '../support/test-config';
import { auditTestApp, callerWith, type AuditTestApp } from './audit-test-app';

/**
 * The chain writer appends a group after the head it wrote last in one statement, and falls back to the
 * locked read of the head when another writer got there first. Two apps on one database stand for two
 * gateway processes (or hosts); a domain transaction's append (`record(event, manager)`) is the third writer.
 */
describe('audit chain appends from several writers', () => {
  let a: AuditTestApp;
  let b: AuditTestApp;
  const officer = callerWith(['compliance']);
  const event = (actor: string) => ({
    actor,
    action: 'rest:GET /api/g_variants',
    outcome: 'allow' as const,
    datasetIds: ['ds-chain-append'],
  });

  beforeAll(async () => {
    a = await auditTestApp(testConfig());
    b = await auditTestApp(testConfig());
  });
  afterAll(async () => {
    await a?.close();
    await b?.close();
  });

  it('appends a group after its own last event in one database round trip', async () => {
    await a.audit.record(event('warm-up'));
    const calls: string[] = [];
    const query = Client.prototype.query;
    Client.prototype.query = function (this: Client, ...args: unknown[]) {
      const config = args[0] as string | { text?: string };
      calls.push(typeof config === 'string' ? config : (config.text ?? ''));
      return (query as (...a: unknown[]) => unknown).apply(this, args);
    } as typeof query;
    try {
      await a.audit.record(event('one-trip'));
    } finally {
      Client.prototype.query = query;
    }
    expect(calls.filter((s) => /audit_event/.test(s))).toHaveLength(1);
    expect(calls.filter((s) => /^\s*(BEGIN|COMMIT|START TRANSACTION)/i.test(s))).toEqual([]);
  });

  it('keeps one gap-free chain when two processes and a domain transaction append in turn', async () => {
    const first = await a.audit.record(event('turn-a-0'));
    const seqs: number[] = [first.seq];
    for (let i = 0; i < 4; i++) {
      seqs.push((await b.audit.record(event(`turn-b-${i}`))).seq);
      seqs.push((await a.audit.record(event(`turn-a-${i + 1}`))).seq);
      seqs.push((await b.ds.transaction((m) => b.audit.record(event(`turn-tx-${i}`), m))).seq);
      // concurrent groups from both processes
      const both = await Promise.all([
        ...Array.from({ length: 5 }, (_, j) => a.audit.record(event(`burst-a-${i}-${j}`))),
        ...Array.from({ length: 5 }, (_, j) => b.audit.record(event(`burst-b-${i}-${j}`))),
      ]);
      seqs.push(...both.map((r) => r.seq));
    }
    const sorted = [...seqs].sort((x, y) => x - y);
    expect(new Set(seqs).size).toBe(seqs.length);
    const [{ n }] = await a.ds.query<{ n: number }[]>(
      'SELECT count(*)::int AS n FROM audit_event WHERE seq BETWEEN $1 AND $2',
      [sorted[0], sorted[sorted.length - 1]],
    );
    // Other suites may append to the shared database meanwhile; none of ours is lost or duplicated.
    expect(n).toBeGreaterThanOrEqual(seqs.length);
    const report = await a.audit.verify(officer, { from: Math.max(1, sorted[0] - 1) });
    expect(report.ok).toBe(true);
  });
});
