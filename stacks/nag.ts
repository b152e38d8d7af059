/**
 * The cdk-nag (AwsSolutions) findings we accept, each with its reason, next to
 * the resource it is about. The infra tests run the pack over every stack and
 * fail on any finding not listed here.
 */
import { NagSuppressions, type NagPackSuppression } from "cdk-nag";
import type { IConstruct } from "constructs";
import type { Stack } from "sst/constructs";

export type Suppression = NagPackSuppression;

/** Accepts these findings on a construct and everything under it. */
export function accept(construct: IConstruct | undefined, suppressions: Suppression[]) {
  if (construct) NagSuppressions.addResourceSuppressions(construct, suppressions, true);
}

const BASIC_EXECUTION_ROLE = "Policy::arn:<AWS::Partition>:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole";

/** The managed policy every Lambda role here has: it only lets the function write its own logs. */
export const LOGS_ROLE: Suppression = {
  id: "AwsSolutions-IAM4",
  reason: "AWSLambdaBasicExecutionRole only allows writing the function's CloudWatch logs (CreateLogGroup, CreateLogStream, PutLogEvents).",
  appliesTo: [BASIC_EXECUTION_ROLE],
};

/** What SST adds to each of our functions: X-Ray tracing, which has no resource-level permissions. */
export const XRAY: Suppression = {
  id: "AwsSolutions-IAM5",
  reason: "xray:PutTraceSegments and xray:PutTelemetryRecords do not support resource-level permissions; the only '*' is theirs.",
  appliesTo: ["Resource::*"],
};

/** The table grant reaches the table's own indexes (queries on GSIs), by the ARN suffix /index/*. */
export const TABLE_INDEXES: Suppression = {
  id: "AwsSolutions-IAM5",
  reason: "The wildcard is the table's own global secondary indexes (<table ARN>/index/*), which Query needs; the actions are listed one by one.",
  appliesTo: [{ regex: "/^Resource::.*Database.*\\/index\\/\\*$/g" }],
};

/** The deploy-time handlers that SST and CDK bring (not our code; they run only during a deploy). */
export const DEPLOY_TIME_HANDLER: Suppression[] = [
  { id: "AwsSolutions-L1", reason: "A deploy-time custom-resource handler provided by SST or CDK, with the runtime its library pins; it serves no requests." },
  LOGS_ROLE,
];

/** SST's custom-resource handler, one per stack. */
export function acceptStackHandlers(stack: Stack) {
  accept(stack.customResourceHandler, DEPLOY_TIME_HANDLER);
}
