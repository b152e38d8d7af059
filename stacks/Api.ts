import { Api as HttpApi, Config, use, type StackContext } from "sst/constructs";
import { Database } from "./Database";
import { PolicyStatement } from "aws-cdk-lib/aws-iam";
import { sesMail } from "./mail";
import { statementsFunctionName } from "./Summaries";

/** The Hono app on Lambda behind an HTTP API; the session key is a secret set with `npx sst secrets set`. */
export function Api({ stack, app }: StackContext) {
  const { table } = use(Database);
  const sessionSecret = new Config.Secret(stack, "SESSION_SECRET");
  // "Run now" and previews of statements send through SES like the schedule.
  const mail = sesMail(stack);
  const api = new HttpApi(stack, "Api", {
    defaults: {
      function: {
        bind: [table, sessionSecret],
        // "Run now" is an asynchronous invoke of the statements function (packages/functions/src/run-now.ts).
        environment: { ...mail.environment, STATEMENTS_FUNCTION_NAME: statementsFunctionName(app) },
        permissions: [
          ...mail.permissions,
          new PolicyStatement({ actions: ["lambda:InvokeFunction"], resources: [`arn:${stack.partition}:lambda:${stack.region}:${stack.account}:function:${statementsFunctionName(app)}`] }),
        ],
      },
    },
    routes: {
      "ANY /api/{proxy+}": "packages/functions/src/api.handler",
    },
  });
  stack.addOutputs({ ApiUrl: api.url });
  return { api, sessionSecret };
}
