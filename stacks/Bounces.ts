import { ConfigurationSet, EmailSendingEvent, EventDestination } from "aws-cdk-lib/aws-ses";
import { Function as SstFunction, use, type StackContext } from "sst/constructs";
import { Topic } from "aws-cdk-lib/aws-sns";
import { LambdaSubscription } from "aws-cdk-lib/aws-sns-subscriptions";
import { Database } from "./Database";
import { TABLE_ACCESS, tableAccess } from "./dynamo";
import { accept, acceptStackHandlers, LOGS_ROLE, TABLE_INDEXES, XRAY } from "./nag";

/**
 * Mail that bounces is noticed: statements are sent through an SES
 * configuration set whose bounce and complaint events go to an SNS topic and
 * on to a small function (packages/functions/src/bounces.ts) that marks the
 * address on its focal points.
 */
export function Bounces({ stack }: StackContext) {
  const { table } = use(Database);
  const configurationSet = new ConfigurationSet(stack, "Statements", {});
  const events = new Topic(stack, "MailEvents", { displayName: "SES bounces and complaints", enforceSSL: true });
  configurationSet.addEventDestination("BouncesAndComplaints", {
    destination: EventDestination.snsTopic(events),
    events: [EmailSendingEvent.BOUNCE, EmailSendingEvent.COMPLAINT],
  });
  const data = tableAccess(table, TABLE_ACCESS.bounces);
  const bounces = new SstFunction(stack, "BounceHandler", {
    handler: "packages/functions/src/bounces.handler",
    timeout: 60,
    environment: data.environment,
    permissions: data.permissions,
  });
  events.addSubscription(new LambdaSubscription(bounces));
  accept(bounces, [LOGS_ROLE, XRAY, TABLE_INDEXES]);
  accept(events, [
    {
      id: "AwsSolutions-SNS2",
      reason: "SES event publishing to an encrypted topic needs a customer managed key ($1 a month); the events carry only addresses already in the table.",
    },
  ]);
  acceptStackHandlers(stack);
  return { configurationSet, bounces, events };
}
