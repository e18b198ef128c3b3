export {
  BEACON_QUERY_FIELDS,
  type BeaconQueryRequest,
  engineQueryOf,
  type Granularity,
  parseAssembly,
  parseEngineQuery,
} from './beacon-query';
export {
  BEACON_API_VERSION,
  beaconIdFor,
  graphqlGranularity,
  includesResultSet,
  isBeaconGranularityName,
  isGranularity,
  wireGranularity,
} from './beacon-wire';
export { type BeaconAnswer } from './beacon-answer';
export { BeaconRepository } from './beacon.repository';
export { BeaconService } from './beacon.service';
export { BeaconModule } from './beacon.module';
export { BeaconGranularity, BeaconResultSetModel } from './models/beacon-response.model';
export { BeaconQueryInput } from './dto/beacon-query.input';
export { BeaconRestModule } from './rest/beacon-rest.module';
export { BeaconErrorFilter, type WithBeaconRequest } from './rest/beacon-error.filter';
export { BeaconPostGuard } from './rest/beacon-post.guard';
export { beaconIndividual } from './rest/beacon-rest.service';
export {
  type BeaconRestRequest,
  parseBeaconQueryString,
  parseBeaconRequestBody,
  refuseUnserved,
  toEngineQuery,
} from './rest/beacon-request';
export {
  countLabel,
  countsInfo,
  responseMeta,
  returnedSchemas,
  servedVersion,
  sumLabel,
} from './rest/beacon-response';
export {
  genomicVariantRecord,
  refseqAccession,
  type VariantRecordLike,
  zygosityOf,
} from './rest/genomic-variant-record';
