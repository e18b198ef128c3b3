export {
  beaconErrorOf,
  DomainError,
  type ErrorCode,
  type ErrorReply,
  errorReplyOf,
  graphqlErrorOf,
  restErrorBodyOf,
} from './domain-error';
export {
  anonymousCaller,
  type Caller,
  clientRequestIdOf,
  requestIdOf,
  type Role,
  ROLES,
  type ValidatedVisa,
} from './caller';
export { callerOf, CurrentCaller } from './current-caller';
export { PageInfoModel, pageSizeOf } from './pagination';
export { GraphQLJSON } from './json-scalar';
export {
  parsePolicyYaml,
  type PolicyFail,
  PolicyFileError,
  type PolicyPath,
  readPolicyYaml,
} from './policy-file';
