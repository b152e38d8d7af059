import { Api as HttpApi, Config, Function as SstFunction, use, type App, type StackContext } from "sst/constructs";
import { Database } from "./Database";
import { PolicyStatement } from "aws-cdk-lib/aws-iam";
import { TABLE_ACCESS, tableAccess } from "./dynamo";
import { statementsFunctionName } from "./Summaries";
import { accept, acceptStackHandlers, LOGS_ROLE, TABLE_INDEXES, XRAY } from "./nag";

/**
 * The HTTP API's stage limits, for the whole API (requests per second, steady and burst).
 * CICA's scale is ~5,000 requests a day (well under 1 a second on average, a few a second at
 * the busiest); 50/s with bursts of 100 leaves ten times that headroom and keeps a flood from
 * taking the account's Lambda concurrency.
 */
export const THROTTLE = { rate: 50, burst: 100 } as const;

/**
 * The API function's size. A sign-in costs one scrypt hash (N=2^17, r=8, p=1: 128 MiB and
 * CPU-bound, see README "Deploying to AWS"); at 1769 MB Lambda gives one full vCPU, so the hash
 * takes what it takes on one core. Lambda's HTTP API integration times out at 30 s; the function
 * stops well before, and the database calls give up within seconds.
 */
export const API_FUNCTION = { memorySize: 1769, timeout: 20 } as const;

/** The import worker's name (the API invokes it with a confirmed import). */
export const importsFunctionName = (app: App) => `${app.stage}-${app.name}-imports`.slice(0, 64);

/** The Hono app on Lambda behind an HTTP API; the session key is a secret set with `npx sst secrets set`. */
export function Api({ stack, app }: StackContext) {
  const { table } = use(Database);
  const sessionSecret = new Config.Secret(stack, "SESSION_SECRET");
  // Sent by CloudFront on /api/* (stacks/Web.ts); the API refuses requests without it.
  const originSecret = new Config.Secret(stack, "ORIGIN_SECRET");
  const data = tableAccess(table, TABLE_ACCESS.api);
  // A confirmed import is written by its own function (packages/functions/src/import-worker.ts), invoked
  // asynchronously by the API: up to 15 minutes, the table only (no mail); a run that stops is invoked
  // again and resumes with the rows still unwritten.
  const importData = tableAccess(table, TABLE_ACCESS.imports);
  const importWorker = new SstFunction(stack, "ImportWorker", {
    handler: "packages/functions/src/import-worker.handler",
    functionName: importsFunctionName(app),
    timeout: 900,
    environment: importData.environment,
    permissions: importData.permissions,
    retryAttempts: 2,
  });
  const api = new HttpApi(stack, "Api", {
    defaults: {
      throttle: THROTTLE,
      function: {
        ...API_FUNCTION,
        bind: [sessionSecret, originSecret],
        // "Run now" is an asynchronous invoke of the statements function (packages/functions/src/run-now.ts);
        // the API itself sends no mail.
        environment: { ...data.environment, STATEMENTS_FUNCTION_NAME: statementsFunctionName(app), IMPORTS_FUNCTION_NAME: importsFunctionName(app) },
        permissions: [
          ...data.permissions,
          new PolicyStatement({ actions: ["lambda:InvokeFunction"], resources: [`arn:${stack.partition}:lambda:${stack.region}:${stack.account}:function:${statementsFunctionName(app)}`] }),
          new PolicyStatement({ actions: ["lambda:InvokeFunction"], resources: [importWorker.functionArn] }),
        ],
      },
    },
    routes: {
      "ANY /api/{proxy+}": "packages/functions/src/api.handler",
    },
  });
  accept(api.getFunction("ANY /api/{proxy+}"), [LOGS_ROLE, XRAY, TABLE_INDEXES]);
  accept(importWorker, [LOGS_ROLE, XRAY, TABLE_INDEXES]);
  accept(api, [
    {
      id: "AwsSolutions-APIG4",
      reason: "Authorization is done in the app: a signed session cookie and a role check on every route (packages/functions/src/session.ts, core's permission table); the route is one proxy.",
    },
  ]);
  acceptStackHandlers(stack);
  stack.addOutputs({ ApiUrl: api.url });
  return { api, sessionSecret, originSecret, importWorker };
}
