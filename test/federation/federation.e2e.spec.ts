import { IngestService, DatasetService } from '@helixgate/variants';
import { NodeKeyService } from '@helixgate/identity';
import { AccessRequestEntity } from '@helixgate/access';
import { PEER_REQUEST_TYP, bodyHash } from '@helixgate/federation';
import { SignJWT, generateKeyPair } from 'jose';
import { randomUUID } from 'node:crypto';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { DataSource } from 'typeorm';
import { beaconValidator } from '../beacon-rest/support/beacon-schemas';
import { makeActor } from '../support/actors';
import {
  answerKey,
  fakePeer,
  freePort,
  gql,
  peerEntry,
  prepareNode,
  readBody,
  writePeers,
  type TestNode,
} from './support/nodes';

const FIXTURES = path.join(__dirname, '../fixtures/vcf');
const DEADLINE_MS = 1500;
const FAKE_THUMBPRINT = 'x'.repeat(43);

interface NodeResult {
  nodeId: string;
  kind: string;
  status: string;
  latencyMs: number;
  message: string | null;
  exists: boolean | null;
  numTotalResults: number | null;
  returnedGranularity: string | null;
  insecureTransport: boolean;
  warning: string | null;
  resultSets: {
    datasetId: string;
    exists: boolean;
    granularity: string;
    count: number | null;
    hetCarriers: number | null;
    countPrecision: string | null;
    precision: string | null;
  }[];
}
interface NetworkResponse {
  networkBeacon: {
    requestId: string;
    exists: boolean;
    numTotalResults: number | null;
    countedNodes: string[];
    nodes: (NodeResult & { countKind: string; warnings: string[] })[];
    warnings: string[];
  };
}

const NETWORK_QUERY = `query($q: BeaconQueryInput!) { networkBeacon(query: $q) {
  requestId exists numTotalResults countedNodes
  nodes { nodeId kind status latencyMs message exists numTotalResults returnedGranularity insecureTransport warning countKind
          resultSets { datasetId exists granularity count hetCarriers countPrecision resultsCountPrecision precision resultsPrecision } } } }`;
const LOCAL_QUERY = `query($q: BeaconQueryInput!) { beacon(query: $q) { exists numTotalResults resultSets { datasetId exists granularity count hetCarriers countPrecision resultsCountPrecision precision resultsPrecision } } }`;

// MT:10 T>C is in the 1000 Genomes chrMT file (B and C); 20:1,000,000-1,100,000 only in the chr20 file (C).
const MT_SNV = {
  assemblyId: 'GRCh37',
  referenceName: 'MT',
  start: 9,
  referenceBases: 'T',
  alternateBases: 'C',
  requestedGranularity: 'COUNT',
};
const CHR20_RANGE = {
  assemblyId: 'GRCh37',
  referenceName: '20',
  start: 1_000_000,
  end: 1_100_000,
  requestedGranularity: 'COUNT',
};
const CHR7_RANGE = {
  assemblyId: 'GRCh37',
  referenceName: '7',
  start: 55_000_000,
  end: 55_100_000,
  requestedGranularity: 'COUNT',
};

async function ingest(node: TestNode, id: string, file: string, securityLevel: string): Promise<void> {
  await node.app!.get(DatasetService).create({ id, name: id, assembly: 'GRCh37', securityLevel });
  await node.app!.get(IngestService).ingestFile(id, path.join(FIXTURES, file));
}

const byNode = (r: NetworkResponse) => Object.fromEntries(r.networkBeacon.nodes.map((n) => [n.nodeId, n]));

describe('federation: one question, several nodes on loopback (each its own database and keys)', () => {
  let a: TestNode; // asks; chr7 (PUBLIC)
  let b: TestNode; // chrMT (PUBLIC) + chr7 (REGISTERED); does not trust A's visas
  let c: TestNode; // chr20 (REGISTERED) + chrMT (PUBLIC); trusts A's visas
  let d: TestNode; // a real node that has not registered A: denies
  const fakes: { close(): Promise<void> }[] = [];
  let slowHits = 0;

  beforeAll(async () => {
    [a, b, c, d] = await Promise.all(['node-a', 'node-b', 'node-c', 'node-d'].map((id) => prepareNode(id)));
    const slow = await fakePeer((_req, res) => {
      slowHits++;
      setTimeout(() => res.writeHead(200, { 'content-type': 'application/json' }).end('{}'), 10_000).unref();
    });
    // Correctly signed (a key pinned for it, bound to the request), but malformed: the shape check refuses it.
    const garbageKey = await answerKey();
    const garbage = await fakePeer((req, res) => {
      const answer = { node: 'garbage', exists: 'yes', resultSets: 7 };
      void readBody(req)
        .then(() =>
          garbageKey.sign(String(req.headers['x-helixgate-signature']), answer, {
            iss: 'https://garbage.invalid',
            node: 'garbage',
            aud: 'node-a',
          }),
        )
        .then((sig) =>
          res
            .writeHead(200, { 'content-type': 'application/json', 'x-helixgate-answer-signature': sig })
            .end(JSON.stringify(answer)),
        );
    });
    const huge = await fakePeer((_req, res) => {
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(
        JSON.stringify({
          node: 'huge',
          exists: true,
          numTotalResults: 1,
          returnedGranularity: 'COUNT',
          resultSets: [],
          pad: 'x'.repeat(2 * 1024 * 1024),
        }),
      );
    });
    fakes.push(slow, garbage, huge);
    const stoppedPort = await freePort(); // nothing listens there: a stopped peer
    const fake = (id: string, base: string) => ({
      id,
      base_url: base,
      issuer: `https://${id}.invalid`,
      key_thumbprints: [FAKE_THUMBPRINT],
      insecure: true,
    });
    writePeers(a, [
      peerEntry(b),
      peerEntry(c),
      peerEntry(d),
      fake('slow', slow.base),
      { ...fake('garbage', garbage.base), key_thumbprints: undefined, jwks: { keys: [garbageKey.jwk] } },
      fake('huge', huge.base),
      fake('stopped', `http://127.0.0.1:${stoppedPort}`),
    ]);
    writePeers(b, [peerEntry(a)]);
    writePeers(c, [peerEntry(a)]);
    // C trusts visas signed by A (its researchers' bona fide status); B does not.
    const aKeys = await new NodeKeyService(a.config).jwks();
    fs.writeFileSync(
      path.join(c.policiesDir, 'trusted-issuers.yaml'),
      JSON.stringify({
        issuers: [
          {
            issuer: a.base,
            jwks: aKeys,
            tokens: false,
            visas: { trusted_sources: ['*'] },
          },
        ],
      }),
    );
    await Promise.all([a, b, c, d].map((n) => n.start()));
    await Promise.all([
      ingest(a, 'a-chr7', 'cgi_hcc1187_chr7-sub_2s.vcf.gz', 'PUBLIC'),
      ingest(b, 'b-mt', '1kgp3_chrMT_2534s.vcf.gz', 'PUBLIC').then(() =>
        ingest(b, 'b-chr7', 'cgi_hcc1187_chr7-sub_2s.vcf.gz', 'REGISTERED'),
      ),
      ingest(c, 'c-chr20', '1kgp3_chr20_1-4Mb_300s.vcf.gz', 'REGISTERED').then(() =>
        ingest(c, 'c-mt', '1kgp3_chrMT_2534s.vcf.gz', 'PUBLIC'),
      ),
    ]);
  });

  afterAll(async () => {
    await Promise.all(fakes.map((f) => f.close()));
    await Promise.all([a, b, c, d].filter(Boolean).map((n) => n.destroy()));
  });

  it('answers per node and in aggregate; a stopped, a slow, a denying and a garbage peer cost at most the deadline', async () => {
    const started = performance.now();
    const res = await gql<NetworkResponse>(a.base, NETWORK_QUERY, { q: MT_SNV });
    const elapsed = performance.now() - started;
    expect(res.body.errors).toBeUndefined();
    const nodes = byNode(res.body.data!);
    expect(Object.keys(nodes).sort()).toEqual([
      'garbage',
      'huge',
      'node-a',
      'node-b',
      'node-c',
      'node-d',
      'slow',
      'stopped',
    ]);
    expect(res.body.data!.networkBeacon.nodes[0]).toMatchObject({
      nodeId: 'node-a',
      kind: 'local',
      status: 'OK',
      exists: false,
    });
    expect(nodes['node-b']).toMatchObject({ status: 'OK', exists: true, returnedGranularity: 'COUNT' });
    expect(nodes['node-c']).toMatchObject({ status: 'OK', exists: true, returnedGranularity: 'COUNT' });
    expect(nodes['node-d']).toMatchObject({ status: 'DENIED', exists: null });
    expect(nodes['node-d'].message).toContain('PEER_NOT_TRUSTED');
    expect(nodes.slow.status).toBe('TIMEOUT');
    expect(nodes.slow.latencyMs).toBeGreaterThanOrEqual(DEADLINE_MS - 50);
    expect(nodes.stopped).toMatchObject({ status: 'ERROR', exists: null });
    expect(nodes.garbage).toMatchObject({ status: 'INVALID_RESPONSE', exists: null });
    expect(nodes.huge).toMatchObject({ status: 'INVALID_RESPONSE' });
    expect(nodes.huge.message).toContain('larger than');
    expect(slowHits).toBeGreaterThan(0);
    expect(elapsed).toBeLessThan(DEADLINE_MS + 1000);

    // Each peer's part is exactly what that peer answers an anonymous caller directly.
    for (const n of [b, c]) {
      const direct = await gql<{ beacon: { exists: boolean; numTotalResults: number | null } }>(
        n.base,
        LOCAL_QUERY,
        { q: MT_SNV },
      );
      expect(nodes[n.id].numTotalResults).toBe(direct.body.data!.beacon.numTotalResults);
      expect(direct.body.data!.beacon.numTotalResults).toBeGreaterThan(0);
      // Every detail of the result sets, the precision of the counts included.
      const directSets = (direct.body.data!.beacon as unknown as { resultSets: unknown[] }).resultSets;
      expect(nodes[n.id].resultSets).toEqual(directSets);
      expect(nodes[n.id].resultSets[0].countPrecision).not.toBeNull();
      expect(nodes[n.id].resultSets[0]).toHaveProperty('resultsCountPrecision', 'exact');
      // the CountPrecision enum beside the deprecated strings, the same value in upper case
      expect(nodes[n.id].resultSets[0]).toHaveProperty('resultsPrecision', 'EXACT');
      for (const r of nodes[n.id].resultSets)
        expect(r.precision).toBe(r.countPrecision?.toUpperCase() ?? null);
    }
    expect(nodes['node-b'].resultSets.map((r) => r.datasetId)).toEqual(['b-mt']);
    expect(nodes['node-c'].resultSets.map((r) => r.datasetId)).toEqual(['c-mt']);
    // Aggregate: exists over ok nodes; counts summed over the nodes that returned counts.
    const agg = res.body.data!.networkBeacon;
    expect(agg.exists).toBe(true);
    expect(agg.countedNodes.sort()).toEqual(['node-a', 'node-b', 'node-c']);
    expect(agg.numTotalResults).toBe(
      (nodes['node-a'].numTotalResults ?? 0) +
        nodes['node-b'].numTotalResults! +
        nodes['node-c'].numTotalResults!,
    );
  });

  it('keeps one correlation id across nodes and audits the query on the asking node and on each answering node', async () => {
    const clientId = `fed-${randomUUID()}`;
    const res = await gql<NetworkResponse>(
      a.base,
      NETWORK_QUERY,
      { q: CHR7_RANGE },
      { 'x-request-id': clientId },
    );
    // The asking node names the question itself; the client's id is kept beside it.
    const requestId = res.body.data!.networkBeacon.requestId;
    expect(requestId).not.toBe(clientId);
    const eventsOf = (n: TestNode, sql: string, id: string) =>
      n
        .app!.get(DataSource)
        .query<{ action: string; detail: Record<string, unknown>; outcome: string; request_id: string }[]>(
          `SELECT action, detail, outcome, request_id FROM audit_event WHERE ${sql} = $1`,
          [id],
        );
    const [onA] = await eventsOf(a, 'request_id', requestId);
    expect(onA.action).toBe('federation.network_query');
    expect(onA.detail.clientRequestId).toBe(clientId);
    expect(onA.detail.peer).toEqual(
      expect.arrayContaining([expect.stringMatching(/^node-b:ok:/), expect.stringMatching(/^slow:timeout:/)]),
    );
    // Each answering node records the question under its own id, with the asking node's id as the
    // client request id: one question, followed across the nodes' trails.
    for (const n of [b, c]) {
      const events = await eventsOf(n, "detail->>'clientRequestId'", requestId);
      expect(events).toEqual([
        expect.objectContaining({
          action: 'federation.query',
          outcome: 'allow',
          detail: expect.objectContaining({ peer: 'node-a' }),
        }),
      ]);
      expect(events[0].request_id).not.toBe(requestId);
    }
    // The denying node audited its refusal under the same correlation.
    expect(await eventsOf(d, "detail->>'clientRequestId'", requestId)).toEqual([
      expect.objectContaining({ action: 'federation.query', outcome: 'deny' }),
    ]);
  });

  it("lets each peer apply its own rules to the caller's forwarded passport", async () => {
    const anon = byNode((await gql<NetworkResponse>(a.base, NETWORK_QUERY, { q: CHR20_RANGE })).body.data!);
    // REGISTERED chr20 is not even listed for an anonymous caller (only C's PUBLIC chrMT set, which has no match).
    expect(anon['node-c']).toMatchObject({ status: 'OK', exists: false });
    expect(anon['node-c'].resultSets.map((r) => r.datasetId)).toEqual(['c-mt']);
    const researcher = await makeActor(a.app!, ['researcher'], { bonaFide: true });
    const auth = { authorization: `Bearer ${researcher.token}` };
    const asResearcher = byNode(
      (await gql<NetworkResponse>(a.base, NETWORK_QUERY, { q: CHR20_RANGE }, auth)).body.data!,
    );
    // C trusts A's visas: the bona fide researcher gets counts from its REGISTERED chr20 dataset.
    expect(asResearcher['node-c']).toMatchObject({ status: 'OK', exists: true });
    // ... charged to the researcher's institution as A verified it (the privacy guard's collusion unit).
    const [atC] = await c
      .app!.get(DataSource)
      .query<{ institution: string | null }[]>(
        `SELECT institution FROM audit_event WHERE action = 'federation.query' AND actor = $1 ORDER BY seq DESC LIMIT 1`,
        [researcher.subject],
      );
    expect(atC.institution).toBe('Test University');
    expect(asResearcher['node-c'].resultSets).toContainEqual(
      expect.objectContaining({ datasetId: 'c-chr20', exists: true, granularity: 'COUNT' }),
    );
    expect(asResearcher['node-c'].numTotalResults).toBeGreaterThan(0);
    // B does not trust A's visas: its REGISTERED chr7 dataset stays hidden from the same researcher.
    const chr7 = byNode(
      (await gql<NetworkResponse>(a.base, NETWORK_QUERY, { q: CHR7_RANGE }, auth)).body.data!,
    );
    expect(chr7['node-b']).toMatchObject({ status: 'OK', exists: false });
    expect(chr7['node-b'].resultSets.map((r) => r.datasetId)).toEqual(['b-mt']);
    expect(chr7['node-a']).toMatchObject({ status: 'OK', exists: true });
  });

  it('answers the REST network face with the same aggregate and per-node statuses', async () => {
    const res = await fetch(`${a.base}/api/network/g_variants`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        meta: { apiVersion: '2.0' },
        query: {
          requestParameters: {
            assemblyId: 'GRCh37',
            referenceName: 'MT',
            start: [9],
            referenceBases: 'T',
            alternateBases: 'C',
          },
          requestedGranularity: 'count',
        },
      }),
    });
    expect(res.status).toBe(200);
    const body = (await res.json()) as {
      responseSummary: { exists: boolean; numTotalResults: number };
      response: { resultSets: { id: string }[] };
      info: { nodes: { node: string; status: string }[] };
    };
    const gqlAgg = (await gql<NetworkResponse>(a.base, NETWORK_QUERY, { q: MT_SNV })).body.data!
      .networkBeacon;
    expect(body.responseSummary).toEqual({ exists: true, numTotalResults: gqlAgg.numTotalResults });
    // Each result set carries the carrier counts and their precision, as the GraphQL answer has them.
    const sets = body.response.resultSets as unknown as {
      id: string;
      info: { hetCarriers: number | null; countPrecision?: string };
    }[];
    for (const n of gqlAgg.nodes)
      for (const r of n.resultSets.filter((x) => x.exists)) {
        const set = sets.find((x) => x.id === `${n.nodeId}/${r.datasetId}`)!;
        expect(set.info).toMatchObject({ hetCarriers: r.hetCarriers, countPrecision: r.countPrecision });
      }
    // HIT (the default): node A's miss is not listed; ALL lists it.
    expect(body.response.resultSets.map((r) => r.id).sort()).toEqual(['node-b/b-mt', 'node-c/c-mt']);
    expect(Object.fromEntries(body.info.nodes.map((n) => [n.node, n.status]))).toMatchObject({
      'node-b': 'ok',
      slow: 'timeout',
      stopped: 'error',
      garbage: 'invalid_response',
      'node-d': 'denied',
    });
    const get = await fetch(
      `${a.base}/api/network/g_variants?assemblyId=GRCh37&referenceName=MT&start=9&referenceBases=T&alternateBases=C&requestedGranularity=count&includeResultsetResponses=ALL`,
    );
    const all = (await get.json()) as typeof body;
    // Both are valid Beacon v2 count and result-set responses (official schemas, Ajv draft 2020-12).
    const validator = beaconValidator();
    for (const r of [body, all]) {
      expect(validator.validate('beaconCountResponse', r)).toEqual([]);
      expect(validator.validate('beaconResultsetsResponse', r)).toEqual([]);
    }
    const boolean = (await (
      await fetch(
        `${a.base}/api/network/g_variants?assemblyId=GRCh37&referenceName=MT&start=9&referenceBases=T&alternateBases=C&requestedGranularity=boolean`,
      )
    ).json()) as { meta: { returnedGranularity: string }; responseSummary: unknown };
    expect(boolean.meta.returnedGranularity).toBe('boolean');
    expect(boolean.responseSummary).toEqual({ exists: true });
    expect(validator.validate('beaconBooleanResponse', boolean)).toEqual([]);
    // Its refusals are Beacon errors too, as on every Beacon route: a request it cannot parse (400, the
    // request summarised with the spec defaults), an unsigned bearer token (401), a POST without a position.
    const refusals = [
      await fetch(`${a.base}/api/network/g_variants?assemblyId=GRCh37&referenceName=MT&start=9&mateName=2`),
      await fetch(
        `${a.base}/api/network/g_variants?assemblyId=GRCh37&referenceName=MT&start=9&referenceBases=T`,
        {
          headers: { authorization: 'Bearer eyJhbGciOiJub25lIn0.eyJzdWIiOiJ4In0.' },
        },
      ),
      await fetch(`${a.base}/api/network/g_variants`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ meta: { apiVersion: 'v2.0' }, query: { requestParameters: { start: [9] } } }),
      }),
    ];
    expect(refusals.map((r) => r.status)).toEqual([400, 401, 400]);
    for (const r of refusals) {
      const err = (await r.json()) as { error: { errorCode: number; errorMessage: string }; meta: unknown };
      expect(validator.validate('beaconErrorResponse', err)).toEqual([]);
      expect(err.error.errorCode).toBe(r.status);
      expect(err.error.errorMessage).not.toBe('');
    }
    // GET without apiVersion is answered in v2.2: the same sum, labelled as its least precise part (the
    // POST above asked for 2.0, so v2.1.1: no label).
    const { countPrecision, ...summary } = all.responseSummary as typeof all.responseSummary & {
      countPrecision: string;
    };
    expect(summary).toEqual(body.responseSummary);
    const reduced = gqlAgg.nodes
      .filter((n) => n.status === 'OK')
      .flatMap((n) => n.resultSets.filter((r) => r.granularity !== 'BOOLEAN'))
      .some((r) => (r as { resultsCountPrecision?: string }).resultsCountPrecision === 'IMPRECISE');
    expect(countPrecision).toBe(reduced ? 'imprecise' : 'exact');
    expect(all.response.resultSets.map((r) => r.id).sort()).toEqual([
      'node-a/a-chr7',
      'node-b/b-mt',
      'node-c/c-mt',
    ]);
  });

  it("passes each node's Beacon warnings to the asker, attributed to the node, on GraphQL and REST", async () => {
    // A term that is a filtering term nowhere: every node that answers says so with its answer.
    const q = { ...MT_SNV, filters: [{ id: 'NCIT:C9999999' }] };
    const { body } = await gql<NetworkResponse>(
      a.base,
      'query($q: BeaconQueryInput!) { networkBeacon(query: $q) { exists warnings nodes { nodeId status warnings } } }',
      { q },
    );
    expect(body.errors).toBeUndefined();
    const net = body.data!.networkBeacon;
    const nodeWarnings = Object.fromEntries(net.nodes.map((n) => [n.nodeId, n.warnings]));
    for (const node of ['node-a', 'node-b', 'node-c']) {
      expect(nodeWarnings[node]).toEqual([
        expect.stringMatching(/^filter NCIT:C9999999 is not a filtering term/),
      ]);
      expect(net.warnings).toContainEqual(`${node}: ${nodeWarnings[node][0]}`);
    }
    // Nodes that did not answer carry none, and nothing matched anywhere (ANDed: an unknown term matches nobody).
    expect(nodeWarnings['node-d']).toEqual([]);
    expect(net.warnings).toHaveLength(3);
    expect(net.exists).toBe(false);
    // The local answer on node B gives the same warning as it gave the network.
    const local = await gql<{ beacon: { warnings: string[] } }>(
      b.base,
      'query($q: BeaconQueryInput!) { beacon(query: $q) { warnings } }',
      { q },
    );
    expect(local.body.data!.beacon.warnings).toEqual(nodeWarnings['node-b']);

    const rest = (await (
      await fetch(
        `${a.base}/api/network/g_variants?assemblyId=GRCh37&referenceName=MT&start=9&referenceBases=T&alternateBases=C&requestedGranularity=count&filters=NCIT:C9999999`,
      )
    ).json()) as { info: { warnings: string[]; nodes: { node: string; warnings: string[] }[] } };
    expect([...rest.info.warnings].sort()).toEqual([...net.warnings].sort());
    expect(Object.fromEntries(rest.info.nodes.map((n) => [n.node, n.warnings]))).toMatchObject({
      'node-a': nodeWarnings['node-a'],
      'node-b': nodeWarnings['node-b'],
      'node-c': nodeWarnings['node-c'],
    });
    expect(beaconValidator().validate('beaconCountResponse', rest)).toEqual([]);
  });

  it('registers a plain Beacon v2 service as a peer (admin only) and takes its public count', async () => {
    const admin = await makeActor(a.app!, ['admin']);
    const researcher = await makeActor(a.app!, ['researcher']);
    const REGISTER = `mutation($i: RegisterPeerInput!) { registerPeer(input: $i) { id kind status state source } }`;
    const input = { id: 'plain-beacon', baseUrl: `${b.base}/api`, kind: 'beacon-v2', insecure: true };
    // Plain HTTP is refused unless the administrator says so.
    const plain = await gql(
      a.base,
      REGISTER,
      { i: { ...input, insecure: false } },
      { authorization: `Bearer ${admin.token}` },
    );
    expect(plain.body.errors?.[0].extensions?.code).toBe('BAD_REQUEST');
    expect(plain.body.errors?.[0].message).toMatch(/plain http:\/\/.*--insecure/);
    const refused = await gql(
      a.base,
      REGISTER,
      { i: input },
      { authorization: `Bearer ${researcher.token}` },
    );
    expect(refused.body.errors?.[0].extensions?.code).toBe('FORBIDDEN');
    const ok = await gql(a.base, REGISTER, { i: input }, { authorization: `Bearer ${admin.token}` });
    expect(ok.body.data).toEqual({
      registerPeer: {
        id: 'plain-beacon',
        kind: 'beacon-v2',
        status: 'active',
        state: 'ACTIVE',
        source: 'api',
      },
    });
    const nodes = byNode((await gql<NetworkResponse>(a.base, NETWORK_QUERY, { q: MT_SNV })).body.data!);
    expect(nodes['plain-beacon']).toMatchObject({
      kind: 'beacon-v2',
      status: 'OK',
      exists: true,
      returnedGranularity: 'COUNT',
    });
    // Asked over plain HTTP, unsigned (a Beacon v2 service cannot sign): the answer says so.
    expect(nodes['plain-beacon'].insecureTransport).toBe(true);
    expect(nodes['plain-beacon'].warning).toMatch(/plain HTTP.*unauthenticated/);
    expect(nodes['plain-beacon'].numTotalResults).toBe(nodes['node-b'].numTotalResults);
    // What a plain Beacon v2 peer counts is not known unless it is registered: its count is not summed.
    expect(nodes['plain-beacon'].countKind).toBe('unknown');
    expect(nodes['node-b'].countKind).toBe('variants');
    const disabled = await gql(
      a.base,
      `mutation { disablePeer(id: "plain-beacon") { status state } }`,
      {},
      { authorization: `Bearer ${admin.token}` },
    );
    expect(disabled.body.data).toEqual({ disablePeer: { status: 'disabled', state: 'DISABLED' } });
    // A Beacon error passes through with its code and message (control characters taken out).
    const refusing = await fakePeer((_req, res) =>
      res.writeHead(400, { 'content-type': 'application/json' }).end(
        JSON.stringify({
          meta: { beaconId: 'org.example', apiVersion: 'v2.0.0', returnedSchemas: [] },
          error: { errorCode: 400, errorMessage: 'referenceName MT\nis not served here' },
        }),
      ),
    );
    try {
      const input2 = { id: 'refusing-beacon', baseUrl: refusing.base, kind: 'beacon-v2', insecure: true };
      await gql(a.base, REGISTER, { i: input2 }, { authorization: `Bearer ${admin.token}` });
      const r = byNode((await gql<NetworkResponse>(a.base, NETWORK_QUERY, { q: MT_SNV })).body.data!);
      expect(r['refusing-beacon']).toMatchObject({
        status: 'ERROR',
        message: '400 referenceName MT is not served here',
        exists: null,
      });
    } finally {
      await gql(
        a.base,
        `mutation { disablePeer(id: "refusing-beacon") { status } }`,
        {},
        { authorization: `Bearer ${admin.token}` },
      );
      await refusing.close();
    }
    // A peer that names chromosomes chrN is asked chrM for MT, and its count is summed only when it counts
    // variants, as the others do.
    const askedAs: string[] = [];
    const ucsc = await fakePeer((req, res) => {
      const name = new URL(req.url!, 'http://x').searchParams.get('referenceName') ?? '';
      askedAs.push(name);
      res.writeHead(200, { 'content-type': 'application/json' }).end(
        JSON.stringify({
          meta: { beaconId: 'org.example', apiVersion: 'v2.0.0', returnedGranularity: 'count' },
          responseSummary:
            name === 'chrM' ? { exists: true, numTotalResults: 7 } : { exists: false, numTotalResults: 0 },
        }),
      );
    });
    try {
      const register = (counts: string) =>
        gql(
          a.base,
          REGISTER,
          {
            i: {
              id: 'ucsc-beacon',
              baseUrl: ucsc.base,
              kind: 'beacon-v2',
              insecure: true,
              referenceNames: 'ucsc',
              counts,
            },
          },
          { authorization: `Bearer ${admin.token}` },
        );
      expect((await register('individuals')).body.errors).toBeUndefined();
      const asIndividuals = (await gql<NetworkResponse>(a.base, NETWORK_QUERY, { q: MT_SNV })).body.data!
        .networkBeacon;
      expect(askedAs).toEqual(['chrM']);
      const node = asIndividuals.nodes.find((n) => n.nodeId === 'ucsc-beacon')!;
      expect(node).toMatchObject({
        status: 'OK',
        exists: true,
        numTotalResults: 7,
        countKind: 'individuals',
      });
      expect(asIndividuals.countedNodes).not.toContain('ucsc-beacon');
      await register('variants');
      const asVariants = (await gql<NetworkResponse>(a.base, NETWORK_QUERY, { q: MT_SNV })).body.data!
        .networkBeacon;
      expect(asVariants.countedNodes).toContain('ucsc-beacon');
      expect(asVariants.numTotalResults).toBe(asIndividuals.numTotalResults! + 7);
    } finally {
      await gql(
        a.base,
        `mutation { disablePeer(id: "ucsc-beacon") { status } }`,
        {},
        { authorization: `Bearer ${admin.token}` },
      );
      await ucsc.close();
    }
    const after = byNode((await gql<NetworkResponse>(a.base, NETWORK_QUERY, { q: MT_SNV })).body.data!);
    expect(after['plain-beacon']).toBeUndefined();
  });

  it("counts each peer request against the caller's rate limit before anything is sent (no amplification)", async () => {
    let hits = 0;
    const counting = await fakePeer((req, res) => {
      if (req.method === 'POST') hits++; // the questions (the peer's key set is fetched alongside)
      res.writeHead(503).end();
    });
    const e = await prepareNode('node-e');
    try {
      const privacy = path.join(e.policiesDir, 'privacy.yaml');
      fs.writeFileSync(privacy, fs.readFileSync(privacy, 'utf8').replace(/^(\s*queries:\s*)\d+/m, '$16'));
      writePeers(
        e,
        ['p1', 'p2', 'p3'].map((id) => ({
          id,
          base_url: counting.base,
          issuer: `https://${id}.invalid`,
          key_thumbprints: [FAKE_THUMBPRINT],
          insecure: true,
        })),
      );
      await e.start();
      const first = await gql<NetworkResponse>(e.base, NETWORK_QUERY, { q: MT_SNV }); // 3 peers + 1 local = 4 of 6
      expect(first.body.data!.networkBeacon.nodes.map((n) => n.status)).toEqual([
        'OK',
        'ERROR',
        'ERROR',
        'ERROR',
      ]);
      expect(hits).toBe(3);
      const second = await gql<NetworkResponse>(e.base, NETWORK_QUERY, { q: MT_SNV });
      expect(second.body.errors?.[0].extensions?.code).toBe('RATE_LIMITED');
      expect(hits).toBe(3);
    } finally {
      await counting.close();
      await e.destroy();
    }
  });

  describe('inbound peer requests', () => {
    const body = { query: MT_SNV };
    const send = (jws: string | null, payload: unknown = body) =>
      fetch(`${b.base}/federation/query`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...(jws ? { 'x-helixgate-signature': jws } : {}) },
        body: JSON.stringify(payload),
      });
    const codeOf = async (res: Response) => ((await res.json()) as { error?: { code?: string } }).error?.code;
    /** A request signed with node A's real key, claims overridable. */
    const signedByA = (
      over: { aud?: string; iat?: number; exp?: number; body?: unknown; jti?: string } = {},
    ) => {
      const now = Math.floor(Date.now() / 1000);
      return a.app!.get(NodeKeyService).sign(
        {
          hg_body_sha256: bodyHash(over.body ?? body),
          hg_request_id: randomUUID(),
          ...(over.iat ? { iat: over.iat } : {}),
        },
        {
          audience: over.aud ?? 'node-b',
          expiresIn: over.exp ?? now + 30,
          typ: PEER_REQUEST_TYP,
          jti: over.jti,
        },
      );
    };

    it('accepts a signed request from a registered peer once, and refuses its replay (replay cache in the database)', async () => {
      const jws = await signedByA();
      const first = await send(jws);
      expect(first.status).toBe(200);
      expect(((await first.json()) as { node: string }).node).toBe('node-b');
      const again = await send(jws);
      expect(again.status).toBe(401);
      expect(await codeOf(again)).toBe('PEER_REQUEST_REPLAYED');
      const [{ n }] = await b
        .app!.get(DataSource)
        .query<{ n: number }[]>(
          `SELECT count(*)::int AS n FROM peer_request_seen WHERE peer_id = 'node-a' AND expires_at > now()`,
        );
      expect(n).toBeGreaterThan(0);
    });

    it('refuses an unsigned request', async () => {
      const res = await send(null);
      expect(res.status).toBe(401);
      expect(await codeOf(res)).toBe('PEER_SIGNATURE_REQUIRED');
    });

    it('refuses an expired request and one claiming a lifetime over 60 s', async () => {
      const now = Math.floor(Date.now() / 1000);
      const expired = await send(await signedByA({ exp: now - 120 }));
      expect(expired.status).toBe(401);
      expect(await codeOf(expired)).toBe('PEER_REQUEST_EXPIRED');
      const long = await send(await signedByA({ exp: now + 600 }));
      expect(long.status).toBe(401);
      expect(await codeOf(long)).toBe('PEER_SIGNATURE_INVALID');
    });

    it('refuses a forged request: a key that is not pinned, a signature that does not verify, another audience, another body', async () => {
      const { privateKey } = await generateKeyPair('ES256');
      const now = Math.floor(Date.now() / 1000);
      const forge = (kid: string) =>
        new SignJWT({ hg_body_sha256: bodyHash(body), hg_request_id: randomUUID() })
          .setProtectedHeader({ alg: 'ES256', typ: PEER_REQUEST_TYP, kid })
          .setIssuer(a.base)
          .setAudience('node-b')
          .setIssuedAt(now)
          .setExpirationTime(now + 30)
          .setJti(randomUUID())
          .sign(privateKey);
      const unpinned = await send(await forge('attacker-key'));
      expect(unpinned.status).toBe(403);
      expect(await codeOf(unpinned)).toBe('PEER_NOT_TRUSTED');
      const badSig = await send(await forge(a.thumbprints[0]));
      expect(badSig.status).toBe(401);
      expect(await codeOf(badSig)).toBe('PEER_SIGNATURE_INVALID');
      const otherAud = await send(await signedByA({ aud: 'node-c' }));
      expect(otherAud.status).toBe(401);
      expect(await codeOf(otherAud)).toBe('PEER_SIGNATURE_INVALID');
      const tampered = await send(await signedByA(), {
        query: { ...MT_SNV, requestedGranularity: 'RECORD' },
      });
      expect(tampered.status).toBe(401);
      expect(await codeOf(tampered)).toBe('PEER_SIGNATURE_INVALID');
    });

    describe("a grant visa of this node forwarded back by a peer, and the caller's institution", () => {
      const IDP = 'https://idp.fed.test';
      const SUB = `fed-${randomUUID()}`;
      const recordQuery = {
        query: { ...CHR7_RANGE, requestedGranularity: 'RECORD', datasetIds: ['b-chr7'] },
      };
      let grantId: string;

      beforeAll(async () => {
        // A grant node B's steward gave to (IDP, SUB) for B's REGISTERED chr7 dataset.
        grantId = randomUUID();
        await b
          .app!.get(DataSource)
          .getRepository(AccessRequestEntity)
          .insert({
            id: grantId,
            datasetId: 'b-chr7',
            researcherIssuer: IDP,
            researcherSubject: SUB,
            institution: 'Uni Fed',
            projectTitle: 'federated grant',
            justification: 'A grant used through a peer node in this test.',
            ethicsRef: null,
            purpose: { category: 'GENERAL_RESEARCH' },
            duoMatch: { outcome: 'APPROVE', reasons: [] },
            state: 'APPROVED',
            decidedBy: 'test',
            decisionNote: null,
            expiresAt: new Date(Date.now() + 86_400_000),
            visaJti: grantId,
          });
      });

      /** B's ControlledAccessGrants visa for that grant (sub = the researcher, jti = the grant). */
      const grantVisa = () => {
        const now = Math.floor(Date.now() / 1000);
        return b.app!.get(NodeKeyService).sign(
          {
            ga4gh_visa_v1: {
              type: 'ControlledAccessGrants',
              asserted: now,
              value: `${b.base}/datasets/b-chr7`,
              source: b.base,
              by: 'dac',
            },
          },
          { subject: SUB, expiresIn: now + 3600, jti: grantId },
        );
      };
      /** A peer request signed by A for a caller, with the given caller claims. */
      const asCaller = async (claims: Record<string, unknown>, payload: unknown = recordQuery) => {
        const now = Math.floor(Date.now() / 1000);
        const jws = await a
          .app!.get(NodeKeyService)
          .sign(
            { hg_body_sha256: bodyHash(payload), hg_request_id: randomUUID(), ...claims },
            { audience: 'node-b', expiresIn: now + 30, typ: PEER_REQUEST_TYP, subject: SUB },
          );
        return send(jws, payload);
      };
      const setState = (state: string) =>
        b.app!.get(DataSource).query('UPDATE access_request SET state = $1 WHERE id = $2', [state, grantId]);
      const lastEvent = () =>
        b
          .app!.get(DataSource)
          .query<{ outcome: string; institution: string | null; detail: Record<string, unknown> }[]>(
            `SELECT outcome, institution, detail FROM audit_event WHERE action = 'federation.query'
              AND actor = $1 ORDER BY seq DESC LIMIT 1`,
            [SUB],
          )
          .then((rows) => rows[0]);

      it("answers records to the grant's own holder while the grant is approved", async () => {
        await setState('APPROVED');
        const res = await asCaller({ hg_caller_iss: IDP, ga4gh_passport_v1: [await grantVisa()] });
        expect(res.status).toBe(200);
        expect(((await res.json()) as { returnedGranularity: string }).returnedGranularity).toBe('RECORD');
      });

      it('refuses the visa of a grant the holder withdrew or the steward revoked, with the reason, audited', async () => {
        for (const state of ['WITHDRAWN', 'REVOKED']) {
          await setState(state);
          const res = await asCaller({ hg_caller_iss: IDP, ga4gh_passport_v1: [await grantVisa()] });
          expect({ state, status: res.status }).toEqual({ state, status: 403 });
          const err = ((await res.json()) as { error: { code: string; message: string } }).error;
          expect(err.code).toBe('FORBIDDEN');
          expect(err.message).toContain(`grant ${grantId} is ${state}`);
          const event = await lastEvent();
          expect(event.outcome).toBe('deny');
          expect(event.detail.grantVisasRefused).toEqual([
            expect.stringContaining(`grant ${grantId}: grant ${grantId} is ${state}`),
          ]);
        }
        await setState('APPROVED');
      });

      it("refuses the holder's visa forwarded for the same sub of another issuer", async () => {
        await setState('APPROVED');
        const res = await asCaller({
          hg_caller_iss: 'https://other-idp.fed.test',
          ga4gh_passport_v1: [await grantVisa()],
        });
        expect(res.status).toBe(403);
        expect(((await res.json()) as { error: { message: string } }).error.message).toContain(
          'was not given to you',
        );
      });

      it("refuses a peer speaking for this node's own accounts, whatever visas it forwards (audited)", async () => {
        await setState('APPROVED');
        // The bona fide status this node signed for its own account, as a rogue peer holding it would forward it.
        const now = Math.floor(Date.now() / 1000);
        const bonaFide = await b.app!.get(NodeKeyService).sign(
          {
            ga4gh_visa_v1: {
              type: 'ResearcherStatus',
              asserted: now,
              value: 'https://doi.org/10.1038/s41431-018-0219-y',
              source: b.base,
              by: 'so',
            },
          },
          { subject: SUB, expiresIn: now + 3600 },
        );
        for (const iss of [b.base, `${b.base}/`, b.base.toUpperCase()]) {
          for (const visas of [[await grantVisa()], [bonaFide], []]) {
            const res = await asCaller({ hg_caller_iss: iss, ga4gh_passport_v1: visas }, { query: MT_SNV });
            expect({ iss, status: res.status }).toEqual({ iss, status: 403 });
            const err = ((await res.json()) as { error: { code: string; message: string } }).error;
            expect(err.code).toBe('PEER_NOT_TRUSTED');
            expect(err.message).toContain("cannot speak for this node's own accounts");
          }
        }
        const refused = await b
          .app!.get(DataSource)
          .query<{ outcome: string; detail: Record<string, unknown> }[]>(
            `SELECT outcome, reason, detail FROM audit_event
              WHERE action = 'federation.query' AND detail->>'problem' = 'local_account'`,
          );
        expect(refused).toHaveLength(9);
        expect(refused[0]).toMatchObject({
          outcome: 'deny',
          reason: 'PEER_NOT_TRUSTED',
          detail: { peer: 'node-a' },
        });
      });

      it('charges the institution the asking node verified (hg_caller_institution), and refuses a malformed one', async () => {
        const count = { query: MT_SNV };
        const ok = await asCaller({ hg_caller_iss: IDP, hg_caller_institution: 'Uni Fed' }, count);
        expect(ok.status).toBe(200);
        expect((await lastEvent()).institution).toBe('Uni Fed');
        const none = await asCaller({ hg_caller_iss: IDP }, count);
        expect(none.status).toBe(200);
        expect((await lastEvent()).institution).toBeNull();
        const bad = await asCaller({ hg_caller_iss: IDP, hg_caller_institution: 'Uni\u0000Fed' }, count);
        expect(bad.status).toBe(401);
        expect(await codeOf(bad)).toBe('PEER_SIGNATURE_INVALID');
      });
    });

    it('refuses a node that is not a registered peer', async () => {
      const now = Math.floor(Date.now() / 1000);
      const jws = await d
        .app!.get(NodeKeyService)
        .sign(
          { hg_body_sha256: bodyHash(body), hg_request_id: randomUUID() },
          { audience: 'node-b', expiresIn: now + 30, typ: PEER_REQUEST_TYP },
        );
      const res = await send(jws);
      expect(res.status).toBe(403);
      expect(await codeOf(res)).toBe('PEER_NOT_TRUSTED');
    });
  });
});
