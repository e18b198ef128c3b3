import { Field, Float, ID, Int, ObjectType, registerEnumType } from '@nestjs/graphql';
import { BeaconGranularity, BeaconResultSetModel } from '@helixgate/beacon';

export enum NodeAnswerStatus {
  OK = 'ok',
  DENIED = 'denied',
  TIMEOUT = 'timeout',
  ERROR = 'error',
  INVALID_RESPONSE = 'invalid_response',
  UNVERIFIED_ANSWER = 'unverified_answer',
}
registerEnumType(NodeAnswerStatus, {
  name: 'NodeAnswerStatus',
  description:
    'OK: answered; DENIED: refused the request (401/403); TIMEOUT: no answer by the deadline; ERROR: unreachable or failed; INVALID_RESPONSE: an oversized or malformed answer, not merged; UNVERIFIED_ANSWER: an answer not signed for this request by a key pinned for that peer (unsigned, another key, another request, altered or stale), not merged',
});

@ObjectType('NetworkNodeResult', { description: "One node's part of a federated answer" })
export class NetworkNodeResultModel {
  @Field(() => ID)
  nodeId: string;

  @Field({ description: 'local (this node), helixgate or beacon-v2' })
  kind: string;

  @Field(() => NodeAnswerStatus)
  status: NodeAnswerStatus;

  @Field(() => Float)
  latencyMs: number;

  @Field(() => String, { nullable: true, description: 'Why the node is not ok' })
  message: string | null;

  @Field(() => Boolean, { nullable: true })
  exists: boolean | null;

  @Field(() => Int, { nullable: true })
  numTotalResults: number | null;

  @Field(() => BeaconGranularity, { nullable: true })
  returnedGranularity: BeaconGranularity | null;

  @Field(() => [BeaconResultSetModel])
  resultSets: BeaconResultSetModel[];

  @Field({
    description:
      'What numTotalResults counts: variants (this node, Helixgate peers), or for a plain Beacon v2 peer what it is registered as counting (individuals, unknown); only variants are summed',
  })
  countKind: string;

  @Field({ description: 'The peer is registered over plain HTTP (--insecure): see warning' })
  insecureTransport: boolean;

  @Field(() => String, { nullable: true, description: "A warning to read with this node's answer" })
  warning: string | null;

  @Field(() => [String], {
    description:
      'The Beacon warnings this node returned with its answer (an unknown filter term there, a cohort below its count floor, ...)',
  })
  warnings: string[];
}

@ObjectType('NetworkBeaconResponse', { description: 'This node and every active peer, asked at once' })
export class NetworkBeaconResponseModel {
  @Field({ description: 'Correlation id, the same on every node asked' })
  requestId: string;

  @Field({ description: 'Some node that answered ok has the variant' })
  exists: boolean;

  @Field(() => Int, { nullable: true, description: 'Sum over the ok nodes that returned counts' })
  numTotalResults: number | null;

  @Field(() => [String], { description: 'Nodes whose counts are in numTotalResults' })
  countedNodes: string[];

  @Field(() => [NetworkNodeResultModel], { description: 'This node first, then the peers' })
  nodes: NetworkNodeResultModel[];

  @Field(() => [String], {
    description:
      "Every answering node's Beacon warnings, each prefixed with its node id (`node-b: filter X is not a filtering term ...`)",
  })
  warnings: string[];
}
