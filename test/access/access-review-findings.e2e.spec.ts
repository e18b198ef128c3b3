import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { randomUUID } from 'node:crypto';
import type { INestApplication } from '@nestjs/common';
import { bundledPoliciesDir } from '@helixgate/config';
import { DataSource } from 'typeorm';
import { createGateway } from '../../apps/gateway/src/bootstrap';
import { makeActor, codeOf, type Actor, type GqlResult } from '../support/actors';
import { testConfig, uniqueId } from '../support/test-config';

interface Event {
  action: string;
  outcome: string;
  reason: string | null;
  dataset_ids: string[];
  detail: Record<string, unknown>;
}

const PURPOSE = { category: 'HEALTH_MEDICAL_BIOMEDICAL', commercial: false, forProfitOrganization: false };
const SUBMIT = `mutation($d: ID!, $p: ResearchPurposeInput!) { submitAccessRequest(input: { datasetId: $d,
  projectTitle: "Governance findings", justification: "We need this cohort to check the review findings.", purpose: $p }) { id duoMatch { outcome } } }`;
const APPROVE = `mutation($id: ID!, $e: DateTime!) { approveAccessRequest(id: $id, expiresAt: $e) { id status duoMatch { outcome } } }`;
const REJECT = `mutation($id: ID!, $r: String!) { rejectAccessRequest(id: $id, reason: $r) { id } }`;
const RETURN = `mutation($id: ID!) { returnAccessRequest(id: $id, note: "say which genes") { id } }`;
const REVOKE = `mutation($id: ID!) { revokeAccessGrant(id: $id, reason: "misuse") { id } }`;
const VOTE = `mutation($id: ID!, $v: VoteChoice!, $r: String!) { castReviewVote(id: $id, vote: $v, rationale: $r) { id } }`;
const ASK = `mutation($id: ID!, $rv: [String!]!) { requestAccessReview(id: $id, reviewers: $rv) { id } }`;
const ATTEST = `mutation($id: ID!) { attestResearcherStatus(id: $id, note: "known to the steward") { id } }`;
const CONSENT = `mutation($d: ID!, $c: DatasetConsentInput!) { setDatasetConsent(datasetId: $d, consent: $c) { permission } }`;
const VIEW = `query($id: ID!) { accessRequest(id: $id) { status duoMatch { outcome reasons { code verdict } } } }`;
const inAYear = () => new Date(Date.now() + 365 * 86_400_000).toISOString();

/**
 * The outside review's findings on the access workflow: the DUO match re-checked at approval, refused steps
 * naming their dataset and request in the trail, unauthorised attempts recorded as `deny`, /permissions naming
 * the grants it hands out, and no one deciding (or voting on) their own request.
 */
describe('access workflow: review findings (consent at approval, refusals in the trail, self-decisions)', () => {
  let app: INestApplication;
  let base: string;
  let ds: DataSource;
  let admin: Actor, steward: Actor, otherSteward: Actor, officer: Actor;
  let researcher: Actor, researcher2: Actor, stewardResearcher: Actor, chairResearcher: Actor;
  let memberResearcher: Actor, member2: Actor;
  const open = uniqueId('findings');
  const dac = uniqueId('findings-dac');
  const other = uniqueId('findings-other');
  /** The dataset whose consent the steward changes under a pending request. */
  const moving = uniqueId('findings-consent');

  const call = async <T = Record<string, unknown>>(
    query: string,
    variables: Record<string, unknown>,
    actor?: Actor,
  ): Promise<GqlResult<T> & { requestId: string }> => {
    const res = await fetch(`${base}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${actor?.token}` },
      body: JSON.stringify({ query, variables }),
    });
    const body = (await res.json()) as Omit<GqlResult<T>, 'status'>;
    return { status: res.status, ...body, requestId: res.headers.get('x-request-id')! };
  };
  const ok = <T>(r: GqlResult<T>): T => {
    expect(r.errors).toBeUndefined();
    return r.data!;
  };
  const eventsOf = (requestId: string) =>
    ds.query<Event[]>(
      'SELECT action, outcome, reason, dataset_ids, detail FROM audit_event WHERE request_id = $1 ORDER BY seq',
      [requestId],
    );
  /** The call's one request event: its outcome, reason code, datasets and access request. */
  const refusalOf = async (r: { requestId: string }) => {
    const events = await eventsOf(r.requestId);
    expect(events).toHaveLength(1);
    const e = events[0];
    return {
      outcome: e.outcome,
      reason: e.reason,
      datasetIds: e.dataset_ids,
      accessRequestId: e.detail.accessRequestId,
    };
  };
  const submit = async (a: Actor, d: string) =>
    ok(await call<{ submitAccessRequest: { id: string } }>(SUBMIT, { d, p: PURPOSE }, a)).submitAccessRequest
      .id;

  beforeAll(async () => {
    const policies = fs.mkdtempSync(path.join(os.tmpdir(), 'helixgate-policies-'));
    for (const f of fs.readdirSync(bundledPoliciesDir()))
      fs.copyFileSync(path.join(bundledPoliciesDir(), f), path.join(policies, f));
    fs.writeFileSync(
      path.join(policies, 'committees.yaml'),
      [
        'defaults:',
        '  committee: optional',
        '  quorum: { minApprovals: 1, maxRejections: 0, chairRequired: true }',
        'datasets:',
        `  ${dac}: { committee: required }`,
        '',
      ].join('\n'),
    );
    app = await createGateway(testConfig({ HELIXGATE_POLICIES_DIR: policies }));
    await app.listen(0, '127.0.0.1');
    base = (await app.getUrl()).replace('[::1]', '127.0.0.1');
    ds = app.get(DataSource);
    [
      admin,
      steward,
      otherSteward,
      officer,
      researcher,
      researcher2,
      stewardResearcher,
      chairResearcher,
      memberResearcher,
      member2,
    ] = await Promise.all([
      makeActor(app, ['admin']),
      makeActor(app, ['steward']),
      makeActor(app, ['steward']),
      makeActor(app, ['compliance']),
      makeActor(app, ['researcher'], { bonaFide: true }),
      makeActor(app, ['researcher'], { bonaFide: true }),
      makeActor(app, ['steward', 'researcher'], { bonaFide: true }),
      makeActor(app, ['dac_chair', 'researcher'], { bonaFide: true }),
      makeActor(app, ['dac_member', 'researcher'], { bonaFide: true }),
      makeActor(app, ['dac_member']),
    ]);
    const stewards: [string, Actor[]][] = [
      [open, [steward, stewardResearcher]],
      [dac, [steward]],
      [other, [otherSteward]],
      [moving, [steward]],
    ];
    for (const [d, people] of stewards) {
      ok(
        await call(
          `mutation($i: CreateDatasetInput!) { createDataset(input: $i) { id } }`,
          { i: { id: d, name: `cohort ${d}`, assembly: 'GRCh38', securityLevel: 'CONTROLLED' } },
          admin,
        ),
      );
      for (const s of people)
        ok(
          await call(
            `mutation($d: ID!, $s: String!) { assignSteward(datasetId: $d, subject: $s) }`,
            { d, s: s.subject },
            admin,
          ),
        );
      ok(await call(CONSENT, { d, c: { permission: 'HMB', modifiers: [{ code: 'NPU' }] } }, people[0]));
    }
    const add = `mutation($d: ID!, $m: String!, $c: Boolean) { addCommitteeMember(datasetId: $d, member: $m, chair: $c) }`;
    ok(await call(add, { d: dac, m: chairResearcher.subject, c: true }, steward));
    ok(await call(add, { d: dac, m: memberResearcher.subject }, steward));
    ok(await call(add, { d: dac, m: member2.subject }, steward));
  });
  afterAll(() => app.close());

  it('checks the DUO match against the consent in force at approval, and shows it', async () => {
    const filed = ok(
      await call<{ submitAccessRequest: { id: string; duoMatch: { outcome: string } } }>(
        SUBMIT,
        { d: moving, p: PURPOSE },
        researcher,
      ),
    ).submitAccessRequest;
    expect(filed.duoMatch.outcome).toBe('APPROVE');
    const id = filed.id;
    // The steward narrows the consent to population/ancestry research: a health purpose no longer fits.
    ok(await call(CONSENT, { d: moving, c: { permission: 'POA', modifiers: [{ code: 'NPU' }] } }, steward));
    const view = ok(
      await call<{ accessRequest: { duoMatch: { outcome: string; reasons: { verdict: string }[] } } }>(
        VIEW,
        { id },
        steward,
      ),
    ).accessRequest;
    expect(view.duoMatch.outcome).toBe('DENY');

    const refused = await call(APPROVE, { id, e: inAYear() }, steward);
    expect(codeOf(refused)).toBe('FORBIDDEN');
    expect(refused.errors![0].message).toMatch(
      new RegExp(`not compatible with the consent of dataset ${moving}: \\w+: `),
    );
    expect(await refusalOf(refused)).toEqual({
      outcome: 'deny',
      reason: 'FORBIDDEN',
      datasetIds: [moving],
      accessRequestId: id,
    });
    expect(
      ok(await call<{ accessRequest: { status: string } }>(VIEW, { id }, steward)).accessRequest.status,
    ).toBe('SUBMITTED');

    // Back to a consent the purpose fits: approved, and the stored match is the one it was checked against.
    ok(await call(CONSENT, { d: moving, c: { permission: 'HMB' } }, steward));
    const approved = ok(
      await call<{ approveAccessRequest: { status: string; duoMatch: { outcome: string } } }>(
        APPROVE,
        { id, e: inAYear() },
        steward,
      ),
    ).approveAccessRequest;
    expect(approved).toEqual({ id, status: 'APPROVED', duoMatch: { outcome: 'APPROVE' } });
    const [stored] = await ds.query<{ duo_match: { reasons: { code: string }[] } }[]>(
      'SELECT duo_match FROM access_request WHERE id = $1',
      [id],
    );
    expect(stored.duo_match.reasons.map((x) => x.code)).not.toContain('NPU');
    const [decision] = await ds.query<Event[]>(
      `SELECT action, outcome, reason, dataset_ids, detail FROM audit_event
        WHERE action = 'access.approve' AND detail->>'accessRequestId' = $1`,
      [id],
    );
    expect(decision.detail).toMatchObject({ consentMatch: 'APPROVE', toState: 'APPROVED' });
    // A decided request keeps showing the match its decision was checked against, whatever the consent now.
    ok(await call(CONSENT, { d: moving, c: { permission: 'POA' } }, steward));
    expect(
      ok(await call<{ accessRequest: { duoMatch: { outcome: string } } }>(VIEW, { id }, steward))
        .accessRequest.duoMatch.outcome,
    ).toBe('APPROVE');
  });

  it('names the dataset and the request on every refused or failed step of an existing request', async () => {
    const id = await submit(researcher2, open);
    const blank = await call(REJECT, { id, r: '  ' }, steward);
    expect(codeOf(blank)).toBe('BAD_REQUEST');
    expect(await refusalOf(blank)).toMatchObject({ datasetIds: [open], accessRequestId: id });
    const past = await call(APPROVE, { id, e: new Date(Date.now() - 1000).toISOString() }, steward);
    expect(codeOf(past)).toBe('BAD_REQUEST');
    expect(await refusalOf(past)).toMatchObject({ datasetIds: [open], accessRequestId: id });

    const onDac = await submit(researcher2, dac);
    const noQuorum = await call(APPROVE, { id: onDac, e: inAYear() }, chairResearcher);
    expect(codeOf(noQuorum)).toBe('QUORUM_NOT_MET');
    expect(await refusalOf(noQuorum)).toEqual({
      outcome: 'deny',
      reason: 'QUORUM_NOT_MET',
      datasetIds: [dac],
      accessRequestId: onDac,
    });
    const notAsked = await call(VOTE, { id: onDac, v: 'APPROVE', r: 'a sound protocol' }, member2);
    expect(codeOf(notAsked)).toBe('FORBIDDEN');
    expect(await refusalOf(notAsked)).toMatchObject({ datasetIds: [dac], accessRequestId: onDac });
    ok(await call(ASK, { id: onDac, rv: [member2.subject] }, steward));
    const short = await call(VOTE, { id: onDac, v: 'APPROVE', r: 'ok' }, member2);
    expect(codeOf(short)).toBe('BAD_REQUEST');
    expect(await refusalOf(short)).toMatchObject({ datasetIds: [dac], accessRequestId: onDac });

    // An id that names no request stays as it was: nothing to name.
    const unknown = await call(REJECT, { id: randomUUID(), r: '  ' }, steward);
    expect(codeOf(unknown)).toBe('BAD_REQUEST');
    expect(await refusalOf(unknown)).toEqual({
      outcome: 'error',
      reason: 'BAD_REQUEST',
      datasetIds: [],
      accessRequestId: undefined,
    });
  });

  it('records attempts by callers who may not act on an existing request as deny (they are told NOT_FOUND)', async () => {
    const id = await submit(researcher2, other);
    ok(await call(APPROVE, { id, e: inAYear() }, otherSteward));
    const pending = await submit(researcher, other);
    const attempts: [string, Record<string, unknown>][] = [
      [APPROVE, { id: pending, e: inAYear() }],
      [REJECT, { id: pending, r: 'not for you' }],
      [RETURN, { id: pending }],
      [REVOKE, { id }],
    ];
    for (const who of [officer, steward])
      for (const [q, v] of attempts) {
        const r = await call(q, v, who);
        expect(codeOf(r)).toBe('NOT_FOUND');
        expect(r.errors![0].message).toContain('not found or no access');
        expect(await refusalOf(r)).toEqual({
          outcome: 'deny',
          reason: 'NOT_FOUND',
          datasetIds: [other],
          accessRequestId: v.id,
        });
      }
    const vote = await call(VOTE, { id: pending, v: 'APPROVE', r: 'a sound protocol' }, member2);
    expect(codeOf(vote)).toBe('NOT_FOUND');
    expect(await refusalOf(vote)).toMatchObject({ outcome: 'deny', datasetIds: [other] });
    // An id that names no request: still an error with nothing named.
    const unknown = await call(APPROVE, { id: randomUUID(), e: inAYear() }, officer);
    expect(codeOf(unknown)).toBe('NOT_FOUND');
    expect(await refusalOf(unknown)).toEqual({
      outcome: 'error',
      reason: 'NOT_FOUND',
      datasetIds: [],
      accessRequestId: undefined,
    });
  });

  it('names the datasets and grants of the visas GET /permissions hands out', async () => {
    const holder = await makeActor(app, ['researcher'], { bonaFide: true });
    const a = await submit(holder, open);
    const b = await submit(holder, other);
    ok(await call(APPROVE, { id: a, e: inAYear() }, steward));
    ok(await call(APPROVE, { id: b, e: inAYear() }, otherSteward));
    const res = await fetch(`${base}/permissions`, { headers: { authorization: `Bearer ${holder.token}` } });
    expect(res.status).toBe(200);
    expect(((await res.json()) as { ga4gh_passport_v1: string[] }).ga4gh_passport_v1).toHaveLength(2);
    const [event] = await eventsOf(res.headers.get('x-request-id')!);
    expect(event.action).toBe('rest:GET /permissions');
    expect([...event.dataset_ids].sort()).toEqual([open, other].sort());
    expect([...(event.detail.grantIds as string[])].sort()).toEqual([a, b].sort());
    // found by the dataset filter compliance uses
    const found = ok(
      await call<{ auditEvents: { events: { action: string }[] } }>(
        `query($d: String!) { auditEvents(filter: { datasetId: $d, action: "rest:GET /permissions" }) { events { action } } }`,
        { d: other },
        officer,
      ),
    ).auditEvents.events;
    expect(found.length).toBeGreaterThan(0);
  });

  it('refuses an applicant deciding, voting on or attesting their own request', async () => {
    const own = await submit(stewardResearcher, open);
    for (const [q, v] of [
      [APPROVE, { id: own, e: inAYear() }],
      [REJECT, { id: own, r: 'changed my mind' }],
      [RETURN, { id: own }],
      [ATTEST, { id: own }],
    ] as const) {
      const r = await call(q, v, stewardResearcher);
      expect(codeOf(r)).toBe('FORBIDDEN');
      expect(r.errors![0].message).toContain('decided by someone other than its applicant');
      expect(await refusalOf(r)).toEqual({
        outcome: 'deny',
        reason: 'FORBIDDEN',
        datasetIds: [open],
        accessRequestId: own,
      });
    }
    // The other steward decides it.
    ok(await call(APPROVE, { id: own, e: inAYear() }, steward));

    const chairs = await submit(chairResearcher, dac);
    const members = await submit(memberResearcher, dac);
    ok(await call(ASK, { id: chairs, rv: [chairResearcher.subject, memberResearcher.subject] }, steward));
    ok(await call(ASK, { id: members, rv: [memberResearcher.subject, member2.subject] }, steward));
    const selfVotes = [
      await call(VOTE, { id: chairs, v: 'APPROVE', r: 'my own protocol is sound' }, chairResearcher),
      await call(VOTE, { id: members, v: 'APPROVE', r: 'my own protocol is sound' }, memberResearcher),
    ];
    for (const r of selfVotes) {
      expect(codeOf(r)).toBe('FORBIDDEN');
      expect(r.errors![0].message).toContain('decided by someone other than its applicant');
      expect(await refusalOf(r)).toMatchObject({ outcome: 'deny', reason: 'FORBIDDEN', datasetIds: [dac] });
    }
    // The member's vote on the chair's request counts; the chair still may not approve their own.
    ok(await call(VOTE, { id: chairs, v: 'APPROVE', r: 'a sound protocol' }, memberResearcher));
    const selfApproval = await call(APPROVE, { id: chairs, e: inAYear() }, chairResearcher);
    expect(codeOf(selfApproval)).toBe('FORBIDDEN');
    expect(selfApproval.errors![0].message).toContain('decided by someone other than its applicant');
  });
});
