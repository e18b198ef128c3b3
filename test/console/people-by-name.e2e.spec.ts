import type { INestApplication } from '@nestjs/common';
import { LocalTokenService, NodeKeyService, UsersService } from '@helixgate/identity';
import { createGateway } from '../../apps/gateway/src/bootstrap';
import { gql, makeActor, type Actor } from '../support/actors';
import { testConfig, uniqueId } from '../support/test-config';

/** A local user with a display name and institution, and a token. */
async function person(
  app: INestApplication,
  role: string,
  name: string,
  institution: string,
): Promise<Actor> {
  const username = uniqueId(role);
  const user = await app.get(UsersService).add({ username, roles: [role], institution, displayName: name });
  const { token } = await app.get(LocalTokenService).issue(username);
  return { username, subject: user.id, issuer: app.get(NodeKeyService).issuer, token };
}

describe('the API names people (applicant, actor) by name and institution, never by id alone', () => {
  let app: INestApplication;
  let base: string;
  let researcher: Actor, steward: Actor, compliance: Actor;
  let datasetId: string;
  let requestId: string;

  beforeAll(async () => {
    app = await createGateway(testConfig());
    await app.listen(0, '127.0.0.1');
    base = (await app.getUrl()).replace('[::1]', '127.0.0.1');
    const admin = await makeActor(app, ['admin']);
    researcher = await person(app, 'researcher', 'Alice Andersen', 'University A');
    steward = await person(app, 'steward', 'Sam Steward', 'Hospital B');
    compliance = await person(app, 'compliance', 'Carol Compliance', 'Hospital B');
    datasetId = uniqueId('named');
    await gql(
      base,
      `mutation($i: CreateDatasetInput!) { createDataset(input: $i) { id } }`,
      {
        i: { id: datasetId, name: 'named cohort', assembly: 'GRCh38', securityLevel: 'CONTROLLED' },
      },
      admin,
    );
    await gql(
      base,
      `mutation($d: ID!, $s: String!) { assignSteward(datasetId: $d, subject: $s) }`,
      { d: datasetId, s: steward.subject },
      admin,
    );
    const submitted = await gql<{ submitAccessRequest: { id: string } }>(
      base,
      `mutation($input: SubmitAccessRequestInput!) { submitAccessRequest(input: $input) { id } }`,
      {
        input: {
          datasetId,
          projectTitle: 'Named study',
          justification: 'A justification long enough to be accepted.',
          purpose: { category: 'GENERAL_RESEARCH', commercial: false, forProfitOrganization: false },
        },
      },
      researcher,
    );
    requestId = submitted.data!.submitAccessRequest.id;
    const approved = await gql(
      base,
      `mutation($id: ID!, $e: DateTime!) { approveAccessRequest(id: $id, expiresAt: $e) { status } }`,
      { id: requestId, e: new Date(Date.now() + 30 * 86400_000).toISOString() },
      steward,
    );
    expect(approved.errors).toBeUndefined();
  });
  afterAll(() => app?.close());

  it('a steward sees the applicant, the decider and each event’s actor by name and institution', async () => {
    const r = await gql<{
      accessRequest: {
        applicant: { name: string; institution: string; username: string };
        decider: { name: string };
        history: { action: string; actorPerson: { name: string; institution: string } }[];
      };
    }>(
      base,
      `query($id: ID!) { accessRequest(id: $id) { applicant { name institution username } decider { name } history { action actorPerson { name institution } } } }`,
      { id: requestId },
      steward,
    );
    expect(r.errors).toBeUndefined();
    expect(r.data!.accessRequest.applicant).toEqual({
      name: 'Alice Andersen',
      institution: 'University A',
      username: researcher.username,
    });
    expect(r.data!.accessRequest.decider).toEqual({ name: 'Sam Steward' });
    expect(r.data!.accessRequest.history.map((e) => e.actorPerson)).toEqual([
      { name: 'Alice Andersen', institution: 'University A' },
      { name: 'Sam Steward', institution: 'Hospital B' },
    ]);
  });

  it('a compliance officer sees audit actors by name; an actor the node does not know stays a subject', async () => {
    const r = await gql<{
      auditEvents: { events: { actor: string; action: string; actorPerson: { name: string } | null }[] };
    }>(
      base,
      `{ auditEvents(first: 200, filter: { action: "graphql:mutation approveAccessRequest" }) { events { actor action actorPerson { name } } } }`,
      {},
      compliance,
    );
    expect(r.errors).toBeUndefined();
    const mine = r.data!.auditEvents.events.filter((e) => e.actor === steward.subject);
    expect(mine.length).toBeGreaterThan(0);
    expect(mine[0].actorPerson).toEqual({ name: 'Sam Steward' });
    const anonymous = await gql<{ auditEvents: { events: { actor: string; actorPerson: unknown }[] } }>(
      base,
      `{ auditEvents(first: 5, filter: { actor: "anonymous" }) { events { actor actorPerson { name } } } }`,
      {},
      compliance,
    );
    for (const e of anonymous.data?.auditEvents.events ?? []) expect(e.actorPerson).toBeNull();
  });

  it('filters the audit trail by the user name an officer knows (events record the subject)', async () => {
    type Events = { auditEvents: { events: { seq: string; actor: string }[] } };
    const Q = `query($a: String!) { auditEvents(first: 50, filter: { actor: $a }) { events { seq actor } } }`;
    const byName = await gql<Events>(base, Q, { a: steward.username }, compliance);
    const bySubject = await gql<Events>(base, Q, { a: steward.subject }, compliance);
    expect(byName.errors).toBeUndefined();
    expect(byName.data!.auditEvents.events.length).toBeGreaterThan(0);
    expect(byName.data!.auditEvents.events).toEqual(bySubject.data!.auditEvents.events);
    expect(new Set(byName.data!.auditEvents.events.map((e) => e.actor))).toEqual(new Set([steward.subject]));
  });
});
