import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { gunzipSync } from 'node:zlib';
import type { INestApplication } from '@nestjs/common';
import { IndividualMetadataService, IngestService } from '@helixgate/variants';
import { DataSource } from 'typeorm';
import { createGateway } from '../../apps/gateway/src/bootstrap';
import { gql, makeActor, type Actor } from '../support/actors';
import { createTestDataset } from '../support/beacon-factory';
import { testConfig, uniqueId } from '../support/test-config';
import { shippedPoliciesWithPanels } from '../support/privacy-panels';
import { exactAnswerPolicies } from '../support/test-policies';
import { beaconValidator } from './support/beacon-schemas';

const FIXTURES = path.join(__dirname, '..', 'fixtures');
const VCF = path.join(FIXTURES, 'vcf', '1kgp3_chr20_1-4Mb_300s.vcf.gz');
const TSV = path.join(FIXTURES, 'individuals', '1kgp3_chr20_300s.tsv');
const PURPOSE = { category: 'GENERAL_RESEARCH', commercial: false, forProfitOrganization: false };
/** A Beacon response as the tests read it (its shape is checked by the schema validator). */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Body = Record<string, any>;
const INDIVIDUAL = 'models/json/beacon-v2-default-model/individuals/defaultSchema.json' as const;
const FEMALE = 'NCIT:C16576';
const MALE = 'NCIT:C20197';
const FIN = 'HANCESTRO:0767';
const EUROPEAN = 'HANCESTRO:0005';

/** The panel TSV read independently (the oracle): sample → sex word and HANCESTRO id. */
const PANEL = new Map(
  fs
    .readFileSync(TSV, 'utf8')
    .trim()
    .split('\n')
    .slice(1)
    .map((l) => {
      const [id, sex, pop] = l.split('\t');
      return [id, { sex: sex === 'female' ? FEMALE : MALE, pop: pop.split(' ')[0] }] as const;
    }),
);

interface Allele {
  pos: number;
  ref: string;
  alt: string;
  /** Per sample (VCF order): copies of this ALT. */
  copies: number[];
}

/** Every ALT allele of the VCF with its copies per sample (the oracle; BGZF members all gunzip). */
function readVcf(): { samples: string[]; alleles: Allele[] } {
  const text = gunzipSync(fs.readFileSync(VCF)).toString('utf8');
  let samples: string[] = [];
  const alleles: Allele[] = [];
  for (const line of text.split('\n')) {
    if (line.startsWith('#CHROM')) samples = line.split('\t').slice(9);
    if (!line || line.startsWith('#')) continue;
    const f = line.split('\t');
    f[4].split(',').forEach((alt, i) => {
      const code = String(i + 1);
      alleles.push({
        pos: Number(f[1]),
        ref: f[3],
        alt,
        copies: f.slice(9).map(
          (s) =>
            s
              .split(':')[0]
              .split(/[|/]/)
              .filter((a) => a === code).length,
        ),
      });
    });
  }
  return { samples, alleles };
}

describe('Beacon filters on the 1000 Genomes fixture (300 samples, sex and population)', () => {
  let app: INestApplication;
  let base: string;
  let dataset: string;
  let vcf: ReturnType<typeof readVcf>;
  let granted: Actor;
  const validator = beaconValidator();

  const cohort = (pred: (v: { sex: string; pop: string }) => boolean) =>
    new Set(vcf.samples.map((s, i) => (pred(PANEL.get(s)!) ? i : -1)).filter((i) => i >= 0));
  /** Alleles overlapping [start, end) that some cohort member carries. */
  const expectedIn = (members: Set<number>, start: number, end: number) =>
    vcf.alleles.filter(
      (a) =>
        a.pos <= end &&
        a.pos + a.ref.length - 1 >= start + 1 &&
        a.copies.some((c, i) => c > 0 && members.has(i)),
    );

  async function call(p: string, body?: unknown, actor?: Actor): Promise<{ status: number; body: Body }> {
    const res = await fetch(`${base}${p}`, {
      method: body === undefined ? 'GET' : 'POST',
      headers: {
        'content-type': 'application/json',
        ...(actor ? { authorization: `Bearer ${actor.token}` } : {}),
      },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    return { status: res.status, body: (await res.json()) as Body };
  }

  beforeAll(async () => {
    vcf = readVcf();
    app = await createGateway(testConfig({ HELIXGATE_POLICIES_DIR: exactAnswerPolicies() }));
    await app.listen(0, '127.0.0.1');
    base = (await app.getUrl()).replace('[::1]', '127.0.0.1');
    dataset = await createTestDataset(app, uniqueId('filters'), { securityLevel: 'REGISTERED' });
    await app.get(IngestService).ingestFile(dataset, VCF);
    await app.get(IndividualMetadataService).importFile(dataset, TSV);
    // a grant holder (records) on the dataset
    const admin = await makeActor(app, ['admin']);
    const steward = await makeActor(app, ['steward']);
    granted = await makeActor(app, ['researcher'], { bonaFide: true });
    expect(
      (
        await gql(
          base,
          `mutation($d: ID!, $s: String!) { assignSteward(datasetId: $d, subject: $s) }`,
          { d: dataset, s: steward.subject },
          admin,
        )
      ).errors,
    ).toBeUndefined();
    const submitted = await gql<{ submitAccessRequest: { id: string } }>(
      base,
      `mutation($i: SubmitAccessRequestInput!) { submitAccessRequest(input: $i) { id } }`,
      {
        i: {
          datasetId: dataset,
          projectTitle: 'beacon filters',
          justification: 'Checking individual records for grant holders.',
          purpose: PURPOSE,
        },
      },
      granted,
    );
    expect(submitted.errors).toBeUndefined();
    const approved = await gql(
      base,
      `mutation($id: ID!, $e: DateTime!) { approveAccessRequest(id: $id, expiresAt: $e) { status } }`,
      {
        id: submitted.data!.submitAccessRequest.id,
        e: new Date(Date.now() + 365 * 86_400_000).toISOString(),
      },
      steward,
    );
    expect(approved.errors).toBeUndefined();
  });
  afterAll(async () => {
    await app?.close();
  });

  it('/filtering_terms lists the terms present with labels and their ontologies', async () => {
    const researcher = await makeActor(app, ['researcher'], { bonaFide: true });
    const { status, body } = await call('/api/filtering_terms', undefined, researcher);
    expect(status).toBe(200);
    expect(validator.validate('beaconFilteringTermsResponse', body)).toEqual([]);
    // The same terms in v2.1.1 (the model did not change in v2.2), valid against the same schema.
    const v21 = await call('/api/filtering_terms?apiVersion=v2.1.1', undefined, researcher);
    expect(validator.validate('beaconFilteringTermsResponse', v21.body)).toEqual([]);
    expect(v21.body.meta.apiVersion).toBe('v2.1.1');
    expect(v21.body.response).toEqual(body.response);
    const mine = (body.response.filteringTerms as { id: string; label: string; type: string }[]).filter((t) =>
      ['NCIT:', 'HANCESTRO:'].some((p) => t.id.startsWith(p)),
    );
    expect(mine).toEqual(
      expect.arrayContaining([
        {
          type: 'NCI Thesaurus OBO Edition',
          id: FEMALE,
          label: 'female',
          scopes: ['individual', 'genomicVariation'],
        },
        {
          type: 'Human Ancestry Ontology',
          id: FIN,
          label: 'Finnish in Finland (1KGP)',
          scopes: ['individual', 'genomicVariation'],
        },
      ]),
    );
    expect(body.response.resources).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ id: 'hancestro', namespacePrefix: 'HANCESTRO', version: '2025-04-01' }),
        expect.objectContaining({ id: 'ncit', namespacePrefix: 'NCIT' }),
      ]),
    );
    // an anonymous caller sees no REGISTERED dataset, hence only the terms of PUBLIC ones (on a shared
    // database other specs' PUBLIC datasets may have some)
    const anon = await call('/api/filtering_terms');
    expect(validator.validate('beaconFilteringTermsResponse', anon.body)).toEqual([]);
    const publicTerms = await app
      .get(DataSource)
      .query<{ term_id: string }[]>(
        `SELECT DISTINCT t.term_id FROM individual_term t JOIN dataset d ON d.id = t.dataset_id WHERE d.security_level = 'PUBLIC'`,
      );
    expect((anon.body.response.filteringTerms as { id: string }[]).map((t) => t.id).sort()).toEqual(
      publicTerms.map((t) => t.term_id).sort(),
    );
  });

  it('/individuals counts by filters, with descendants by default, as the panel says', async () => {
    const researcher = await makeActor(app, ['researcher'], { bonaFide: true });
    const count = async (query: string) => {
      const { status, body } = await call(
        `/api/individuals?datasetIds=${dataset}&requestedGranularity=count${query}`,
        undefined,
        researcher,
      );
      expect({ status, error: body.error }).toEqual({ status: 200, error: undefined });
      expect(validator.validate('beaconCountResponse', body)).toEqual([]);
      expect(validator.validate('beaconResultsetsResponse', body)).toEqual([]);
      return body;
    };
    expect((await count('')).responseSummary).toEqual({
      exists: true,
      numTotalResults: 300,
      countPrecision: 'exact',
    });
    expect((await count(`&filters=${FEMALE}`)).responseSummary.numTotalResults).toBe(
      cohort((v) => v.sex === FEMALE).size,
    );
    const finnishMen = await count(`&filters=${MALE},${FIN}`);
    expect(finnishMen.responseSummary.numTotalResults).toBe(
      cohort((v) => v.sex === MALE && v.pop === FIN).size,
    );
    expect(finnishMen.response.resultSets[0]).toMatchObject({
      id: dataset,
      resultsCount: 38,
      countPrecision: 'exact',
    });
    // European ancestry: every population here is one of its descendants
    expect((await count(`&filters=${EUROPEAN}`)).responseSummary.numTotalResults).toBe(300);
    // POST: without descendants nobody is annotated with European ancestry itself
    const post = await call(
      '/api/individuals',
      {
        query: {
          requestParameters: { datasetIds: [dataset] },
          filters: [{ id: EUROPEAN, includeDescendantTerms: false }],
          requestedGranularity: 'count',
          includeResultsetResponses: 'ALL',
        },
      },
      researcher,
    );
    expect(validator.validate('beaconCountResponse', post.body)).toEqual([]);
    expect(post.body.responseSummary).toEqual({ exists: false, numTotalResults: 0, countPrecision: 'exact' });
    // similarity high from GBR: its siblings under European ancestry, i.e. everyone
    const similar = await call(
      '/api/individuals',
      {
        query: {
          requestParameters: { datasetIds: [dataset] },
          filters: [{ id: 'HANCESTRO:0765', similarity: 'high' }],
          requestedGranularity: 'count',
        },
      },
      researcher,
    );
    expect(similar.body.responseSummary.numTotalResults).toBe(300);
  });

  it('an unknown term is a warning, and matches nothing, never a silent empty answer', async () => {
    const researcher = await makeActor(app, ['researcher'], { bonaFide: true });
    const { body } = await call(
      `/api/individuals?datasetIds=${dataset}&requestedGranularity=count&filters=${FEMALE},NCIT:C9999999`,
      undefined,
      researcher,
    );
    expect(validator.validate('beaconCountResponse', body)).toEqual([]);
    expect(body.responseSummary).toEqual({ exists: false, numTotalResults: 0, countPrecision: 'exact' });
    expect(body.info.warnings).toEqual([
      expect.stringMatching(/^filter NCIT:C9999999 is not a filtering term/),
    ]);
    const variants = await call(
      `/api/g_variants?assemblyId=GRCh37&referenceName=20&start=1000000&end=1010000&datasetIds=${dataset}&requestedGranularity=count&filters=NCIT:C9999999`,
      undefined,
      researcher,
    );
    expect(validator.validate('beaconCountResponse', variants.body)).toEqual([]);
    expect(variants.body.responseSummary).toEqual({
      exists: false,
      numTotalResults: 0,
      countPrecision: 'exact',
    });
    expect(variants.body.info.warnings).toHaveLength(1);
  });

  it.each([
    ['female', (v: { sex: string; pop: string }) => v.sex === FEMALE, `${FEMALE}`, 1_000_000, 1_050_000],
    [
      'Finnish men',
      (v: { sex: string; pop: string }) => v.sex === MALE && v.pop === FIN,
      `${MALE},${FIN}`,
      2_000_000,
      2_040_000,
    ],
    [
      'CEU (3 people)',
      (v: { sex: string; pop: string }) => v.pop === 'HANCESTRO:0766',
      'HANCESTRO:0766',
      3_000_000,
      3_050_000,
    ],
  ])(
    'g_variants with filters (%s): the variants the cohort carries, GET = POST = GraphQL = oracle',
    async (_name, pred, filters, start, end) => {
      const researcher = await makeActor(app, ['researcher'], { bonaFide: true });
      const members = cohort(pred);
      const expected = expectedIn(members, start, end);
      const all = expectedIn(new Set(vcf.samples.map((_, i) => i)), start, end);
      expect(expected.length).toBeGreaterThan(0);
      expect(expected.length).toBeLessThan(all.length);
      const get = await call(
        `/api/g_variants?assemblyId=GRCh37&referenceName=20&start=${start}&end=${end}&datasetIds=${dataset}&requestedGranularity=count&filters=${filters}`,
        undefined,
        researcher,
      );
      expect({ status: get.status, error: get.body.error }).toEqual({ status: 200, error: undefined });
      expect(validator.validate('beaconCountResponse', get.body)).toEqual([]);
      expect(get.body.responseSummary).toEqual({
        exists: true,
        numTotalResults: expected.length,
        countPrecision: 'exact',
      });
      const post = await call(
        '/api/g_variants',
        {
          query: {
            requestParameters: {
              assemblyId: 'GRCh37',
              referenceName: '20',
              start: [start],
              end: [end],
              datasetIds: [dataset],
            },
            filters: filters.split(',').map((id) => ({ id })),
            requestedGranularity: 'count',
          },
        },
        researcher,
      );
      expect(post.body.responseSummary).toEqual(get.body.responseSummary);
      const g = await gql<{ beacon: { numTotalResults: number; warnings: string[] } }>(
        base,
        `query($f: [BeaconFilterInput!]) { beacon(query: { assemblyId: "GRCh37", referenceName: "20", start: ${start}, end: ${end},
          datasetIds: ["${dataset}"], filters: $f, requestedGranularity: COUNT }) { numTotalResults warnings } }`,
        { f: filters.split(',').map((id) => ({ id })) },
        researcher,
      );
      expect(g.errors).toBeUndefined();
      expect(g.data!.beacon).toEqual({ numTotalResults: expected.length, warnings: [] });
      // bcftools, when installed, agrees with the oracle (samples of the cohort, alleles with AC > 0)
      if (spawnSync('bcftools', ['--version'], { stdio: 'ignore' }).status === 0) {
        const names = vcf.samples.filter((_, i) => members.has(i)).join(',');
        const r = spawnSync(
          'bash',
          [
            '-o',
            'pipefail',
            '-c',
            `bcftools norm -m- '${VCF}' 2>/dev/null | bcftools view -s ${names} -c1 -t 20:${start - 200}-${end} 2>/dev/null | bcftools query -f '%POS\\t%REF\\n'`,
          ],
          { encoding: 'utf8', maxBuffer: 1 << 26 },
        );
        const n = r.stdout
          .trim()
          .split('\n')
          .filter((l) => {
            const [pos, ref] = l.split('\t');
            return Number(pos) <= end && Number(pos) + ref.length - 1 >= start + 1;
          }).length;
        expect(n).toBe(expected.length);
      }
    },
  );

  it('a single allele with filters: carrier counts are the cohort’s', async () => {
    const researcher = await makeActor(app, ['researcher'], { bonaFide: true });
    const members = cohort((v) => v.sex === FEMALE);
    const a = expectedIn(members, 1_000_000, 1_100_000).find(
      (x) => x.ref.length === 1 && x.alt.length === 1 && x.copies.filter((c) => c > 0).length > 3,
    )!;
    const het = a.copies.filter((c, i) => c === 1 && members.has(i)).length;
    const hom = a.copies.filter((c, i) => c === 2 && members.has(i)).length;
    const { body } = await call(
      `/api/g_variants?assemblyId=GRCh37&referenceName=20&start=${a.pos - 1}&referenceBases=${a.ref}&alternateBases=${a.alt}&datasetIds=${dataset}&requestedGranularity=count&filters=${FEMALE}`,
      undefined,
      researcher,
    );
    expect(body.response.resultSets[0].info).toMatchObject({
      hetCarriers: het,
      homAltCarriers: hom,
      alleleCount: het + 2 * hom,
      alleleNumber: 2 * members.size,
    });
  });

  it('records of individuals only with a grant; counts for everyone else', async () => {
    const researcher = await makeActor(app, ['researcher'], { bonaFide: true });
    const asked = `/api/individuals?datasetIds=${dataset}&requestedGranularity=record&filters=${MALE},${FIN}&limit=5`;
    const counted = await call(asked, undefined, researcher);
    expect(counted.status).toBe(200);
    expect(counted.body.meta.returnedGranularity).toBe('count');
    expect(counted.body.response.resultSets[0].results).toEqual([]);
    const records = await call(asked, undefined, granted);
    expect(records.status).toBe(200);
    expect(validator.validate('beaconResultsetsResponse', records.body)).toEqual([]);
    expect(records.body.meta.returnedGranularity).toBe('record');
    const [set] = records.body.response.resultSets;
    expect(set.resultsCount).toBe(38);
    expect(set.results).toHaveLength(5);
    // Each record is a valid individual of the Beacon v2.1.1 default model, and the set says its count is exact.
    for (const r of set.results) expect(validator.validate(INDIVIDUAL, r)).toEqual([]);
    expect(set).toMatchObject({ countPrecision: 'exact' });
    expect(set).not.toHaveProperty('countAdjustedTo');
    const v21 = await call(`${asked}&apiVersion=v2.1.1`, undefined, granted);
    expect(validator.validate('beaconResultsetsResponse', v21.body)).toEqual([]);
    expect(v21.body.meta.apiVersion).toBe('v2.1.1');
    expect(v21.body.response.resultSets[0].results).toEqual(set.results);
    for (const r of set.results)
      expect(r).toMatchObject({
        sex: { id: MALE, label: 'male' },
        ethnicity: { id: FIN, label: 'Finnish in Finland (1KGP)' },
      });
    const one = await call(`/api/individuals/HG00096?datasetIds=${dataset}`, undefined, granted);
    expect(validator.validate('beaconResultsetsResponse', one.body)).toEqual([]);
    expect(validator.validate(INDIVIDUAL, one.body.response.resultSets[0].results[0])).toEqual([]);
    expect(one.body.response.resultSets[0].results).toEqual([
      {
        id: 'HG00096',
        sex: { id: MALE, label: 'male' },
        ethnicity: { id: 'HANCESTRO:0765', label: 'British in England and Scotland (1KGP)' },
      },
    ]);
    // One individual: counted as one (not as the dataset's individuals), as /g_variants/{id} counts one.
    expect(one.body.responseSummary).toMatchObject({ exists: true, numTotalResults: 1 });
    expect(one.body.response.resultSets[0]).toMatchObject({ resultsCount: 1, countPrecision: 'exact' });
    expect((await call(`/api/individuals/HG00096?datasetIds=${dataset}`, undefined, researcher)).status).toBe(
      403,
    );
    // Audited as the variant records' decryption is: how many participants (what participantAccessHistory
    // reads) and which; the requests' own events name the filters they were narrowed by.
    const ds = app.get(DataSource);
    const decrypts: { detail: { individualCount: number; individuals: number[] } }[] = await ds.query(
      `SELECT detail FROM audit_event WHERE action = 'decrypt' AND $1 = ANY(dataset_ids) ORDER BY seq`,
      [dataset],
    );
    expect(decrypts.length).toBeGreaterThanOrEqual(3); // two record queries and the one individual
    for (const { detail } of decrypts) expect(detail.individualCount).toBe(detail.individuals.length);
    const asks: { detail: { filters?: string[] } }[] = await ds.query(
      `SELECT detail FROM audit_event WHERE detail->>'beaconQuery' = 'individuals' AND $1 = ANY(dataset_ids)`,
      [dataset],
    );
    expect(asks.map((a) => a.detail.filters)).toContainEqual([MALE, FIN]);

    // A compliance officer finds those decryptions by the sample id a data subject knows (the trail names
    // participants by index); a wrong id, a sample id given as the index, or an unknown dataset is an error,
    // never "nobody decrypted these data".
    type Page = { participantAccessPage: { accesses: { seq: string; action: string }[] } };
    const officer = await makeActor(app, ['compliance']);
    const Q = `query($d: ID!, $i: ID, $s: String) {
      participantAccessPage(datasetId: $d, individualId: $i, sampleId: $s) { accesses { seq action } } }`;
    const bySample = await gql<Page>(base, Q, { d: dataset, s: 'HG00096' }, officer);
    expect(bySample.errors).toBeUndefined();
    const byIndex = await gql<Page>(
      base,
      Q,
      { d: dataset, i: String(vcf.samples.indexOf('HG00096')) },
      officer,
    );
    expect(bySample.data!.participantAccessPage.accesses.length).toBeGreaterThanOrEqual(1);
    expect(bySample.data!.participantAccessPage.accesses).toEqual(
      byIndex.data!.participantAccessPage.accesses,
    );
    const codeOf = async (v: Record<string, unknown>) =>
      (await gql(base, Q, v, officer)).errors?.[0].extensions?.code;
    expect(await codeOf({ d: dataset, s: 'NA00000' })).toBe('NOT_FOUND');
    expect(await codeOf({ d: dataset, i: 'HG00096' })).toBe('BAD_REQUEST');
    expect(await codeOf({ d: dataset, i: '0', s: 'HG00096' })).toBe('BAD_REQUEST');
    expect(await codeOf({ d: 'no-such-dataset', i: '0' })).toBe('UNKNOWN_DATASET');
    expect(await codeOf({ d: 'no-such-dataset', s: 'HG00096' })).toBe('UNKNOWN_DATASET');
    // Only compliance reads the trail.
    expect((await gql(base, Q, { d: dataset, s: 'HG00096' }, granted)).errors?.[0].extensions?.code).toBe(
      'FORBIDDEN',
    );
  });

  it('variant records with filters list only the cohort’s carriers', async () => {
    const members = cohort((v) => v.sex === MALE && v.pop === FIN);
    const names = new Set(vcf.samples.filter((_, i) => members.has(i)));
    const expected = expectedIn(members, 2_000_000, 2_010_000);
    const { status, body } = await call(
      `/api/g_variants?assemblyId=GRCh37&referenceName=20&start=2000000&end=2010000&datasetIds=${dataset}&requestedGranularity=record&filters=${MALE},${FIN}&limit=0`,
      undefined,
      granted,
    );
    expect(status).toBe(200);
    expect(validator.validate('beaconResultsetsResponse', body)).toEqual([]);
    const [set] = body.response.resultSets;
    expect(set.resultsCount).toBe(expected.length);
    const carriers = (set.results as { caseLevelData: { biosampleId: string }[] }[]).flatMap((r) =>
      r.caseLevelData.map((c) => c.biosampleId),
    );
    expect(carriers.length).toBeGreaterThan(0);
    expect(carriers.every((id) => names.has(id))).toBe(true);
  });
});

/** The shipped privacy policy (count floor 5): filtered counts are floored, a small cohort answers nothing. */
describe('Beacon filters under the shipped privacy policy', () => {
  let app: INestApplication;
  let base: string;
  let dataset: string;
  const validator = beaconValidator();

  beforeAll(async () => {
    dataset = uniqueId('filters-priv');
    app = await createGateway(
      testConfig({ HELIXGATE_POLICIES_DIR: shippedPoliciesWithPanels({ [dataset]: uniqueId('panel') }) }),
    );
    await app.listen(0, '127.0.0.1');
    base = (await app.getUrl()).replace('[::1]', '127.0.0.1');
    await createTestDataset(app, dataset, { securityLevel: 'PUBLIC' });
    await app.get(IngestService).ingestFile(dataset, VCF);
    await app.get(IndividualMetadataService).importFile(dataset, TSV);
  });
  afterAll(async () => {
    await app?.close();
  });

  it('floors a small filtered count of individuals (CEU: 3 people, released as 5, imprecise)', async () => {
    const res = await fetch(
      `${base}/api/individuals?datasetIds=${dataset}&requestedGranularity=count&filters=HANCESTRO:0766`,
    );
    const body = (await res.json()) as Body;
    expect(validator.validate('beaconCountResponse', body)).toEqual([]);
    // Beacon v2.2 (the default): countAdjustedTo is the list of values the count was moved to, on the set
    // and on the summary that sums it.
    expect(body.response.resultSets[0]).toMatchObject({
      resultsCount: 5,
      countPrecision: 'imprecise',
      countAdjustedTo: [5],
    });
    expect(body.responseSummary).toEqual({
      exists: true,
      numTotalResults: 5,
      countPrecision: 'imprecise',
      countAdjustedTo: [5],
    });
    const many = (await (
      await fetch(`${base}/api/individuals?datasetIds=${dataset}&requestedGranularity=count&filters=${FIN}`)
    ).json()) as Body;
    expect(many.response.resultSets[0]).toMatchObject({ resultsCount: 99, countPrecision: 'exact' });
    expect(many.response.resultSets[0]).not.toHaveProperty('countAdjustedTo');
    expect(many.responseSummary).toEqual({ exists: true, numTotalResults: 99, countPrecision: 'exact' });

    // A v2.1 client: the v2.1.1 summary, and the set's single countAdjustedTo number it always had.
    const v21 = (await (
      await fetch(
        `${base}/api/individuals?datasetIds=${dataset}&requestedGranularity=count&filters=HANCESTRO:0766&apiVersion=v2.1.1`,
      )
    ).json()) as Body;
    expect(validator.validate('beaconCountResponse', v21)).toEqual([]);
    expect(v21.responseSummary).toEqual({ exists: true, numTotalResults: 5 });
    expect(v21.response.resultSets[0]).toMatchObject({ countPrecision: 'imprecise', countAdjustedTo: 5 });
  });

  it('answers nothing about a cohort below the floor, and says so', async () => {
    for (const granularity of ['boolean', 'count']) {
      const res = await fetch(
        `${base}/api/g_variants?assemblyId=GRCh37&referenceName=20&start=1000000&end=1100000&datasetIds=${dataset}&requestedGranularity=${granularity}&filters=HANCESTRO:0766`,
      );
      const body = (await res.json()) as Body;
      expect(res.status).toBe(200);
      expect(body.responseSummary.exists).toBe(false);
      expect(body.info.warnings).toEqual([
        `dataset ${dataset}: fewer individuals match the filters than its count floor (5); it answers nothing about them`,
      ]);
      if (granularity === 'count') {
        expect(validator.validate('beaconCountResponse', body)).toEqual([]);
        expect(body.response).toEqual({ resultSets: [] }); // HIT only: the dataset is a miss
      }
    }
  });
});
