import {
  Body,
  Controller,
  Get,
  HttpCode,
  Post,
  Query,
  Req,
  Res,
  UseFilters,
  UseGuards,
} from '@nestjs/common';
import { AuditService } from '@helixgate/audit';
import {
  BeaconErrorFilter,
  BeaconPostGuard,
  BeaconService,
  beaconIdFor,
  countLabel,
  countsInfo,
  includesResultSet,
  parseEngineQuery,
  parseBeaconQueryString,
  parseBeaconRequestBody,
  refuseUnserved,
  responseMeta,
  returnedSchemas,
  servedVersion,
  sumLabel,
  toEngineQuery,
  type BeaconRestRequest,
  type WithBeaconRequest,
} from '@helixgate/beacon';
import { DomainError, type Caller, CurrentCaller } from '@helixgate/common';
import { HelixgateConfig } from '@helixgate/config';
import { forwardablePassport } from './forwarded-passport';
import { FederationService, type NetworkAnswer } from './federation.service';
import { PeerAnswerSignerService } from './peer-answer-signer.service';
import {
  PEER_ANSWER_SIGNATURE_HEADER,
  PEER_SIGNATURE_HEADER,
  toPeerAnswer,
  type PeerAnswer,
  type PeerHelloAnswer,
} from './peer-protocol';
import { PeerRequestGuard } from './peer-request.guard';

interface HttpRequest {
  headers: Record<string, string | string[] | undefined>;
}
interface HttpResponse {
  setHeader(name: string, value: string): void;
}

/**
 * The inbound side: `POST /federation/query`, answered only for a registered peer's signed request (the
 * guard), by the local engine, as the peer-vouched caller. The answer is aggregates only (PeerAnswer), and
 * signed (x-helixgate-answer-signature) for the request it answers: the asking node merges nothing it
 * cannot verify against this node's pinned keys. `POST /federation/hello` is the signed handshake an asking
 * node makes before it forwards a passport over plain HTTP: it answers only this node's id, signed.
 */
@Controller('federation')
export class FederationController {
  constructor(
    private readonly beacon: BeaconService,
    private readonly audit: AuditService,
    private readonly config: HelixgateConfig,
    private readonly signer: PeerAnswerSignerService,
  ) {}

  @Post('query')
  @HttpCode(200)
  @UseGuards(PeerRequestGuard)
  async query(
    @CurrentCaller() caller: Caller,
    @Body() body: unknown,
    @Req() req: HttpRequest,
    @Res({ passthrough: true }) res: HttpResponse,
  ): Promise<PeerAnswer> {
    const raw = (body as { query?: unknown } | undefined)?.query;
    if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) {
      throw new DomainError('BAD_REQUEST', 'a peer query body is { query: <beacon query> }');
    }
    this.audit.annotate({ action: 'federation.query', detail: { peer: caller.viaPeer ?? null } });
    // The asking node's engine query, field for field; a field this node does not know is refused.
    const query = parseEngineQuery(raw);
    const node = this.config.vars.HELIXGATE_NODE_ID;
    let answer: PeerAnswer;
    try {
      answer = toPeerAnswer(node, await this.beacon.query(caller, query));
    } catch (err) {
      // No dataset on the assembly this caller may ask: a signed empty answer (no result sets), which the
      // asking node reports as `ok`, nothing visible — an unsigned 404 could be anyone's.
      if (!(err instanceof DomainError) || err.code !== 'UNKNOWN_DATASET') throw err;
      this.audit.annotate({ detail: { nothingVisible: true } });
      answer = {
        node,
        exists: false,
        numTotalResults: null,
        returnedGranularity: 'BOOLEAN',
        resultSets: [],
        warnings: [],
      };
    }
    res.setHeader(PEER_ANSWER_SIGNATURE_HEADER, await this.sign(req, caller, answer));
    return answer;
  }

  @Post('hello')
  @HttpCode(200)
  @UseGuards(PeerRequestGuard)
  async hello(
    @CurrentCaller() caller: Caller,
    @Req() req: HttpRequest,
    @Res({ passthrough: true }) res: HttpResponse,
  ): Promise<PeerHelloAnswer> {
    this.audit.annotate({ action: 'federation.hello', detail: { peer: caller.viaPeer ?? null } });
    const answer: PeerHelloAnswer = { node: this.config.vars.HELIXGATE_NODE_ID };
    res.setHeader(PEER_ANSWER_SIGNATURE_HEADER, await this.sign(req, caller, answer));
    return answer;
  }

  private sign(req: HttpRequest, caller: Caller, answer: unknown): Promise<string> {
    const jws = req.headers[PEER_SIGNATURE_HEADER];
    if (typeof jws !== 'string' || !caller.viaPeer)
      throw new Error('a peer answer without a verified peer request');
    return this.signer.sign(jws, caller.viaPeer, answer);
  }
}

/**
 * The network face of the Beacon v2 REST API: `/api/network/g_variants` (GET with query parameters, POST
 * with a Beacon request body) asks this node and every active peer. The response is a Beacon v2 response
 * whose summary is the aggregate and whose result sets are per node and dataset (`id` = `<node>/<dataset>`);
 * `info.nodes` gives every node's status and latency. Its errors (a refused token, a bad request, a rate limit)
 * leave as a Beacon `beaconErrorResponse`, like every other Beacon route's (BeaconErrorFilter).
 */
@Controller('api/network')
@UseFilters(BeaconErrorFilter)
@UseGuards(BeaconPostGuard)
export class NetworkBeaconController {
  constructor(
    private readonly federation: FederationService,
    private readonly config: HelixgateConfig,
  ) {}

  @Get('g_variants')
  variants(
    @CurrentCaller() caller: Caller,
    @Req() req: HttpRequest & WithBeaconRequest,
    @Query() query: Record<string, unknown>,
  ) {
    return this.answer(caller, req, (req.beaconRequest = parseBeaconQueryString(query)));
  }

  @Post('g_variants')
  @HttpCode(200)
  variantsPost(
    @CurrentCaller() caller: Caller,
    @Req() req: HttpRequest & WithBeaconRequest,
    @Body() body: unknown,
  ) {
    // Kept on the request so that an error after parsing still summarises it (BeaconErrorFilter).
    return this.answer(caller, req, (req.beaconRequest = parseBeaconRequestBody(body)));
  }

  private async answer(caller: Caller, req: HttpRequest, parsed: BeaconRestRequest) {
    // As on /api/g_variants: no other schema, and no test mode (no test data on any node).
    refuseUnserved(parsed, 'genomicVariant');
    const network = await this.federation.networkQuery(
      caller,
      toEngineQuery(parsed),
      forwardablePassport(caller, req.headers.authorization),
    );
    return networkBeaconResponse(beaconIdFor(this.config.vars.HELIXGATE_NODE_ID), parsed, network);
  }
}

export function networkBeaconResponse(beaconId: string, req: BeaconRestRequest, a: NetworkAnswer) {
  const ok = a.nodes.filter((n) => n.status === 'ok');
  const counted = a.numTotalResults !== null && ok.every((n) => n.returnedGranularity !== 'BOOLEAN');
  const meta = responseMeta(beaconId, req, counted ? 'count' : 'boolean', returnedSchemas('genomicVariant'));
  const resultSets = ok.flatMap((n) =>
    n.resultSets
      .filter(
        (r) => r.granularity !== 'BOOLEAN' && includesResultSet(r.exists, req.includeResultsetResponses),
      )
      .map((r) => ({
        id: `${n.nodeId}/${r.datasetId}`,
        setType: 'dataset',
        exists: r.exists,
        resultsCount: r.count ?? 0,
        // How resultsCount was released, as the node said (absent from a node that predates the field).
        ...(r.resultsCountPrecision ? { countPrecision: r.resultsCountPrecision } : {}),
        results: [] as object[],
        // The same counts, with the same precision labels, as the node's own REST face gives.
        info: { node: n.nodeId, granularity: r.granularity, ...countsInfo(r) },
      })),
  );
  // v2.2: the sum is labelled as its least precise part, over every counted result set (listed or not);
  // a node that said nothing of its resultsCount (a plain Beacon v2 peer) is taken at its word: exact.
  const label =
    counted && servedVersion(req) === 'v2.2.0'
      ? sumLabel(
          ok.flatMap((n) =>
            n.resultSets
              .filter((r) => r.granularity !== 'BOOLEAN')
              .map((r) => countLabel(r.resultsCountPrecision)),
          ),
        )
      : {};
  return {
    meta,
    responseSummary: counted
      ? { exists: a.exists, numTotalResults: a.numTotalResults ?? 0, ...label }
      : { exists: a.exists },
    ...(counted && req.includeResultsetResponses !== 'NONE' ? { response: { resultSets } } : {}),
    info: {
      requestId: a.requestId,
      // Every answering node's Beacon warnings, prefixed with its id (the local face's info.warnings).
      ...(a.warnings.length ? { warnings: a.warnings } : {}),
      numTotalResultsOver: a.countedNodes,
      nodes: a.nodes.map((n) => ({
        node: n.nodeId,
        kind: n.kind,
        status: n.status,
        latencyMs: n.latencyMs,
        message: n.message,
        exists: n.exists,
        numTotalResults: n.numTotalResults,
        returnedGranularity: n.returnedGranularity,
        countKind: n.countKind,
        insecureTransport: n.insecureTransport,
        warning: n.warning,
        warnings: n.warnings,
      })),
    },
  };
}
