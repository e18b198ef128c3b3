import type { INestApplication } from '@nestjs/common';
import { AccessRequestService, GrantLifecycleService } from '@helixgate/access';
import { NotificationDeliveryWorker } from '@helixgate/notifications';
import { DataSource } from 'typeorm';
import { createGateway } from '../../apps/gateway/src/bootstrap';
import { codeOf, gql, makeActor, type Actor } from '../support/actors';
import { testConfig, uniqueId } from '../support/test-config';
import { TestSmtpServer } from './notification-servers';

const PURPOSE = {
  category: 'DISEASE_SPECIFIC',
  diseases: ['MONDO:0007254'],
  commercial: false,
  forProfitOrganization: false,
};
const SUBMIT = `mutation($input: SubmitAccessRequestInput!) { submitAccessRequest(input: $input) { id status } }`;
const APPROVE = `mutation($id: ID!, $exp: DateTime!) { approveAccessRequest(id: $id, expiresAt: $exp) { id status } }`;
const RENEW = `mutation($id: ID!, $j: String) { requestAccessRenewal(id: $id, justification: $j) { id status } }`;
const CLOSE = `mutation($id: ID!, $k: String!, $s: String!) { closeOutAccessGrant(id: $id, kind: $k, statement: $s) { kind statement recordedBy recordedAt } }`;
const REQUEST = `query($id: ID!) { accessRequest(id: $id) { id status renewalOf renewals remindersSent closeOut { kind statement } history { action fromState toState actorPerson { name } } } }`;
const DELETION =
  'All copies of the data obtained under this grant were deleted from our cluster on the end date.';

describe('grant lifecycle: reminders, expiry, renewal, close-out (real SMTP server)', () => {
  let app: INestApplication;
  let base: string;
  let smtp: TestSmtpServer;
  let admin: Actor, steward: Actor, researcher: Actor, other: Actor;
  let datasetId: string;
  let ds: DataSource;
  let worker: NotificationDeliveryWorker;
  let lifecycle: GrantLifecycleService;
  let requests: AccessRequestService;

  const mailsTo = (who: string, event: string, requestId: string) =>
    smtp.to(who).filter((m) => m.event === event && m.text.includes(requestId));

  async function grant(days: number): Promise<string> {
    const s = await gql<{ submitAccessRequest: { id: string } }>(
      base,
      SUBMIT,
      {
        input: {
          datasetId,
          projectTitle: 'Lifecycle',
          justification: 'Follow the penetrance of BRCA1 variants over time.',
          purpose: PURPOSE,
        },
      },
      researcher,
    );
    expect(s.errors).toBeUndefined();
    const id = s.data!.submitAccessRequest.id;
    const a = await gql(
      base,
      APPROVE,
      { id, exp: new Date(Date.now() + days * 86_400_000).toISOString() },
      steward,
    );
    expect(a.errors).toBeUndefined();
    return id;
  }
  /** The grant's end moves to `hours` from now (as if time had passed). */
  const endsIn = (id: string, hours: number) =>
    ds.query(`UPDATE access_request SET expires_at = now() + make_interval(hours => $2) WHERE id = $1`, [
      id,
      hours,
    ]);

  beforeAll(async () => {
    smtp = new TestSmtpServer();
    await smtp.start();
    app = await createGateway(
      testConfig({
        HELIXGATE_SMTP_URL: smtp.url,
        HELIXGATE_NOTIFY_POLL_MS: '3600000',
        HELIXGATE_ACCESS_EXPIRY_SWEEP_SECONDS: '3600',
        HELIXGATE_GRANT_REMINDER_DAYS: '30,7,1',
      }),
    );
    await app.listen(0, '127.0.0.1');
    base = (await app.getUrl()).replace('[::1]', '127.0.0.1');
    ds = app.get(DataSource);
    worker = app.get(NotificationDeliveryWorker);
    lifecycle = app.get(GrantLifecycleService);
    requests = app.get(AccessRequestService);
    [admin, steward, researcher, other] = await Promise.all([
      makeActor(app, ['admin']),
      makeActor(app, ['steward']),
      makeActor(app, ['researcher'], { bonaFide: true }),
      makeActor(app, ['researcher'], { bonaFide: true }),
    ]);
    datasetId = uniqueId('life');
    expect(
      (
        await gql(
          base,
          `mutation($i: CreateDatasetInput!) { createDataset(input: $i) { id } }`,
          { i: { id: datasetId, name: 'lifecycle', assembly: 'GRCh38', securityLevel: 'CONTROLLED' } },
          admin,
        )
      ).errors,
    ).toBeUndefined();
    await gql(
      base,
      `mutation($d: ID!, $s: String!) { assignSteward(datasetId: $d, subject: $s) }`,
      { d: datasetId, s: steward.subject },
      admin,
    );
    const PREFS = `mutation($i: NotificationPreferencesInput!) { setNotificationPreferences(input: $i) { email } }`;
    await gql(base, PREFS, { i: { email: 'steward@life.test' } }, steward);
    await gql(base, PREFS, { i: { email: 'researcher@life.test' } }, researcher);
  });

  afterAll(async () => {
    await ds.query(
      `UPDATE notification_delivery SET status = 'DEAD', last_error = 'test suite ended'
        WHERE status IN ('PENDING', 'SENDING') AND target LIKE '%@life.test'`,
    );
    await app?.close();
    await smtp.stop();
  });

  let grantId: string;

  it('reminds once per configured day, the nearest only for a grant approved inside a window', async () => {
    grantId = await grant(5); // inside the 30- and 7-day windows: only the 7-day reminder
    await lifecycle.sendReminders();
    await lifecycle.sendReminders();
    await worker.drain();
    let got = mailsTo('researcher@life.test', 'grant.expiring', grantId);
    expect(got).toHaveLength(1);
    expect(got[0].subject).toContain('ends in 5 day(s)');
    let r = await gql<{ accessRequest: { remindersSent: number[] } }>(
      base,
      REQUEST,
      { id: grantId },
      researcher,
    );
    expect(r.data!.accessRequest.remindersSent).toEqual([7]);
    // A day before the end: the 1-day reminder, once, even with two sweeps at once.
    await endsIn(grantId, 20);
    await Promise.all([lifecycle.sendReminders(), lifecycle.sendReminders()]);
    await lifecycle.sendReminders();
    await worker.drain();
    got = mailsTo('researcher@life.test', 'grant.expiring', grantId);
    expect(got).toHaveLength(2);
    expect(got[1].subject).toContain('ends in 1 day(s)');
    r = await gql(base, REQUEST, { id: grantId }, researcher);
    expect(r.data!.accessRequest.remindersSent).toEqual([7, 1]);
  });

  it('renews a grant with a new request linked to it, keeping the history of both', async () => {
    // another researcher cannot see it; a steward cannot renew it
    expect(codeOf(await gql(base, RENEW, { id: grantId }, other))).toBe('NOT_FOUND');
    expect(codeOf(await gql(base, RENEW, { id: grantId }, steward))).toBe('FORBIDDEN');
    const ren = await gql<{ requestAccessRenewal: { id: string; status: string } }>(
      base,
      RENEW,
      { id: grantId, j: 'The cohort follow-up continues for another year: renewal needed.' },
      researcher,
    );
    expect(ren.errors).toBeUndefined();
    const renewalId = ren.data!.requestAccessRenewal.id;
    expect(ren.data!.requestAccessRenewal.status).toBe('SUBMITTED');
    // one open request at a time
    expect(codeOf(await gql(base, RENEW, { id: grantId }, researcher))).toBe('CONFLICT');
    const original = await gql<{
      accessRequest: { status: string; renewals: string[]; history: { action: string }[] };
    }>(base, REQUEST, { id: grantId }, researcher);
    expect(original.data!.accessRequest.status).toBe('APPROVED'); // still in force until its own end
    expect(original.data!.accessRequest.renewals).toEqual([renewalId]);
    expect(original.data!.accessRequest.history.map((h) => h.action)).toEqual([
      'submit',
      'approve',
      'remind',
      'remind',
    ]);
    const renewal = await gql<{ accessRequest: { renewalOf: string } }>(
      base,
      REQUEST,
      { id: renewalId },
      steward,
    );
    expect(renewal.data!.accessRequest.renewalOf).toBe(grantId);
    await worker.drain();
    const told = mailsTo('steward@life.test', 'request.submitted', renewalId);
    expect(told).toHaveLength(1);
    expect(told[0].subject).toContain('Renewal request');
    const audit: { detail: { renewalOf: string } }[] = await ds.query(
      `SELECT detail FROM audit_event WHERE action = 'access.submit' AND detail->>'accessRequestId' = $1`,
      [renewalId],
    );
    expect(audit.map((a) => a.detail.renewalOf)).toEqual([grantId]);
    const approved = await gql(
      base,
      APPROVE,
      { id: renewalId, exp: new Date(Date.now() + 365 * 86_400_000).toISOString() },
      steward,
    );
    expect(approved.errors).toBeUndefined();
  });

  it('closes the grant by itself at its end, shows it on the request, and tells the researcher once', async () => {
    // close-out is for ended grants
    expect(
      codeOf(await gql(base, CLOSE, { id: grantId, k: 'DELETION_ATTESTATION', s: DELETION }, researcher)),
    ).toBe('CONFLICT');
    await endsIn(grantId, -1);
    await Promise.all([requests.recordExpiries(), requests.recordExpiries()]);
    await worker.drain();
    const r = await gql<{
      accessRequest: { status: string; history: { action: string; toState: string }[] };
    }>(base, REQUEST, { id: grantId }, researcher);
    expect(r.data!.accessRequest.status).toBe('EXPIRED');
    expect(r.errors).toBeUndefined();
    // the system's entries (reminders, the expiry) name their actor too (the request page shows them)
    expect(r.data!.accessRequest.history.filter((h) => h.action === 'expire')).toEqual([
      { action: 'expire', fromState: 'APPROVED', toState: 'EXPIRED', actorPerson: { name: 'system' } },
    ]);
    expect(mailsTo('researcher@life.test', 'grant.expired', grantId)).toHaveLength(1);
    expect(mailsTo('researcher@life.test', 'closeout.due', grantId)).toHaveLength(1);
    // no reminder for an ended grant
    await lifecycle.sendReminders();
    await worker.drain();
    expect(mailsTo('researcher@life.test', 'grant.expiring', grantId)).toHaveLength(2);
  });

  it('records the close-out once, audited, in the history, and tells the stewards', async () => {
    expect(codeOf(await gql(base, CLOSE, { id: grantId, k: 'SHREDDED', s: DELETION }, researcher))).toBe(
      'BAD_REQUEST',
    );
    expect(codeOf(await gql(base, CLOSE, { id: grantId, k: 'FINAL_REPORT', s: 'done' }, researcher))).toBe(
      'BAD_REQUEST',
    );
    expect(codeOf(await gql(base, CLOSE, { id: grantId, k: 'FINAL_REPORT', s: DELETION }, steward))).toBe(
      'FORBIDDEN',
    );
    const c = await gql<{ closeOutAccessGrant: { kind: string; recordedBy: string } }>(
      base,
      CLOSE,
      { id: grantId, k: 'DELETION_ATTESTATION', s: DELETION },
      researcher,
    );
    expect(c.errors).toBeUndefined();
    expect(c.data!.closeOutAccessGrant).toMatchObject({
      kind: 'DELETION_ATTESTATION',
      recordedBy: `${researcher.issuer}#${researcher.subject}`,
    });
    expect(codeOf(await gql(base, CLOSE, { id: grantId, k: 'FINAL_REPORT', s: DELETION }, researcher))).toBe(
      'CONFLICT',
    );
    const r = await gql<{
      accessRequest: { closeOut: { kind: string; statement: string }; history: { action: string }[] };
    }>(base, REQUEST, { id: grantId }, steward);
    expect(r.data!.accessRequest.closeOut).toEqual({ kind: 'DELETION_ATTESTATION', statement: DELETION });
    expect(r.data!.accessRequest.history.at(-1)!.action).toBe('close_out');
    const audit: { detail: Record<string, unknown>; actor: string }[] = await ds.query(
      `SELECT actor, detail FROM audit_event WHERE action = 'access.closeout' AND detail->>'accessRequestId' = $1`,
      [grantId],
    );
    expect(audit).toHaveLength(1);
    expect(audit[0].detail).toMatchObject({ closeOutKind: 'DELETION_ATTESTATION', toState: 'EXPIRED' });
    await worker.drain();
    const told = mailsTo('steward@life.test', 'closeout.recorded', grantId);
    expect(told).toHaveLength(1);
    expect(told[0].text).not.toContain('cluster'); // the statement stays behind sign-in
  });
});
