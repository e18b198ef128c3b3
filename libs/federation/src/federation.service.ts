import { Injectable, Logger } from '@nestjs/common';
import { AuditService } from '@helixgate/audit';
import { BeaconService, engineQueryOf, type BeaconQueryRequest } from '@helixgate/beacon';
import { DomainError, type Caller } from '@helixgate/common';
import { HelixgateConfig } from '@helixgate/config';
import { NodeKeyService } from '@helixgate/identity';
import { RateLimiterService } from '@helixgate/privacy';
import type { JWK } from 'jose';
import { randomUUID } from 'node:crypto';
import type { PeerCountKind, PeerEntity, PeerKind } from './peer.entity';
import { PeerAnswerVerifierService, UnverifiedAnswer } from './peer-answer-verifier.service';
import {
  MAX_FORWARDED_VISAS,
  MAX_PEER_RESPONSE_BYTES,
  PEER_ANSWER_SIGNATURE_HEADER,
  PEER_REQUEST_LIFETIME_S,
  PEER_REQUEST_TYP,
  PEER_SIGNATURE_HEADER,
  beaconV2QueryString,
  forBeaconV2Peer,
  bodyHash,
  parseBeaconV2Answer,
  parsePeerAnswer,
  toPeerAnswer,
  type PeerGranularity,
  type PeerHelloBody,
  type PeerQueryBody,
  type PeerRequestClaims,
  type PeerResultSet,
} from './peer-protocol';
import { PeerRegistryService } from './peer-registry.service';

export const NODE_STATUSES = [
  'ok',
  'denied',
  'timeout',
  'error',
  'invalid_response',
  'unverified_answer',
] as const;
export type NodeStatus = (typeof NODE_STATUSES)[number];

/** The code in the message of a node whose answer was not verified (status `unverified_answer`). */
export const UNVERIFIED_ANSWER = 'UNVERIFIED_ANSWER';

/** The warning every answer from a peer registered over plain HTTP (`--insecure`) carries. */
export const INSECURE_TRANSPORT_WARNING =
  'plain HTTP peer (registered with --insecure): the exchange is not confidential, and the answer is protected only by its signature';
const INSECURE_BEACON_V2_WARNING =
  'plain HTTP peer (registered with --insecure): the exchange is not confidential, and this Beacon v2 answer is unauthenticated';

/** One node's part of a federated answer. Only `ok` nodes carry an answer; the others say why not. */
export interface NodeResult {
  nodeId: string;
  kind: 'local' | PeerKind;
  status: NodeStatus;
  latencyMs: number;
  /** Why a node is not `ok` (a code or a short reason; never a peer's raw body). */
  message: string | null;
  exists: boolean | null;
  numTotalResults: number | null;
  returnedGranularity: PeerGranularity | null;
  resultSets: PeerResultSet[];
  /** The peer is registered over plain HTTP (`--insecure`). */
  insecureTransport: boolean;
  /** A warning the caller should see with this node's answer (e.g. plain HTTP), or null. */
  warning: string | null;
  /** The Beacon warnings the node returned with its answer (an unknown filter term there, ...). */
  warnings: string[];
  /**
   * What `numTotalResults` counts: `variants` for this node and Helixgate peers; for a plain Beacon v2
   * peer what its definition says (`counts`), else `unknown`. Only `variants` are summed.
   */
  countKind: PeerCountKind;
}

export interface NetworkAnswer {
  requestId: string;
  /** Some `ok` node has the variant. */
  exists: boolean;
  /** Sum over the `ok` nodes that returned counts; null when none did. */
  numTotalResults: number | null;
  /** Nodes whose counts are in numTotalResults. */
  countedNodes: string[];
  /** This node first, then the peers in id order. */
  nodes: NodeResult[];
  /** Every `ok` node's Beacon warnings, each prefixed with the node's id (`node-b: filter X is not ...`). */
  warnings: string[];
}

/** A peer's live status (`probe`): a federated answer's statuses, and `disabled` for a peer not asked. */
export interface PeerProbe {
  status: NodeStatus | 'disabled';
  /** Round trip of the probe; null when the peer was not asked. */
  latencyMs: number | null;
  message: string | null;
  checkedAt: Date;
}

type PeerOutcome = Omit<
  NodeResult,
  'nodeId' | 'kind' | 'latencyMs' | 'insecureTransport' | 'warning' | 'countKind'
>;

const failed = (status: Exclude<NodeStatus, 'ok'>, message: string): PeerOutcome => ({
  status,
  message,
  exists: null,
  numTotalResults: null,
  returnedGranularity: null,
  resultSets: [],
  warnings: [],
});

/** A node with no dataset on the assembly that this caller may ask: it answered, and has nothing. */
const nothingVisible = (): PeerOutcome => ({
  status: 'ok',
  message: null,
  exists: false,
  numTotalResults: null,
  returnedGranularity: null,
  resultSets: [],
  warnings: [],
});

class ResponseTooLarge extends Error {}

/** A refused answer, to be audited once the peer's outcome is known. */
interface Refusal {
  peer: string;
  problem: string;
}

/**
 * Federated queries: the local engine and every active peer are asked at once, each peer with a request
 * signed by this node (audience = the peer, 30 s lifetime, fresh jti, body hash, the caller's subject and
 * passport as presented) and the same correlation id; whatever has not answered by the deadline is a
 * `timeout` (its request aborted). A Helixgate peer's answer is merged only when it is signed with a key
 * pinned for that peer and bound to the request's jti, this node (aud), the peer's id and the body received
 * (else `unverified_answer`, audited as `federation.answer_refused`); every answer is size- and
 * shape-checked. A peer registered over plain HTTP (`--insecure`) first proves its key (a signed hello)
 * before the caller's subject and passport are sent to it, and its answers carry a warning.
 */
@Injectable()
export class FederationService {
  private readonly logger = new Logger('Federation');

  constructor(
    private readonly config: HelixgateConfig,
    private readonly beacon: BeaconService,
    private readonly registry: PeerRegistryService,
    private readonly nodeKeys: NodeKeyService,
    private readonly audit: AuditService,
    private readonly rateLimiter: RateLimiterService,
    private readonly answers: PeerAnswerVerifierService,
  ) {}

  get nodeId(): string {
    return this.config.vars.HELIXGATE_NODE_ID;
  }

  /** `passport`: the caller's visa JWTs as presented (forwarded to Helixgate peers, which validate them). */
  async networkQuery(
    caller: Caller,
    request: BeaconQueryRequest,
    passport: readonly string[],
  ): Promise<NetworkAnswer> {
    // The one engine query (every field of BeaconQueryRequest, nothing else) is what the local engine and
    // every peer are asked. A malformed query fails here, once, rather than as N per-node errors.
    const query = engineQueryOf(request);
    await this.beacon.validate(query);
    const deadline = this.config.vars.HELIXGATE_FEDERATION_TIMEOUT_MS;
    const peers = await this.registry.active();
    // Each peer request counts against the caller's query allowance here, before anything is sent: one
    // caller cannot turn this node into an amplifier of N requests per query towards every peer.
    if (peers.length > 0) await this.rateLimiter.check(caller, peers.length);
    // The peer requests are sent first: the local query's work then overlaps their network wait.
    const refusals: Refusal[] = [];
    const asked = peers.map((p) =>
      this.timed(p, p.kind, () =>
        this.askPeer(p, caller, query, passport, Math.min(deadline, p.timeoutMs ?? deadline), refusals),
      ),
    );
    const nodes = await Promise.all([
      this.timed(null, 'local', () => this.askLocal(caller, query)),
      ...asked,
    ]);
    const ok = nodes.filter((n) => n.status === 'ok');
    // Only like is summed with like: counts of variants (a Beacon v2 peer that counts something else, or
    // does not say, is shown per node but left out of the sum).
    const counted = ok.filter((n) => n.numTotalResults !== null && n.countKind === 'variants');
    const answer: NetworkAnswer = {
      requestId: caller.requestId,
      exists: ok.some((n) => n.exists === true),
      numTotalResults: counted.length ? counted.reduce((s, n) => s + n.numTotalResults!, 0) : null,
      countedNodes: counted.map((n) => n.nodeId),
      nodes,
      warnings: ok.flatMap((n) => n.warnings.map((w) => `${n.nodeId}: ${w}`)),
    };
    const detail = {
      peer: nodes.slice(1).map((n) => `${n.nodeId}:${n.status}:${Math.round(n.latencyMs)}ms`),
      count: peers.length,
    };
    if (!this.audit.annotate({ action: 'federation.network_query', detail })) {
      await this.audit.recordFor(caller, { action: 'federation.network_query', outcome: 'allow', detail });
    }
    // Every answer that was not merged because it could not be verified is a refusal of its own.
    for (const r of refusals) {
      await this.audit.recordFor(caller, {
        action: 'federation.answer_refused',
        resource: 'peer',
        outcome: 'deny',
        reason: UNVERIFIED_ANSWER,
        detail: { peer: r.peer, problem: r.problem },
      });
    }
    return answer;
  }

  /** `peer` null: this node. */
  private async timed(
    peer: PeerEntity | null,
    kind: NodeResult['kind'],
    ask: () => Promise<PeerOutcome>,
  ): Promise<NodeResult> {
    const started = performance.now();
    const outcome = await ask();
    const insecure = peer !== null && peer.insecure;
    return {
      nodeId: peer?.id ?? this.nodeId,
      kind,
      latencyMs: Math.round((performance.now() - started) * 1000) / 1000,
      ...outcome,
      insecureTransport: insecure,
      countKind: peer?.kind === 'beacon-v2' ? (peer.counts ?? 'unknown') : 'variants',
      warning: !insecure
        ? null
        : kind === 'beacon-v2'
          ? INSECURE_BEACON_V2_WARNING
          : INSECURE_TRANSPORT_WARNING,
    };
  }

  private async askLocal(caller: Caller, query: BeaconQueryRequest): Promise<PeerOutcome> {
    try {
      const a = toPeerAnswer(this.nodeId, await this.beacon.query(caller, query));
      return { status: 'ok', message: null, ...a };
    } catch (err) {
      if (!(err instanceof DomainError)) throw err;
      if (err.code === 'UNKNOWN_DATASET') return nothingVisible();
      return failed(
        [401, 403, 429].includes(err.httpStatus) ? 'denied' : 'error',
        `${err.code}: ${err.message}`,
      );
    }
  }

  private async askPeer(
    peer: PeerEntity,
    caller: Caller,
    query: BeaconQueryRequest,
    passport: readonly string[],
    timeoutMs: number,
    refusals: Refusal[],
  ): Promise<PeerOutcome> {
    return this.withPeer(peer, caller, timeoutMs, refusals, (signal) => {
      switch (peer.kind) {
        case 'helixgate':
          return this.askHelixgate(peer, caller, query, passport, signal);
        case 'beacon-v2':
          return this.askBeaconV2(peer, caller, query, signal);
        default: {
          const unknown: never = peer.kind;
          return Promise.resolve(failed('error', `unknown peer kind ${String(unknown)}`));
        }
      }
    });
  }

  /**
   * A peer's live status, for its administrators: a Helixgate peer is sent a signed hello, and its answer
   * must be signed for that request with a key pinned for it (so `ok` means reachable, this node trusted
   * there, and its key as pinned here); a plain Beacon v2 peer must answer `GET <base>/info` with 2xx. A
   * disabled peer is not asked. The same statuses as a federated query's per-node answers.
   */
  async probe(caller: Caller, peer: PeerEntity): Promise<PeerProbe> {
    const checkedAt = new Date();
    if (peer.status !== 'active') {
      return {
        status: 'disabled',
        latencyMs: null,
        message: 'disabled: neither asked nor answered',
        checkedAt,
      };
    }
    const deadline = this.config.vars.HELIXGATE_FEDERATION_TIMEOUT_MS;
    const started = performance.now();
    const refusals: Refusal[] = [];
    const outcome = await this.withPeer(
      peer,
      caller,
      Math.min(deadline, peer.timeoutMs ?? deadline),
      refusals,
      async (signal) => {
        if (peer.kind === 'beacon-v2') {
          const res = await fetch(`${peer.baseUrl}/info`, {
            headers: { accept: 'application/json', 'x-request-id': caller.requestId },
            signal,
            redirect: 'error',
          });
          await readLimited(res, signal);
          if (!res.ok) {
            return failed(
              res.status === 401 || res.status === 403 ? 'denied' : 'error',
              `GET /info: ${res.status}`,
            );
          }
          return { ...nothingVisible(), message: 'GET /info answered' };
        }
        const keys = this.answers.prefetch(peer);
        keys.catch(() => undefined);
        const hello = await this.exchange<PeerHelloBody>(
          peer,
          caller,
          'hello',
          { hello: this.nodeId },
          {},
          keys,
          signal,
        );
        if ('problem' in hello) return hello.problem;
        return { ...nothingVisible(), message: 'signed hello answered and verified' };
      },
    );
    for (const r of refusals) {
      await this.audit.recordFor(caller, {
        action: 'federation.answer_refused',
        resource: 'peer',
        outcome: 'deny',
        reason: UNVERIFIED_ANSWER,
        detail: { peer: r.peer, problem: r.problem },
      });
    }
    return {
      status: outcome.status,
      latencyMs: Math.round((performance.now() - started) * 1000) / 1000,
      message: outcome.message,
      checkedAt,
    };
  }

  /** One exchange with a peer under its deadline; a failure becomes the outcome that says why. */
  private async withPeer(
    peer: PeerEntity,
    caller: Caller,
    timeoutMs: number,
    refusals: Refusal[],
    run: (signal: AbortSignal) => Promise<PeerOutcome>,
  ): Promise<PeerOutcome> {
    if (!peer.insecure && !peer.baseUrl.startsWith('https://')) {
      // Registered before plain HTTP needed --insecure (or written to the table by hand): not asked.
      return failed('error', 'plain HTTP peer not registered with --insecure: re-register it, or use https');
    }
    const controller = new AbortController();
    const timer = setTimeout(() => controller.abort(), timeoutMs);
    try {
      return await run(controller.signal);
    } catch (err) {
      if (controller.signal.aborted) return failed('timeout', `no answer within ${timeoutMs} ms`);
      if (err instanceof ResponseTooLarge) return failed('invalid_response', err.message);
      if (err instanceof UnverifiedAnswer) {
        this.logger.warn(
          { peer: peer.id, requestId: caller.requestId, problem: err.problem },
          'peer answer not verified: not merged',
        );
        refusals.push({ peer: peer.id, problem: err.problem });
        return failed('unverified_answer', `${UNVERIFIED_ANSWER} (${err.problem}): ${err.message}`);
      }
      const cause = (err as { cause?: { code?: unknown } }).cause?.code;
      this.logger.warn(
        { peer: peer.id, requestId: caller.requestId, err: err instanceof Error ? err.message : String(err) },
        'peer unreachable',
      );
      return failed('error', typeof cause === 'string' ? `unreachable (${cause})` : 'unreachable');
    } finally {
      clearTimeout(timer);
    }
  }

  private async askHelixgate(
    peer: PeerEntity,
    caller: Caller,
    query: BeaconQueryRequest,
    passport: readonly string[],
    signal: AbortSignal,
  ): Promise<PeerOutcome> {
    // The peer's pinned keys are loaded (or reused) while the request is on its way.
    const keys = this.answers.prefetch(peer);
    keys.catch(() => undefined);
    // Over plain HTTP nothing authenticates the server: before the caller's subject and passport leave this
    // node, whatever listens on the peer's URL must prove it holds the peer's pinned key (a signed hello,
    // bound to a fresh jti). Over https, TLS has authenticated the host already.
    if (peer.insecure && caller.subject) {
      const hello = await this.exchange<PeerHelloBody>(
        peer,
        caller,
        'hello',
        { hello: this.nodeId },
        {},
        keys,
        signal,
      );
      if ('problem' in hello) return hello.problem;
    }
    const body: PeerQueryBody = { query };
    const claims: Partial<PeerRequestClaims> = {
      ...(caller.subject ? { hg_caller_iss: caller.issuer ?? undefined } : {}),
      // The caller's institution as this node verified it (its issuer's institution claim, or the local
      // user's record): the peer charges the privacy budget of that institution, not a fresh one.
      ...(caller.subject && caller.institution ? { hg_caller_institution: caller.institution } : {}),
      ...(caller.subject && passport.length
        ? { ga4gh_passport_v1: passport.slice(0, MAX_FORWARDED_VISAS) }
        : {}),
    };
    const answer = await this.exchange(peer, caller, 'query', body, claims, keys, signal);
    if ('problem' in answer) return answer.problem;
    const parsed = parsePeerAnswer(answer.json, peer.id);
    if ('problem' in parsed) return failed('invalid_response', parsed.problem);
    // A signed answer with no result set: no dataset on the assembly this caller may ask there.
    if (parsed.resultSets.length === 0 && !parsed.exists) return nothingVisible();
    return { status: 'ok', message: null, ...parsed };
  }

  /**
   * One signed request to a Helixgate peer and its answer, verified: returns the answer's JSON, or the
   * outcome of a refusal (401/403: denied; other statuses: error). A 2xx answer that is unsigned, signed
   * with a key not pinned for this peer, bound to another request, node or audience, altered or stale
   * throws UnverifiedAnswer: it is never merged.
   */
  private async exchange<B>(
    peer: PeerEntity,
    caller: Caller,
    endpoint: 'query' | 'hello',
    body: B,
    claims: Partial<PeerRequestClaims>,
    keys: Promise<JWK[]>,
    signal: AbortSignal,
  ): Promise<{ json: unknown } | { problem: PeerOutcome }> {
    const jti = randomUUID();
    const signed: PeerRequestClaims = {
      ...claims,
      hg_body_sha256: bodyHash(body),
      hg_request_id: caller.requestId,
    };
    const jws = await this.nodeKeys.sign(
      { ...signed },
      {
        audience: peer.id,
        expiresIn: Math.floor(Date.now() / 1000) + PEER_REQUEST_LIFETIME_S,
        typ: PEER_REQUEST_TYP,
        jti,
        subject: endpoint === 'query' ? (caller.subject ?? undefined) : undefined,
      },
    );
    const res = await fetch(`${peer.baseUrl}/federation/${endpoint}`, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        accept: 'application/json',
        'x-request-id': caller.requestId,
        [PEER_SIGNATURE_HEADER]: jws,
      },
      body: JSON.stringify(body),
      signal,
      redirect: 'error',
    });
    const text = await readLimited(res, signal);
    if (!res.ok) {
      // The peer's refusal as it gave it: status, code and message (checked and cut short). Unsigned, so
      // never merged: an unsigned 404 "no dataset" is an error here, not an empty answer (a node answers that
      // with a signed empty answer).
      const e = helixgateErrorOf(text);
      const why = [String(res.status), e?.code, e?.message].filter(Boolean).join(' ');
      return { problem: failed(res.status === 401 || res.status === 403 ? 'denied' : 'error', why) };
    }
    const json = parseJson(text);
    await this.answers.verify(
      peer,
      res.headers.get(PEER_ANSWER_SIGNATURE_HEADER),
      json,
      { audience: this.nodeId, requestJti: jti },
      keys,
    );
    return { json };
  }

  /** A plain Beacon v2 service: unsigned GET, no passport, only its boolean/count answer is taken. */
  private async askBeaconV2(
    peer: PeerEntity,
    caller: Caller,
    query: BeaconQueryRequest,
    signal: AbortSignal,
  ): Promise<PeerOutcome> {
    const asked = forBeaconV2Peer(query, peer.referenceNames);
    const res = await fetch(`${peer.baseUrl}/g_variants?${beaconV2QueryString(asked)}`, {
      headers: { accept: 'application/json', 'x-request-id': caller.requestId },
      signal,
      redirect: 'error',
    });
    const text = await readLimited(res, signal);
    const json = parseJson(text);
    const e = beaconErrorOf(json);
    if (!res.ok || e) {
      // A Beacon error passes through with its code and message (checked and cut short).
      const why = e ? `${e.errorCode}${e.errorMessage ? ` ${e.errorMessage}` : ''}` : String(res.status);
      const status = e?.errorCode ?? res.status;
      return failed(status === 401 || status === 403 ? 'denied' : 'error', why);
    }
    const parsed = parseBeaconV2Answer(json);
    if ('problem' in parsed) return failed('invalid_response', parsed.problem);
    return {
      status: 'ok',
      message: null,
      exists: parsed.exists,
      numTotalResults: parsed.numTotalResults,
      returnedGranularity: parsed.granularity,
      resultSets: [],
      warnings: parsed.warnings,
    };
  }
}

/** Reads at most MAX_PEER_RESPONSE_BYTES of a response; a longer one is cut off and refused. */
async function readLimited(res: Response, signal: AbortSignal): Promise<string> {
  const declared = Number(res.headers.get('content-length'));
  if (Number.isFinite(declared) && declared > MAX_PEER_RESPONSE_BYTES) {
    await res.body?.cancel();
    throw new ResponseTooLarge(`answer larger than ${MAX_PEER_RESPONSE_BYTES} bytes`);
  }
  if (!res.body) return '';
  const reader = res.body.getReader() as ReadableStreamDefaultReader<Uint8Array>;
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    if (signal.aborted) throw new Error('aborted');
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > MAX_PEER_RESPONSE_BYTES) {
      await reader.cancel();
      throw new ResponseTooLarge(`answer larger than ${MAX_PEER_RESPONSE_BYTES} bytes`);
    }
    chunks.push(value);
  }
  return Buffer.concat(chunks).toString('utf8');
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}

/** A peer's free text as it may be shown: printable characters only, at most 300 of them. */
function peerText(v: unknown): string | null {
  if (typeof v !== 'string') return null;
  const t = v.replace(/[\u0000-\u001f\u007f-\u009f]+/g, ' ').trim();
  return t ? (t.length > 300 ? `${t.slice(0, 299)}…` : t) : null;
}

/** The code and message of a Helixgate error body (`{ error: { code, message } }`), if it is one. */
function helixgateErrorOf(text: string): { code: string | null; message: string | null } | null {
  const body = parseJson(text) as { error?: { code?: unknown; message?: unknown } } | undefined;
  if (typeof body !== 'object' || body === null || typeof body.error !== 'object' || body.error === null)
    return null;
  const code = body.error.code;
  return {
    code: typeof code === 'string' && /^[A-Z_]{1,64}$/.test(code) ? code : null,
    message: peerText(body.error.message),
  };
}

/** A Beacon v2 `beaconErrorResponse`'s error (`errorCode`, an HTTP-like status, and `errorMessage`). */
function beaconErrorOf(json: unknown): { errorCode: number; errorMessage: string | null } | null {
  const error = (json as { error?: { errorCode?: unknown; errorMessage?: unknown } } | null)?.error;
  if (typeof error !== 'object' || error === null) return null;
  const code = error.errorCode;
  const errorCode =
    typeof code === 'number' && Number.isInteger(code) && code >= 100 && code <= 599
      ? code
      : typeof code === 'string' && /^\d{3}$/.test(code)
        ? Number(code)
        : 500;
  return { errorCode, errorMessage: peerText(error.errorMessage) };
}
