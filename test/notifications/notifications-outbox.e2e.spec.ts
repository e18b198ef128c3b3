import type { INestApplication } from '@nestjs/common';
import { NotificationDeliveryWorker, NotificationOutbox, verifyWebhook } from '@helixgate/notifications';
import { randomBytes } from 'node:crypto';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { DataSource } from 'typeorm';
import { registerNotificationCommands } from '../../apps/cli/src/commands/notifications.command';
import { runCli } from '../support/cli';
import { createGateway } from '../../apps/gateway/src/bootstrap';
import { codeOf, gql, makeActor, type Actor } from '../support/actors';
import { testConfig, uniqueId } from '../support/test-config';
import { TestSmtpServer, TestWebhookReceiver } from './notification-servers';

const SECRET = 'webhook-secret-for-tests-0123456789abcdef';
const SUBMIT = `mutation($input: SubmitAccessRequestInput!) { submitAccessRequest(input: $input) { id status } }`;
const APPROVE = `mutation($id: ID!, $exp: DateTime!) { approveAccessRequest(id: $id, expiresAt: $exp, note: "approved: chr17:43045712 A>G carriers ok") { id status } }`;
const RETURN = `mutation($id: ID!) { returnAccessRequest(id: $id, note: "please add the ethics reference") { status } }`;
const PREFS = `mutation($i: NotificationPreferencesInput!) { setNotificationPreferences(input: $i) { email emailEnabled events } }`;
const DELIVERIES = `query($s: String, $r: ID) { notificationDeliveries(status: $s, requestId: $r) { id type channel target status attempts lastError requestId } }`;
const RETRY = `mutation($ids: [ID!]) { retryNotificationDeliveries(ids: $ids) }`;

/** Text that must never reach an e-mail or webhook: genetic detail, free text, secrets. */
const PURPOSE = {
  category: 'DISEASE_SPECIFIC',
  diseases: ['MONDO:0007254'],
  commercial: false,
  forProfitOrganization: false,
};
const SECRET_JUSTIFICATION =
  'Carriers of NM_007294.4:c.5266dupC (rs80357906) genotype 0/1 in sample HG00096.';

describe('notifications: transactional outbox, SMTP and signed webhooks (real servers)', () => {
  let app: INestApplication;
  let app2: INestApplication;
  let base: string;
  let smtp: TestSmtpServer;
  let hook: TestWebhookReceiver;
  let admin: Actor, steward: Actor, researcher: Actor;
  let datasetId: string;
  let ds: DataSource;
  let worker: NotificationDeliveryWorker;

  const config = () =>
    testConfig({
      HELIXGATE_SMTP_URL: smtp.url,
      HELIXGATE_MAIL_FROM: 'Helixgate Test <dac@helixgate.test>',
      HELIXGATE_WEBHOOK_URLS: hook.url,
      HELIXGATE_WEBHOOK_SECRET: SECRET,
      HELIXGATE_NOTIFY_POLL_MS: '3600000',
      HELIXGATE_NOTIFY_MAX_ATTEMPTS: '3',
      HELIXGATE_NOTIFY_BACKOFF_MS: '60000',
    });

  const submit = async (actor: Actor) => {
    const r = await gql<{ submitAccessRequest: { id: string } }>(
      base,
      SUBMIT,
      {
        input: {
          datasetId,
          projectTitle: 'Penetrance study',
          justification: SECRET_JUSTIFICATION,
          purpose: PURPOSE,
        },
      },
      actor,
    );
    expect(r.errors).toBeUndefined();
    return r.data!.submitAccessRequest.id;
  };
  /** Makes pending deliveries due now, as if their backoff had passed. */
  const timePasses = () =>
    ds.query(`UPDATE notification_delivery SET next_attempt_at = now() WHERE status = 'PENDING'`);
  const deliveriesOf = (
    requestId: string,
  ): Promise<{ channel: string; status: string; attempts: number }[]> =>
    ds.query(
      `SELECT d.channel, d.status, d.attempts, d.target, e.type FROM notification_delivery d
         JOIN notification_event e ON e.id = d.event_id WHERE e.request_id = $1 ORDER BY d.id`,
      [requestId],
    );

  beforeAll(async () => {
    smtp = new TestSmtpServer();
    await smtp.start();
    hook = new TestWebhookReceiver();
    await hook.start();
    app = await createGateway(config());
    await app.listen(0, '127.0.0.1');
    base = (await app.getUrl()).replace('[::1]', '127.0.0.1');
    app2 = await createGateway(config());
    ds = app.get(DataSource);
    worker = app.get(NotificationDeliveryWorker);
    [admin, steward, researcher] = await Promise.all([
      makeActor(app, ['admin']),
      makeActor(app, ['steward']),
      makeActor(app, ['researcher'], { bonaFide: true }),
    ]);
    datasetId = uniqueId('ntf');
    const created = await gql(
      base,
      `mutation($i: CreateDatasetInput!) { createDataset(input: $i) { id } }`,
      { i: { id: datasetId, name: 'notified cohort', assembly: 'GRCh38', securityLevel: 'CONTROLLED' } },
      admin,
    );
    expect(created.errors).toBeUndefined();
    await gql(
      base,
      `mutation($d: ID!, $s: String!) { assignSteward(datasetId: $d, subject: $s) }`,
      { d: datasetId, s: steward.subject },
      admin,
    );
    for (const [actor, email] of [
      [steward, 'steward@helixgate.test'],
      [researcher, 'researcher@helixgate.test'],
    ] as const) {
      const p = await gql(base, PREFS, { i: { email, emailEnabled: true } }, actor);
      expect(p.errors).toBeUndefined();
    }
  });

  afterAll(async () => {
    // Leave nothing due for other suites' workers (this suite's servers are going away).
    await ds.query(
      `UPDATE notification_delivery SET status = 'DEAD', last_error = 'test suite ended'
        WHERE status IN ('PENDING', 'SENDING') AND (target = $1 OR target LIKE '%@helixgate.test')`,
      [hook.url],
    );
    await app2?.close();
    await app?.close();
    await smtp.stop();
    await hook.stop();
  });

  it('writes the outbox in the domain transaction and delivers each message exactly once', async () => {
    const id = await submit(researcher);
    // Nothing is sent before the worker runs, but the deliveries are committed with the request.
    expect(smtp.to('steward@helixgate.test')).toHaveLength(0);
    expect((await deliveriesOf(id)).map((d) => [d.channel, d.status])).toEqual([
      ['email', 'PENDING'],
      ['webhook', 'PENDING'],
    ]);
    const run = await worker.drain();
    expect(run.sent).toBeGreaterThanOrEqual(2);
    const mails = smtp.to('steward@helixgate.test').filter((m) => m.text.includes(id));
    expect(mails).toHaveLength(1);
    expect(mails[0].event).toBe('request.submitted');
    expect(mails[0].from).toBe('dac@helixgate.test');
    expect(mails[0].subject).toContain(datasetId);
    expect(mails[0].text).toContain(`https://helixgate-local.helixgate.invalid/console/requests/${id}`);
    const hooks = hook.hooks.filter((h) => h.body.includes(id));
    expect(hooks).toHaveLength(1);
    expect(JSON.parse(hooks[0].body)).toMatchObject({
      type: 'request.submitted',
      data: { requestId: id, datasetId, state: 'SUBMITTED' },
    });
    // A second run finds nothing to send: nothing twice.
    await worker.drain();
    expect(smtp.to('steward@helixgate.test').filter((m) => m.text.includes(id))).toHaveLength(1);
    expect(hook.hooks.filter((h) => h.body.includes(id))).toHaveLength(1);
    expect((await deliveriesOf(id)).every((d) => d.status === 'SENT' && d.attempts === 1)).toBe(true);
  });

  it('rolls the notification back with a refused change (no message for what did not happen)', async () => {
    const before: { n: string }[] = await ds.query(`SELECT count(*) AS n FROM notification_event`);
    // A second request while one is open is refused (CONFLICT) inside the submit transaction.
    const r = await gql(
      base,
      SUBMIT,
      {
        input: {
          datasetId,
          projectTitle: 'again',
          justification: 'A second request for the same dataset while one is open.',
          purpose: PURPOSE,
        },
      },
      researcher,
    );
    expect(codeOf(r)).toBe('CONFLICT');
    const after: { n: string }[] = await ds.query(`SELECT count(*) AS n FROM notification_event`);
    expect(after[0].n).toBe(before[0].n);
  });

  it('loses nothing while SMTP is down and sends it once when it is back', async () => {
    const [open] = await ds.query(
      `SELECT id FROM access_request WHERE dataset_id = $1 AND state = 'SUBMITTED'`,
      [datasetId],
    );
    const port = smtp.port;
    await smtp.stop();
    const returned = await gql(base, RETURN, { id: open.id }, steward);
    expect(returned.errors).toBeUndefined();
    const r1 = await worker.runOnce();
    expect(r1.failed).toBeGreaterThanOrEqual(1);
    let rows = await ds.query(
      `SELECT d.status, d.attempts, d.last_error, extract(epoch FROM d.next_attempt_at - now()) AS wait
         FROM notification_delivery d JOIN notification_event e ON e.id = d.event_id
        WHERE e.request_id = $1 AND e.type = 'request.returned' AND d.channel = 'email'`,
      [open.id],
    );
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ status: 'PENDING', attempts: 1 });
    expect(rows[0].last_error).toMatch(/ECONNREFUSED|connect/i);
    // backoff: the first retry waits HELIXGATE_NOTIFY_BACKOFF_MS (60 s)
    expect(Number(rows[0].wait)).toBeGreaterThan(50);
    expect(Number(rows[0].wait)).toBeLessThanOrEqual(60);
    // Not due yet: a poll leaves it alone.
    await worker.runOnce();
    rows = await ds.query(
      `SELECT d.attempts FROM notification_delivery d JOIN notification_event e ON e.id = d.event_id
        WHERE e.request_id = $1 AND e.type = 'request.returned' AND d.channel = 'email'`,
      [open.id],
    );
    expect(rows[0].attempts).toBe(1);
    // Still down after the wait: the second failure doubles the wait.
    await timePasses();
    await worker.runOnce();
    rows = await ds.query(
      `SELECT d.status, d.attempts, extract(epoch FROM d.next_attempt_at - now()) AS wait
         FROM notification_delivery d JOIN notification_event e ON e.id = d.event_id
        WHERE e.request_id = $1 AND e.type = 'request.returned' AND d.channel = 'email'`,
      [open.id],
    );
    expect(rows[0]).toMatchObject({ status: 'PENDING', attempts: 2 });
    expect(Number(rows[0].wait)).toBeGreaterThan(110);

    await smtp.start(port);
    await timePasses();
    await worker.drain();
    const mails = smtp.to('researcher@helixgate.test').filter((m) => m.text.includes(open.id));
    expect(mails).toHaveLength(1);
    expect(mails[0].event).toBe('request.returned');
    await timePasses();
    await worker.drain();
    expect(smtp.to('researcher@helixgate.test').filter((m) => m.text.includes(open.id))).toHaveLength(1);
  });

  it('never sends twice when two gateway processes poll at once', async () => {
    const outbox = app.get(NotificationOutbox);
    const ids: string[] = [];
    await ds.transaction(async (tx) => {
      for (let i = 0; i < 30; i++) {
        const e = await outbox.enqueue(tx, {
          type: 'vote.cast',
          datasetId,
          vote: 'APPROVE',
          recipients: [{ issuer: steward.issuer, subject: steward.subject }],
          dedupKey: `race-${datasetId}-${i}`,
        });
        ids.push(e.eventId!);
      }
    });
    const w2 = app2.get(NotificationDeliveryWorker);
    const [a, b] = await Promise.all([worker.drain(), w2.drain(), worker.runOnce(), w2.runOnce()]);
    expect(a.sent + b.sent).toBeGreaterThan(0);
    const got = smtp.mails.filter((m) => m.event === 'vote.cast' && m.to.includes('steward@helixgate.test'));
    const byId = new Map<string, number>();
    for (const m of got) byId.set(m.messageId!, (byId.get(m.messageId!) ?? 0) + 1);
    expect(byId.size).toBe(30);
    expect([...byId.values()].every((n) => n === 1)).toBe(true);
    const hooks = hook.hooks.filter((h) => JSON.parse(h.body).type === 'vote.cast');
    expect(new Set(hooks.map((h) => h.headers['x-helixgate-webhook-id'])).size).toBe(30);
    expect(hooks).toHaveLength(30);
    // Re-enqueueing with the same keys is a no-op (e.g. a sweep run by two processes).
    await ds.transaction(async (tx) => {
      const again = await outbox.enqueue(tx, {
        type: 'vote.cast',
        datasetId,
        recipients: [],
        dedupKey: `race-${datasetId}-0`,
      });
      expect(again.eventId).toBeNull();
    });
  });

  it('takes over a delivery whose sender died mid-claim once its lease has lapsed', async () => {
    const outbox = app.get(NotificationOutbox);
    const e = await ds.transaction((tx) =>
      outbox.enqueue(tx, {
        type: 'review.requested',
        datasetId,
        recipients: [{ issuer: steward.issuer, subject: steward.subject }],
      }),
    );
    // A process claimed it and died: SENDING, lease not yet over → left alone.
    await ds.query(
      `UPDATE notification_delivery SET status = 'SENDING', attempts = 1, claimed_by = 'dead-process',
              claimed_until = now() + interval '1 minute' WHERE event_id = $1`,
      [e.eventId],
    );
    await worker.drain();
    expect(smtp.mails.filter((m) => m.event === 'review.requested')).toHaveLength(0);
    await ds.query(
      `UPDATE notification_delivery SET claimed_until = now() - interval '1 second' WHERE event_id = $1`,
      [e.eventId],
    );
    await worker.drain();
    expect(smtp.mails.filter((m) => m.event === 'review.requested')).toHaveLength(1);
  });

  it('signs webhooks: the signature verifies, a tampered body or wrong secret fails', async () => {
    const h = hook.hooks[0];
    const sig = h.headers['x-helixgate-webhook-signature'] as string;
    expect(sig).toMatch(/^t=\d+,v1=[0-9a-f]{64}$/);
    expect(verifyWebhook(SECRET, h.body, sig)).toBe(true);
    expect(verifyWebhook(SECRET, h.body.replace('"type":"', '"type":"x'), sig)).toBe(false);
    expect(verifyWebhook(SECRET, `${h.body} `, sig)).toBe(false);
    expect(verifyWebhook('another-secret-of-at-least-32-characters!', h.body, sig)).toBe(false);
    // an old delivery replayed later than the tolerance fails
    expect(verifyWebhook(SECRET, h.body, sig, 300, Date.now() + 3600_000)).toBe(false);
    expect(verifyWebhook(SECRET, h.body, undefined)).toBe(false);
  });

  it('dead-letters a webhook after the last attempt, shows it to the operator only, and retries it', async () => {
    hook.status = 500;
    const outbox = app.get(NotificationOutbox);
    const id = await submitApproveFlow();
    for (let i = 0; i < 3; i++) {
      await timePasses();
      await worker.runOnce();
    }
    const dead = await gql<{
      notificationDeliveries: {
        id: string;
        status: string;
        attempts: number;
        lastError: string;
        type: string;
      }[];
    }>(base, DELIVERIES, { s: 'DEAD', r: id }, admin);
    expect(dead.errors).toBeUndefined();
    const webhookDead = dead.data!.notificationDeliveries.filter((d) => d.type === 'request.approved');
    expect(webhookDead).toHaveLength(1);
    expect(webhookDead[0]).toMatchObject({ attempts: 3, lastError: 'webhook answered HTTP 500' });
    // The e-mail of the same event went out once.
    expect(
      smtp
        .to('researcher@helixgate.test')
        .filter((m) => m.text.includes(id) && m.event === 'request.approved'),
    ).toHaveLength(1);
    // Operators only.
    expect(codeOf(await gql(base, DELIVERIES, { s: 'DEAD' }, researcher))).toBe('FORBIDDEN');
    expect(codeOf(await gql(base, DELIVERIES, { s: 'DEAD' }, steward))).toBe('FORBIDDEN');
    expect(codeOf(await gql(base, RETRY, { ids: [webhookDead[0].id] }, steward))).toBe('FORBIDDEN');
    // The CLI shows the same dead letter.
    const listed = JSON.parse(
      await cli('notifications', 'list', '--status', 'DEAD', '--request', id, '--json'),
    ) as { id: string; status: string; channel: string; lastError: string }[];
    expect(listed.map((d) => [d.id, d.status, d.channel, d.lastError])).toContainEqual([
      webhookDead[0].id,
      'DEAD',
      'webhook',
      'webhook answered HTTP 500',
    ]);
    // Dead stays dead until retried.
    await timePasses();
    await worker.drain();
    const approvedHooks = () =>
      hook.hooks.filter((h) => h.body.includes(id) && JSON.parse(h.body).type === 'request.approved');
    expect(approvedHooks()).toHaveLength(0);
    hook.status = 200;
    const retried = await gql<{ retryNotificationDeliveries: string[] }>(
      base,
      RETRY,
      { ids: [webhookDead[0].id] },
      admin,
    );
    expect(retried.errors).toBeUndefined();
    expect(retried.data!.retryNotificationDeliveries).toEqual([webhookDead[0].id]);
    await worker.drain();
    expect(approvedHooks()).toHaveLength(1);
    // Retry from the CLI too: another dead letter (the webhook is down again), queued and delivered.
    hook.status = 503;
    const outboxEvent = await ds.transaction((tx) =>
      outbox.enqueue(tx, { type: 'grant.expiring', requestId: id, datasetId, daysLeft: 7, recipients: [] }),
    );
    for (let i = 0; i < 3; i++) {
      await timePasses();
      await worker.runOnce();
    }
    const [deadHook] = await ds.query(`SELECT id, status FROM notification_delivery WHERE event_id = $1`, [
      outboxEvent.eventId,
    ]);
    expect(deadHook.status).toBe('DEAD');
    hook.status = 200;
    expect(await cli('notifications', 'retry', String(deadHook.id))).toBe(
      `queued 1 delivery again: ${deadHook.id}\n`,
    );
    await worker.drain();
    expect(hook.hooks.filter((h) => JSON.parse(h.body).type === 'grant.expiring')).toHaveLength(1);
    // Sent deliveries are not sent again by a retry.
    expect(codeOf(await gql(base, RETRY, { ids: [webhookDead[0].id] }, admin))).toBe('NOT_FOUND');
    const audit: { detail: { deliveryIds: string[] } }[] = await ds.query(
      `SELECT detail FROM audit_event WHERE action = 'notifications.retry' AND actor = $1`,
      [admin.subject],
    );
    expect(audit.map((a) => a.detail.deliveryIds)).toEqual([[webhookDead[0].id]]);
  });

  it('honours preferences: event types and e-mail off', async () => {
    const p = await gql<{ setNotificationPreferences: { events: string[] } }>(
      base,
      PREFS,
      { i: { events: ['request.rejected'] } },
      researcher,
    );
    expect(p.data!.setNotificationPreferences.events).toEqual(['request.rejected']);
    expect(codeOf(await gql(base, PREFS, { i: { events: ['nope'] } }, researcher))).toBe('BAD_REQUEST');
    expect(codeOf(await gql(base, PREFS, { i: { email: 'not an address' } }, researcher))).toBe(
      'BAD_REQUEST',
    );
    expect(codeOf(await gql(base, PREFS, { i: { emailEnabled: false } }))).toBe('UNAUTHENTICATED');
    const [grant] = await ds.query(
      `SELECT id FROM access_request WHERE dataset_id = $1 AND state = 'APPROVED'`,
      [datasetId],
    );
    const revoked = await gql(
      base,
      `mutation($id: ID!) { revokeAccessGrant(id: $id, reason: "project ended") { status } }`,
      { id: grant.id },
      steward,
    );
    expect(revoked.errors).toBeUndefined();
    await worker.drain();
    // grant.revoked / closeout.due are not selected: no e-mail; the webhook still gets every event.
    expect(smtp.to('researcher@helixgate.test').filter((m) => m.event === 'grant.revoked')).toHaveLength(0);
    expect(hook.hooks.filter((h) => JSON.parse(h.body).type === 'grant.revoked')).toHaveLength(1);
    await gql(base, PREFS, { i: { events: null, emailEnabled: false } }, researcher);
    const prefs = await gql<{ myNotificationPreferences: { emailEnabled: boolean; events: string[] } }>(
      base,
      `{ myNotificationPreferences { email emailEnabled events } }`,
      {},
      researcher,
    );
    expect(prefs.data!.myNotificationPreferences).toMatchObject({
      email: 'researcher@helixgate.test',
      emailEnabled: false,
    });
  });

  it('puts no genetic data, free text or token in any message', async () => {
    expect(smtp.mails.length).toBeGreaterThan(30);
    const everything = [
      ...smtp.mails.flatMap((m) => [m.raw, m.text]),
      ...hook.hooks.map((h) => JSON.stringify(h)),
    ];
    for (const text of everything) {
      expect(text).not.toContain('c.5266dupC');
      expect(text).not.toContain('rs80357906');
      expect(text).not.toContain('HG00096');
      expect(text).not.toContain('0/1');
      expect(text).not.toContain('chr17');
      expect(text).not.toContain('ethics reference');
      expect(text).not.toContain('project ended');
      expect(text).not.toMatch(/eyJ[A-Za-z0-9_-]{10,}/); // no JWT (token, visa)
      for (const a of [admin, steward, researcher]) expect(text).not.toContain(a.token);
      expect(text).not.toContain(SECRET);
    }
  });

  /** `helixgate …` in this process, on this suite's database (the CLI reads its configuration from the environment). */
  async function cli(...args: string[]): Promise<string> {
    const saved = { ...process.env };
    Object.assign(process.env, {
      HELIXGATE_DATA_DIR: fs.mkdtempSync(path.join(os.tmpdir(), 'helixgate-cli-notify-')),
      HELIXGATE_MASTER_KEY: randomBytes(32).toString('base64'),
      LOG_LEVEL: 'silent',
    });
    try {
      return await runCli([registerNotificationCommands], ...args);
    } finally {
      process.env = saved;
    }
  }

  /** Resubmits the returned request and approves it; returns its id. */
  async function submitApproveFlow(): Promise<string> {
    const [open] = await ds.query(
      `SELECT id FROM access_request WHERE dataset_id = $1 AND state = 'RETURNED'`,
      [datasetId],
    );
    const re = await gql(
      base,
      `mutation($id: ID!) { resubmitAccessRequest(id: $id, input: { ethicsRef: "IRB-2026-17" }) { status } }`,
      { id: open.id },
      researcher,
    );
    expect(re.errors).toBeUndefined();
    const a = await gql(
      base,
      APPROVE,
      { id: open.id, exp: new Date(Date.now() + 200 * 86_400_000).toISOString() },
      steward,
    );
    expect(a.errors).toBeUndefined();
    return open.id as string;
  }
});
