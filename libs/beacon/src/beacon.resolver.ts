import { CurrentCaller } from '@helixgate/common';
import { Args, Extensions, Query, Resolver } from '@nestjs/graphql';
import type { Caller } from '@helixgate/common';
import { HelixgateConfig } from '@helixgate/config';
import { RATE_LIMIT_COST } from '@helixgate/privacy';
import type { BeaconAnswer } from './beacon-answer';
import { BeaconService } from './beacon.service';
import { BEACON_API_VERSION, beaconIdFor, graphqlGranularity } from './beacon-wire';
import { BeaconQueryInput } from './dto/beacon-query.input';
import { BeaconResponseModel } from './models/beacon-response.model';

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
      requestedGranularity: graphqlGranularity(answer.requestedGranularity),
      returnedGranularity: graphqlGranularity(answer.returnedGranularity),
    },
    exists: answer.exists,
    numTotalResults: answer.numTotalResults,
    resultSets: answer.resultSets.map((r) => ({ ...r, granularity: graphqlGranularity(r.granularity) })),
    warnings: answer.warnings ?? [],
  };
}

@Resolver(() => BeaconResponseModel)
export class BeaconResolver {
  constructor(
    private readonly beaconService: BeaconService,
    private readonly config: HelixgateConfig,
  ) {}

  @Query(() => BeaconResponseModel, {
    description:
      'Beacon v2 variant query over the datasets the caller may query, each answering at the granularity the caller is entitled to',
  })
  // One query against the caller's rate limit, charged for the whole operation before it runs.
  @Extensions({ [RATE_LIMIT_COST]: 1 })
  async beacon(
    @CurrentCaller() caller: Caller,
    @Args('query') query: BeaconQueryInput,
  ): Promise<BeaconResponseModel> {
    const answer = await this.beaconService.query(caller, query);
    // One identity: the beacon id the REST face, /info and service-info give (from HELIXGATE_NODE_ID).
    return toBeaconResponse(answer, caller.requestId, beaconIdFor(this.config.vars.HELIXGATE_NODE_ID));
  }
}
