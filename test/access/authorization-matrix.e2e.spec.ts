import type { INestApplication } from '@nestjs/common';
import { NodeKeyService } from '@helixgate/identity';
import { decodeJwt } from 'jose';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { DataSource } from 'typeorm';
import { createGateway } from '../../apps/gateway/src/bootstrap';
import { createTestDataset, insertTestVariants } from '../support/beacon-factory';
import { codeOf, gql, makeActor, type Actor, type GqlResult } from '../support/actors';
import { testConfig, uniqueId } from '../support/test-config';
import { commonAllelePanel, importPanel, shippedPoliciesWithPanels } from '../support/privacy-panels';
import { makeKey, signJwt, type TestKey } from '../identity/identity-fixtures';

/**
 * The authorization matrix: every actor × operation × dataset security level (× grant state for bona fide
 * researchers) against the real gateway over HTTP and a real database. The expected outcomes are written
 * out below as a table, independently of the code that decides them.
 */
type Level = 'PUBLIC' | 'REGISTERED' | 'CONTROLLED';
const LEVELS: Level[] = ['PUBLIC', 'REGISTERED', 'CONTROLLED'];
type ActorName =
  | 'anonymous'
  | 'researcher'
  | 'bonafide-no-grant'
  | 'bonafide-active-grant'
  | 'bonafide-expired-grant'
  | 'bonafide-revoked-grant'
  | 'visa-expired-grant'
  | 'visa-revoked-grant'
  | 'visa-withdrawn-grant'
  | 'visa-impostor-other-issuer'
  | 'visa-external-holder'
  | 'steward-own'
  | 'steward-other'
  | 'compliance'
  | 'admin';

/** What each actor gets, per operation and level. `ok` = allowed; otherwise the error code. */
type Outcome = string;
const row = (p: Outcome, r: Outcome, c: Outcome): Record<Level, Outcome> => ({
  PUBLIC: p,
  REGISTERED: r,
  CONTROLLED: c,
});

// beacon query asking for RECORD: the granularity returned for the dataset, or the refusal code.
const BEACON: Record<ActorName, Record<Level, Outcome>> = {
  anonymous: row('COUNT', 'UNKNOWN_DATASET', 'UNKNOWN_DATASET'),
  researcher: row('COUNT', 'FORBIDDEN', 'FORBIDDEN'),
  'bonafide-no-grant': row('COUNT', 'COUNT', 'FORBIDDEN'),
  'bonafide-active-grant': row('RECORD', 'RECORD', 'RECORD'),
  'bonafide-expired-grant': row('COUNT', 'COUNT', 'FORBIDDEN'),
  'bonafide-revoked-grant': row('COUNT', 'COUNT', 'FORBIDDEN'),
  // Bona fide researchers presenting the ControlledAccessGrants visa of a grant that has since ended: the
  // visa's own exp is still ahead, but the grant's live state decides.
  'visa-expired-grant': row('COUNT', 'COUNT', 'FORBIDDEN'),
  'visa-revoked-grant': row('COUNT', 'COUNT', 'FORBIDDEN'),
  'visa-withdrawn-grant': row('COUNT', 'COUNT', 'FORBIDDEN'),
  // A token of another trusted issuer whose sub is the active grant holder's user id, carrying the holder's
  // passport (bona fide visas and grant visas): none of it is about this (issuer, subject).
  'visa-impostor-other-issuer': row('COUNT', 'FORBIDDEN', 'FORBIDDEN'),
  // A researcher of that other issuer who was given grants, presenting their visas: records.
  'visa-external-holder': row('RECORD', 'RECORD', 'RECORD'),
  'steward-own': row('COUNT', 'FORBIDDEN', 'FORBIDDEN'),
  'steward-other': row('COUNT', 'FORBIDDEN', 'FORBIDDEN'),
  compliance: row('COUNT', 'FORBIDDEN', 'FORBIDDEN'),
  admin: row('COUNT', 'FORBIDDEN', 'FORBIDDEN'),
};
// `datasets` list: is the dataset in it?
const LISTED: Record<ActorName, Record<Level, Outcome>> = {
  anonymous: row('yes', 'no', 'no'),
  researcher: row('yes', 'yes', 'yes'),
  'bonafide-no-grant': row('yes', 'yes', 'yes'),
  'bonafide-active-grant': row('yes', 'yes', 'yes'),
  'bonafide-expired-grant': row('yes', 'yes', 'yes'),
  'bonafide-revoked-grant': row('yes', 'yes', 'yes'),
  'visa-expired-grant': row('yes', 'yes', 'yes'),
  'visa-revoked-grant': row('yes', 'yes', 'yes'),
  'visa-withdrawn-grant': row('yes', 'yes', 'yes'),
  'visa-impostor-other-issuer': row('yes', 'yes', 'yes'),
  'visa-external-holder': row('yes', 'yes', 'yes'),
  'steward-own': row('yes', 'yes', 'yes'),
  'steward-other': row('yes', 'yes', 'yes'),
  compliance: row('yes', 'yes', 'yes'),
  admin: row('yes', 'yes', 'yes'),
};
const allResearchers = (o: Record<Level, Outcome>) => ({
  researcher: o,
  'bonafide-no-grant': o,
  'bonafide-active-grant': o,
  'bonafide-expired-grant': o,
  'bonafide-revoked-grant': o,
  'visa-expired-grant': o,
  'visa-revoked-grant': o,
  'visa-withdrawn-grant': o,
  'visa-impostor-other-issuer': o,
  'visa-external-holder': o,
});
// setDatasetConsent
const SET_CONSENT: Record<ActorName, Record<Level, Outcome>> = {
  anonymous: row('UNAUTHENTICATED', 'UNKNOWN_DATASET', 'UNKNOWN_DATASET'),
  ...allResearchers(row('FORBIDDEN', 'FORBIDDEN', 'FORBIDDEN')),
  'steward-own': row('ok', 'ok', 'ok'),
  'steward-other': row('FORBIDDEN', 'FORBIDDEN', 'FORBIDDEN'),
  compliance: row('FORBIDDEN', 'FORBIDDEN', 'FORBIDDEN'),
  admin: row('ok', 'ok', 'ok'),
};
// approveAccessRequest on another researcher's REJECTED request: authorised callers reach the state check
// (CONFLICT); callers who may not even read the request get NOT_FOUND.
const APPROVE: Record<ActorName, Record<Level, Outcome>> = {
  anonymous: row('NOT_FOUND', 'NOT_FOUND', 'NOT_FOUND'),
  ...allResearchers(row('NOT_FOUND', 'NOT_FOUND', 'NOT_FOUND')),
  'steward-own': row('CONFLICT', 'CONFLICT', 'CONFLICT'),
  'steward-other': row('NOT_FOUND', 'NOT_FOUND', 'NOT_FOUND'),
  compliance: row('NOT_FOUND', 'NOT_FOUND', 'NOT_FOUND'),
  admin: row('NOT_FOUND', 'NOT_FOUND', 'NOT_FOUND'),
};
// withdrawParticipant of a sample id that is not in the dataset: authorised callers get NOT_FOUND.
const WITHDRAW: Record<ActorName, Record<Level, Outcome>> = {
  anonymous: row('UNAUTHENTICATED', 'UNKNOWN_DATASET', 'UNKNOWN_DATASET'),
  ...allResearchers(row('FORBIDDEN', 'FORBIDDEN', 'FORBIDDEN')),
  'steward-own': row('NOT_FOUND', 'NOT_FOUND', 'NOT_FOUND'),
  'steward-other': row('FORBIDDEN', 'FORBIDDEN', 'FORBIDDEN'),
  compliance: row('FORBIDDEN', 'FORBIDDEN', 'FORBIDDEN'),
  admin: row('NOT_FOUND', 'NOT_FOUND', 'NOT_FOUND'),
};
// auditEvents (not per dataset)
const AUDIT: Record<ActorName, Outcome> = {
  anonymous: 'UNAUTHENTICATED',
  researcher: 'FORBIDDEN',
  'bonafide-no-grant': 'FORBIDDEN',
  'bonafide-active-grant': 'FORBIDDEN',
  'bonafide-expired-grant': 'FORBIDDEN',
  'bonafide-revoked-grant': 'FORBIDDEN',
  'visa-expired-grant': 'FORBIDDEN',
  'visa-revoked-grant': 'FORBIDDEN',
  'visa-withdrawn-grant': 'FORBIDDEN',
  'visa-impostor-other-issuer': 'FORBIDDEN',
  'visa-external-holder': 'FORBIDDEN',
  'steward-own': 'FORBIDDEN',
  'steward-other': 'FORBIDDEN',
  compliance: 'ok',
  admin: 'ok',
};

const ACTORS = Object.keys(BEACON) as ActorName[];
const PURPOSE = { category: 'GENERAL_RESEARCH', commercial: false, forProfitOrganization: false };
const inAYear = () => new Date(Date.now() + 365 * 86_400_000).toISOString();
const outcome = (r: GqlResult) => codeOf(r) ?? 'ok';
/** Another identity provider this node trusts for bearer tokens (researchers of a partner institution). */
const OTHER_IDP = 'https://idp.matrix.test';

describe('authorization matrix (roles × operations × security levels × grant states, over HTTP)', () => {
  let app: INestApplication;
  let base: string;
  const actors = {} as Record<ActorName, Actor | undefined>;
  const datasets = {} as Record<Level, string>;
  const rejected = {} as Record<Level, string>;
  const found: string[] = [];

  beforeAll(async () => {
    // The shipped policy, with a reference panel for the matrix's datasets (the allele below is common
    // in it, so the granularity is what is observed), and a partner identity provider trusted for tokens.
    for (const level of LEVELS) datasets[level] = uniqueId(`mx-${level.toLowerCase()}`);
    const panel = uniqueId('mx-panel');
    const idpKey: TestKey = await makeKey('ES256', 'mx-idp-1');
    const policiesDir = shippedPoliciesWithPanels(
      Object.fromEntries(LEVELS.map((level) => [datasets[level], panel])),
    );
    fs.writeFileSync(
      path.join(policiesDir, 'trusted-issuers.yaml'),
      JSON.stringify({
        issuers: [
          {
            issuer: OTHER_IDP,
            jwks: { keys: [idpKey.publicJwk] },
            algorithms: ['ES256'],
            roles: { claim: 'roles' },
            institution_claim: 'org',
          },
        ],
      }),
    );
    app = await createGateway(testConfig({ HELIXGATE_POLICIES_DIR: policiesDir }));
    await importPanel(app, panel, commonAllelePanel());
    await app.listen(0, '127.0.0.1');
    base = (await app.getUrl()).replace('[::1]', '127.0.0.1');
    const admin = await makeActor(app, ['admin']);
    const stewardOwn = await makeActor(app, ['steward']);
    const stewardOther = await makeActor(app, ['steward']);
    Object.assign(actors, {
      anonymous: undefined,
      researcher: await makeActor(app, ['researcher']),
      'bonafide-no-grant': await makeActor(app, ['researcher'], { bonaFide: true }),
      'bonafide-active-grant': await makeActor(app, ['researcher'], { bonaFide: true }),
      'bonafide-expired-grant': await makeActor(app, ['researcher'], { bonaFide: true }),
      'bonafide-revoked-grant': await makeActor(app, ['researcher'], { bonaFide: true }),
      'steward-own': stewardOwn,
      'steward-other': stewardOther,
      compliance: await makeActor(app, ['compliance']),
      admin,
    });
    const nodeKeys = app.get(NodeKeyService);
    /** A token of the partner identity provider for `sub`, carrying `passport`. */
    const idpToken = (sub: string, passport: string[]) =>
      signJwt(idpKey, {
        iss: OTHER_IDP,
        sub,
        aud: nodeKeys.audience,
        roles: ['researcher'],
        org: 'Partner University',
        ga4gh_passport_v1: passport,
      });
    /** The same node token as `actor`'s, with `visas` added to its passport (what a researcher presents). */
    const withVisas = async (actor: Actor, visas: string[]): Promise<Actor> => {
      const { iss: _iss, sub, aud: _aud, iat: _iat, exp, jti: _jti, ...claims } = decodeJwt(actor.token);
      const passport = (claims.ga4gh_passport_v1 as string[] | undefined) ?? [];
      const token = await nodeKeys.sign(
        { ...claims, ga4gh_passport_v1: [...passport, ...visas] },
        { audience: nodeKeys.audience, subject: sub, expiresIn: exp! },
      );
      return { ...actor, token };
    };
    const visaHolders = {
      'visa-expired-grant': await makeActor(app, ['researcher'], { bonaFide: true }),
      'visa-revoked-grant': await makeActor(app, ['researcher'], { bonaFide: true }),
      'visa-withdrawn-grant': await makeActor(app, ['researcher'], { bonaFide: true }),
    };
    const grantVisas: Record<string, string[]> = {
      'visa-expired-grant': [],
      'visa-revoked-grant': [],
      'visa-withdrawn-grant': [],
      'bonafide-active-grant': [],
      'visa-external-holder': [],
    };
    const externalSub = `partner-${uniqueId('r')}`;
    const external: Actor = {
      username: externalSub,
      subject: externalSub,
      issuer: OTHER_IDP,
      token: await idpToken(externalSub, []),
    };
    const applicant = await makeActor(app, ['researcher'], { bonaFide: true });
    const other = uniqueId('mx-other');
    await createTestDataset(app, other, { securityLevel: 'PUBLIC' });
    await gql(
      base,
      `mutation($d: ID!, $s: String!) { assignSteward(datasetId: $d, subject: $s) }`,
      { d: other, s: stewardOther.subject },
      admin,
    );

    for (const level of LEVELS) {
      const id = datasets[level];
      await createTestDataset(app, id, { securityLevel: level });
      // A common allele: the privacy guard has nothing to hide, so the granularity is what is observed.
      await insertTestVariants(app, id, [
        { chrom: '1', pos: 1000, ref: 'A', alt: 'G', het: 30, homAlt: 10, an: 200 },
      ]);
      const assigned = await gql(
        base,
        `mutation($d: ID!, $s: String!) { assignSteward(datasetId: $d, subject: $s) }`,
        { d: id, s: stewardOwn.subject },
        admin,
      );
      expect(assigned.errors).toBeUndefined();
      const submit = async (who: Actor) => {
        const r = await gql<{ submitAccessRequest: { id: string } }>(
          base,
          `mutation($i: SubmitAccessRequestInput!) { submitAccessRequest(input: $i) { id } }`,
          {
            i: {
              datasetId: id,
              projectTitle: 'matrix',
              justification: 'Checking the authorization matrix of this node.',
              purpose: PURPOSE,
            },
          },
          who,
        );
        expect(r.errors).toBeUndefined();
        return r.data!.submitAccessRequest.id;
      };
      const approve = (rid: string) =>
        gql(
          base,
          `mutation($id: ID!, $e: DateTime!) { approveAccessRequest(id: $id, expiresAt: $e) { status } }`,
          { id: rid, e: inAYear() },
          stewardOwn,
        );
      const visaOf = async (rid: string, who: Actor) => {
        const v = await gql<{ grantVisa: string }>(
          base,
          `mutation($id: ID!) { grantVisa(id: $id) }`,
          { id: rid },
          who,
        );
        expect(v.errors).toBeUndefined();
        return v.data!.grantVisa;
      };
      for (const name of ['visa-expired-grant', 'visa-revoked-grant', 'visa-withdrawn-grant'] as const) {
        const who = visaHolders[name];
        const rid = await submit(who);
        expect((await approve(rid)).errors).toBeUndefined();
        // The visa is obtained while the grant is active; then the grant ends.
        grantVisas[name].push(await visaOf(rid, who));
        if (name === 'visa-expired-grant') {
          await app
            .get(DataSource)
            .query(`UPDATE access_request SET expires_at = now() - interval '1 second' WHERE id = $1`, [rid]);
        } else {
          const r =
            name === 'visa-revoked-grant'
              ? await gql(
                  base,
                  `mutation($id: ID!) { revokeAccessGrant(id: $id, reason: "matrix") { status } }`,
                  { id: rid },
                  stewardOwn,
                )
              : await gql(
                  base,
                  `mutation($id: ID!) { withdrawAccessRequest(id: $id) { status } }`,
                  { id: rid },
                  who,
                );
          expect(r.errors).toBeUndefined();
        }
      }
      {
        const rid = await submit(external);
        expect((await approve(rid)).errors).toBeUndefined();
        grantVisas['visa-external-holder'].push(await visaOf(rid, external));
      }
      for (const name of [
        'bonafide-active-grant',
        'bonafide-expired-grant',
        'bonafide-revoked-grant',
      ] as const) {
        const rid = await submit(actors[name]!);
        expect((await approve(rid)).errors).toBeUndefined();
        if (name === 'bonafide-active-grant') grantVisas[name].push(await visaOf(rid, actors[name]!));
        if (name === 'bonafide-expired-grant') {
          await app
            .get(DataSource)
            .query(`UPDATE access_request SET expires_at = now() - interval '1 second' WHERE id = $1`, [rid]);
        }
        if (name === 'bonafide-revoked-grant') {
          const rv = await gql(
            base,
            `mutation($id: ID!) { revokeAccessGrant(id: $id, reason: "matrix") { status } }`,
            { id: rid },
            stewardOwn,
          );
          expect(rv.errors).toBeUndefined();
        }
      }
      const rid = await submit(applicant);
      expect(
        (
          await gql(
            base,
            `mutation($id: ID!) { rejectAccessRequest(id: $id, reason: "matrix") { status } }`,
            { id: rid },
            stewardOwn,
          )
        ).errors,
      ).toBeUndefined();
      rejected[level] = rid;
    }
    for (const name of ['visa-expired-grant', 'visa-revoked-grant', 'visa-withdrawn-grant'] as const)
      actors[name] = await withVisas(visaHolders[name], grantVisas[name]);
    // The impostor: another trusted issuer's token whose sub is the active grant holder's user id, carrying
    // everything in the holder's passport (bona fide visas and the grant visas of all three datasets).
    const holder = actors['bonafide-active-grant']!;
    const holderPassport = decodeJwt(holder.token).ga4gh_passport_v1 as string[];
    actors['visa-impostor-other-issuer'] = {
      username: 'impostor',
      subject: holder.subject,
      issuer: OTHER_IDP,
      token: await idpToken(holder.subject, [...holderPassport, ...grantVisas['bonafide-active-grant']]),
    };
    actors['visa-external-holder'] = {
      ...external,
      token: await idpToken(externalSub, grantVisas['visa-external-holder']),
    };
  });
  afterAll(async () => {
    console.log(`authorization matrix: ${found.length} cells checked`);
    await app.close();
  });

  const check = (cell: string, got: Outcome, want: Outcome) => {
    found.push(cell);
    expect(`${cell} → ${got}`).toBe(`${cell} → ${want}`);
  };

  it.each(ACTORS)('beacon granularity for %s', async (name) => {
    for (const level of LEVELS) {
      const r = await gql<{
        beacon: {
          resultSets: { datasetId: string; granularity: string; records: { carriers: unknown[] }[] | null }[];
        };
      }>(
        base,
        `query($d: [ID!]) { beacon(query: { assemblyId: "GRCh37", referenceName: "1", start: 999, referenceBases: "A", alternateBases: "G", datasetIds: $d, requestedGranularity: RECORD }) { resultSets { datasetId granularity records { carriers { sampleId } } } } }`,
        { d: [datasets[level]] },
        actors[name],
      );
      const got = codeOf(r) ?? r.data!.beacon.resultSets[0].granularity;
      check(`${name} beacon ${level}`, got, BEACON[name][level]);
      if (got === 'RECORD') expect(r.data!.beacon.resultSets[0].records![0].carriers).toHaveLength(40);
      if (got !== 'RECORD' && r.data) expect(r.data.beacon.resultSets[0].records).toBeNull();
    }
  });

  it("refuses an ended or borrowed grant's visa with the reason, and records the refusal in the audit trail", async () => {
    const cases: [ActorName, RegExp][] = [
      ['visa-withdrawn-grant', /is WITHDRAWN/],
      ['visa-revoked-grant', /is REVOKED/],
      ['visa-expired-grant', /is EXPIRED/],
      ['visa-impostor-other-issuer', /was not given to you/],
    ];
    for (const [name, why] of cases) {
      const who = actors[name]!;
      const r = await gql(
        base,
        `query($d: [ID!]) { beacon(query: { assemblyId: "GRCh37", referenceName: "1", start: 999, referenceBases: "A", alternateBases: "G", datasetIds: $d, requestedGranularity: RECORD }) { exists } }`,
        { d: [datasets.CONTROLLED] },
        who,
      );
      expect({ name, code: codeOf(r) }).toEqual({ name, code: 'FORBIDDEN' });
      expect(r.errors![0].message).toMatch(
        /ControlledAccessGrants visa presented for dataset .* is not honoured/,
      );
      expect(r.errors![0].message).toMatch(why);
      const [event] = await app
        .get(DataSource)
        .query<{ outcome: string; dataset_ids: string[]; detail: { grantVisasRefused?: string[] } }[]>(
          `SELECT outcome, dataset_ids, detail FROM audit_event WHERE actor = $1 AND detail->>'issuer' = $2
          ORDER BY seq DESC LIMIT 1`,
          [who.subject, who.issuer],
        );
      expect({ name, outcome: event.outcome }).toEqual({ name, outcome: 'deny' });
      expect(event.dataset_ids).toContain(datasets.CONTROLLED);
      expect(event.detail.grantVisasRefused?.[0]).toMatch(why);
      expect(event.detail.grantVisasRefused?.[0]).toContain(`dataset ${datasets.CONTROLLED}`);
    }
  });

  it.each(ACTORS)('dataset visibility for %s', async (name) => {
    const r = await gql<{ datasets: { id: string }[] }>(base, `{ datasets { id } }`, {}, actors[name]);
    expect(r.errors).toBeUndefined();
    const ids = new Set(r.data!.datasets.map((d) => d.id));
    for (const level of LEVELS)
      check(`${name} list ${level}`, ids.has(datasets[level]) ? 'yes' : 'no', LISTED[name][level]);
  });

  it.each(ACTORS)('consent changes by %s', async (name) => {
    for (const level of LEVELS) {
      const r = await gql(
        base,
        `mutation($d: ID!) { setDatasetConsent(datasetId: $d, consent: { permission: GRU }) { permission } }`,
        { d: datasets[level] },
        actors[name],
      );
      check(`${name} setConsent ${level}`, outcome(r), SET_CONSENT[name][level]);
    }
  });

  it.each(ACTORS)('approvals by %s', async (name) => {
    for (const level of LEVELS) {
      const r = await gql(
        base,
        `mutation($id: ID!, $e: DateTime!) { approveAccessRequest(id: $id, expiresAt: $e) { status } }`,
        { id: rejected[level], e: inAYear() },
        actors[name],
      );
      check(`${name} approve ${level}`, outcome(r), APPROVE[name][level]);
    }
  });

  it.each(ACTORS)('participant withdrawal by %s', async (name) => {
    for (const level of LEVELS) {
      const r = await gql(
        base,
        `mutation($d: ID!) { withdrawParticipant(datasetId: $d, sampleId: "NOBODY") { datasetId } }`,
        { d: datasets[level] },
        actors[name],
      );
      check(`${name} withdraw ${level}`, outcome(r), WITHDRAW[name][level]);
    }
  });

  it.each(ACTORS)('audit trail reads by %s', async (name) => {
    const r = await gql(base, `{ auditEvents(first: 1) { events { seq } } }`, {}, actors[name]);
    check(`${name} audit`, outcome(r), AUDIT[name]);
  });
});
