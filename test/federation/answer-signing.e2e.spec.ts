import { DatasetService, IngestService } from '@helixgate/variants';
import { decodeJwt } from 'jose';
import type * as http from 'node:http';
import * as path from 'node:path';
import { DataSource } from 'typeorm';
import { makeActor } from '../support/actors';
import {
  answerKey,
  fakePeer,
  gql,
  peerEntry,
  prepareNode,
  readBody,
  writePeers,
  type TestNode,
} from './support/nodes';

const FIXTURES = path.join(__dirname, '../fixtures/vcf');
const MT_SNV = {
  assemblyId: 'GRCh37',
  referenceName: 'MT',
  start: 9,
  referenceBases: 'T',
  alternateBases: 'C',
  requestedGranularity: 'COUNT',
};
const NETWORK_QUERY = `query($q: BeaconQueryInput!) { networkBeacon(query: $q) {
  requestId exists numTotalResults countedNodes
  nodes { nodeId status message exists numTotalResults insecureTransport warning } } }`;
const FORGED_COUNT = 999_999;

interface NodeResult {
  nodeId: string;
  status: string;
  message: string | null;
  exists: boolean | null;
  numTotalResults: number | null;
  insecureTransport: boolean;
  warning: string | null;
}
interface NetworkResponse {
  networkBeacon: {
    requestId: string;
    exists: boolean;
    numTotalResults: number | null;
    countedNodes: string[];
    nodes: NodeResult[];
  };
}

/** What an impostor on node B's registered URL does with a POST (GETs — its key set — are relayed to B). */
type Mode = 'relay' | 'unsigned' | 'wrong-key' | 'wrong-key-b-kid' | 'replay' | 'tamper' | 'not-found';

interface Relayed {
  status: number;
  signature: string | null;
  body: string;
}

/**
 * An impostor holding node B's registered URL (B itself listens elsewhere): the attack of issue #9. The
 * asking node A has node B registered with B's real issuer and pinned key, but at the impostor's address.
 */
describe('federation: the asking node merges only answers signed by the peer for that request', () => {
  let a: TestNode;
  let b: TestNode;
  let impostor: { base: string; close(): Promise<void> };
  let mode: Mode = 'relay';
  let captured: Relayed | null = null;
  /** The claims of every signed request the impostor received, with the path it was sent to. */
  const received: { path: string; claims: Record<string, unknown> }[] = [];
  const impostorKey = answerKey();

  const relay = async (req: http.IncomingMessage, body: string): Promise<Relayed> => {
    const headers: Record<string, string> = {};
    for (const h of ['content-type', 'accept', 'x-request-id', 'x-helixgate-signature']) {
      const v = req.headers[h];
      if (typeof v === 'string') headers[h] = v;
    }
    const res = await fetch(`${b.base}${req.url}`, {
      method: req.method,
      headers,
      ...(req.method === 'POST' ? { body } : {}),
    });
    return {
      status: res.status,
      signature: res.headers.get('x-helixgate-answer-signature'),
      body: await res.text(),
    };
  };

  const forged = () => ({
    node: 'node-b',
    exists: true,
    numTotalResults: FORGED_COUNT,
    returnedGranularity: 'COUNT',
    resultSets: [
      {
        datasetId: 'b-mt',
        exists: true,
        granularity: 'COUNT',
        count: FORGED_COUNT,
        hetCarriers: null,
        homAltCarriers: null,
        hemiCarriers: null,
        alleleCount: null,
        alleleNumber: null,
        alleleFrequency: null,
      },
    ],
  });

  const answerAsImpostor = async (req: http.IncomingMessage, body: string): Promise<Relayed> => {
    const requestJws = String(req.headers['x-helixgate-signature']);
    received.push({ path: req.url ?? '', claims: decodeJwt(requestJws) });
    const answer = req.url === '/federation/hello' ? { node: 'node-b' } : forged();
    const key = await impostorKey;
    // Every binding right (B's issuer, B's id, A as audience, this request's jti): only the key is wrong.
    const bindings = { iss: b.base, node: 'node-b', aud: 'node-a' };
    switch (mode) {
      case 'relay':
        return relay(req, body);
      case 'unsigned':
        return { status: 200, signature: null, body: JSON.stringify(answer) };
      case 'wrong-key':
        return {
          status: 200,
          signature: await key.sign(requestJws, answer, bindings),
          body: JSON.stringify(answer),
        };
      case 'wrong-key-b-kid':
        return {
          status: 200,
          signature: await key.sign(requestJws, answer, { ...bindings, kid: b.thumbprints[0] }),
          body: JSON.stringify(answer),
        };
      case 'replay':
        // The first answer is B's own, relayed and kept; every later request gets that answer back.
        if (!captured) captured = await relay(req, body);
        return captured;
      case 'tamper': {
        const genuine = await relay(req, body);
        const parsed = JSON.parse(genuine.body) as ReturnType<typeof forged>;
        parsed.numTotalResults = (parsed.numTotalResults ?? 0) + FORGED_COUNT;
        parsed.resultSets[0].count = (parsed.resultSets[0].count ?? 0) + FORGED_COUNT;
        return { ...genuine, body: JSON.stringify(parsed) };
      }
      case 'not-found':
        return {
          status: 404,
          signature: null,
          body: JSON.stringify({ error: { code: 'UNKNOWN_DATASET', message: 'nothing here' } }),
        };
      default: {
        const unknown: never = mode;
        throw new Error(`unknown mode ${String(unknown)}`);
      }
    }
  };

  beforeAll(async () => {
    [a, b] = await Promise.all(['node-a', 'node-b'].map((id) => prepareNode(id)));
    impostor = await fakePeer((req, res) => {
      void readBody(req)
        .then((body) => (req.method === 'POST' ? answerAsImpostor(req, body) : relay(req, body)))
        .then((r) =>
          res
            .writeHead(r.status, {
              'content-type': 'application/json',
              ...(r.signature ? { 'x-helixgate-answer-signature': r.signature } : {}),
            })
            .end(r.body),
        )
        .catch(() => res.writeHead(500).end());
    });
    // A knows B by its real issuer and pinned key, at the address the impostor now holds.
    writePeers(a, [peerEntry(b, { base_url: impostor.base })]);
    writePeers(b, [peerEntry(a)]);
    await Promise.all([a.start(), b.start()]);
    await b.app!.get(DatasetService).create({
      id: 'b-mt',
      name: 'b-mt',
      assembly: 'GRCh37',
      securityLevel: 'PUBLIC',
    });
    await b.app!.get(IngestService).ingestFile('b-mt', path.join(FIXTURES, '1kgp3_chrMT_2534s.vcf.gz'));
  });

  afterAll(async () => {
    await impostor?.close();
    await Promise.all([a, b].filter(Boolean).map((n) => n.destroy()));
  });

  beforeEach(() => {
    received.length = 0;
  });

  const ask = async (headers: Record<string, string> = {}) => {
    const res = await gql<NetworkResponse>(a.base, NETWORK_QUERY, { q: MT_SNV }, headers);
    expect(res.body.errors).toBeUndefined();
    const network = res.body.data!.networkBeacon;
    return { network, nodeB: network.nodes.find((n) => n.nodeId === 'node-b')! };
  };
  const refusalsOn = (requestId: string) =>
    a
      .app!.get(DataSource)
      .query<{ action: string; outcome: string; reason: string; detail: Record<string, unknown> }[]>(
        `SELECT action, outcome, reason, detail FROM audit_event WHERE request_id = $1 AND action = 'federation.answer_refused'`,
        [requestId],
      );

  /** The attack is refused: not merged, reported with its problem, audited on the asking node. */
  const expectRefused = async (got: Awaited<ReturnType<typeof ask>>, problem: string): Promise<void> => {
    expect(got.nodeB).toMatchObject({ status: 'UNVERIFIED_ANSWER', exists: null, numTotalResults: null });
    expect(got.nodeB.message).toContain(`UNVERIFIED_ANSWER (${problem})`);
    expect(got.network.countedNodes).not.toContain('node-b');
    expect(got.network.numTotalResults ?? 0).toBeLessThan(FORGED_COUNT);
    expect(got.network.exists).toBe(false); // A holds no chrMT data; only B's (unmerged) answer had it
    expect(await refusalsOn(got.network.requestId)).toEqual([
      expect.objectContaining({
        outcome: 'deny',
        reason: 'UNVERIFIED_ANSWER',
        detail: expect.objectContaining({ peer: 'node-b', problem }),
      }),
    ]);
  };

  it("merges the genuine peer's signed answer (relayed unchanged), with the plain-HTTP warning", async () => {
    mode = 'relay';
    const got = await ask();
    expect(got.nodeB).toMatchObject({ status: 'OK', exists: true, insecureTransport: true });
    expect(got.nodeB.warning).toMatch(/plain HTTP/);
    expect(got.nodeB.numTotalResults).toBeGreaterThan(0);
    expect(got.nodeB.numTotalResults).toBeLessThan(FORGED_COUNT);
    expect(got.network.countedNodes).toContain('node-b');
    expect(got.network.nodes[0]).toMatchObject({ nodeId: 'node-a', insecureTransport: false, warning: null });
    expect(await refusalsOn(got.network.requestId)).toEqual([]);
  });

  it('refuses an unsigned forged count', async () => {
    mode = 'unsigned';
    await expectRefused(await ask(), 'unsigned');
  });

  it('refuses a forged count signed with a key that is not pinned for the peer', async () => {
    mode = 'wrong-key';
    await expectRefused(await ask(), 'key_not_pinned');
  });

  it("refuses a forged count signed with another key under the peer's key id", async () => {
    mode = 'wrong-key-b-kid';
    await expectRefused(await ask(), 'bad_signature');
  });

  it("refuses the peer's genuine answer replayed for another request (jti)", async () => {
    mode = 'replay';
    captured = null;
    const first = await ask(); // relayed to B and kept by the impostor
    expect(first.nodeB.status).toBe('OK');
    expect(captured).not.toBeNull();
    await expectRefused(await ask(), 'wrong_request');
  });

  it("refuses the peer's genuine answer with its count altered", async () => {
    mode = 'tamper';
    await expectRefused(await ask(), 'body_mismatch');
  });

  it('does not report an unsigned "nothing here" as an ok answer', async () => {
    mode = 'not-found';
    const got = await ask();
    expect(got.nodeB).toMatchObject({ status: 'ERROR', exists: null });
  });

  it("does not hand the caller's subject or passport to an impostor on a plain-HTTP peer's URL", async () => {
    const researcher = await makeActor(a.app!, ['researcher'], { bonaFide: true });
    const auth = { authorization: `Bearer ${researcher.token}` };
    captured = null;
    for (const m of ['unsigned', 'wrong-key', 'wrong-key-b-kid'] as const) {
      mode = m;
      received.length = 0;
      const got = await ask(auth);
      expect(got.nodeB.status).toBe('UNVERIFIED_ANSWER');
      // Only the signed hello reached the impostor: no subject, no caller issuer, no visas.
      expect(received.map((r) => r.path)).toEqual(['/federation/hello']);
      expect(received[0].claims).not.toHaveProperty('sub');
      expect(received[0].claims).not.toHaveProperty('hg_caller_iss');
      expect(received[0].claims).not.toHaveProperty('ga4gh_passport_v1');
    }
    // An impostor that kept B's answer to an earlier hello (relayed while B was reachable) replays it: it is
    // bound to the old request's jti, so the handshake fails and the passport is still not sent.
    mode = 'replay';
    captured = await (async () => {
      const hello = await gql<NetworkResponse>(a.base, NETWORK_QUERY, { q: MT_SNV }, auth); // relays + keeps
      expect(hello.body.data!.networkBeacon.nodes.find((n) => n.nodeId === 'node-b')!.status).toBe(
        'UNVERIFIED_ANSWER', // the query itself got the kept hello answer back
      );
      return captured;
    })();
    expect(captured).not.toBeNull();
    received.length = 0;
    const again = await ask(auth);
    expect(again.nodeB.status).toBe('UNVERIFIED_ANSWER');
    expect(again.nodeB.message).toContain('(wrong_request)');
    expect(received.map((r) => r.path)).toEqual(['/federation/hello']);
    expect(received[0].claims).not.toHaveProperty('ga4gh_passport_v1');
  });

  it('forwards the passport to the genuine peer once it has proved its key (the signed hello)', async () => {
    mode = 'relay';
    const researcher = await makeActor(a.app!, ['researcher'], { bonaFide: true });
    const got = await ask({ authorization: `Bearer ${researcher.token}` });
    expect(got.nodeB.status).toBe('OK');
    // B recorded the hello and then the query, both from A.
    const events = await b
      .app!.get(DataSource)
      .query<{ action: string; outcome: string }[]>(
        `SELECT action, outcome FROM audit_event WHERE detail->>'clientRequestId' = $1 ORDER BY seq`,
        [got.network.requestId],
      );
    expect(events).toEqual([
      { action: 'federation.hello', outcome: 'allow' },
      { action: 'federation.query', outcome: 'allow' },
    ]);
  });

  it('reports the plain-HTTP warning on the REST network face too', async () => {
    mode = 'relay';
    const res = await fetch(
      `${a.base}/api/network/g_variants?assemblyId=GRCh37&referenceName=MT&start=9&referenceBases=T&alternateBases=C&requestedGranularity=count`,
    );
    const body = (await res.json()) as {
      info: { nodes: { node: string; status: string; insecureTransport: boolean; warning: string | null }[] };
    };
    expect(body.info.nodes.find((n) => n.node === 'node-b')).toMatchObject({
      status: 'ok',
      insecureTransport: true,
      warning: expect.stringMatching(/plain HTTP/),
    });
  });
});
