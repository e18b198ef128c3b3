import type { INestApplication } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { createGateway } from '../../apps/gateway/src/bootstrap';
import { makeActor, type Actor } from '../support/actors';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { createTestDataset, insertTestVariants } from '../support/beacon-factory';
import { importPanel, shippedPoliciesWithPanels } from '../support/privacy-panels';
import { testConfig, uniqueId } from '../support/test-config';

/** An individual left out of an answer (budget exhausted) is an event of the request that asked. */
describe('privacy.budget_exhausted events', () => {
  let app: INestApplication;
  let base: string;
  let researcher: Actor;
  const pub = uniqueId('budget');

  beforeAll(async () => {
    const panel = uniqueId('panel');
    app = await createGateway(
      testConfig({ HELIXGATE_POLICIES_DIR: shippedPoliciesWithPanels({ [pub]: panel }) }),
    );
    await app.listen(0, '127.0.0.1');
    base = (await app.getUrl()).replace('[::1]', '127.0.0.1');
    const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'panel-')), 'p.vcf');
    fs.writeFileSync(
      file,
      '##fileformat=VCFv4.2\n##INFO=<ID=AF,Number=A,Type=Float,Description="AF">\n' +
        '#CHROM\tPOS\tID\tREF\tALT\tQUAL\tFILTER\tINFO\n' +
        '1\t200\t.\tC\tT\t.\t.\tAF=0.0034\n1\t300\t.\tG\tA\t.\t.\tAF=0.0034\n',
    );
    await importPanel(app, panel, file);
    await createTestDataset(app, pub, { securityLevel: 'PUBLIC' });
    // two rare alleles carried by the same 3 of 200 individuals: the panel prices each answer at about 0.3
    // nats of their ln 1.6 budget (shipped policy), so the second question (a different one: a repeat is
    // free) exhausts it
    await insertTestVariants(
      app,
      pub,
      [
        { chrom: '1', pos: 200, ref: 'C', alt: 'T', het: 3 },
        { chrom: '1', pos: 300, ref: 'G', alt: 'A', het: 3 },
      ],
      { individuals: 200 },
    );
    researcher = await makeActor(app, ['researcher']);
  });
  afterAll(() => app.close());

  it("carries this node's request id, and the client's own id apart", async () => {
    const ask = (clientId: string, pos: number, ref: string, alt: string) =>
      fetch(`${base}/graphql`, {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          'x-request-id': clientId,
          authorization: `Bearer ${researcher.token}`,
        },
        body: JSON.stringify({
          query: `{ beacon(query: { assemblyId: "GRCh37", referenceName: "1", start: ${pos - 1},
                  referenceBases: "${ref}", alternateBases: "${alt}", datasetIds: ["${pub}"],
                  requestedGranularity: COUNT }) { exists } }`,
        }),
      });
    expect((await ask(`first-${pub}`, 200, 'C', 'T')).status).toBe(200);
    const res = await ask(`budget-${pub}`, 300, 'G', 'A');
    expect(res.status).toBe(200);
    const requestId = res.headers.get('x-request-id')!;
    const events = await app.get(DataSource).query<
      {
        action: string;
        request_id: string | null;
        dataset_ids: string[];
        detail: Record<string, unknown>;
      }[]
    >(
      `SELECT action, request_id, dataset_ids, detail FROM audit_event
          WHERE action = 'privacy.budget_exhausted' AND $1 = ANY(dataset_ids)`,
      [pub],
    );
    expect(events.length).toBeGreaterThan(0);
    for (const e of events) {
      expect(e.request_id).toBe(requestId);
      expect(e.detail).toMatchObject({ clientRequestId: `budget-${pub}`, individualId: expect.any(Number) });
    }
  });
});
