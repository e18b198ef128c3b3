import { SignJWT, calculateJwkThumbprint, exportJWK, generateKeyPair, type CryptoKey, type JWK } from 'jose';
import { UnverifiedAnswer, verifyPeerAnswer, type AnswerRefusal } from './peer-answer-verifier.service';
import { PEER_ANSWER_TYP, PEER_REQUEST_TYP, bodyHash } from './peer-protocol';

const PEER = { id: 'node-b', issuer: 'https://b.example.org' };
const EXPECTED = { peer: PEER, audience: 'node-a', requestJti: 'request-1' };
const BODY = {
  node: 'node-b',
  exists: true,
  numTotalResults: 3,
  returnedGranularity: 'COUNT',
  resultSets: [],
};

describe('verifyPeerAnswer (the asking side)', () => {
  let key: CryptoKey;
  let pinned: JWK[];
  let kid: string;

  beforeAll(async () => {
    const pair = await generateKeyPair('ES256', { extractable: true });
    key = pair.privateKey;
    const jwk = await exportJWK(pair.publicKey);
    kid = await calculateJwkThumbprint(jwk, 'sha256');
    pinned = [{ ...jwk, kid }];
  });

  /** A correctly bound answer; each test changes one thing. */
  const sign = (
    over: {
      typ?: string;
      iss?: string;
      aud?: string;
      node?: string;
      jti?: string;
      iat?: number;
      exp?: number;
    } = {},
    body: unknown = BODY,
  ) => {
    const now = Math.floor(Date.now() / 1000);
    return new SignJWT({
      hg_request_jti: over.jti ?? 'request-1',
      hg_node: over.node ?? 'node-b',
      hg_body_sha256: bodyHash(body),
    })
      .setProtectedHeader({ alg: 'ES256', typ: over.typ ?? PEER_ANSWER_TYP, kid })
      .setIssuer(over.iss ?? PEER.issuer)
      .setAudience(over.aud ?? 'node-a')
      .setIssuedAt(over.iat ?? now)
      .setExpirationTime(over.exp ?? (over.iat ?? now) + 30)
      .setJti('answer-1')
      .sign(key);
  };
  const refusal = async (jws: string | null, ...body: unknown[]): Promise<AnswerRefusal> => {
    try {
      await verifyPeerAnswer(jws, body.length ? body[0] : BODY, pinned, EXPECTED);
    } catch (err) {
      if (err instanceof UnverifiedAnswer) return err.problem;
      throw err;
    }
    throw new Error('the answer was accepted');
  };

  it('accepts an answer bound to this request, this node, the peer and the body', async () => {
    await expect(verifyPeerAnswer(await sign(), BODY, pinned, EXPECTED)).resolves.toMatchObject({
      hg_request_jti: 'request-1',
      hg_node: 'node-b',
    });
  });

  it('refuses an unsigned answer and a signature that is not a JWS', async () => {
    expect(await refusal(null)).toBe('unsigned');
    expect(await refusal('not-a-jws')).toBe('malformed');
  });

  it('refuses an answer for another request, audience, node or issuer', async () => {
    expect(await refusal(await sign({ jti: 'request-0' }))).toBe('wrong_request');
    expect(await refusal(await sign({ aud: 'node-c' }))).toBe('wrong_audience');
    expect(await refusal(await sign({ node: 'node-c' }))).toBe('wrong_node');
    expect(await refusal(await sign({ iss: 'https://c.example.org' }))).toBe('wrong_issuer');
  });

  it('refuses an altered body, a stale answer, one from the future and one claiming a long lifetime', async () => {
    expect(await refusal(await sign(), { ...BODY, numTotalResults: 3000 })).toBe('body_mismatch');
    expect(await refusal(await sign(), undefined)).toBe('body_mismatch');
    const now = Math.floor(Date.now() / 1000);
    expect(await refusal(await sign({ iat: now - 600, exp: now - 570 }))).toBe('stale');
    expect(await refusal(await sign({ iat: now + 600 }))).toBe('stale');
    expect(await refusal(await sign({ exp: now + 3600 }))).toBe('stale');
  });

  it('refuses a peer request JWS presented as an answer (typ)', async () => {
    expect(await refusal(await sign({ typ: PEER_REQUEST_TYP }))).toBe('malformed');
  });
});
