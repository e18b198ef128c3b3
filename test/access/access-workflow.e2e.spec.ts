import type { INestApplication } from '@nestjs/common';
import { jwtVerify, createLocalJWKSet } from 'jose';
import { DataSource } from 'typeorm';
import { createGateway } from '../../apps/gateway/src/bootstrap';
import { makeActor, gql, codeOf, type Actor } from '../support/actors';
import { testConfig, uniqueId } from '../support/test-config';

const SUBMIT = `mutation($input: SubmitAccessRequestInput!) { submitAccessRequest(input: $input) { id status duoMatch { outcome reasons { code verdict } } } }`;
const APPROVE = `mutation($id: ID!, $exp: DateTime!) { approveAccessRequest(id: $id, expiresAt: $exp, note: "ok") { id status expiresAt decidedBy } }`;
const REVOKE = `mutation($id: ID!, $block: Boolean) { revokeAccessGrant(id: $id, reason: "misuse reported", block: $block) { status } }`;
const HISTORY = `query($id: ID!) { accessRequest(id: $id) { status history { action fromState toState actor note } } }`;

const purpose = {
  category: 'DISEASE_SPECIFIC',
  diseases: ['MONDO:0007254'],
  commercial: false,
  forProfitOrganization: false,
};
const inAYear = () => new Date(Date.now() + 365 * 86_400_000).toISOString();

describe('access workflow over HTTP (real database)', () => {
  let app: INestApplication;
  let base: string;
  let admin: Actor, steward: Actor, otherSteward: Actor, researcher: Actor, researcher2: Actor;
  let datasetId: string;

  beforeAll(async () => {
    app = await createGateway(testConfig());
    await app.listen(0, '127.0.0.1');
    base = (await app.getUrl()).replace('[::1]', '127.0.0.1');
    [admin, steward, otherSteward, researcher, researcher2] = await Promise.all([
      makeActor(app, ['admin']),
      makeActor(app, ['steward']),
      makeActor(app, ['steward']),
      makeActor(app, ['researcher'], { bonaFide: true }),
      makeActor(app, ['researcher'], { bonaFide: true }),
    ]);
    datasetId = uniqueId('ctl');
    const created = await gql(
      base,
      `mutation($i: CreateDatasetInput!) { createDataset(input: $i) { id securityLevel } }`,
      {
        i: { id: datasetId, name: 'controlled cohort', assembly: 'GRCh38', securityLevel: 'CONTROLLED' },
      },
      admin,
    );
    expect(created.errors).toBeUndefined();
    const assigned = await gql(
      base,
      `mutation($d: ID!, $s: String!) { assignSteward(datasetId: $d, subject: $s) }`,
      { d: datasetId, s: steward.subject },
      admin,
    );
    expect(assigned.data).toEqual({ assignSteward: true });
    const consent = await gql(
      base,
      `mutation($d: ID!, $c: DatasetConsentInput!) { setDatasetConsent(datasetId: $d, consent: $c) { permission } }`,
      { d: datasetId, c: { permission: 'HMB', modifiers: [{ code: 'NPU' }] } },
      steward,
    );
    expect(consent.errors).toBeUndefined();
  });
  afterAll(() => app.close());

  const submit = (actor: Actor, p: Record<string, unknown> = purpose) =>
    gql<{ submitAccessRequest: { id: string; status: string; duoMatch: { outcome: string } } }>(
      base,
      SUBMIT,
      {
        input: {
          datasetId,
          projectTitle: 'BRCA1 penetrance',
          justification: 'Estimate penetrance of BRCA1 variants in this cohort.',
          purpose: p,
        },
      },
      actor,
    );

  it('refuses dataset administration to non-admins and anonymous callers', async () => {
    const input = { id: uniqueId('x'), name: 'x', assembly: 'GRCh38', securityLevel: 'PUBLIC' };
    const q = `mutation($i: CreateDatasetInput!) { createDataset(input: $i) { id } }`;
    expect(codeOf(await gql(base, q, { i: input }, researcher))).toBe('FORBIDDEN');
    expect(codeOf(await gql(base, q, { i: input }, steward))).toBe('FORBIDDEN');
    expect(codeOf(await gql(base, q, { i: input }))).toBe('UNAUTHENTICATED');
  });

  it('lets only the steward of the dataset change its consent', async () => {
    const q = `mutation($d: ID!, $c: DatasetConsentInput!) { setDatasetConsent(datasetId: $d, consent: $c) { permission } }`;
    expect(codeOf(await gql(base, q, { d: datasetId, c: { permission: 'GRU' } }, otherSteward))).toBe(
      'FORBIDDEN',
    );
    expect(codeOf(await gql(base, q, { d: datasetId, c: { permission: 'GRU' } }, researcher))).toBe(
      'FORBIDDEN',
    );
  });

  it('runs submit → approve → visa → revoke (with block), keeping every transition in the history', async () => {
    const s = await submit(researcher);
    expect(s.errors).toBeUndefined();
    const id = s.data!.submitAccessRequest.id;
    expect(s.data!.submitAccessRequest).toMatchObject({
      status: 'SUBMITTED',
      duoMatch: { outcome: 'APPROVE' },
    });

    // Neither the researcher nor another dataset's steward may approve; the other steward cannot even see it.
    expect(codeOf(await gql(base, APPROVE, { id, exp: inAYear() }, researcher))).toBe('FORBIDDEN');
    expect(codeOf(await gql(base, APPROVE, { id, exp: inAYear() }, otherSteward))).toBe('NOT_FOUND');
    expect(
      codeOf(await gql(base, APPROVE, { id, exp: new Date(Date.now() - 1000).toISOString() }, steward)),
    ).toBe('BAD_REQUEST');

    const a = await gql<{ approveAccessRequest: { status: string; decidedBy: string } }>(
      base,
      APPROVE,
      { id, exp: inAYear() },
      steward,
    );
    expect(a.errors).toBeUndefined();
    expect(a.data!.approveAccessRequest.status).toBe('APPROVED');
    expect(a.data!.approveAccessRequest.decidedBy).toContain(steward.subject);

    // The approval is a ControlledAccessGrants visa signed by this node, verifiable with its JWKS.
    const perms = (await (
      await fetch(`${base}/permissions`, { headers: { authorization: `Bearer ${researcher.token}` } })
    ).json()) as {
      ga4gh_passport_v1: string[];
    };
    expect(perms.ga4gh_passport_v1).toHaveLength(1);
    const jwks = (await (await fetch(`${base}/.well-known/jwks.json`)).json()) as Parameters<
      typeof createLocalJWKSet
    >[0];
    const { payload, protectedHeader } = await jwtVerify(perms.ga4gh_passport_v1[0], createLocalJWKSet(jwks));
    expect(protectedHeader.alg).toBe('ES256');
    expect(payload.sub).toBe(researcher.subject);
    expect(payload.jti).toBe(id);
    expect(payload.ga4gh_visa_v1).toMatchObject({ type: 'ControlledAccessGrants', by: 'dac' });
    expect(String((payload.ga4gh_visa_v1 as { value: string }).value)).toContain(`/datasets/${datasetId}`);
    expect(Math.abs(payload.exp! - Date.parse(inAYear()) / 1000)).toBeLessThan(120);

    // A second request while the grant is active is refused.
    expect(codeOf(await submit(researcher))).toBe('CONFLICT');

    expect((await gql(base, REVOKE, { id, block: true }, steward)).errors).toBeUndefined();
    const after = (await (
      await fetch(`${base}/permissions`, { headers: { authorization: `Bearer ${researcher.token}` } })
    ).json()) as {
      ga4gh_passport_v1: string[];
    };
    expect(after.ga4gh_passport_v1).toHaveLength(0);
    // Blocked: a new request is refused.
    expect(codeOf(await submit(researcher))).toBe('FORBIDDEN');

    const h = await gql<{
      accessRequest: {
        status: string;
        history: { action: string; fromState: string | null; toState: string }[];
      };
    }>(base, HISTORY, { id }, researcher);
    expect(h.data!.accessRequest.status).toBe('REVOKED');
    expect(
      h.data!.accessRequest.history.map((e) => `${e.action}:${e.fromState ?? '-'}>${e.toState}`),
    ).toEqual(['submit:->SUBMITTED', 'approve:SUBMITTED>APPROVED', 'revoke:APPROVED>REVOKED']);
  });

  it('returns a request for changes; the researcher resubmits, then withdraws', async () => {
    const id = (await submit(researcher2)).data!.submitAccessRequest.id;
    const r = await gql(
      base,
      `mutation($id: ID!) { returnAccessRequest(id: $id, note: "add your ethics approval") { status } }`,
      { id },
      steward,
    );
    expect(r.data).toEqual({ returnAccessRequest: { status: 'RETURNED' } });
    // The steward cannot approve a returned request.
    expect(codeOf(await gql(base, APPROVE, { id, exp: inAYear() }, steward))).toBe('CONFLICT');
    // Another researcher cannot resubmit it (not even see it).
    expect(
      codeOf(
        await gql(
          base,
          `mutation($id: ID!) { resubmitAccessRequest(id: $id, input: { ethicsRef: "X" }) { status } }`,
          { id },
          researcher,
        ),
      ),
    ).toBe('NOT_FOUND');
    const re = await gql(
      base,
      `mutation($id: ID!) { resubmitAccessRequest(id: $id, input: { ethicsRef: "IRB-2026-117" }) { status } }`,
      { id },
      researcher2,
    );
    expect(re.data).toEqual({ resubmitAccessRequest: { status: 'SUBMITTED' } });
    const w = await gql(
      base,
      `mutation($id: ID!) { withdrawAccessRequest(id: $id) { status } }`,
      { id },
      researcher2,
    );
    expect(w.data).toEqual({ withdrawAccessRequest: { status: 'WITHDRAWN' } });
  });

  it("matches the request's ethics reference against an IRB consent, again on resubmission", async () => {
    const irb = uniqueId('irb');
    const irbSteward = await makeActor(app, ['steward']);
    await gql(
      base,
      `mutation($i: CreateDatasetInput!) { createDataset(input: $i) { id } }`,
      {
        i: { id: irb, name: 'irb cohort', assembly: 'GRCh38', securityLevel: 'CONTROLLED' },
      },
      admin,
    );
    await gql(
      base,
      `mutation($d: ID!, $s: String!) { assignSteward(datasetId: $d, subject: $s) }`,
      { d: irb, s: irbSteward.subject },
      admin,
    );
    await gql(
      base,
      `mutation($d: ID!, $c: DatasetConsentInput!) { setDatasetConsent(datasetId: $d, consent: $c) { permission } }`,
      {
        d: irb,
        c: { permission: 'HMB', modifiers: [{ code: 'IRB' }] },
      },
      irbSteward,
    );
    const r = await makeActor(app, ['researcher'], { bonaFide: true });
    const irbReason = (m: { reasons: { code: string; reason: string }[] }) =>
      m.reasons.find((x) => x.code === 'IRB')!.reason;
    const s = await gql<{
      submitAccessRequest: { id: string; duoMatch: { reasons: { code: string; reason: string }[] } };
    }>(
      base,
      `mutation($i: SubmitAccessRequestInput!) { submitAccessRequest(input: $i) { id duoMatch { reasons { code reason } } } }`,
      {
        i: {
          datasetId: irb,
          projectTitle: 'x',
          justification: 'Cardiac variants in an ethics-approved study.',
          purpose,
        },
      },
      r,
    );
    expect(irbReason(s.data!.submitAccessRequest.duoMatch)).toMatch(/no ethics approval reference/);
    const id = s.data!.submitAccessRequest.id;
    await gql(
      base,
      `mutation($id: ID!) { returnAccessRequest(id: $id, note: "ethics reference?") { status } }`,
      { id },
      irbSteward,
    );
    const re = await gql<{
      resubmitAccessRequest: { duoMatch: { reasons: { code: string; reason: string }[] } };
    }>(
      base,
      `mutation($id: ID!) { resubmitAccessRequest(id: $id, input: { ethicsRef: "IRB-2026-117" }) { duoMatch { reasons { code reason } } } }`,
      { id },
      r,
    );
    expect(irbReason(re.data!.resubmitAccessRequest.duoMatch)).not.toMatch(/no ethics approval reference/);
    expect(irbReason(re.data!.resubmitAccessRequest.duoMatch)).toContain('IRB-2026-117');
  });

  it('refuses to approve a purpose the consent denies (NPU vs a for-profit organisation)', async () => {
    const r = await makeActor(app, ['researcher'], { bonaFide: true });
    const s = await submit(r, { ...purpose, forProfitOrganization: true, commercial: true });
    expect(s.data!.submitAccessRequest.duoMatch.outcome).toBe('DENY');
    const a = await gql(base, APPROVE, { id: s.data!.submitAccessRequest.id, exp: inAYear() }, steward);
    expect(codeOf(a)).toBe('FORBIDDEN');
    expect(a.errors![0].message).toContain('NPU');
  });

  it('shows a steward only the requests of their datasets, filtered in SQL', async () => {
    const mine = await gql<{ accessRequests: { datasetId: string }[] }>(
      base,
      `{ accessRequests { datasetId } }`,
      {},
      steward,
    );
    expect(mine.data!.accessRequests.length).toBeGreaterThan(0);
    expect(new Set(mine.data!.accessRequests.map((r) => r.datasetId))).toEqual(new Set([datasetId]));
    const other = await gql<{ accessRequests: unknown[] }>(
      base,
      `{ accessRequests { datasetId } }`,
      {},
      otherSteward,
    );
    expect(other.data!.accessRequests).toEqual([]);
  });

  it('lets an expired grant stop working by itself', async () => {
    const r = await makeActor(app, ['researcher'], { bonaFide: true });
    const id = (await submit(r)).data!.submitAccessRequest.id;
    await gql(base, APPROVE, { id, exp: inAYear() }, steward);
    // Time passes: move the grant's end into the past, as the clock would.
    await app
      .get(DataSource)
      .query(`UPDATE access_request SET expires_at = now() - interval '1 minute' WHERE id = $1`, [id]);
    const q = await gql<{ accessRequest: { status: string } }>(
      base,
      `query($id: ID!) { accessRequest(id: $id) { status } }`,
      { id },
      r,
    );
    expect(q.data!.accessRequest.status).toBe('EXPIRED');
    // Lists filter on the status they show: the grant is found under EXPIRED, no longer under APPROVED.
    const byStatus = async (status: string) =>
      (
        await gql<{ accessRequestPage: { requests: { id: string; status: string }[] } }>(
          base,
          `query($s: [AccessRequestStatus!]) { accessRequestPage(status: $s, first: 200) { requests { id status } } }`,
          { s: [status] },
          steward,
        )
      ).data!.accessRequestPage.requests.filter((x) => x.id === id);
    expect(await byStatus('EXPIRED')).toEqual([{ id, status: 'EXPIRED' }]);
    expect(await byStatus('APPROVED')).toEqual([]);
    const perms = (await (
      await fetch(`${base}/permissions`, { headers: { authorization: `Bearer ${r.token}` } })
    ).json()) as { ga4gh_passport_v1: string[] };
    expect(perms.ga4gh_passport_v1).toEqual([]);
    expect(codeOf(await gql(base, REVOKE, { id }, steward))).toBe('CONFLICT');
  });
});
