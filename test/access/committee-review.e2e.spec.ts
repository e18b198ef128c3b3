import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import type { INestApplication } from '@nestjs/common';
import { bundledPoliciesDir } from '@helixgate/config';
import { AccessDomainEvents, type AccessDomainEvent } from '@helixgate/access';
import { DataSource } from 'typeorm';
import { DataAccessCommittees1764810000000 } from '../../migrations/1764810000000-data-access-committees';
import { createGateway } from '../../apps/gateway/src/bootstrap';
import { makeActor, gql, codeOf, type Actor, type GqlResult } from '../support/actors';
import { testConfig, uniqueId } from '../support/test-config';

const purpose = {
  category: 'DISEASE_SPECIFIC',
  diseases: ['MONDO:0007254'],
  commercial: false,
  forProfitOrganization: false,
};
const inAYear = () => new Date(Date.now() + 365 * 86_400_000).toISOString();

const APPROVE = `mutation($id: ID!, $exp: DateTime!) { approveAccessRequest(id: $id, expiresAt: $exp, note: "the committee agrees") { status decider { name } } }`;
const VOTE = `mutation($id: ID!, $v: VoteChoice!, $r: String!) { castReviewVote(id: $id, vote: $v, rationale: $r) { id } }`;
const CHANGE = `mutation($id: ID!, $v: VoteChoice!, $r: String!) { changeReviewVote(id: $id, vote: $v, rationale: $r) { id } }`;
const ASK = `mutation($id: ID!, $rv: [String!]!, $c: String) { requestAccessReview(id: $id, reviewers: $rv, chair: $c) { handler { name } } }`;
const REMARK = `mutation($id: ID!, $b: String!, $v: RemarkVisibility!) { addAccessRemark(id: $id, body: $b, visibility: $v) { id } }`;
const VIEW = `query($id: ID!) { accessRequest(id: $id) {
  status
  handler { name institution }
  researcherStatus { required visa satisfied missing attestedBy { name } attestationNote }
  review {
    assignments { reviewerPerson { name institution } role active replacedBy { name } }
    votes { reviewerPerson { name } vote rationale current }
    voteHistory { reviewerPerson { name } vote rationale current }
    quorum { applies members approvals rejections abstentions met missing policy { minApprovals maxRejections chairRequired researcherStatus } }
  }
  remarks { author { name } visibility body }
  history { action actorPerson { name institution } aboutPerson { name } visibility note fromState toState }
} }`;

interface View {
  status: string;
  handler: { name: string; institution: string | null } | null;
  researcherStatus: { required: string; visa: boolean; satisfied: boolean; missing: string | null };
  review: {
    assignments: {
      reviewerPerson: { name: string };
      role: string;
      active: boolean;
      replacedBy: { name: string } | null;
    }[];
    votes: { reviewerPerson: { name: string }; vote: string; rationale: string; current: boolean }[];
    voteHistory: { reviewerPerson: { name: string }; vote: string; current: boolean }[];
    quorum: {
      applies: boolean;
      members: number;
      approvals: number;
      rejections: number;
      met: boolean;
      missing: string[];
    };
  } | null;
  remarks: { author: { name: string }; visibility: string; body: string }[];
  history: {
    action: string;
    actorPerson: { name: string };
    aboutPerson: { name: string } | null;
    visibility: string;
    note: string | null;
  }[];
}

describe('data access committee: review, votes, quorum and decision (real database)', () => {
  let app: INestApplication;
  let base: string;
  let ds: DataSource;
  let admin: Actor, steward: Actor, chair: Actor, m1: Actor, m2: Actor, m3: Actor, outsider: Actor;
  let researcher: Actor, researcher2: Actor, bonaFide: Actor;
  const datasetId = uniqueId('dac');
  const openDataset = uniqueId('dac-open');
  const events: AccessDomainEvent[] = [];

  const call = <T = Record<string, unknown>>(q: string, v: Record<string, unknown>, a?: Actor) =>
    gql<T>(base, q, v, a);
  const ok = <T>(r: GqlResult<T>): T => {
    expect(r.errors).toBeUndefined();
    return r.data!;
  };
  const view = async (id: string, a: Actor) =>
    ok(await call<{ accessRequest: View }>(VIEW, { id }, a)).accessRequest;
  const submit = async (a: Actor, d = datasetId) =>
    ok(
      await call<{ submitAccessRequest: { id: string } }>(
        `mutation($input: SubmitAccessRequestInput!) { submitAccessRequest(input: $input) { id } }`,
        {
          input: {
            datasetId: d,
            projectTitle: 'BRCA1 penetrance',
            justification: 'Estimate penetrance of BRCA1 variants in this cohort.',
            purpose,
          },
        },
        a,
      ),
    ).submitAccessRequest.id;

  beforeAll(async () => {
    // The shipped policies, plus this dataset's committee rules: 2 approvals, no rejection, chair decides,
    // a bona fide visa or a local attestation.
    const policies = fs.mkdtempSync(path.join(os.tmpdir(), 'helixgate-policies-'));
    for (const f of fs.readdirSync(bundledPoliciesDir()))
      fs.copyFileSync(path.join(bundledPoliciesDir(), f), path.join(policies, f));
    fs.writeFileSync(
      path.join(policies, 'committees.yaml'),
      [
        'defaults:',
        '  committee: optional',
        '  quorum: { minApprovals: 2, maxRejections: 0, chairRequired: true }',
        'datasets:',
        `  ${datasetId}:`,
        '    committee: required',
        '    researcherStatus: visa-or-attestation',
        '',
      ].join('\n'),
    );
    app = await createGateway(testConfig({ HELIXGATE_POLICIES_DIR: policies }));
    await app.listen(0, '127.0.0.1');
    base = (await app.getUrl()).replace('[::1]', '127.0.0.1');
    ds = app.get(DataSource);
    app.get(AccessDomainEvents).subscribe(async (tx, e) => {
      // runs inside the change's transaction: the request row is visible (and locked) through tx
      const rows: unknown[] = await tx.query('SELECT 1 FROM access_request WHERE id = $1', [
        e.accessRequestId,
      ]);
      if (rows.length === 1) events.push(e);
    });
    [admin, steward, chair, m1, m2, m3, outsider, researcher, researcher2, bonaFide] = await Promise.all([
      makeActor(app, ['admin']),
      makeActor(app, ['steward'], { institution: 'Helix Hospital' }),
      makeActor(app, ['dac_chair'], { institution: 'Ethics Board' }),
      makeActor(app, ['dac_member'], { institution: 'Uni A' }),
      makeActor(app, ['dac_member'], { institution: 'Uni B' }),
      makeActor(app, ['dac_member'], { institution: 'Uni C' }),
      makeActor(app, ['dac_member'], { institution: 'Elsewhere' }),
      makeActor(app, ['researcher'], { institution: 'Research Inst' }),
      makeActor(app, ['researcher']),
      makeActor(app, ['researcher'], { bonaFide: true }),
    ]);
    for (const d of [datasetId, openDataset]) {
      ok(
        await call(
          `mutation($i: CreateDatasetInput!) { createDataset(input: $i) { id } }`,
          { i: { id: d, name: `cohort ${d}`, assembly: 'GRCh38', securityLevel: 'CONTROLLED' } },
          admin,
        ),
      );
      ok(
        await call(
          `mutation($d: ID!, $s: String!) { assignSteward(datasetId: $d, subject: $s) }`,
          { d, s: steward.subject },
          admin,
        ),
      );
      ok(
        await call(
          `mutation($d: ID!, $c: DatasetConsentInput!) { setDatasetConsent(datasetId: $d, consent: $c) { permission } }`,
          { d, c: { permission: 'HMB' } },
          steward,
        ),
      );
    }
    const add = `mutation($d: ID!, $m: String!, $c: Boolean) { addCommitteeMember(datasetId: $d, member: $m, chair: $c) }`;
    // Only the dataset's steward (or an admin) sets up its committee.
    expect(codeOf(await call(add, { d: datasetId, m: m1.subject }, m1))).toBe('FORBIDDEN');
    ok(await call(add, { d: datasetId, m: chair.subject, c: true }, steward));
    ok(await call(add, { d: datasetId, m: m1.subject }, steward));
    ok(await call(add, { d: datasetId, m: m2.subject }, steward));
    // by username, as the console's committee screen sends it
    expect(codeOf(await call(add, { d: datasetId, m: 'no-such-user' }, admin))).toBe('BAD_REQUEST');
    ok(await call(add, { d: datasetId, m: m3.username }, admin));
  });
  afterAll(() => app.close());

  it('lists the committee by name and institution for its members, not for outsiders', async () => {
    const q = `query($d: ID!) { dataAccessCommittee(datasetId: $d) { person { name institution } chair } }`;
    const c = ok(
      await call<{
        dataAccessCommittee: { person: { name: string; institution: string }; chair: boolean }[];
      }>(q, { d: datasetId }, m1),
    );
    expect(c.dataAccessCommittee).toHaveLength(4);
    expect(c.dataAccessCommittee[0]).toEqual({
      person: { name: chair.username, institution: 'Ethics Board' },
      chair: true,
    });
    expect(codeOf(await call(q, { d: datasetId }, outsider))).toBe('FORBIDDEN');
  });

  it('takes a request through review, votes, a refused approval and the chair’s decision to a grant', async () => {
    const id = await submit(researcher);
    let v = await view(id, steward);
    expect(v.handler).toEqual({ name: steward.username, institution: 'Helix Hospital' });
    expect(v.researcherStatus).toMatchObject({
      required: 'visa-or-attestation',
      visa: false,
      satisfied: false,
    });
    expect(v.review!.quorum).toMatchObject({ applies: true, members: 4, approvals: 0, met: false });

    // Reviews may be asked only of committee members, a decision only of a chair, only by the handler side.
    expect(codeOf(await call(ASK, { id, rv: [outsider.subject] }, steward))).toBe('BAD_REQUEST');
    expect(codeOf(await call(ASK, { id, rv: [], c: m1.subject }, steward))).toBe('BAD_REQUEST');
    expect(codeOf(await call(ASK, { id, rv: [m1.subject] }, m2))).toBe('FORBIDDEN');
    ok(await call(ASK, { id, rv: [m1.subject, m2.subject], c: chair.subject }, steward));

    // The reviewer inbox.
    const inbox = ok(
      await call<{
        reviewsAskedOfMe: {
          request: { id: string; projectTitle: string; applicant: { name: string } };
          role: string;
          requestedBy: { name: string };
          myVote: unknown;
        }[];
      }>(
        `{ reviewsAskedOfMe { request { id projectTitle applicant { name } } role requestedBy { name } myVote { vote } } }`,
        {},
        m1,
      ),
    ).reviewsAskedOfMe;
    expect(inbox).toEqual([
      {
        request: { id, projectTitle: 'BRCA1 penetrance', applicant: { name: researcher.username } },
        role: 'REVIEWER',
        requestedBy: { name: steward.username },
        myVote: null,
      },
    ]);
    expect(
      ok(await call<{ reviewsAskedOfMe: unknown[] }>(`{ reviewsAskedOfMe { role } }`, {}, m3))
        .reviewsAskedOfMe,
    ).toEqual([]);

    // Attacks on the vote: not on the committee, on the committee but not asked, the applicant, no rationale.
    expect(codeOf(await call(VOTE, { id, v: 'APPROVE', r: 'looks fine to me' }, outsider))).toBe('NOT_FOUND');
    expect(codeOf(await call(VOTE, { id, v: 'APPROVE', r: 'looks fine to me' }, m3))).toBe('FORBIDDEN');
    expect(codeOf(await call(VOTE, { id, v: 'APPROVE', r: 'looks fine to me' }, researcher))).toBe(
      'FORBIDDEN',
    );
    expect(codeOf(await call(VOTE, { id, v: 'APPROVE', r: '' }, m1))).toBe('BAD_REQUEST');

    ok(await call(VOTE, { id, v: 'APPROVE', r: 'Purpose is disease-specific and matches HMB.' }, m1));
    // One vote per reviewer: a second cast is refused and changes nothing.
    expect(codeOf(await call(VOTE, { id, v: 'REJECT', r: 'second thoughts, voting again' }, m1))).toBe(
      'ALREADY_VOTED',
    );
    // A reviewer never decides.
    expect(codeOf(await call(APPROVE, { id, exp: inAYear() }, m1))).toBe('FORBIDDEN');
    ok(await call(VOTE, { id, v: 'REJECT', r: 'No data management plan attached.' }, m2));

    // The chair's approval: first the applicant's researcher status is missing, named.
    const noStatus = await call(APPROVE, { id, exp: inAYear() }, chair);
    expect(codeOf(noStatus)).toBe('RESEARCHER_STATUS_REQUIRED');
    expect(noStatus.errors![0].message).toContain('ResearcherStatus');
    ok(
      await call(
        `mutation($id: ID!) { attestResearcherStatus(id: $id, note: "Faculty member, checked in the staff directory") { id } }`,
        { id },
        steward,
      ),
    );
    // Then the quorum: one approval and one rejection do not allow an approval — by the chair or the steward.
    const refused = await call(APPROVE, { id, exp: inAYear() }, chair);
    expect(codeOf(refused)).toBe('QUORUM_NOT_MET');
    expect(refused.errors![0].message).toMatch(/2 approving vote\(s\) needed, 1 cast.*allows no rejection/);
    expect(codeOf(await call(APPROVE, { id, exp: inAYear() }, steward))).toBe('QUORUM_NOT_MET');
    v = await view(id, chair);
    expect(v.status).toBe('SUBMITTED');
    const approvals: { n: number }[] = await ds.query(
      `SELECT count(*)::int AS n FROM audit_event WHERE action = 'access.approve' AND detail->>'accessRequestId' = $1`,
      [id],
    );
    expect(approvals[0].n).toBe(0);

    // Remarks: internal for the committee, one for the applicant.
    ok(await call(REMARK, { id, b: 'Ask for the DMP before we meet.', v: 'INTERNAL' }, chair));
    ok(await call(REMARK, { id, b: 'Please send your data management plan.', v: 'APPLICANT' }, steward));
    expect(codeOf(await call(REMARK, { id, b: 'let me see your notes', v: 'INTERNAL' }, researcher))).toBe(
      'FORBIDDEN',
    );
    ok(await call(REMARK, { id, b: 'DMP attached to our ethics file IRB-77.', v: 'APPLICANT' }, researcher));

    // The applicant changes a mind: the vote changes, the old one is kept.
    ok(await call(CHANGE, { id, v: 'APPROVE', r: 'DMP received; concerns resolved.' }, m2));

    v = await view(id, chair);
    expect(v.review!.votes.map((x) => [x.reviewerPerson.name, x.vote, x.rationale])).toEqual([
      [m1.username, 'APPROVE', 'Purpose is disease-specific and matches HMB.'],
      [m2.username, 'APPROVE', 'DMP received; concerns resolved.'],
    ]);
    expect(v.review!.voteHistory.map((x) => [x.reviewerPerson.name, x.vote, x.current])).toEqual([
      [m1.username, 'APPROVE', true],
      [m2.username, 'REJECT', false],
      [m2.username, 'APPROVE', true],
    ]);
    expect(v.review!.quorum).toMatchObject({ approvals: 2, rejections: 0, met: true, missing: [] });
    expect(v.researcherStatus).toMatchObject({ satisfied: true, attestedBy: { name: steward.username } });

    // The steward still may not approve (chair required); the chair decides.
    expect(codeOf(await call(APPROVE, { id, exp: inAYear() }, steward))).toBe('QUORUM_NOT_MET');
    const approved = ok(
      await call<{ approveAccessRequest: { status: string; decider: { name: string } } }>(
        APPROVE,
        { id, exp: inAYear() },
        chair,
      ),
    );
    expect(approved.approveAccessRequest).toEqual({ status: 'APPROVED', decider: { name: chair.username } });
    // Votes are closed with the decision.
    expect(codeOf(await call(CHANGE, { id, v: 'REJECT', r: 'too late to change this' }, m1))).toBe(
      'CONFLICT',
    );

    // The grant: a ControlledAccessGrants visa for the researcher.
    const perms = ok(await call<{ myPermissions: string[] }>(`{ myPermissions }`, {}, researcher));
    expect(perms.myPermissions).toHaveLength(1);

    // The committee's timeline has every step; the researcher's only what is theirs to see.
    const full = (await view(id, steward)).history;
    expect(full.map((e) => e.action)).toEqual([
      'submit',
      'review_requested',
      'review_requested',
      'decision_requested',
      'vote',
      'vote',
      'researcher_attested',
      'remark',
      'remark',
      'remark',
      'vote_changed',
      'approve',
    ]);
    expect(full[1]).toMatchObject({
      actorPerson: { name: steward.username },
      aboutPerson: { name: m1.username },
      visibility: 'INTERNAL',
    });
    expect(full[5]).toMatchObject({
      actorPerson: { name: m2.username },
      note: 'REJECT: No data management plan attached.',
    });
    const mine = await view(id, researcher);
    expect(mine.review).toBeNull();
    expect(mine.history.map((e) => e.action)).toEqual([
      'submit',
      'researcher_attested',
      'remark',
      'remark',
      'approve',
    ]);
    expect(mine.remarks.map((r) => r.body)).toEqual([
      'Please send your data management plan.',
      'DMP attached to our ethics file IRB-77.',
    ]);
    expect(JSON.stringify(mine)).not.toContain('Ask for the DMP');
    expect(JSON.stringify(mine)).not.toContain('No data management plan');

    // Audited as domain events naming the dataset and the request.
    const audited: { action: string; dataset_ids: string[]; detail: Record<string, unknown> }[] =
      await ds.query(
        `SELECT action, dataset_ids, detail FROM audit_event WHERE detail->>'accessRequestId' = $1 AND action LIKE 'access.%' AND outcome = 'allow' AND resource IS NOT NULL ORDER BY seq`,
        [id],
      );
    const actions = audited.map((a) => a.action);
    for (const a of [
      'access.submit',
      'access.review_request',
      'access.vote',
      'access.vote_change',
      'access.remark',
      'access.researcher_attest',
      'access.approve',
    ])
      expect(actions).toContain(a);
    for (const a of audited) expect(a.dataset_ids).toEqual([datasetId]);
    expect(audited.find((a) => a.action === 'access.vote_change')!.detail).toMatchObject({
      vote: 'APPROVE',
      previous: 'REJECT',
    });

    // Notifications queued through the outbox in the same transactions: review requested (one per person
    // asked), votes cast (to the handler), the decision (to the applicant) — with no rationale or remark text.
    const queued: { type: string; payload: unknown }[] = await ds.query(
      'SELECT type, payload FROM notification_event WHERE request_id = $1 ORDER BY id',
      [id],
    );
    const types = queued.map((q) => q.type);
    expect(types.filter((t) => t === 'review.requested')).toHaveLength(3);
    expect(types.filter((t) => t === 'vote.cast')).toHaveLength(3);
    expect(types).toContain('request.approved');
    expect(JSON.stringify(queued)).not.toMatch(/data management plan|concerns resolved|Ask for the DMP/);

    // The in-transaction hook saw every step (for the notifications outbox).
    const seen = events.filter((e) => e.accessRequestId === id);
    expect(seen.map((e) => e.type)).toEqual(
      expect.arrayContaining(['access.submit', 'access.review_request', 'access.vote', 'access.approve']),
    );
    const asked = seen.filter((e) => e.type === 'access.review_request').flatMap((e) => e.recipients);
    expect(asked).toEqual([m1, m2, chair].map((a) => `${a.issuer}#${a.subject}`));
    expect(seen.find((e) => e.type === 'access.vote')!.applicantVisible).toBe(false);
  });

  it('reassigns a review: the old reviewer can no longer vote and their vote stops counting', async () => {
    const id = await submit(researcher2);
    ok(await call(ASK, { id, rv: [m1.subject] }, steward));
    ok(await call(VOTE, { id, v: 'APPROVE', r: 'Fine by me, standard request.' }, m1));
    const reassign = `mutation($id: ID!, $f: String!, $t: String!) { reassignAccessReview(id: $id, from: $f, to: $t, note: "m1 is on leave") { id } }`;
    expect(codeOf(await call(reassign, { id, f: m1.subject, t: m3.subject }, m1))).toBe('FORBIDDEN');
    expect(codeOf(await call(reassign, { id, f: m1.subject, t: outsider.subject }, steward))).toBe(
      'BAD_REQUEST',
    );
    ok(await call(reassign, { id, f: m1.subject, t: m3.subject }, steward));
    expect(codeOf(await call(CHANGE, { id, v: 'REJECT', r: 'changing it after all' }, m1))).toBe('FORBIDDEN');
    ok(await call(VOTE, { id, v: 'ABSTAIN', r: 'Conflict of interest with the applicant.' }, m3));
    const v = await view(id, steward);
    expect(
      v.review!.assignments.map((a) => [a.reviewerPerson.name, a.active, a.replacedBy?.name ?? null]),
    ).toEqual([
      [m1.username, false, m3.username],
      [m3.username, true, null],
    ]);
    expect(v.review!.quorum).toMatchObject({ approvals: 0, rejections: 0, met: false });
    expect(v.history.at(-2)).toMatchObject({
      action: 'review_reassigned',
      aboutPerson: { name: m3.username },
      note: 'm1 is on leave',
    });
  });

  it('sets the votes aside when a returned request is resubmitted: the committee votes on the new version', async () => {
    const applicant = await makeActor(app, ['researcher']);
    const id = await submit(applicant);
    ok(await call(ASK, { id, rv: [m1.subject, m2.subject], c: chair.subject }, steward));
    ok(await call(VOTE, { id, v: 'APPROVE', r: 'Fine as first written.' }, m1));
    ok(await call(VOTE, { id, v: 'APPROVE', r: 'Agree with the first reviewer.' }, m2));
    ok(
      await call(
        `mutation($id: ID!) { attestResearcherStatus(id: $id, note: "Checked") { id } }`,
        { id },
        steward,
      ),
    );
    expect((await view(id, chair)).review!.quorum).toMatchObject({ approvals: 2, met: true });

    ok(
      await call(
        `mutation($id: ID!) { returnAccessRequest(id: $id, note: "Name the cohort subset") { id } }`,
        { id },
        steward,
      ),
    );
    ok(
      await call(
        `mutation($id: ID!, $i: ResubmitAccessRequestInput!) { resubmitAccessRequest(id: $id, input: $i) { id } }`,
        { id, i: { justification: 'Estimate penetrance of BRCA1 variants in all carriers, not a subset.' } },
        applicant,
      ),
    );

    // The approvals were given to the returned version: they no longer count, and are kept in the history.
    let v = await view(id, chair);
    expect(v.status).toBe('SUBMITTED');
    expect(v.review!.votes).toEqual([]);
    expect(v.review!.voteHistory.map((x) => [x.reviewerPerson.name, x.vote, x.current])).toEqual([
      [m1.username, 'APPROVE', false],
      [m2.username, 'APPROVE', false],
    ]);
    expect(v.review!.quorum).toMatchObject({ approvals: 0, met: false });
    expect(codeOf(await call(APPROVE, { id, exp: inAYear() }, chair))).toBe('QUORUM_NOT_MET');
    const resubmitted: { detail: Record<string, unknown> }[] = await ds.query(
      `SELECT detail FROM audit_event WHERE action = 'access.resubmit' AND detail->>'accessRequestId' = $1 AND outcome = 'allow' AND detail ? 'votesSetAside'`,
      [id],
    );
    expect(resubmitted.map((r) => r.detail.votesSetAside)).toEqual([2]);

    // The count is the votes set aside, not the driver's answer shape (TypeORM's [rows, rowCount] of an
    // UPDATE was once counted as 2 whatever it changed): one vote, then none.
    const RETURN = `mutation($id: ID!) { returnAccessRequest(id: $id, note: "Once more") { id } }`;
    const RESUBMIT = `mutation($id: ID!, $i: ResubmitAccessRequestInput!) { resubmitAccessRequest(id: $id, input: $i) { id } }`;
    const again = async (text: string) => {
      ok(await call(RETURN, { id }, steward));
      ok(await call(RESUBMIT, { id, i: { justification: text } }, applicant));
    };
    ok(await call(VOTE, { id, v: 'REJECT', r: 'Not yet: name the consent basis.' }, m1));
    await again('Estimate penetrance of BRCA1 variants in all carriers, second revision.');
    await again('Estimate penetrance of BRCA1 variants in all carriers, third revision.');
    const resubmits: { detail: Record<string, unknown> }[] = await ds.query(
      `SELECT detail FROM audit_event WHERE action = 'access.resubmit' AND detail->>'accessRequestId' = $1 AND outcome = 'allow' ORDER BY seq`,
      [id],
    );
    expect(resubmits.map((r) => r.detail.votesSetAside ?? 0)).toEqual([2, 1, 0]);

    // The reviewers still asked vote on the new version (a new cast, not a change), and the chair may decide.
    ok(await call(VOTE, { id, v: 'APPROVE', r: 'The whole cohort is justified.' }, m1));
    ok(await call(VOTE, { id, v: 'APPROVE', r: 'Agreed on the new text.' }, m2));
    v = await view(id, chair);
    expect(v.review!.quorum).toMatchObject({ approvals: 2, met: true });
    expect(
      ok(await call<{ approveAccessRequest: { status: string } }>(APPROVE, { id, exp: inAYear() }, chair))
        .approveAccessRequest.status,
    ).toBe('APPROVED');
  });

  it('sees a bona fide visa on the request; with no committee the steward decides alone as before', async () => {
    const id = await submit(bonaFide, openDataset);
    const v = await view(id, steward);
    expect(v.researcherStatus).toMatchObject({ required: 'none', visa: true, satisfied: true });
    expect(v.review!.quorum).toMatchObject({ applies: false, members: 0 });
    expect(
      ok(await call<{ approveAccessRequest: { status: string } }>(APPROVE, { id, exp: inAYear() }, steward))
        .approveAccessRequest.status,
    ).toBe('APPROVED');
    // Someone on another dataset's committee does not see this request at all.
    expect(codeOf(await call(VIEW, { id }, m1))).toBe('NOT_FOUND');
  });

  it('its migration goes down and up again (inside a transaction rolled back)', async () => {
    const runner = ds.createQueryRunner();
    const tables = async () =>
      (
        (await runner.query(
          `SELECT count(*)::int AS n FROM information_schema.tables WHERE table_name IN ('dac_member', 'access_vote', 'access_review', 'access_remark')`,
        )) as { n: number }[]
      )[0].n;
    await runner.startTransaction();
    try {
      const migration = new DataAccessCommittees1764810000000();
      await migration.down(runner);
      expect(await tables()).toBe(0);
      await migration.up(runner);
      expect(await tables()).toBe(4);
    } finally {
      await runner.rollbackTransaction();
      await runner.release();
    }
  });
});

describe('a broken policies/committees.yaml stops the gateway at boot', () => {
  it('names the file and the line', async () => {
    const policies = fs.mkdtempSync(path.join(os.tmpdir(), 'helixgate-policies-'));
    for (const f of fs.readdirSync(bundledPoliciesDir()))
      fs.copyFileSync(path.join(bundledPoliciesDir(), f), path.join(policies, f));
    const file = path.join(policies, 'committees.yaml');
    fs.writeFileSync(file, 'defaults:\n  quorum:\n    minApprovals: -1\n');
    let app: INestApplication | undefined;
    try {
      app = await createGateway(testConfig({ HELIXGATE_POLICIES_DIR: policies }));
      await app.init();
      throw new Error('the gateway started');
    } catch (e) {
      expect((e as Error).message).toContain(`${file}:3`);
      expect((e as Error).message).toMatch(/minApprovals: must be a whole number/);
    } finally {
      await app?.close();
    }
  });
});
