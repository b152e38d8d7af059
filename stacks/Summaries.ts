import { Duration, RemovalPolicy } from "aws-cdk-lib";
import { FilterPattern, LogGroup, MetricFilter, RetentionDays } from "aws-cdk-lib/aws-logs";
import { RuleTargetInput } from "aws-cdk-lib/aws-events";
import { SqsDestination } from "aws-cdk-lib/aws-lambda-destinations";
import { Queue, QueueEncryption } from "aws-cdk-lib/aws-sqs";
import { Cron, use, type App, type StackContext } from "sst/constructs";
import { Schedule } from "../packages/core/src/summary";
import { Database } from "./Database";
import { TABLE_ACCESS, tableAccess } from "./dynamo";
import { sesMail } from "./mail";
import { accept, acceptStackHandlers, LOGS_ROLE, TABLE_INDEXES, XRAY } from "./nag";

/** Where the statement run's failures are counted (a metric filter on its log line), per stage. */
export const statementMetrics = (stage: string) => ({ namespace: `SecretariatTracker/${stage}`, failed: "StatementFailures" });

/**
 * The statement runs with failed recipients: the run's log line (`logLine` in
 * packages/functions/src/summaries.ts, JSON alone on its line) with `"msg":"statements"` and `failed` above 0.
 */
export const STATEMENT_FAILURES_PATTERN = FilterPattern.all(
  FilterPattern.stringValue("$.msg", "=", "statements"),
  FilterPattern.numberValue("$.failed", ">", 0),
);

/** When the notices run: hourly (an outcome note goes out within the hour; the digest once a week). */
export const NOTICES_SCHEDULE = "rate(1 hour)";

/** The statements function's name, known before it exists: the API invokes it for "run now". */
export const statementsFunctionName = (app: App) => `${app.stage}-${app.name}-statements`.slice(0, 64);

/**
 * The statement schedule: by default 06:00 UTC on the first day of each
 * quarter, for the quarter just ended (STATEMENT_PERIOD, STATEMENT_HOUR_UTC at
 * deploy time). The job reaches only the table and sends only from the
 * configured SES identity. A run that throws, after Lambda's retries, lands in
 * a queue (an alarm watches it); a run that finishes with failed recipients is
 * counted from its log line.
 */
export function Summaries({ stack, app }: StackContext) {
  const { table } = use(Database);
  const schedule = Schedule.config();
  const mail = sesMail(stack);
  const data = tableAccess(table, TABLE_ACCESS.statements);
  const failedRuns = new Queue(stack, "FailedStatementRuns", {
    encryption: QueueEncryption.SQS_MANAGED,
    enforceSSL: true,
    retentionPeriod: Duration.days(14),
  });
  const logGroup = new LogGroup(stack, "StatementsLogs", {
    retention: RetentionDays.ONE_YEAR,
    removalPolicy: app.stage === "prod" ? RemovalPolicy.RETAIN : RemovalPolicy.DESTROY,
  });
  const cron = new Cron(stack, "Statements", {
    schedule: Schedule.cronExpression(schedule) as `cron(${string})`,
    enabled: schedule.cadence !== "off",
    job: {
      function: {
        handler: "packages/functions/src/summaries.handler",
        functionName: statementsFunctionName(app),
        timeout: 900,
        environment: { ...data.environment, ...mail.environment, STATEMENT_PERIOD: schedule.cadence, STATEMENT_HOUR_UTC: String(schedule.hourUtc) },
        permissions: [...data.permissions, ...mail.permissions],
        logGroup,
        // EventBridge invokes it asynchronously: after two retries the event goes to the queue.
        retryAttempts: 2,
        onFailure: new SqsDestination(failedRuns),
      },
    },
  });
  // The notices (core/notice): every hour, the same function sends the outcome notes of filled vacancies
  // still in the outbox and, once per ISO week, the HR digest of rotation alerts.
  const notices = new Cron(stack, "Notices", {
    schedule: NOTICES_SCHEDULE,
    job: { function: cron.jobFunction, cdk: { target: { event: RuleTargetInput.fromObject({ kind: "notices" }) } } },
  });
  // The run logs {"level":"info","msg":"statements",...,"failed":N} (packages/functions/src/summaries.ts).
  const failures = new MetricFilter(stack, "StatementFailures", {
    logGroup,
    filterPattern: STATEMENT_FAILURES_PATTERN,
    metricNamespace: statementMetrics(app.stage).namespace,
    metricName: statementMetrics(app.stage).failed,
    metricValue: "$.failed",
  });
  accept(failedRuns, [{ id: "AwsSolutions-SQS3", reason: "This queue is itself the on-failure destination of the statement run; an alarm watches it." }]);
  accept(cron.jobFunction, [LOGS_ROLE, XRAY, TABLE_INDEXES]);
  acceptStackHandlers(stack);
  stack.addOutputs({ StatementSchedule: Schedule.cronExpression(schedule) });
  return { cron, notices, failedRuns, failures };
}
