import type { INestApplication } from '@nestjs/common';
import { ConsentService } from '@helixgate/consent';
import { loadConfig } from '@helixgate/config';
import { DatasetService, IngestService } from '@helixgate/variants';
import { createHash, randomBytes } from 'node:crypto';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { registerDatasetCommands } from '../../apps/cli/src/commands/datasets.command';
import { registerTokenCommands } from '../../apps/cli/src/commands/tokens.command';
import { registerUserCommands } from '../../apps/cli/src/commands/users.command';
import { createGateway } from '../../apps/gateway/src/bootstrap';
import { DEMO_DATASETS, demoFixturesDir } from '../../apps/gateway/src/demo/demo-data';
import { runCli } from '../support/cli';

const DATASET = 'demo-cgi-chr7';
const helixgate = (...args: string[]) =>
  runCli([registerUserCommands, registerDatasetCommands, registerTokenCommands], ...args);

// The README's queries, as written there.
const Q = `{ beacon(query: { assemblyId: "GRCh37", referenceName: "7", start: 55003987, referenceBases: "A", alternateBases: "G", datasetIds: ["demo-cgi-chr7"], requestedGranularity: RECORD }) { resultSets { datasetId granularity count records { pos ref alt carriers { sampleId genotype } } } } }`;
const SUBMIT = `mutation { submitAccessRequest(input: { datasetId: "demo-cgi-chr7", projectTitle: "EGFR region in breast cancer", justification: "Compare somatic calls near EGFR with our tumour/normal pairs.", ethicsRef: "IRB-2026-117", purpose: { category: DISEASE_SPECIFIC, diseases: ["MONDO:0007254"], commercial: false, forProfitOrganization: false } }) { id status duoMatch { outcome reasons { code verdict reason } } } }`;
const LIST = `{ accessRequestPage(status: [SUBMITTED]) { requests { id datasetId researcher projectTitle ethicsRef duoMatch { outcome reasons { code verdict } } } pageInfo { hasNextPage endCursor } } }`;
const COMPLIANCE = `{ auditEvents(first: 50, filter: { datasetId: "demo-cgi-chr7" }) { events { seq at actor action outcome granularity reason requestId details } pageInfo { hasNextPage endCursor } } }`;

interface AuditEventRow {
  seq: string;
  actor: string;
  action: string;
  outcome: string;
  granularity: string | null;
  reason: string | null;
  requestId: string;
  details: Record<string, unknown>;
}

/**
 * The README's walkthrough for the three roles, replayed as written (CLI for the operator, GraphQL for the
 * researcher, steward and compliance officer), and its compliance query: it must list every decision made
 * on the dataset — the refused record queries, the request, the approval with its expiry, the decryption,
 * the revocation — each with its request id and the states before and after.
 */
describe('README walkthrough: the compliance query answers who decided what on demo-cgi-chr7', () => {
  const saved = { ...process.env };
  const suffix = randomBytes(3).toString('hex');
  let app: INestApplication;
  let base: string;

  const gql = async (token: string, document: string) => {
    const res = await fetch(`${base}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
      body: JSON.stringify({ query: document }),
    });
    const body = (await res.json()) as {
      data: Record<string, unknown> | null;
      errors?: { message: string; extensions: { code: string } }[];
    };
    return { ...body, requestId: res.headers.get('x-request-id')! };
  };

  beforeAll(async () => {
    // The gateway and the CLI share the node (keys, database), as in the README's two terminals. The master
    // key is fixed for this file so that the demo dataset stays readable on a database kept between runs.
    Object.assign(process.env, {
      HELIXGATE_DATA_DIR: fs.mkdtempSync(path.join(os.tmpdir(), 'helixgate-walkthrough-')),
      HELIXGATE_MASTER_KEY: createHash('sha256').update('helixgate readme walkthrough test').digest('base64'),
      LOG_LEVEL: 'silent',
      PORT: '0',
    });
    app = await createGateway(loadConfig());
    await app.listen(0, '127.0.0.1');
    base = (await app.getUrl()).replace('[::1]', '127.0.0.1');
    // `npm start` loads the demo datasets on an empty node; the test database is shared, so load just this one.
    const demo = DEMO_DATASETS.find((d) => d.id === DATASET)!;
    if (!(await app.get(DatasetService).findById(DATASET))) {
      await app.get(DatasetService).create(demo);
      await app.get(ConsentService).setConsent(DATASET, demo.consent, { subject: 'helixgate-demo' });
      await app.get(IngestService).ingestFile(DATASET, path.join(demoFixturesDir(), demo.file));
    }
  });
  afterAll(async () => {
    await app.close();
    process.env = saved;
  });

  it('lists each decision with its request id, states and expiry', async () => {
    // Node operator
    const [alice, sam, carol] = ['alice', 'sam', 'carol'].map((n) => `${n}-${suffix}`);
    await helixgate(
      'users',
      'add',
      '--username',
      alice,
      '--role',
      'researcher',
      '--institution',
      'University A',
    );
    await helixgate('users', 'add', '--username', sam, '--role', 'steward', '--institution', 'Hospital B');
    await helixgate('users', 'add', '--username', carol, '--role', 'compliance');
    await helixgate('datasets', 'steward', '--dataset', DATASET, '--user', sam);
    await helixgate('datasets', 'steward', '--dataset', 'demo-1kg-mt', '--user', sam).catch(() => undefined);
    const ALICE = (await helixgate('tokens', 'issue', '--user', alice, '--bona-fide')).trim();
    const SAM = (await helixgate('tokens', 'issue', '--user', sam)).trim();
    const CAROL = (await helixgate('tokens', 'issue', '--user', carol)).trim();

    // Researcher: refused, then asks for access
    const refused1 = await gql(ALICE, Q);
    expect(refused1.errors?.[0].extensions.code).toBe('FORBIDDEN');
    const submitted = await gql(ALICE, SUBMIT);
    expect(submitted.errors).toBeUndefined();
    const REQ = (submitted.data!.submitAccessRequest as { id: string }).id;

    // Steward: lists, approves with an end date
    const listed = await gql(SAM, LIST);
    expect(
      (listed.data!.accessRequestPage as { requests: { id: string }[] }).requests.map((r) => r.id),
    ).toContain(REQ);
    const expiresAt = new Date(Date.now() + 200 * 86_400_000);
    expiresAt.setUTCHours(0, 0, 0, 0);
    const approved = await gql(
      SAM,
      `mutation { approveAccessRequest(id: "${REQ}", expiresAt: "${expiresAt.toISOString()}", note: "DAC meeting 2026-11") { status expiresAt } }`,
    );
    expect(approved.errors).toBeUndefined();

    // Researcher: records now; steward revokes; refused again
    const records = await gql(ALICE, Q);
    expect(records.errors).toBeUndefined();
    expect(records.data!.beacon).toMatchObject({
      resultSets: [{ datasetId: DATASET, granularity: 'RECORD' }],
    });
    const revoked = await gql(
      SAM,
      `mutation { revokeAccessGrant(id: "${REQ}", reason: "data shared outside the project") { status } }`,
    );
    expect(revoked.errors).toBeUndefined();
    const refused2 = await gql(ALICE, Q);
    expect(refused2.errors?.[0].extensions.code).toBe('FORBIDDEN');

    // Compliance officer: the README's query
    const answer = await gql(CAROL, COMPLIANCE);
    expect(answer.errors).toBeUndefined();
    const events = (answer.data!.auditEvents as { events: AuditEventRow[] }).events.map((e) => ({
      ...e,
      detail: e.details,
    }));
    const one = (requestId: string, action: string) => {
      const found = events.filter((e) => e.requestId === requestId && e.action === action);
      expect(found).toHaveLength(1);
      return found[0];
    };
    const expiry = expiresAt.toISOString();
    // the refused record queries, each under its own request id
    for (const r of [refused1, refused2]) {
      expect(one(r.requestId, 'graphql:query beacon')).toMatchObject({
        outcome: 'DENY',
        reason: 'FORBIDDEN',
      });
    }
    // the request
    expect(one(submitted.requestId, 'graphql:mutation submitAccessRequest').outcome).toBe('ALLOW');
    expect(one(submitted.requestId, 'access.submit').detail).toMatchObject({
      accessRequestId: REQ,
      fromState: null,
      toState: 'SUBMITTED',
      expiresAt: null,
    });
    // the approval with its expiry
    expect(one(approved.requestId, 'graphql:mutation approveAccessRequest').outcome).toBe('ALLOW');
    expect(one(approved.requestId, 'access.approve')).toMatchObject({
      outcome: 'ALLOW',
      detail: expect.objectContaining({
        accessRequestId: REQ,
        grantId: REQ,
        fromState: 'SUBMITTED',
        toState: 'APPROVED',
        expiresAt: expiry,
        reason: 'DAC meeting 2026-11',
      }),
    });
    // the decryption under the grant
    expect(one(records.requestId, 'decrypt')).toMatchObject({
      granularity: 'RECORD',
      detail: expect.objectContaining({ grantId: REQ, individualCount: expect.any(Number) }),
    });
    expect(one(records.requestId, 'graphql:query beacon')).toMatchObject({
      outcome: 'ALLOW',
      granularity: 'RECORD',
    });
    // the revocation
    expect(one(revoked.requestId, 'access.revoke').detail).toMatchObject({
      accessRequestId: REQ,
      fromState: 'APPROVED',
      toState: 'REVOKED',
      expiresAt: expiry,
      reason: 'data shared outside the project',
    });
    // the steward assignment made on the node
    expect(events).toContainEqual(
      expect.objectContaining({ action: 'dataset.steward', actor: expect.stringMatching(/^local:/) }),
    );
    // and nothing genetic in any of it
    expect(JSON.stringify(answer.data)).not.toMatch(/HCC1187|sampleId|genotype/);

    // The participant history names Alice's decryption.
    const history = await gql(
      CAROL,
      `{ participantAccessHistory(datasetId: "${DATASET}") { actor requestId purpose } }`,
    );
    expect(history.data!.participantAccessHistory).toContainEqual(
      expect.objectContaining({ requestId: records.requestId }),
    );
  });
});
