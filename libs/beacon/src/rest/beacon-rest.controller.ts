import {
  Body,
  Controller,
  Get,
  HttpCode,
  Param,
  Post,
  Query,
  Req,
  UseFilters,
  UseGuards,
} from '@nestjs/common';
import { DomainError, type Caller, CurrentCaller } from '@helixgate/common';
import { HelixgateConfig } from '@helixgate/config';
import { parseAssembly } from '../beacon-query';
import { beaconApiVersionOf, type BeaconApiVersion } from '../beacon-wire';
import {
  parseBeaconQueryString,
  parseInformationalRequest,
  parseBeaconRequestBody,
  parseCollectionRequest,
  parseIndividualsRequest,
  parseVariantId,
  refuseFilters,
  type BeaconRestRequest,
  type InformationalRequest,
} from './beacon-request';
import { BeaconErrorFilter, type WithBeaconRequest } from './beacon-error.filter';
import { BeaconPostGuard } from './beacon-post.guard';
import { BeaconRestService } from './beacon-rest.service';
import type { BeaconHttpRequest } from './beacon-http-request';

type HttpRequest = BeaconHttpRequest & WithBeaconRequest;
type Query = Record<string, unknown>;

/**
 * GA4GH Beacon v2 REST endpoints under `/api`, GET and POST alike. Thin: parsing and response shapes
 * live in beacon-request.ts / beacon-response.ts, the answers in BeaconService (the same engine as the
 * GraphQL `beacon` query). Every error leaves as a Beacon error envelope (BeaconErrorFilter).
 */
@Controller('api')
@UseFilters(BeaconErrorFilter)
@UseGuards(BeaconPostGuard)
export class BeaconRestController {
  constructor(
    private readonly rest: BeaconRestService,
    private readonly config: HelixgateConfig,
  ) {}

  /** The public base URL: HELIXGATE_ISSUER when set (the node's public URL), else this request's host. */
  private baseUrl(req: HttpRequest): string {
    return this.config.vars.HELIXGATE_ISSUER?.replace(/\/+$/, '') ?? `${req.protocol}://${req.get('host')}`;
  }

  /** Keeps the parsed request for the error envelope's receivedRequestSummary. */
  private remember(req: HttpRequest, parse: () => BeaconRestRequest): BeaconRestRequest {
    req.beaconRequest = parse();
    return req.beaconRequest;
  }

  @Get()
  root(@Query() query: Query) {
    return this.rest.info(version(parseInformationalRequest('info', 'GET', query)));
  }

  @Post()
  @HttpCode(200)
  rootPost(@Body() body: unknown) {
    return this.rest.info(version(parseInformationalRequest('info', 'POST', body)));
  }

  @Get('info')
  info(@Query() query: Query) {
    return this.rest.info(version(parseInformationalRequest('info', 'GET', query)));
  }

  @Post('info')
  @HttpCode(200)
  infoPost(@Body() body: unknown) {
    return this.rest.info(version(parseInformationalRequest('info', 'POST', body)));
  }

  @Get('service-info')
  serviceInfo(@Req() req: HttpRequest, @Query() query: Query) {
    parseInformationalRequest('service-info', 'GET', query);
    return this.rest.serviceInfo(this.baseUrl(req));
  }

  @Post('service-info')
  @HttpCode(200)
  serviceInfoPost(@Req() req: HttpRequest, @Body() body: unknown) {
    parseInformationalRequest('service-info', 'POST', body);
    return this.rest.serviceInfo(this.baseUrl(req));
  }

  @Get('configuration')
  configuration(@Query() query: Query) {
    return this.rest.configuration(version(parseInformationalRequest('configuration', 'GET', query)));
  }

  @Post('configuration')
  @HttpCode(200)
  configurationPost(@Body() body: unknown) {
    return this.rest.configuration(version(parseInformationalRequest('configuration', 'POST', body)));
  }

  @Get('map')
  map(@Req() req: HttpRequest, @Query() query: Query) {
    return this.rest.map(this.baseUrl(req), version(parseInformationalRequest('map', 'GET', query)));
  }

  @Post('map')
  @HttpCode(200)
  mapPost(@Req() req: HttpRequest, @Body() body: unknown) {
    return this.rest.map(this.baseUrl(req), version(parseInformationalRequest('map', 'POST', body)));
  }

  @Get('entry_types')
  entryTypes(@Query() query: Query) {
    return this.rest.entryTypesResponse(version(parseInformationalRequest('entry_types', 'GET', query)));
  }

  @Post('entry_types')
  @HttpCode(200)
  entryTypesPost(@Body() body: unknown) {
    return this.rest.entryTypesResponse(version(parseInformationalRequest('entry_types', 'POST', body)));
  }

  @Get('filtering_terms')
  filteringTerms(@CurrentCaller() caller: Caller, @Query() query: Query) {
    return this.rest.filteringTerms(caller, parseInformationalRequest('filtering_terms', 'GET', query));
  }

  @Post('filtering_terms')
  @HttpCode(200)
  filteringTermsPost(@CurrentCaller() caller: Caller, @Body() body: unknown) {
    return this.rest.filteringTerms(caller, parseInformationalRequest('filtering_terms', 'POST', body));
  }

  @Get('datasets')
  datasets(@CurrentCaller() caller: Caller, @Req() req: HttpRequest, @Query() query: Query) {
    const parsed = this.remember(req, () => refuseFilters(parseCollectionRequest('GET', query), '/datasets'));
    return this.rest.datasetsResponse(caller, parsed);
  }

  @Post('datasets')
  @HttpCode(200)
  datasetsPost(@CurrentCaller() caller: Caller, @Req() req: HttpRequest, @Body() body: unknown) {
    const parsed = this.remember(req, () => refuseFilters(parseCollectionRequest('POST', body), '/datasets'));
    return this.rest.datasetsResponse(caller, parsed);
  }

  @Get('datasets/:id')
  dataset(
    @CurrentCaller() caller: Caller,
    @Req() req: HttpRequest,
    @Param('id') id: string,
    @Query() query: Query,
  ) {
    const parsed = this.remember(req, () => refuseFilters(parseCollectionRequest('GET', query), '/datasets'));
    return this.rest.datasetsResponse(caller, parsed, id);
  }

  @Post('datasets/:id')
  @HttpCode(200)
  datasetPost(
    @CurrentCaller() caller: Caller,
    @Req() req: HttpRequest,
    @Param('id') id: string,
    @Body() body: unknown,
  ) {
    const parsed = this.remember(req, () => refuseFilters(parseCollectionRequest('POST', body), '/datasets'));
    return this.rest.datasetsResponse(caller, parsed, id);
  }

  @Get('g_variants')
  variants(@CurrentCaller() caller: Caller, @Req() req: HttpRequest, @Query() query: Query) {
    const parsed = this.remember(req, () => parseBeaconQueryString(query));
    return this.rest.variants(caller, parsed, this.baseUrl(req));
  }

  @Post('g_variants')
  @HttpCode(200)
  variantsPost(@CurrentCaller() caller: Caller, @Req() req: HttpRequest, @Body() body: unknown) {
    const parsed = this.remember(req, () => parseBeaconRequestBody(body));
    return this.rest.variants(caller, parsed, this.baseUrl(req));
  }

  @Get('g_variants/:id')
  variant(
    @CurrentCaller() caller: Caller,
    @Req() req: HttpRequest,
    @Param('id') id: string,
    @Query() query: Query,
  ) {
    const parsed = this.remember(req, () => withVariantId(parseBeaconQueryString(query), id));
    return this.rest.variants(caller, parsed, this.baseUrl(req));
  }

  @Post('g_variants/:id')
  @HttpCode(200)
  variantPost(
    @CurrentCaller() caller: Caller,
    @Req() req: HttpRequest,
    @Param('id') id: string,
    @Body() body: unknown,
  ) {
    const parsed = this.remember(req, () => withVariantId(parseBeaconRequestBody(body), id));
    return this.rest.variants(caller, parsed, this.baseUrl(req));
  }

  @Get('individuals')
  individuals(@CurrentCaller() caller: Caller, @Req() req: HttpRequest, @Query() query: Query) {
    const parsed = this.remember(req, () => parseIndividualsRequest('GET', query));
    return this.rest.individualsResponse(caller, parsed);
  }

  @Post('individuals')
  @HttpCode(200)
  individualsPost(@CurrentCaller() caller: Caller, @Req() req: HttpRequest, @Body() body: unknown) {
    const parsed = this.remember(req, () => parseIndividualsRequest('POST', body));
    return this.rest.individualsResponse(caller, parsed);
  }

  @Get('individuals/:id')
  individual(
    @CurrentCaller() caller: Caller,
    @Req() req: HttpRequest,
    @Param('id') id: string,
    @Query() query: Query,
  ) {
    const parsed = this.remember(req, () => parseIndividualsRequest('GET', query));
    return this.rest.individual(caller, parsed, id);
  }

  @Post('individuals/:id')
  @HttpCode(200)
  individualPost(
    @CurrentCaller() caller: Caller,
    @Req() req: HttpRequest,
    @Param('id') id: string,
    @Body() body: unknown,
  ) {
    const parsed = this.remember(req, () => parseIndividualsRequest('POST', body));
    return this.rest.individual(caller, parsed, id);
  }
}

/** The Beacon version an informational request is answered in (beacon-wire.ts `beaconApiVersionOf`). */
function version(req: InformationalRequest): BeaconApiVersion {
  return beaconApiVersionOf(req.apiVersion);
}

/** The id names the variant; only the assembly, datasets and response options may come with it. */
function withVariantId(parsed: BeaconRestRequest, id: string): BeaconRestRequest {
  const extra = Object.keys(parsed.parameters).filter((k) => k !== 'assemblyId' && k !== 'datasetIds');
  if (extra.length) {
    throw new DomainError('BAD_REQUEST', `${extra.join(', ')} cannot be given with a variant id`);
  }
  const fromId = parseVariantId(id);
  const given = parsed.parameters.assemblyId;
  if (given !== undefined && fromId.assemblyId !== undefined) {
    // The id's assembly and a parameter that says otherwise: refused, never one of them silently.
    if (parseAssembly(given) !== parseAssembly(fromId.assemblyId)) {
      throw new DomainError(
        'INVALID_ASSEMBLY',
        `assemblyId ${given.slice(0, 40)} is not the assembly of variant ${id.slice(0, 80)}`,
      );
    }
  }
  return {
    ...parsed,
    parameters: { ...parsed.parameters, ...fromId, assemblyId: given ?? fromId.assemblyId },
  };
}
