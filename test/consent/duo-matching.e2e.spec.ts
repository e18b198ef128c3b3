import type { INestApplication } from '@nestjs/common';
import { createGateway } from '../../apps/gateway/src/bootstrap';
import { codeOf, gql, makeActor, type Actor } from '../support/actors';
import { testConfig, uniqueId } from '../support/test-config';

const SET = `mutation($d: ID!, $c: DatasetConsentInput!) {
  setDatasetConsent(datasetId: $d, consent: $c) { permission diseases modifiers { code researchType note } } }`;
const MATCH = `query($d: ID!, $p: ResearchPurposeInput!) {
  matchResearchPurpose(datasetId: $d, purpose: $p) { outcome reasons { code verdict reason } } }`;
const SUBMIT = `mutation($input: SubmitAccessRequestInput!) {
  submitAccessRequest(input: $input) { id purpose duoMatch { outcome reasons { code verdict reason } } } }`;

type Match = { outcome: string; reasons: { code: string; verdict: string; reason: string }[] };

describe('DUO matching at DUOS level over GraphQL (real database)', () => {
  let app: INestApplication;
  let base: string;
  let admin: Actor, steward: Actor, researcher: Actor;

  beforeAll(async () => {
    app = await createGateway(testConfig());
    await app.listen(0, '127.0.0.1');
    base = (await app.getUrl()).replace('[::1]', '127.0.0.1');
    [admin, steward, researcher] = await Promise.all([
      makeActor(app, ['admin']),
      makeActor(app, ['steward']),
      makeActor(app, ['researcher'], { bonaFide: true }),
    ]);
  });
  afterAll(() => app.close());

  async function dataset(securityLevel = 'CONTROLLED'): Promise<string> {
    const id = uniqueId('duo');
    const created = await gql(
      base,
      `mutation($i: CreateDatasetInput!) { createDataset(input: $i) { id } }`,
      { i: { id, name: `duo ${id}`, assembly: 'GRCh38', securityLevel } },
      admin,
    );
    expect(created.errors).toBeUndefined();
    const assigned = await gql(
      base,
      `mutation($d: ID!, $s: String!) { assignSteward(datasetId: $d, subject: $s) }`,
      { d: id, s: steward.subject },
      admin,
    );
    expect(assigned.errors).toBeUndefined();
    return id;
  }

  it('accepts every modifier duoTerms lists, NPUNCU included, in setDatasetConsent', async () => {
    const terms = await gql<{ duoTerms: { shorthand: string | null; kind: string }[] }>(
      base,
      '{ duoTerms { shorthand kind } }',
    );
    const modifiers = terms.data!.duoTerms.filter((t) => t.kind === 'MODIFIER').map((t) => t.shorthand!);
    expect(modifiers).toContain('NPUNCU');
    const param: Record<string, Record<string, unknown>> = {
      GS: { region: 'European Union' },
      MOR: { moratoriumUntil: '2030-01-01' },
      TS: { months: 12 },
    };
    const id = await dataset();
    for (const code of modifiers) {
      const r = await gql<{ setDatasetConsent: { modifiers: { code: string }[] } }>(
        base,
        SET,
        { d: id, c: { permission: 'GRU', modifiers: [{ code, ...param[code] }] } },
        steward,
      );
      expect({ code, errors: r.errors }).toEqual({ code, errors: undefined });
      expect(r.data!.setDatasetConsent.modifiers.map((m) => m.code)).toEqual([code]);
    }
    await gql(base, SET, { d: id, c: { permission: 'GRU', modifiers: [{ code: 'NPUNCU' }] } }, steward);
    const denied = await gql<{ matchResearchPurpose: Match }>(
      base,
      MATCH,
      { d: id, p: { category: 'HEALTH_MEDICAL_BIOMEDICAL', commercial: true, forProfitOrganization: false } },
      researcher,
    );
    expect(denied.data!.matchResearchPurpose).toMatchObject({
      outcome: 'DENY',
      reasons: [{ code: 'GRU' }, { code: 'NPUNCU', verdict: 'DENY' }],
    });
  });

  it('refuses NPUNCU beside NPU with a coded error naming both, and stores nothing', async () => {
    const id = await dataset();
    const r = await gql(
      base,
      SET,
      { d: id, c: { permission: 'GRU', modifiers: [{ code: 'NPUNCU' }, { code: 'NPU' }] } },
      steward,
    );
    expect(codeOf(r)).toBe('INVALID_CONSENT');
    expect(r.errors![0].message).toContain('NPUNCU already includes NPU');
    const c = await gql<{ dataset: { consent: unknown } }>(
      base,
      `query($d: ID!) { dataset(id: $d) { consent { permission } } }`,
      { d: id },
      steward,
    );
    expect(c.data?.dataset.consent ?? null).toBeNull();
  });

  it('approves methods development on a DS consent, places DOID ids in MONDO and checks an RS research type', async () => {
    const id = await dataset();
    const set = await gql<{ setDatasetConsent: unknown }>(
      base,
      SET,
      {
        d: id,
        c: {
          permission: 'DS',
          diseases: ['DOID:162'],
          modifiers: [{ code: 'RS', researchType: 'PEDIATRIC', note: 'under 12' }],
        },
      },
      steward,
    );
    expect(set.data!.setDatasetConsent).toEqual({
      permission: 'DS',
      diseases: ['DOID:162'],
      modifiers: [{ code: 'RS', researchType: 'PEDIATRIC', note: 'under 12' }],
    });
    const methods = await gql<{ matchResearchPurpose: Match }>(
      base,
      MATCH,
      {
        d: id,
        p: {
          category: 'METHODS_DEVELOPMENT',
          commercial: false,
          forProfitOrganization: false,
          pediatric: true,
        },
      },
      researcher,
    );
    expect(methods.data!.matchResearchPurpose.reasons.map((r) => [r.code, r.verdict])).toEqual([
      ['DS', 'APPROVE'],
      ['RS', 'APPROVE'],
      ['PURPOSE', 'NEEDS_REVIEW'],
    ]);
    const adult = await gql<{ matchResearchPurpose: Match }>(
      base,
      MATCH,
      {
        d: id,
        p: {
          category: 'DISEASE_SPECIFIC',
          diseases: ['MONDO:0007254'],
          commercial: false,
          forProfitOrganization: false,
        },
      },
      researcher,
    );
    expect(adult.data!.matchResearchPurpose.outcome).toBe('DENY');
    expect(adult.data!.matchResearchPurpose.reasons[0].reason).toContain(
      'MONDO:0007254 (breast cancer) is a kind of DOID:162 = MONDO:0004992 (cancer)',
    );
  });

  it('stores the DUOS research-purpose fields on an access request and sends a sensitive purpose to a steward', async () => {
    const id = await dataset();
    await gql(base, SET, { d: id, c: { permission: 'GRU' } }, steward);
    const p = {
      category: 'DISEASE_SPECIFIC',
      diseases: ['DOID:10155'],
      commercial: false,
      forProfitOrganization: false,
      populationOriginsAncestry: true,
      controls: true,
      genderFocus: 'FEMALE',
      otherPurpose: 'linkage with a regional registry',
    };
    const r = await gql<{ submitAccessRequest: { purpose: string; duoMatch: Match } }>(
      base,
      SUBMIT,
      {
        input: {
          datasetId: id,
          projectTitle: 'Registry study',
          justification: 'A combined disease and ancestry study.',
          purpose: p,
        },
      },
      researcher,
    );
    expect(r.errors).toBeUndefined();
    expect(JSON.parse(r.data!.submitAccessRequest.purpose)).toMatchObject({
      diseases: ['DOID:10155'],
      populationOriginsAncestry: true,
      controls: true,
      genderFocus: 'FEMALE',
      otherPurpose: 'linkage with a regional registry',
      pediatric: false,
    });
    const match = r.data!.submitAccessRequest.duoMatch;
    expect(match.outcome).toBe('NEEDS_REVIEW');
    const why = match.reasons.find((x) => x.code === 'PURPOSE')!.reason;
    expect(why).toContain('as controls');
    expect(why).toContain('one gender (female)');
    expect(why).toContain('linkage with a regional registry');
  });

  it('refuses an OTHER purpose without a description with a coded error', async () => {
    const id = await dataset();
    await gql(base, SET, { d: id, c: { permission: 'HMB' } }, steward);
    const r = await gql(
      base,
      MATCH,
      { d: id, p: { category: 'OTHER', commercial: false, forProfitOrganization: false } },
      researcher,
    );
    expect(codeOf(r)).toBe('INVALID_CONSENT');
    expect(r.errors![0].message).toContain('an OTHER purpose needs otherPurpose');
  });
});
