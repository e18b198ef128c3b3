import type { INestApplication } from '@nestjs/common';
import { AccessRequestService } from '@helixgate/access';
import { DataSource } from 'typeorm';
import { createGateway } from '../../apps/gateway/src/bootstrap';
import { makeActor, type Actor } from '../support/actors';
import { testConfig, uniqueId } from '../support/test-config';

interface Event {
  seq: string;
  actor: string;
  action: string;
  outcome: string;
  reason: string | null;
  dataset_ids: string[];
  request_id: string;
  detail: Record<string, unknown>;
}

interface Answer<T> {
  data: T | null;
  errors?: { message: string; extensions: { code: string } }[];
  /** This node's request id (the x-request-id response header). */
  requestId: string;
}

const PURPOSE = { category: 'HEALTH_MEDICAL_BIOMEDICAL', commercial: false, forProfitOrganization: false };
const SUBMIT = `mutation($d: ID!, $p: ResearchPurposeInput!) { submitAccessRequest(input: { datasetId: $d,
  projectTitle: "Audit trail test", justification: "We need this cohort to check the audit trail.", purpose: $p }) { id } }`;

/**
 * Every access decision is a domain event on its dataset: the transition (or consent change, steward
 * assignment, expiry) with the dataset, the request/grant id, the states before and after and the grant's
 * end, written in the transaction of the change under the request id of the API call that made it.
 */
describe('audit events of access decisions', () => {
  let app: INestApplication;
  let base: string;
  let ds: DataSource;
  let admin: Actor, steward: Actor, researchers: Actor[];
  let datasetId: string;

  const gql = async <T = Record<string, unknown>>(
    query: string,
    variables: Record<string, unknown>,
    actor?: Actor,
  ): Promise<Answer<T>> => {
    const res = await fetch(`${base}/graphql`, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        ...(actor ? { authorization: `Bearer ${actor.token}` } : {}),
      },
      body: JSON.stringify({ query, variables }),
    });
    const body = (await res.json()) as Omit<Answer<T>, 'requestId'>;
    return { ...body, requestId: res.headers.get('x-request-id')! };
  };
  const eventsOf = (requestId: string) =>
    ds.query<Event[]>(
      'SELECT seq, actor, action, outcome, reason, dataset_ids, request_id, detail FROM audit_event WHERE request_id = $1 ORDER BY seq',
      [requestId],
    );
  const decisionsOn = (accessRequestId: string) =>
    ds.query<Event[]>(
      `SELECT seq, actor, action, outcome, reason, dataset_ids, request_id, detail FROM audit_event
        WHERE action LIKE 'access.%' AND detail->>'accessRequestId' = $1 ORDER BY seq`,
      [accessRequestId],
    );
  /** The call's request event names the dataset, and its one domain event carries the decision. */
  const decided = async (r: Answer<unknown>, action: string) => {
    expect(r.errors).toBeUndefined();
    const events = await eventsOf(r.requestId);
    const request = events.find((e) => e.action.startsWith('graphql:'))!;
    expect(request).toMatchObject({ outcome: 'allow', dataset_ids: [datasetId] });
    const domain = events.filter((e) => e.action === action);
    expect(domain).toHaveLength(1);
    expect(domain[0]).toMatchObject({ outcome: 'allow', dataset_ids: [datasetId], request_id: r.requestId });
    return domain[0];
  };

  beforeAll(async () => {
    app = await createGateway(testConfig());
    await app.listen(0, '127.0.0.1');
    base = (await app.getUrl()).replace('[::1]', '127.0.0.1');
    ds = app.get(DataSource);
    admin = await makeActor(app, ['admin']);
    steward = await makeActor(app, ['steward']);
    researchers = await Promise.all([1, 2, 3, 4].map(() => makeActor(app, ['researcher'])));
    datasetId = uniqueId('audited');
  });
  afterAll(() => app.close());

  it('records dataset creation, steward assignment and consent changes as events on the dataset', async () => {
    const created = await gql(
      `mutation($i: CreateDatasetInput!) { createDataset(input: $i) { id } }`,
      { i: { id: datasetId, name: 'audited cohort', assembly: 'GRCh38', securityLevel: 'CONTROLLED' } },
      admin,
    );
    expect((await decided(created, 'dataset.create')).detail).toMatchObject({
      securityLevel: 'CONTROLLED',
      assembly: 'GRCh38',
      issuer: admin.issuer,
    });
    const assigned = await gql(
      `mutation($d: ID!, $s: String!) { assignSteward(datasetId: $d, subject: $s) }`,
      { d: datasetId, s: steward.subject },
      admin,
    );
    expect((await decided(assigned, 'dataset.steward')).detail).toMatchObject({
      steward: `${steward.issuer}#${steward.subject}`,
    });
    const setConsent = (c: Record<string, unknown>) =>
      gql(
        `mutation($d: ID!, $c: DatasetConsentInput!) { setDatasetConsent(datasetId: $d, consent: $c) { permission } }`,
        { d: datasetId, c },
        steward,
      );
    expect((await decided(await setConsent({ permission: 'GRU' }), 'consent.set')).detail).toMatchObject({
      previousConsent: null,
      consent: 'GRU',
    });
    const second = await setConsent({ permission: 'HMB', modifiers: [{ code: 'NPU' }] });
    expect((await decided(second, 'consent.set')).detail).toMatchObject({
      previousConsent: 'GRU',
      consent: 'HMB NPU',
    });
    // A refused change leaves no domain event, and its request event still names the dataset.
    const refused = await gql(
      `mutation($d: ID!, $c: DatasetConsentInput!) { setDatasetConsent(datasetId: $d, consent: $c) { permission } }`,
      { d: datasetId, c: { permission: 'GRU' } },
      researchers[0],
    );
    expect(refused.errors?.[0].extensions.code).toBe('FORBIDDEN');
    expect(await eventsOf(refused.requestId)).toEqual([
      expect.objectContaining({ outcome: 'deny', reason: 'FORBIDDEN', dataset_ids: [datasetId] }),
    ]);
  });

  it('records every transition with the request id, the states before and after and the expiry', async () => {
    const [r1, r2, r3] = researchers;
    const submit = (r: Actor) =>
      gql<{ submitAccessRequest: { id: string } }>(SUBMIT, { d: datasetId, p: PURPOSE }, r);

    const s1 = await submit(r1);
    const id = s1.data!.submitAccessRequest.id;
    expect((await decided(s1, 'access.submit')).detail).toMatchObject({
      accessRequestId: id,
      researcher: `${r1.issuer}#${r1.subject}`,
      fromState: null,
      toState: 'SUBMITTED',
      expiresAt: null,
      consentMatch: 'APPROVE',
    });
    const ret = await gql(
      `mutation($id: ID!) { returnAccessRequest(id: $id, note: "say which genes") { id } }`,
      { id },
      steward,
    );
    expect((await decided(ret, 'access.return')).detail).toMatchObject({
      fromState: 'SUBMITTED',
      toState: 'RETURNED',
      reason: 'say which genes',
    });
    const re = await gql(
      `mutation($id: ID!) { resubmitAccessRequest(id: $id, input: { projectTitle: "BRCA genes only" }) { id } }`,
      { id },
      r1,
    );
    expect((await decided(re, 'access.resubmit')).detail).toMatchObject({
      fromState: 'RETURNED',
      toState: 'SUBMITTED',
    });
    const until = new Date(Date.now() + 30 * 86_400_000);
    const approved = await gql(
      `mutation($id: ID!, $e: DateTime!) { approveAccessRequest(id: $id, expiresAt: $e) { id } }`,
      { id, e: until.toISOString() },
      steward,
    );
    expect((await decided(approved, 'access.approve')).detail).toMatchObject({
      accessRequestId: id,
      grantId: id,
      fromState: 'SUBMITTED',
      toState: 'APPROVED',
      expiresAt: until.toISOString(),
    });
    const revoked = await gql(
      `mutation($id: ID!) { revokeAccessGrant(id: $id, reason: "shared outside the project", block: true) { id } }`,
      { id },
      steward,
    );
    expect((await decided(revoked, 'access.revoke')).detail).toMatchObject({
      grantId: id,
      fromState: 'APPROVED',
      toState: 'REVOKED',
      expiresAt: until.toISOString(),
      reason: 'shared outside the project',
    });
    expect((await decided(revoked, 'access.block')).detail).toMatchObject({
      researcher: `${r1.issuer}#${r1.subject}`,
      reason: 'shared outside the project',
    });

    const s2 = await submit(r2);
    const rejected = await gql(
      `mutation($id: ID!) { rejectAccessRequest(id: $id, reason: "no ethics approval") { id } }`,
      { id: s2.data!.submitAccessRequest.id },
      steward,
    );
    expect((await decided(rejected, 'access.reject')).detail).toMatchObject({
      fromState: 'SUBMITTED',
      toState: 'REJECTED',
    });
    const s3 = await submit(r3);
    const withdrawn = await gql(
      `mutation($id: ID!) { withdrawAccessRequest(id: $id) { id } }`,
      { id: s3.data!.submitAccessRequest.id },
      r3,
    );
    expect((await decided(withdrawn, 'access.withdraw')).detail).toMatchObject({
      fromState: 'SUBMITTED',
      toState: 'WITHDRAWN',
    });

    // The whole story of request 1, in order, from the trail alone.
    expect((await decisionsOn(id)).map((e) => e.action)).toEqual([
      'access.submit',
      'access.return',
      'access.resubmit',
      'access.approve',
      'access.block',
      'access.revoke',
    ]);

    // A refused decision has no domain event; its request event names the dataset and the request.
    const again = await gql(
      `mutation($id: ID!, $e: DateTime!) { approveAccessRequest(id: $id, expiresAt: $e) { id } }`,
      { id, e: until.toISOString() },
      steward,
    );
    expect(again.errors?.[0].extensions.code).toBe('CONFLICT');
    expect(await eventsOf(again.requestId)).toEqual([
      expect.objectContaining({
        action: 'graphql:mutation approveAccessRequest',
        outcome: 'error',
        reason: 'CONFLICT',
        dataset_ids: [datasetId],
        detail: expect.objectContaining({ accessRequestId: id }),
      }),
    ]);
  });

  it('records the end of a grant exactly once (access.expire), whoever notices it first', async () => {
    const r4 = researchers[3];
    const s = await gql<{ submitAccessRequest: { id: string } }>(SUBMIT, { d: datasetId, p: PURPOSE }, r4);
    const id = s.data!.submitAccessRequest.id;
    const ends = new Date(Date.now() + 1500);
    const approved = await gql(
      `mutation($id: ID!, $e: DateTime!) { approveAccessRequest(id: $id, expiresAt: $e) { id } }`,
      { id, e: ends.toISOString() },
      steward,
    );
    expect(approved.errors).toBeUndefined();
    await new Promise((resolve) => setTimeout(resolve, ends.getTime() - Date.now() + 100));

    // Several observers at once: sweeps, a read of the trail, a workflow step on the expired grant.
    const requests = app.get(AccessRequestService);
    const officer = await makeActor(app, ['compliance']);
    const [, , , read, step] = await Promise.all([
      requests.recordExpiries(),
      requests.recordExpiries(),
      requests.recordExpiries(),
      gql<{ auditEvents: { events: { action: string; detail: string }[] } }>(
        `query($d: String!) { auditEvents(filter: { datasetId: $d, action: "access.expire" }) { events { action detail } } }`,
        { d: datasetId },
        officer,
      ),
      gql(`mutation($id: ID!) { withdrawAccessRequest(id: $id) { id } }`, { id }, r4),
    ]);
    expect(step.errors?.[0].message).toContain('EXPIRED');
    expect(read.data!.auditEvents.events.map((e) => JSON.parse(e.detail) as Record<string, unknown>)).toEqual(
      [expect.objectContaining({ accessRequestId: id })],
    );
    await requests.recordExpiries();
    const expiries = (await decisionsOn(id)).filter((e) => e.action === 'access.expire');
    expect(expiries).toHaveLength(1);
    expect(expiries[0]).toMatchObject({
      actor: 'system',
      outcome: 'allow',
      dataset_ids: [datasetId],
      detail: expect.objectContaining({
        grantId: id,
        researcher: `${r4.issuer}#${r4.subject}`,
        fromState: 'APPROVED',
        toState: 'EXPIRED',
        expiresAt: ends.toISOString(),
      }),
    });
    // and the request's own history shows it
    const history = await gql<{ accessRequest: { history: { action: string; actor: string }[] } }>(
      `query($id: ID!) { accessRequest(id: $id) { history { action actor } } }`,
      { id },
      r4,
    );
    expect(history.data!.accessRequest.history.at(-1)).toEqual({ action: 'expire', actor: 'system' });
  });

  it('puts the dataset on a refused record query, also when the caller may not even see the dataset', async () => {
    const q = `query($d: ID!) { beacon(query: { assemblyId: "GRCh38", referenceName: "1", start: 1000,
      referenceBases: "A", alternateBases: "G", datasetIds: [$d], requestedGranularity: RECORD }) { exists } }`;
    const researcher = await gql(q, { d: datasetId }, researchers[1]);
    expect(researcher.errors?.[0].extensions.code).toBe('FORBIDDEN');
    expect(await eventsOf(researcher.requestId)).toEqual([
      expect.objectContaining({ outcome: 'deny', reason: 'FORBIDDEN', dataset_ids: [datasetId] }),
    ]);
    // Anonymous callers are told "not found or no access"; the trail still knows which dataset was asked for.
    const anonymous = await gql(q, { d: datasetId });
    expect(anonymous.errors?.[0].extensions.code).toBe('UNKNOWN_DATASET');
    expect(JSON.stringify(anonymous.errors)).not.toContain('CONTROLLED');
    expect(await eventsOf(anonymous.requestId)).toEqual([
      expect.objectContaining({ outcome: 'deny', reason: 'UNKNOWN_DATASET', dataset_ids: [datasetId] }),
    ]);
  });
});
