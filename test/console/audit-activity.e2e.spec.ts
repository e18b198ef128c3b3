import type { INestApplication } from '@nestjs/common';
import { createGateway } from '../../apps/gateway/src/bootstrap';
import { codeOf, gql, makeActor, type Actor } from '../support/actors';
import { testConfig } from '../support/test-config';

const ACTIVITY = `query($from: DateTime!, $to: DateTime!, $bucket: AuditBucket) {
  auditActivity(from: $from, to: $to, bucket: $bucket) {
    bucket buckets { start allow deny error decryptions } topActors { actor events denied } refusals { reason count }
  }
}`;

interface Activity {
  auditActivity: {
    bucket: string;
    buckets: { start: string; allow: number; deny: number; error: number; decryptions: number }[];
    topActors: { actor: string; events: number; denied: number }[];
    refusals: { reason: string; count: number }[];
  };
}

describe('auditActivity: the compliance officer’s activity plots', () => {
  let app: INestApplication;
  let base: string;
  let compliance: Actor, researcher: Actor;
  // The window starts with this file's requests: a shared database holds other tests' events before it.
  let from: string;
  const to = () => new Date(Date.now() + 3600_000).toISOString();

  beforeAll(async () => {
    app = await createGateway(testConfig());
    await app.listen(0, '127.0.0.1');
    base = (await app.getUrl()).replace('[::1]', '127.0.0.1');
    compliance = await makeActor(app, ['compliance']);
    researcher = await makeActor(app, ['researcher']);
    from = new Date(Date.now() - 1000).toISOString();
    // Two allowed requests and one refused one by the researcher.
    await gql(base, '{ datasets { id } }', {}, researcher);
    await gql(base, '{ datasets { id } }', {}, researcher);
    await gql(base, '{ auditEvents { events { seq } } }', {}, researcher);
  });
  afterAll(() => app?.close());

  it('counts events per hour by outcome, the top actors and refusals by reason', async () => {
    const r = await gql<Activity>(base, ACTIVITY, { from, to: to(), bucket: 'HOUR' }, compliance);
    expect(r.errors).toBeUndefined();
    const a = r.data!.auditActivity;
    expect(a.bucket).toBe('HOUR');
    const total = a.buckets.reduce((s, b) => s + b.allow + b.deny + b.error + b.decryptions, 0);
    expect(total).toBeGreaterThanOrEqual(3);
    expect(a.buckets.every((b) => new Date(b.start).getUTCMinutes() === 0)).toBe(true);
    const mine = a.topActors.find((t) => t.actor === researcher.subject)!;
    expect(mine).toMatchObject({ events: 3, denied: 1 });
    expect(a.refusals.find((x) => x.reason === 'FORBIDDEN')?.count).toBeGreaterThanOrEqual(1);
  });

  it('is refused to a researcher, and a range too wide for hourly buckets is refused with its reason', async () => {
    const refused = await gql(base, ACTIVITY, { from, to: to() }, researcher);
    expect(codeOf(refused)).toBe('FORBIDDEN');
    const wide = await gql(
      base,
      ACTIVITY,
      { from: new Date(Date.now() - 200 * 86400_000).toISOString(), to: to(), bucket: 'HOUR' },
      compliance,
    );
    expect(codeOf(wide)).toBe('BAD_REQUEST');
    expect(wide.errors![0].message).toMatch(/at most 93 days with HOUR buckets/);
    // A bad date is named as one, not reported as a range in the wrong order.
    const garbage = await gql(base, ACTIVITY, { from: 'garbage', to: to() }, compliance);
    expect(garbage.errors?.[0].message).toMatch(/`from` is not a date-time|from/);
    expect(garbage.errors?.[0].message).not.toMatch(/must be after/);
  });
});
