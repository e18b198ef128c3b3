import { Args, Context, Query, Resolver } from '@nestjs/graphql';
import { anonymousCaller } from '@helixgate/common';
import { HelixgateConfig } from '@helixgate/config';
import { randomUUID } from 'node:crypto';
import type { BeaconAnswer } from './beacon-answer';
import { BeaconService } from './beacon.service';
import { BeaconQueryInput } from './dto/beacon-query.input';
import { BeaconGranularity, BeaconResponseModel } from './models/beacon-response.model';

export const BEACON_API_VERSION = 'v2.0.0';

export function toBeaconResponse(
  answer: BeaconAnswer,
  requestId: string,
  beaconId: string,
): BeaconResponseModel {
  return {
    meta: {
      requestId,
      beaconId,
      apiVersion: BEACON_API_VERSION,
      requestedGranularity: answer.requestedGranularity as BeaconGranularity,
      returnedGranularity: answer.returnedGranularity as BeaconGranularity,
    },
    exists: answer.exists,
    numTotalResults: answer.numTotalResults,
    resultSets: answer.resultSets.map((r) => ({ ...r, granularity: r.granularity as BeaconGranularity })),
  };
}

@Resolver(() => BeaconResponseModel)
export class BeaconResolver {
  constructor(
    private readonly beaconService: BeaconService,
    private readonly config: HelixgateConfig,
  ) {}

  // Until identity lands every caller is anonymous; req.id is the correlation id set by pino-http.
  @Query(() => BeaconResponseModel, {
    description: 'Beacon v2 variant query over the datasets visible to the caller',
  })
  async beacon(
    @Args('query') query: BeaconQueryInput,
    @Context('req') req: { id?: unknown } | undefined,
  ): Promise<BeaconResponseModel> {
    const requestId = typeof req?.id === 'string' ? req.id : randomUUID();
    const answer = await this.beaconService.query(anonymousCaller(requestId), query);
    return toBeaconResponse(answer, requestId, this.config.vars.HELIXGATE_NODE_ID);
  }
}
