import { Api as HttpApi, Config, use, type StackContext } from "sst/constructs";
import { Database } from "./Database";
import { sesMail } from "./mail";

/** The Hono app on Lambda behind an HTTP API; the session key is a secret set with `npx sst secrets set`. */
export function Api({ stack }: StackContext) {
  const { table } = use(Database);
  const sessionSecret = new Config.Secret(stack, "SESSION_SECRET");
  // Sent by CloudFront on /api/* (stacks/Web.ts); the API refuses requests without it.
  const originSecret = new Config.Secret(stack, "ORIGIN_SECRET");
  // "Run now" and previews of statements send through SES like the schedule.
  const mail = sesMail(stack);
  const api = new HttpApi(stack, "Api", {
    defaults: { function: { bind: [table, sessionSecret, originSecret], environment: mail.environment, permissions: mail.permissions } },
    routes: {
      "ANY /api/{proxy+}": "packages/functions/src/api.handler",
    },
  });
  stack.addOutputs({ ApiUrl: api.url });
  return { api, sessionSecret, originSecret };
}
