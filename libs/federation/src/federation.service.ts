import { Injectable, Logger } from '@nestjs/common';
import { AuditService } from '@helixgate/audit';
import { BeaconService, engineQueryOf, type BeaconQueryRequest } from '@helixgate/beacon';
import { DomainError, type Caller } from '@helixgate/common';
import { HelixgateConfig } from '@helixgate/config';
import { NodeKeyService } from '@helixgate/identity';
import { RateLimiterService } from '@helixgate/privacy';
import type { PeerEntity, PeerKind } from './peer.entity';
import {
  MAX_FORWARDED_VISAS,
  MAX_PEER_RESPONSE_BYTES,
  PEER_REQUEST_LIFETIME_S,
  PEER_REQUEST_TYP,
  PEER_SIGNATURE_HEADER,
  beaconV2QueryString,
  bodyHash,
  parseBeaconV2Answer,
  parsePeerAnswer,
  toPeerAnswer,
  type PeerGranularity,
  type PeerQueryBody,
  type PeerRequestClaims,
  type PeerResultSet,
} from './peer-protocol';
import { PeerRegistryService } from './peer-registry.service';

export const NODE_STATUSES = ['ok', 'denied', 'timeout', 'error', 'invalid_response'] as const;
export type NodeStatus = (typeof NODE_STATUSES)[number];

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
}

type PeerOutcome = Omit<NodeResult, 'nodeId' | 'kind' | 'latencyMs'>;

const failed = (status: Exclude<NodeStatus, 'ok'>, message: string): PeerOutcome => ({
  status,
  message,
  exists: null,
  numTotalResults: null,
  returnedGranularity: null,
  resultSets: [],
});

/** A node with no dataset on the assembly that this caller may ask: it answered, and has nothing. */
const nothingVisible = (): PeerOutcome => ({
  status: 'ok',
  message: null,
  exists: false,
  numTotalResults: null,
  returnedGranularity: null,
  resultSets: [],
});

class ResponseTooLarge extends Error {}

/**
 * Federated queries: the local engine and every active peer are asked at once, each peer with a request
 * signed by this node (audience = the peer, 30 s lifetime, fresh jti, body hash, the caller's subject and
 * passport as presented) and the same correlation id; whatever has not answered by the deadline is a
 * `timeout` (its request aborted). Each answer is size- and shape-checked before it is merged.
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
    if (peers.length > 0) this.rateLimiter.check(caller, peers.length);
    // The peer requests are sent first: the local query's work then overlaps their network wait.
    const asked = peers.map((p) =>
      this.timed(p.id, p.kind, () =>
        this.askPeer(p, caller, query, passport, Math.min(deadline, p.timeoutMs ?? deadline)),
      ),
    );
    const nodes = await Promise.all([
      this.timed(this.nodeId, 'local', () => this.askLocal(caller, query)),
      ...asked,
    ]);
    const ok = nodes.filter((n) => n.status === 'ok');
    const counted = ok.filter((n) => n.numTotalResults !== null);
    const answer: NetworkAnswer = {
      requestId: caller.requestId,
      exists: ok.some((n) => n.exists === true),
      numTotalResults: counted.length ? counted.reduce((s, n) => s + n.numTotalResults!, 0) : null,
      countedNodes: counted.map((n) => n.nodeId),
      nodes,
    };
    const detail = {
      peer: nodes.slice(1).map((n) => `${n.nodeId}:${n.status}:${Math.round(n.latencyMs)}ms`),
      count: peers.length,
    };
    if (!this.audit.annotate({ action: 'federation.network_query', detail })) {
      await this.audit.recordFor(caller, { action: 'federation.network_query', outcome: 'allow', detail });
    }
    return answer;
  }

  private async timed(
    nodeId: string,
    kind: NodeResult['kind'],
    ask: () => Promise<PeerOutcome>,
  ): Promise<NodeResult> {
    const started = performance.now();
    const outcome = await ask();
    return { nodeId, kind, latencyMs: Math.round((performance.now() - started) * 1000) / 1000, ...outcome };
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
  ): Promise<PeerOutcome> {
    const controller = new AbortController();
    const timer = setTimeout(() => controller.abort(), timeoutMs);
    try {
      switch (peer.kind) {
        case 'helixgate':
          return await this.askHelixgate(peer, caller, query, passport, controller.signal);
        case 'beacon-v2':
          return await this.askBeaconV2(peer, caller, query, controller.signal);
        default: {
          const unknown: never = peer.kind;
          return failed('error', `unknown peer kind ${String(unknown)}`);
        }
      }
    } catch (err) {
      if (controller.signal.aborted) return failed('timeout', `no answer within ${timeoutMs} ms`);
      if (err instanceof ResponseTooLarge) return failed('invalid_response', err.message);
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
    const body: PeerQueryBody = { query };
    const claims: PeerRequestClaims = {
      hg_body_sha256: bodyHash(body),
      hg_request_id: caller.requestId,
      ...(caller.subject ? { hg_caller_iss: caller.issuer ?? undefined } : {}),
      ...(caller.subject && passport.length
        ? { ga4gh_passport_v1: passport.slice(0, MAX_FORWARDED_VISAS) }
        : {}),
    };
    const jws = await this.nodeKeys.sign(
      { ...claims },
      {
        audience: peer.id,
        expiresIn: Math.floor(Date.now() / 1000) + PEER_REQUEST_LIFETIME_S,
        typ: PEER_REQUEST_TYP,
        subject: caller.subject ?? undefined,
      },
    );
    const res = await fetch(`${peer.baseUrl}/federation/query`, {
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
      const e = helixgateErrorOf(text);
      if (res.status === 404 && e?.code === 'UNKNOWN_DATASET') return nothingVisible();
      // The peer's refusal as it gave it: status, code and message (checked and cut short).
      const why = [String(res.status), e?.code, e?.message].filter(Boolean).join(' ');
      return failed(res.status === 401 || res.status === 403 ? 'denied' : 'error', why);
    }
    const parsed = parsePeerAnswer(parseJson(text), peer.id);
    if ('problem' in parsed) return failed('invalid_response', parsed.problem);
    return { status: 'ok', message: null, ...parsed };
  }

  /** A plain Beacon v2 service: unsigned GET, no passport, only its boolean/count answer is taken. */
  private async askBeaconV2(
    peer: PeerEntity,
    caller: Caller,
    query: BeaconQueryRequest,
    signal: AbortSignal,
  ): Promise<PeerOutcome> {
    const res = await fetch(`${peer.baseUrl}/g_variants?${beaconV2QueryString(query)}`, {
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
