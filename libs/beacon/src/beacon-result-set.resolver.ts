import { Parent, ResolveField, Resolver } from '@nestjs/graphql';
import { BeaconResultSetModel, CountPrecision } from './models/beacon-response.model';

/**
 * The count precisions as the CountPrecision enum (issue 11: enums instead of strings). The answers keep the
 * Beacon v2 lower-case strings (REST, peers, the deprecated String fields); these fields map them to the enum.
 */
@Resolver(() => BeaconResultSetModel)
export class BeaconResultSetResolver {
  @ResolveField(() => CountPrecision, {
    nullable: true,
    description:
      'How the carrier and allele counts were released (Beacon v2 countPrecision): EXACT, IMPRECISE (a small count reported as the floor countAdjustedTo) or ROUNDED (to multiples of countAdjustedTo); null when no count was released',
  })
  precision(@Parent() r: BeaconResultSetModel): CountPrecision | null {
    return (r.countPrecision as CountPrecision | null) ?? null;
  }

  @ResolveField(() => CountPrecision, {
    nullable: true,
    description:
      'How count (the matching variants) was released: EXACT, or IMPRECISE when the privacy guard may have left alleles out of it (decided from the reference panel and the query, never from the data)',
  })
  resultsPrecision(@Parent() r: BeaconResultSetModel): CountPrecision | null {
    return (r.resultsCountPrecision as CountPrecision | null | undefined) ?? null;
  }
}
