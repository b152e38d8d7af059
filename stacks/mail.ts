import { PolicyStatement } from "aws-cdk-lib/aws-iam";
import { use, type Stack } from "sst/constructs";
import { Bounces } from "./Bounces";

/**
 * Sending mail through SES, for the functions that send statements: the sender
 * (MAIL_FROM at deploy time, an SES-verified identity) and a permission to
 * send from that identity only.
 */
export function sesMail(stack: Stack) {
  // Sent through the configuration set, so SES reports bounces and complaints (stacks/Bounces.ts).
  const { configurationSet } = use(Bounces);
  const from = process.env.MAIL_FROM ?? "CICA Secretariat <statements@example.org>";
  const address = /<([^>]+)>/.exec(from)?.[1] ?? from;
  // The verified identity: SES_IDENTITY (an address or a domain), else the sender's domain.
  const identity = process.env.SES_IDENTITY ?? address.split("@")[1]!;
  return {
    environment: { MAIL_TRANSPORT: "ses", MAIL_FROM: from, SES_CONFIGURATION_SET: configurationSet.configurationSetName },
    permissions: [
      new PolicyStatement({
        actions: ["ses:SendEmail", "ses:SendRawEmail"],
        // Sending through a configuration set is authorized on the set too.
        resources: [
          `arn:${stack.partition}:ses:${stack.region}:${stack.account}:identity/${identity}`,
          `arn:${stack.partition}:ses:${stack.region}:${stack.account}:configuration-set/${configurationSet.configurationSetName}`,
        ],
      }),
    ],
  };
}
