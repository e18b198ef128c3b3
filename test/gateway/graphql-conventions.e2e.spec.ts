import type { INestApplication } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { createGateway } from '../../apps/gateway/src/bootstrap';
import { codeOf, gql, makeActor, type Actor, type GqlResult } from '../support/actors';
import { testConfig, uniqueId } from '../support/test-config';

/**
 * Issue 11, GraphQL conventions: `first` is validated (never silently clamped), lists page with
 * `pageInfo { hasNextPage endCursor }`, and states are the AccessRequestStatus enum (the string `states`
 * argument is deprecated, and validated while it lasts). Enum values are SCREAMING_SNAKE_CASE on the wire while
 * the stored values (database, audit trail) stay as they were.
 */
describe('GraphQL conventions', () => {
  let app: INestApplication;
  let base: string;
  let admin: Actor, compliance: Actor, researcher: Actor, steward: Actor;
  let datasetId: string;

  beforeAll(async () => {
    app = await createGateway(testConfig());
    await app.listen(0, '127.0.0.1');
    base = (await app.getUrl()).replace('[::1]', '127.0.0.1');
    admin = await makeActor(app, ['admin']);
    compliance = await makeActor(app, ['compliance']);
    researcher = await makeActor(app, ['researcher'], { bonaFide: true });
    steward = await makeActor(app, ['steward']);
    datasetId = uniqueId('conv');
    await gql(
      base,
      `mutation($i: CreateDatasetInput!) { createDataset(input: $i) { id } }`,
      { i: { id: datasetId, name: 'conventions', assembly: 'GRCh38', securityLevel: 'CONTROLLED' } },
      admin,
    );
    await gql(
      base,
      `mutation($d: ID!, $s: String!) { assignSteward(datasetId: $d, subject: $s) }`,
      { d: datasetId, s: steward.subject },
      admin,
    );
    const submitted = await gql(
      base,
      `mutation($input: SubmitAccessRequestInput!) { submitAccessRequest(input: $input) { id } }`,
      {
        input: {
          datasetId,
          projectTitle: 'Conventions study',
          justification: 'A justification long enough to be accepted.',
          purpose: { category: 'GENERAL_RESEARCH', commercial: false, forProfitOrganization: false },
        },
      },
      researcher,
    );
    expect(submitted.errors).toBeUndefined();
  });
  afterAll(() => app?.close());

  const EVENTS = `query($first: Int, $after: ID) {
    auditEvents(first: $first, after: $after) { events { seq } pageInfo { hasNextPage endCursor } endCursor }
  }`;

  it.each([-1, 0, 501, 100000])('refuses auditEvents(first: %i) with a clear error', async (first) => {
    const r = await gql(base, EVENTS, { first }, compliance);
    expect(codeOf(r)).toBe('BAD_REQUEST');
    expect(r.errors![0].message).toContain('first must be a whole number from 1 to 500');
  });

  it('pages auditEvents with pageInfo { hasNextPage endCursor } (endCursor kept, deprecated)', async () => {
    type Page = {
      auditEvents: {
        events: { seq: string }[];
        pageInfo: { hasNextPage: boolean; endCursor: string | null };
        endCursor: string | null;
      };
    };
    const one = await gql<Page>(base, EVENTS, { first: 2 }, compliance);
    expect(one.errors).toBeUndefined();
    const p = one.data!.auditEvents;
    expect(p.events).toHaveLength(2);
    expect(p.pageInfo).toEqual({ hasNextPage: true, endCursor: p.events[1].seq });
    expect(p.endCursor).toBe(p.pageInfo.endCursor);
    const two = await gql<Page>(base, EVENTS, { first: 2, after: p.pageInfo.endCursor }, compliance);
    expect(Number(two.data!.auditEvents.events[0].seq)).toBeLessThan(Number(p.events[1].seq));
  });

  it('refuses diseaseTerms(first) outside 1..100 instead of clamping it', async () => {
    const q = `query($f: Int) { diseaseTerms(search: "cancer", first: $f) { id } }`;
    expect(codeOf(await gql(base, q, { f: -1 }))).toBe('BAD_REQUEST');
    expect(codeOf(await gql(base, q, { f: 101 }))).toBe('BAD_REQUEST');
    const ok = await gql<{ diseaseTerms: unknown[] }>(base, q, { f: 3 });
    expect(ok.data!.diseaseTerms.length).toBeLessThanOrEqual(3);
  });

  it('filters accessRequests by the AccessRequestStatus enum; the deprecated string list is validated', async () => {
    const byEnum = await gql<{ accessRequests: { datasetId: string; status: string }[] }>(
      base,
      `{ accessRequests(status: [SUBMITTED]) { datasetId status } }`,
      {},
      steward,
    );
    expect(byEnum.errors).toBeUndefined();
    expect(byEnum.data!.accessRequests.map((r) => r.datasetId)).toContain(datasetId);
    expect(new Set(byEnum.data!.accessRequests.map((r) => r.status))).toEqual(new Set(['SUBMITTED']));
    const none = await gql<{ accessRequests: unknown[] }>(
      base,
      `{ accessRequests(status: [REJECTED]) { id } }`,
      {},
      steward,
    );
    expect(none.data!.accessRequests).toEqual([]);
    // the old argument still works with a valid state, and refuses a misspelt one (it matched nothing before)
    const old = await gql<{ accessRequests: unknown[] }>(
      base,
      `{ accessRequests(states: ["SUBMITTED"]) { id } }`,
      {},
      steward,
    );
    expect(old.data!.accessRequests.length).toBeGreaterThan(0);
    const bad = await gql(base, `{ accessRequests(states: ["SUBMITED"]) { id } }`, {}, steward);
    expect(codeOf(bad)).toBe('BAD_REQUEST');
    expect(bad.errors![0].message).toContain('unknown access request state SUBMITED');
    // a string is not an enum value: the GraphQL layer refuses it before any resolver
    const asString = await gql(base, `{ accessRequests(status: ["SUBMITTED"]) { id } }`, {}, steward);
    expect(asString.errors?.[0].message).toMatch(/Enum "AccessRequestStatus" cannot represent/);
  });

  it('types a timeline event’s fromState / toState as AccessRequestStatus', async () => {
    const r = await gql<{
      __type: { fields: { name: string; type: { name: string | null; ofType: { name: string } | null } }[] };
    }>(base, `{ __type(name: "AccessRequestEvent") { fields { name type { name ofType { name } } } } }`);
    const typeOf = (n: string) => {
      const f = r.data!.__type.fields.find((x) => x.name === n)!;
      return f.type.name ?? f.type.ofType?.name;
    };
    expect([typeOf('fromState'), typeOf('toState')]).toEqual(['AccessRequestStatus', 'AccessRequestStatus']);
  });

  it('names every enum value in SCREAMING_SNAKE_CASE', async () => {
    const r = await gql<{
      __schema: { types: { name: string; kind: string; enumValues: { name: string }[] | null }[] };
    }>(base, `{ __schema { types { name kind enumValues(includeDeprecated: true) { name } } } }`);
    expect(r.errors).toBeUndefined();
    // AssemblyId keeps the assemblies' own names (GRCh37, GRCh38), as the Beacon v2 specification spells them
    const enums = r.data!.__schema.types.filter(
      (t) => t.kind === 'ENUM' && !t.name.startsWith('__') && t.name !== 'AssemblyId',
    );
    expect(enums.map((t) => t.name)).toEqual(
      expect.arrayContaining(['AuditOutcome', 'AuditProblem', 'Role', 'NodeAnswerStatus', 'PeerProbeStatus']),
    );
    const notScreaming = enums.flatMap((t) =>
      t
        .enumValues!.filter((v) => !/^[A-Z][A-Z0-9]*(_[A-Z0-9]+)*$/.test(v.name))
        .map((v) => `${t.name}.${v.name}`),
    );
    expect(notScreaming).toEqual([]);
    const values = (n: string) =>
      r.data!.__schema.types.find((t) => t.name === n)!.enumValues!.map((v) => v.name);
    expect(values('AuditOutcome')).toEqual(['ALLOW', 'DENY', 'ERROR']);
    expect(values('Role')).toEqual([
      'ADMIN',
      'COMPLIANCE',
      'DAC_CHAIR',
      'DAC_MEMBER',
      'RESEARCHER',
      'STEWARD',
    ]);
    expect(values('PeerProbeStatus')).toContain('UNVERIFIED_ANSWER');
    expect(values('PeerProbeStatus')).toContain('DISABLED');
  });

  it('answers and filters AuditOutcome in upper case while the audit trail keeps its stored values', async () => {
    const refused = await gql(base, `{ auditEvents(first: 1) { events { seq } } }`, {}, researcher);
    expect(codeOf(refused)).toBe('FORBIDDEN');
    type Events = { auditEvents: { events: { seq: string; outcome: string }[] } };
    const denied = await gql<Events>(
      base,
      `{ auditEvents(first: 5, filter: { outcome: DENY }) { events { seq outcome } } }`,
      {},
      compliance,
    );
    expect(denied.errors).toBeUndefined();
    expect(denied.data!.auditEvents.events.length).toBeGreaterThan(0);
    expect(new Set(denied.data!.auditEvents.events.map((e) => e.outcome))).toEqual(new Set(['DENY']));
    const stored = await app
      .get(DataSource)
      .query<{ outcome: string }[]>(`SELECT outcome FROM audit_event WHERE seq = $1`, [
        denied.data!.auditEvents.events[0].seq,
      ]);
    expect(stored).toEqual([{ outcome: 'deny' }]);
    // the old lower-case spelling is not a value of the enum any more: refused before any resolver
    const lower = await gql(
      base,
      `{ auditEvents(first: 1, filter: { outcome: deny }) { events { seq } } }`,
      {},
      compliance,
    );
    expect(lower.errors?.[0].message).toMatch(/Value "deny" does not exist in "AuditOutcome" enum/);
  });

  it('answers roles as Role values in upper case; a role argument is the enum value', async () => {
    const me = await gql<{ me: { roles: string[] } }>(base, `{ me { roles } }`, {}, steward);
    expect(me.errors).toBeUndefined();
    expect(me.data!.me.roles).toEqual(['STEWARD']);
    const lower = await gql(
      base,
      `mutation { grantRole(username: "nobody", role: steward) { roles } }`,
      {},
      steward,
    );
    expect(lower.errors?.[0].message).toMatch(/Value "steward" does not exist in "Role" enum/);
  });

  it('types Peer.state and the count precisions as enums; the String fields stay, deprecated', async () => {
    type Fields = {
      fields: {
        name: string;
        isDeprecated: boolean;
        deprecationReason: string | null;
        type: { kind: string; name: string | null; ofType: { name: string } | null };
      }[];
    };
    const r = await gql<{ peer: Fields; set: Fields; precision: { enumValues: { name: string }[] } }>(
      base,
      `{ peer: __type(name: "Peer") { ...F } set: __type(name: "BeaconResultSet") { ...F }
         precision: __type(name: "CountPrecision") { enumValues { name } } }
       fragment F on __Type { fields(includeDeprecated: true) { name isDeprecated deprecationReason type { kind name ofType { name } } } }`,
    );
    expect(r.errors).toBeUndefined();
    const field = (t: Fields, n: string) => {
      const f = t.fields.find((x) => x.name === n)!;
      return {
        type: f.type.name ?? f.type.ofType?.name,
        deprecated: f.isDeprecated,
        reason: f.deprecationReason,
      };
    };
    expect(field(r.data!.peer, 'state')).toEqual({ type: 'PeerState', deprecated: false, reason: null });
    expect(field(r.data!.peer, 'status')).toMatchObject({
      type: 'String',
      deprecated: true,
      reason: expect.stringContaining('state'),
    });
    expect(field(r.data!.set, 'precision')).toEqual({
      type: 'CountPrecision',
      deprecated: false,
      reason: null,
    });
    expect(field(r.data!.set, 'resultsPrecision')).toEqual({
      type: 'CountPrecision',
      deprecated: false,
      reason: null,
    });
    expect(field(r.data!.set, 'countPrecision')).toMatchObject({ type: 'String', deprecated: true });
    expect(field(r.data!.set, 'resultsCountPrecision')).toMatchObject({ type: 'String', deprecated: true });
    expect(r.data!.precision.enumValues.map((v) => v.name)).toEqual(['EXACT', 'IMPRECISE', 'ROUNDED']);
  });

  it('pages datasetPage by id with pageInfo { hasNextPage endCursor }, first validated', async () => {
    const more = uniqueId('conv-page');
    for (const suffix of ['a', 'b', 'c'])
      expect(
        (
          await gql(
            base,
            `mutation($i: CreateDatasetInput!) { createDataset(input: $i) { id } }`,
            { i: { id: `${more}-${suffix}`, name: 'paged', assembly: 'GRCh38', securityLevel: 'PUBLIC' } },
            admin,
          )
        ).errors,
      ).toBeUndefined();
    type Page = {
      datasetPage: {
        datasets: { id: string }[];
        pageInfo: { hasNextPage: boolean; endCursor: string | null };
      };
    };
    const Q = `query($first: Int, $after: ID) { datasetPage(first: $first, after: $after) { datasets { id } pageInfo { hasNextPage endCursor } } }`;
    const all = await gql<{ datasets: { id: string }[] }>(base, `{ datasets { id } }`, {}, admin);
    const ids = all.data!.datasets.map((d) => d.id);
    expect(ids).toEqual(expect.arrayContaining([`${more}-a`, `${more}-b`, `${more}-c`]));
    // walk the whole list two at a time: the same ids, in order, each once
    const walked: string[] = [];
    let after: string | null = null;
    for (let i = 0; i < ids.length; i++) {
      const p: GqlResult<Page> = await gql<Page>(base, Q, { first: 2, after }, admin);
      expect(p.errors).toBeUndefined();
      const page = p.data!.datasetPage;
      walked.push(...page.datasets.map((d) => d.id));
      expect(page.pageInfo.endCursor).toBe(
        page.pageInfo.hasNextPage ? page.datasets[page.datasets.length - 1].id : null,
      );
      if (!page.pageInfo.hasNextPage) break;
      after = page.pageInfo.endCursor;
    }
    expect(walked).toEqual(ids);
    // keyset: a page after a cursor starts after it, whatever was added before it
    const tail = await gql<Page>(base, Q, { first: 1, after: `${more}-a` }, admin);
    expect(tail.data!.datasetPage.datasets.map((d) => d.id)).toEqual([`${more}-b`]);
    for (const first of [0, -1, 201]) {
      const bad = await gql(base, Q, { first }, admin);
      expect(codeOf(bad)).toBe('BAD_REQUEST');
      expect(bad.errors![0].message).toContain('first must be a whole number from 1 to 200');
    }
  });

  it('pages accessRequestPage newest first with a keyset cursor; a forged cursor and a bad first are refused', async () => {
    const submit = async (title: string, who: Actor) => {
      const r = await gql<{ submitAccessRequest: { id: string } }>(
        base,
        `mutation($input: SubmitAccessRequestInput!) { submitAccessRequest(input: $input) { id } }`,
        {
          input: {
            datasetId,
            projectTitle: title,
            justification: 'A justification long enough to be accepted.',
            purpose: { category: 'GENERAL_RESEARCH', commercial: false, forProfitOrganization: false },
          },
        },
        who,
      );
      expect(r.errors).toBeUndefined();
      return r.data!.submitAccessRequest.id;
    };
    const second = await makeActor(app, ['researcher'], { bonaFide: true });
    const third = await makeActor(app, ['researcher'], { bonaFide: true });
    await submit('Paged two', second);
    const thirdId = await submit('Paged three', third);
    type Page = {
      accessRequestPage: {
        requests: { id: string }[];
        pageInfo: { hasNextPage: boolean; endCursor: string | null };
      };
    };
    const Q = `query($d: ID, $first: Int, $after: String) {
      accessRequestPage(datasetId: $d, first: $first, after: $after) { requests { id } pageInfo { hasNextPage endCursor } } }`;
    const all = await gql<{ accessRequests: { id: string }[] }>(
      base,
      `query($d: ID) { accessRequests(datasetId: $d) { id } }`,
      { d: datasetId },
      steward,
    );
    const ids = all.data!.accessRequests.map((r) => r.id);
    expect(ids.length).toBeGreaterThanOrEqual(3);
    const walked: string[] = [];
    let after: string | null = null;
    for (let i = 0; i <= ids.length; i++) {
      const p: GqlResult<Page> = await gql<Page>(base, Q, { d: datasetId, first: 2, after }, steward);
      expect(p.errors).toBeUndefined();
      const page = p.data!.accessRequestPage;
      walked.push(...page.requests.map((r) => r.id));
      if (!page.pageInfo.hasNextPage) {
        expect(page.pageInfo.endCursor).toBeNull();
        break;
      }
      after = page.pageInfo.endCursor;
    }
    // the same requests as the old list, in the same (newest first) order, each once
    expect(walked).toEqual(ids);
    // a researcher sees their own only, through the same field
    const mine = await gql<Page>(base, Q, { d: datasetId, first: 200 }, third);
    expect(mine.data!.accessRequestPage.requests.map((r) => r.id)).toEqual([thirdId]);
    const forged = await gql(base, Q, { d: datasetId, after: 'not-a-cursor' }, steward);
    expect(codeOf(forged)).toBe('BAD_REQUEST');
    expect(forged.errors![0].message).toContain('after is not a cursor this list gave');
    // an explicit null filter is no filter (it was an INTERNAL error: the console's queue sends status: null)
    const Qs = `query($d: ID, $s: [AccessRequestStatus!]) {
      accessRequestPage(datasetId: $d, status: $s, first: 200) { requests { id } } }`;
    const unfiltered = await gql<Page>(base, Qs, { d: datasetId, s: null }, steward);
    expect(unfiltered.errors).toBeUndefined();
    expect(unfiltered.data!.accessRequestPage.requests.map((r) => r.id)).toEqual(ids);
    const tooMany = await gql(base, Q, { d: datasetId, first: 201 }, steward);
    expect(tooMany.errors![0].message).toContain('first must be a whole number from 1 to 200');
  });

  it('refuses the unpaged accessRequests past 500 rows with LIST_TOO_LONG instead of cutting the list short', async () => {
    const crowded = uniqueId('crowd');
    await gql(
      base,
      `mutation($i: CreateDatasetInput!) { createDataset(input: $i) { id } }`,
      { i: { id: crowded, name: 'crowded', assembly: 'GRCh38', securityLevel: 'CONTROLLED' } },
      admin,
    );
    await gql(
      base,
      `mutation($d: ID!, $s: String!) { assignSteward(datasetId: $d, subject: $s) }`,
      { d: crowded, s: steward.subject },
      admin,
    );
    // Copies of the request submitted above, in one statement (through the API 501 would take minutes).
    const seed = async (n: number): Promise<void> => {
      await app.get(DataSource).query(
        `INSERT INTO access_request (id, dataset_id, researcher_issuer, researcher_subject, project_title,
           justification, purpose, duo_match, state, created_at, updated_at)
         SELECT gen_random_uuid(), $1, r.researcher_issuer, r.researcher_subject, 'Crowded ' || g,
           r.justification, r.purpose, r.duo_match, r.state, now() - make_interval(secs => g), now()
         FROM generate_series(1, $3::int) g,
           (SELECT * FROM access_request WHERE dataset_id = $2 ORDER BY created_at LIMIT 1) r`,
        [crowded, datasetId, n],
      );
    };
    const LIST = `query($d: ID) { accessRequests(datasetId: $d) { id } }`;
    await seed(500);
    const atCap = await gql<{ accessRequests: unknown[] }>(base, LIST, { d: crowded }, steward);
    expect(atCap.errors).toBeUndefined();
    expect(atCap.data!.accessRequests).toHaveLength(500);
    await seed(1);
    const over = await gql(base, LIST, { d: crowded }, steward);
    expect(codeOf(over)).toBe('LIST_TOO_LONG');
    expect(over.errors![0].message).toContain('accessRequestPage');
    // the paged field reads all 501, a page at a time
    const page = await gql<{
      accessRequestPage: { requests: unknown[]; pageInfo: { hasNextPage: boolean } };
    }>(
      base,
      `query($d: ID) { accessRequestPage(datasetId: $d, first: 200) { requests { id } pageInfo { hasNextPage } } }`,
      { d: crowded },
      steward,
    );
    expect(page.data!.accessRequestPage.requests).toHaveLength(200);
    expect(page.data!.accessRequestPage.pageInfo.hasNextPage).toBe(true);
  });

  it('deprecates the unpaged datasets and accessRequests, naming the paged fields', async () => {
    const r = await gql<{
      __type: { fields: { name: string; isDeprecated: boolean; deprecationReason: string | null }[] };
    }>(
      base,
      `{ __type(name: "Query") { fields(includeDeprecated: true) { name isDeprecated deprecationReason } } }`,
    );
    const field = (name: string) => r.data!.__type.fields.find((f) => f.name === name)!;
    expect(field('datasets').isDeprecated).toBe(true);
    expect(field('datasets').deprecationReason).toContain('datasetPage');
    expect(field('accessRequests').isDeprecated).toBe(true);
    expect(field('accessRequests').deprecationReason).toContain('accessRequestPage');
    expect(field('datasetPage').isDeprecated).toBe(false);
    expect(field('accessRequestPage').isDeprecated).toBe(false);
  });

  it('answers a request’s purpose and an audit event’s detail as JSON objects, the strings kept (deprecated)', async () => {
    const r = await gql<{ accessRequestPage: { requests: { purpose: string; researchPurpose: unknown }[] } }>(
      base,
      `query($d: ID) { accessRequestPage(datasetId: $d, first: 1) { requests { purpose researchPurpose } } }`,
      { d: datasetId },
      steward,
    );
    expect(r.errors).toBeUndefined();
    const request = r.data!.accessRequestPage.requests[0];
    expect(request.researchPurpose).toEqual(JSON.parse(request.purpose));
    expect(request.researchPurpose).toMatchObject({ category: 'GENERAL_RESEARCH', commercial: false });
    const e = await gql<{ auditEvents: { events: { detail: string; details: unknown }[] } }>(
      base,
      `{ auditEvents(first: 20) { events { detail details } } }`,
      {},
      compliance,
    );
    expect(e.errors).toBeUndefined();
    const events = e.data!.auditEvents.events;
    expect(events.length).toBeGreaterThan(0);
    for (const ev of events) {
      expect(typeof ev.details).toBe('object');
      expect(ev.details).toEqual(JSON.parse(ev.detail));
    }
  });

  it('answers a visa’s expiry and assertion time as DateTime beside the deprecated epoch seconds', async () => {
    const r = await gql<{
      me: { visas: { exp: number; expiresAt: string; asserted: number; assertedAt: string }[] };
    }>(base, `{ me { visas { exp expiresAt asserted assertedAt } } }`, {}, researcher);
    expect(r.errors).toBeUndefined();
    const visas = r.data!.me.visas;
    expect(visas.length).toBeGreaterThan(0);
    for (const v of visas) {
      expect(v.expiresAt).toBe(new Date(v.exp * 1000).toISOString());
      expect(v.assertedAt).toBe(new Date(v.asserted * 1000).toISOString());
    }
    const t = await gql<{
      __type: { fields: { name: string; isDeprecated: boolean; deprecationReason: string | null }[] };
    }>(
      base,
      `{ __type(name: "Visa") { fields(includeDeprecated: true) { name isDeprecated deprecationReason } } }`,
    );
    const field = (name: string) => t.data!.__type.fields.find((f) => f.name === name)!;
    expect(field('exp').deprecationReason).toContain('expiresAt');
    expect(field('asserted').deprecationReason).toContain('assertedAt');
    expect(field('expiresAt').isDeprecated).toBe(false);
  });

  it('answers participantAccessPage with pageInfo; first and after validated', async () => {
    type Page = {
      participantAccessPage: {
        accesses: { seq: string }[];
        pageInfo: { hasNextPage: boolean; endCursor: string | null };
      };
    };
    const Q = `query($d: ID!, $first: Int, $after: ID) {
      participantAccessPage(datasetId: $d, first: $first, after: $after) { accesses { seq actor } pageInfo { hasNextPage endCursor } } }`;
    const empty = await gql<Page>(base, Q, { d: datasetId, first: 10 }, compliance);
    expect(empty.errors).toBeUndefined();
    expect(empty.data!.participantAccessPage).toEqual({
      accesses: [],
      pageInfo: { hasNextPage: false, endCursor: null },
    });
    const bad = await gql(base, Q, { d: datasetId, first: 501 }, compliance);
    expect(bad.errors![0].message).toContain('first must be a whole number from 1 to 500');
    expect(codeOf(await gql(base, Q, { d: datasetId, after: 'abc' }, compliance))).toBe('BAD_REQUEST');
    expect(codeOf(await gql(base, Q, { d: datasetId }, researcher))).toBe('FORBIDDEN');
  });
});
