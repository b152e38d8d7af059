import { Duration } from "aws-cdk-lib";
import { Alarm, ComparisonOperator, MathExpression, TreatMissingData, type IMetric } from "aws-cdk-lib/aws-cloudwatch";
import { SnsAction } from "aws-cdk-lib/aws-cloudwatch-actions";
import type { IFunction } from "aws-cdk-lib/aws-lambda";
import { Topic } from "aws-cdk-lib/aws-sns";
import { EmailSubscription } from "aws-cdk-lib/aws-sns-subscriptions";
import { use, type StackContext } from "sst/constructs";
import { Api } from "./Api";
import { Bounces } from "./Bounces";
import { accept, acceptStackHandlers } from "./nag";
import { Summaries } from "./Summaries";

/** The API's 5xx share (percent of requests, over 5 minutes) that raises the alarm. */
export const API_5XX_PERCENT = 5;

/**
 * Someone hears when it breaks: CloudWatch alarms to one SNS topic, mailed to
 * ALARM_EMAIL (at deploy time; no subscription when unset). The alarms: the
 * API's 5xx rate, errors and throttles of every function, a statement run
 * with failed recipients, and a failed asynchronous run in its queue.
 */
export function Alarms({ stack }: StackContext) {
  const { api, importWorker } = use(Api);
  const { cron, failedRuns, failures } = use(Summaries);
  const { bounces } = use(Bounces);
  const topic = new Topic(stack, "AlarmTopic", { displayName: "Secretariat tracker alarms", enforceSSL: true });
  accept(topic, [
    {
      id: "AwsSolutions-SNS2",
      reason: "CloudWatch alarms cannot publish to a topic encrypted with the AWS managed SNS key; the messages carry alarm names and figures, no personal data.",
    },
  ]);
  const email = process.env.ALARM_EMAIL?.trim();
  if (email) topic.addSubscription(new EmailSubscription(email));
  const notify = new SnsAction(topic);

  const alarm = (id: string, metric: IMetric, description: string, threshold = 0) => {
    const a = new Alarm(stack, id, {
      metric,
      threshold,
      evaluationPeriods: 1,
      comparisonOperator: ComparisonOperator.GREATER_THAN_THRESHOLD,
      treatMissingData: TreatMissingData.NOT_BREACHING,
      alarmDescription: description,
    });
    a.addAlarmAction(notify);
    return a;
  };

  const http = api.cdk.httpApi;
  const period = Duration.minutes(5);
  alarm(
    "Api5xxRate",
    new MathExpression({
      expression: "IF(requests > 0, 100 * errors / requests, 0)",
      usingMetrics: { errors: http.metricServerError({ period, statistic: "Sum" }), requests: http.metricCount({ period, statistic: "Sum" }) },
      period,
      label: "API 5xx, % of requests",
    }),
    `More than ${API_5XX_PERCENT}% of API requests answered 5xx in 5 minutes.`,
    API_5XX_PERCENT,
  );

  const functions: Array<[string, IFunction]> = [
    ["Api", api.getFunction("ANY /api/{proxy+}")!],
    ["Statements", cron.jobFunction],
    ["Bounces", bounces],
    ["Imports", importWorker],
  ];
  for (const [name, fn] of functions) {
    alarm(`${name}Errors`, fn.metricErrors({ period, statistic: "Sum" }), `The ${name} function failed (an error or a timeout) in the last 5 minutes.`);
    alarm(`${name}Throttles`, fn.metricThrottles({ period, statistic: "Sum" }), `The ${name} function was throttled in the last 5 minutes.`);
  }

  alarm(
    "StatementRunFailures",
    failures.metric({ period: Duration.hours(1), statistic: "Sum" }),
    "A statement run finished with recipients it could not mail (see Statements, runs, in the app).",
  );
  alarm(
    "FailedStatementRun",
    failedRuns.metricApproximateNumberOfMessagesVisible({ period, statistic: "Maximum" }),
    "A scheduled statement run failed after its retries; the event is in the FailedStatementRuns queue.",
  );

  acceptStackHandlers(stack);
  stack.addOutputs({ AlarmTopic: topic.topicArn });
  return { topic };
}
