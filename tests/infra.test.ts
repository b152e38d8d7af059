/** The stacks synthesize without AWS credentials; the template has what we rely on. */
import { Aspects } from "aws-cdk-lib";
import { Annotations, Match, Template } from "aws-cdk-lib/assertions";
import type { CfnFunction } from "aws-cdk-lib/aws-lambda";
import { AwsSolutionsChecks } from "cdk-nag";
import { App, Function as SstFunction, getStack } from "sst/constructs";
import { initProject } from "sst/project.js";
import { beforeAll, describe, expect, it } from "vitest";
import config from "../sst.config";
import { Alarms } from "../stacks/Alarms";
import { Api } from "../stacks/Api";
import { Bounces } from "../stacks/Bounces";
import { Database } from "../stacks/Database";
import { Summaries } from "../stacks/Summaries";
import { Web } from "../stacks/Web";
import { TABLE_INDEXES } from "../packages/core/src/table";
import { ORIGIN_HEADER } from "../packages/functions/src/origin";
import { call } from "./support/api";

process.env.SST_STAGE = "test";

/** The stacks of a stage, synthesized with the cdk-nag AwsSolutions pack; its unsuppressed errors in `nag`. */
async function synth(stage: string) {
  await initProject({ stage });
  const { name, region } = config.config();
  const app = new App({ mode: "deploy", stage, name, region });
  config.stacks(app);
  // SST sets a function's runtime when it bundles the code at deploy (a step tests skip): set it as that step does.
  for (const c of app.node.findAll()) {
    if (c instanceof SstFunction) {
      (c.node.defaultChild as CfnFunction).runtime = (c as unknown as { props: { runtime: string } }).props.runtime;
    }
  }
  const stacks = {
    database: getStack(Database),
    api: getStack(Api),
    web: getStack(Web),
    summaries: getStack(Summaries),
    alarms: getStack(Alarms),
    bounces: getStack(Bounces),
  };
  for (const stack of Object.values(stacks)) Aspects.of(stack).add(new AwsSolutionsChecks());
  const templates = {
    database: Template.fromStack(stacks.database),
    api: Template.fromStack(stacks.api),
    web: Template.fromStack(stacks.web),
    summaries: Template.fromStack(stacks.summaries),
    alarms: Template.fromStack(stacks.alarms),
    bounces: Template.fromStack(stacks.bounces),
  };
  const nag = Object.values(stacks).flatMap((stack) =>
    Annotations.fromStack(stack)
      .findError("*", Match.stringLikeRegexp("AwsSolutions-.*"))
      .map((e) => `${e.id}: ${String(e.entry.data).split("\n")[0]}`),
  );
  return { ...templates, templates: Object.values(templates), nag };
}

describe("infrastructure", () => {
  let test: Awaited<ReturnType<typeof synth>>;
  beforeAll(async () => {
    test = await synth("test");
  });

  it("creates one table with pk/sk, the GSIs of the core definition, on-demand billing, PITR and TTL", () => {
    test.database.resourceCountIs("AWS::DynamoDB::Table", 1);
    test.database.hasResourceProperties("AWS::DynamoDB::Table", {
      BillingMode: "PAY_PER_REQUEST",
      KeySchema: [
        { AttributeName: "pk", KeyType: "HASH" },
        { AttributeName: "sk", KeyType: "RANGE" },
      ],
      PointInTimeRecoverySpecification: { PointInTimeRecoveryEnabled: true },
      TimeToLiveSpecification: { AttributeName: "expiresAt", Enabled: true },
      GlobalSecondaryIndexes: Object.entries(TABLE_INDEXES).map(([name, keys]) =>
        Match.objectLike({
          IndexName: name,
          KeySchema: [
            { AttributeName: keys.partitionKey, KeyType: "HASH" },
            { AttributeName: keys.sortKey, KeyType: "RANGE" },
          ],
          Projection: { ProjectionType: "ALL" },
        }),
      ),
    });
  });

  it("passes cdk-nag's AwsSolutions pack: no error that is not suppressed with its reason", () => {
    expect(test.nag).toEqual([]);
  });

  it("deletes the table with a test stage", () => {
    const tables = test.database.findResources("AWS::DynamoDB::Table");
    expect(Object.values(tables)[0]).toMatchObject({ DeletionPolicy: "Delete" });
  });

  it("gives the API function the table's name and the session and origin secrets", () => {
    const fn = apiFunction(test.api);
    expect(fn.Properties.Environment.Variables.TABLE_NAME).toEqual({ "Fn::ImportValue": expect.stringMatching(/Database:ExportsOutputRefDatabaseTable/) });
    expect(Object.keys(fn.Properties.Environment.Variables)).toContain("SST_Secret_value_SESSION_SECRET");
    expect(Object.keys(fn.Properties.Environment.Variables)).toContain("SST_Secret_value_ORIGIN_SECRET");
    expect(fn.Properties.Runtime).toBe("nodejs24.x");
    expect(fn.Properties.Architectures).toEqual(["arm64"]);
  });

  it("grants no dynamodb:* anywhere, and each function exactly the table actions it uses, on the table and its indexes", () => {
    for (const template of test.templates) {
      expect(JSON.stringify(template.toJSON())).not.toMatch(/"dynamodb:\*"/);
      expect(JSON.stringify(template.toJSON())).not.toMatch(/dynamodb:(Scan|DeleteTable|BatchWriteItem|\*)/);
    }
    const api = dynamoStatements(test.api, /^ApiLambda/);
    expect(api).toHaveLength(1);
    expect([api[0]!.Action].flat().sort()).toEqual([
      "dynamodb:BatchGetItem",
      "dynamodb:ConditionCheckItem",
      "dynamodb:DeleteItem",
      "dynamodb:GetItem",
      "dynamodb:PutItem",
      "dynamodb:Query",
      "dynamodb:UpdateItem",
    ]);
    const statements = dynamoStatements(test.summaries);
    expect(statements).toHaveLength(1);
    expect([statements[0]!.Action].flat().sort()).toEqual([
      "dynamodb:BatchGetItem",
      "dynamodb:GetItem",
      "dynamodb:PutItem",
      "dynamodb:Query",
      "dynamodb:UpdateItem",
    ]);
    // The import worker, in the API's stack: no BatchGetItem, no DeleteItem.
    const imports = dynamoStatements(test.api, /^ImportWorker/);
    expect(imports).toHaveLength(1);
    expect([imports[0]!.Action].flat().sort()).toEqual(["dynamodb:ConditionCheckItem", "dynamodb:GetItem", "dynamodb:PutItem", "dynamodb:Query", "dynamodb:UpdateItem"]);
    expect(dynamoStatements(test.api)).toHaveLength(2);
    for (const st of [...api, ...imports, ...statements]) {
      const resources = JSON.stringify(st.Resource);
      expect(st.Resource).toHaveLength(2);
      expect(resources).toMatch(/DatabaseTable[0-9A-F]+Arn/);
      expect(resources).toContain('"/index/*"');
    }
  });

  it("hands a confirmed import to the import worker: the API may invoke it (and no other function but the statements'), by its name", () => {
    const fn = apiFunction(test.api);
    expect(fn.Properties.Environment.Variables.IMPORTS_FUNCTION_NAME).toBe("test-secretariat-tracker-imports");
    const invokes = Object.values(test.api.findResources("AWS::IAM::Policy"))
      .filter((p) => (p as { Properties: { Roles: Array<{ Ref: string }> } }).Properties.Roles.some((r) => /^ApiLambda/.test(r.Ref)))
      .flatMap((p) => (p as { Properties: { PolicyDocument: { Statement: Statement[] } } }).Properties.PolicyDocument.Statement)
      .filter((st) => [st.Action].flat().includes("lambda:InvokeFunction"));
    expect(invokes).toHaveLength(2);
    const worker = Object.entries(test.api.findResources("AWS::Lambda::Function", { Properties: { FunctionName: "test-secretariat-tracker-imports" } }));
    expect(worker).toHaveLength(1);
    expect(JSON.stringify(invokes.map((st) => st.Resource))).toContain(`"${worker[0]![0]}"`);
    expect(JSON.stringify(invokes.map((st) => st.Resource))).toContain(":function:test-secretariat-tracker-statements");
  });

  it("runs the import worker up to 15 minutes, on the table only (no mail, no secrets), invoked again when a run stops", () => {
    const found = Object.entries(test.api.findResources("AWS::Lambda::Function", { Properties: { FunctionName: "test-secretariat-tracker-imports" } })) as Array<[string, LambdaFunction]>;
    expect(found).toHaveLength(1);
    const [id, fn] = found[0]!;
    expect(fn.Properties.Timeout).toBe(900);
    expect(fn.Properties.Runtime).toBe("nodejs24.x");
    const vars = fn.Properties.Environment.Variables;
    expect(vars.TABLE_NAME).toEqual({ "Fn::ImportValue": expect.stringMatching(/Database:ExportsOutputRefDatabaseTable/) });
    expect(Object.keys(vars).filter((k) => /SECRET|MAIL|SES/.test(k))).toEqual([]);
    test.api.hasResourceProperties("AWS::Lambda::EventInvokeConfig", { FunctionName: { Ref: id }, MaximumRetryAttempts: 2 });
    const other = Object.values(test.api.findResources("AWS::IAM::Policy"))
      .filter((p) => (p as { Properties: { Roles: Array<{ Ref: string }> } }).Properties.Roles.some((r) => /^ImportWorker/.test(r.Ref)))
      .flatMap((p) => (p as { Properties: { PolicyDocument: { Statement: Statement[] } } }).Properties.PolicyDocument.Statement)
      .flatMap((st) => [st.Action].flat())
      .filter((a) => !/^(dynamodb|xray):/.test(a));
    expect(other).toEqual([]);
  });

  it("throttles the HTTP API stage: 50 requests a second, bursts of 100", () => {
    test.api.hasResourceProperties("AWS::ApiGatewayV2::Stage", {
      StageName: "$default",
      DefaultRouteSettings: { ThrottlingBurstLimit: 100, ThrottlingRateLimit: 50 },
    });
  });

  it("sizes the API function for scrypt (one full vCPU, 1769 MB) with a timeout under the HTTP API's 30 s", () => {
    const fn = apiFunction(test.api);
    expect(fn.Properties.MemorySize).toBe(1769);
    expect(fn.Properties.Timeout).toBe(20);
    expect(fn.Properties.Timeout).toBeLessThanOrEqual(30);
  });

  it("leaves deletion protection off on a test stage", () => {
    const [table] = Object.values(test.database.findResources("AWS::DynamoDB::Table")) as Array<{ Properties: Record<string, unknown> }>;
    expect(table!.Properties.DeletionProtectionEnabled).not.toBe(true);
  });

  it("routes every /api path to that function", () => {
    test.api.hasResourceProperties("AWS::ApiGatewayV2::Route", { RouteKey: "ANY /api/{proxy+}" });
  });

  it("serves the web and the API from one CloudFront origin, /api/* uncached", () => {
    test.web.hasResourceProperties("AWS::CloudFront::Distribution", {
      DistributionConfig: Match.objectLike({
        CacheBehaviors: [
          Match.objectLike({
            PathPattern: "/api/*",
            CachePolicyId: "4135ea2d-6df8-44a3-9df3-4b5a84be39ad",
            AllowedMethods: Match.arrayWith(["PATCH", "POST", "DELETE"]),
          }),
        ],
      }),
    });
  });
});

type Statement = { Action: string | string[]; Resource: unknown[] };

/** The policy statements of a template that grant DynamoDB actions (of the roles whose logical id matches `role`, if given). */
function dynamoStatements(template: Template, role?: RegExp): Statement[] {
  return Object.values(template.findResources("AWS::IAM::Policy"))
    .filter((p) => !role || ((p as { Properties: { Roles: Array<{ Ref: string }> } }).Properties.Roles ?? []).some((r) => role.test(r.Ref)))
    .flatMap((p) => (p as { Properties: { PolicyDocument: { Statement: Statement[] } } }).Properties.PolicyDocument.Statement)
    .filter((st) => [st.Action].flat().some((a) => a.startsWith("dynamodb:")));
}

type LambdaFunction = {
  Properties: { Environment: { Variables: Record<string, unknown> }; Runtime: string; Architectures: string[]; MemorySize: number; Timeout: number };
};

function apiFunction(api: Template): LambdaFunction {
  const fns = Object.values(
    api.findResources("AWS::Lambda::Function", {
      Properties: { Environment: { Variables: Match.objectLike({ SST_Secret_value_SESSION_SECRET: Match.anyValue() }) } },
    }),
  ) as LambdaFunction[];
  expect(fns).toHaveLength(1);
  return fns[0]!;
}

type Behavior = { PathPattern?: string; FunctionAssociations?: Array<{ EventType: string; FunctionARN: unknown }>; ResponseHeadersPolicyId?: unknown };

function distribution(web: Template) {
  const [d] = Object.values(web.findResources("AWS::CloudFront::Distribution")) as Array<{
    Properties: { DistributionConfig: Record<string, any> & { DefaultCacheBehavior: Behavior; CacheBehaviors: Behavior[]; Origins: any[] } };
  }>;
  return d!.Properties.DistributionConfig;
}

/** The logical id of the CloudFront function a behaviour runs on viewer requests. */
function viewerFunction(b: Behavior): string | undefined {
  const a = b.FunctionAssociations?.find((f) => f.EventType === "viewer-request");
  return a ? (a.FunctionARN as { "Fn::GetAtt": [string, string] })["Fn::GetAtt"][0] : undefined;
}

describe("the web's CloudFront distribution", () => {
  let t: Awaited<ReturnType<typeof synth>>;
  beforeAll(async () => {
    t = await synth("test");
  });

  it("has no error rewrite anywhere, so an API 403 or 404 reaches the client unchanged", () => {
    expect(JSON.stringify(t.web.toJSON())).not.toContain("CustomErrorResponses");
    expect(distribution(t.web).CustomErrorResponses).toBeUndefined();
  });

  it("routes the SPA by a viewer-request function on the default behaviour only", () => {
    const config = distribution(t.web);
    const spa = viewerFunction(config.DefaultCacheBehavior)!;
    expect(spa).toMatch(/^SpaRouting/);
    const api = config.CacheBehaviors.find((b) => b.PathPattern === "/api/*")!;
    expect(viewerFunction(api)).toMatch(/^ForwardHost/);
    for (const b of config.CacheBehaviors) expect(viewerFunction(b)).not.toBe(spa);
    // Only the two functions are deployed (StaticSite's own ".html" rewriter is not).
    expect(Object.keys(t.web.findResources("AWS::CloudFront::Function")).map((k) => k.replace(/[0-9A-F]{8}$/, "")).sort()).toEqual([
      "ForwardHost",
      "SpaRouting",
    ]);
  });

  it("the SPA function sends paths without a file extension to /index.html and leaves files alone", () => {
    const fn = t.web.findResources("AWS::CloudFront::Function");
    const code = (Object.entries(fn).find(([k]) => k.startsWith("SpaRouting"))![1] as { Properties: { FunctionCode: string } }).Properties.FunctionCode;
    const handler = new Function(`${code}; return handler;`)() as (e: { request: { uri: string } }) => { uri: string };
    const route = (uri: string) => handler({ request: { uri } }).uri;
    expect(route("/")).toBe("/index.html");
    expect(route("/states/KZ")).toBe("/index.html");
    expect(route("/contributions/")).toBe("/index.html");
    expect(route("/assets/index-abc123.js")).toBe("/assets/index-abc123.js");
    expect(route("/favicon.svg")).toBe("/favicon.svg");
  });

  it("sends the app's CSP, HSTS, nosniff, no framing and a referrer policy with the web", async () => {
    const [policy] = Object.values(t.web.findResources("AWS::CloudFront::ResponseHeadersPolicy")) as Array<{
      Properties: { ResponseHeadersPolicyConfig: { SecurityHeadersConfig: Record<string, any> } };
    }>;
    const headers = policy!.Properties.ResponseHeadersPolicyConfig.SecurityHeadersConfig;
    const fromApp = await call("GET", "/api/openapi.json");
    expect(fromApp.headers.get("content-security-policy")).toBeTruthy();
    expect(headers.ContentSecurityPolicy).toEqual({ ContentSecurityPolicy: fromApp.headers.get("content-security-policy"), Override: true });
    expect(headers.ContentSecurityPolicy.ContentSecurityPolicy).toContain("frame-ancestors 'none'");
    expect(headers.StrictTransportSecurity).toEqual({ AccessControlMaxAgeSec: 63072000, IncludeSubdomains: true, Override: true });
    expect(headers.ContentTypeOptions).toEqual({ Override: true });
    expect(headers.FrameOptions).toEqual({ FrameOption: "DENY", Override: true });
    expect(headers.ReferrerPolicy).toEqual({ ReferrerPolicy: "strict-origin-when-cross-origin", Override: true });
    const config = distribution(t.web);
    expect(config.DefaultCacheBehavior.ResponseHeadersPolicyId).toEqual({ Ref: Object.keys(t.web.findResources("AWS::CloudFront::ResponseHeadersPolicy"))[0] });
  });

  it("adds the origin secret, read from the ORIGIN_SECRET Config.Secret at deploy time, on the /api/* origin only", () => {
    const config = distribution(t.web);
    const api = config.CacheBehaviors.find((b) => b.PathPattern === "/api/*") as Behavior & { TargetOriginId: string };
    const origins = config.Origins as Array<{ Id: string; OriginCustomHeaders?: Array<{ HeaderName: string; HeaderValue: unknown }> }>;
    const apiOrigin = origins.find((o) => o.Id === api.TargetOriginId)!;
    expect(apiOrigin.OriginCustomHeaders).toHaveLength(1);
    expect(apiOrigin.OriginCustomHeaders![0]!.HeaderName).toBe(ORIGIN_HEADER);
    const [reader, attribute] = (apiOrigin.OriginCustomHeaders![0]!.HeaderValue as { "Fn::GetAtt": [string, string] })["Fn::GetAtt"];
    expect(attribute).toBe("Parameter.Value");
    const call = JSON.parse(JSON.stringify(t.web.toJSON().Resources[reader].Properties.Update).replace(/^"|"$/g, "").replace(/\\"/g, '"'));
    expect(JSON.stringify(call)).toContain("/sst/secretariat-tracker/test/Secret/ORIGIN_SECRET/value");
    expect(JSON.stringify(call)).toContain('"logApiResponseData":false');
    for (const o of origins.filter((o) => o.Id !== api.TargetOriginId)) expect(o.OriginCustomHeaders).toBeUndefined();
    // The API function has the secret bound.
    const fns = Object.values(t.api.findResources("AWS::Lambda::Function")) as Array<{ Properties: { Environment?: { Variables: Record<string, unknown> } } }>;
    expect(fns.some((f) => "SST_Secret_value_ORIGIN_SECRET" in (f.Properties.Environment?.Variables ?? {}))).toBe(true);
  });

  it("reads the web's files from a private bucket through an origin access control, over TLS only", () => {
    const config = distribution(t.web);
    const s3 = (config.Origins as Array<{ Id: string; S3OriginConfig?: unknown; OriginAccessControlId?: unknown }>).find((o) => o.S3OriginConfig)!;
    expect(s3.OriginAccessControlId).toBeDefined();
    t.web.resourceCountIs("AWS::CloudFront::OriginAccessControl", 1);
    t.web.resourceCountIs("AWS::CloudFront::CloudFrontOriginAccessIdentity", 0);
    const policy = JSON.stringify(t.web.findResources("AWS::S3::BucketPolicy"));
    expect(policy).toContain('"aws:SecureTransport":"false"');
    expect(policy).toContain("cloudfront.amazonaws.com");
  });

  it("keeps no access logs on a test stage", () => {
    expect(distribution(t.web).Logging).toBeUndefined();
    t.web.resourceCountIs("AWS::S3::Bucket", 1);
  });
});

describe("the statement schedule", () => {
  let t: Awaited<ReturnType<typeof synth>>;
  beforeAll(async () => {
    process.env.MAIL_FROM = "CICA Secretariat <statements@secretariat.example.org>";
    t = await synth("test");
    delete process.env.MAIL_FROM;
  });

  it("is a Cron at 06:00 UTC on the first day of each quarter", () => {
    t.summaries.hasResourceProperties("AWS::Events::Rule", { ScheduleExpression: "cron(0 6 1 1,4,7,10 ? *)", State: "ENABLED" });
  });

  it("runs the notices (outcome notes, the weekly HR digest) every hour through the same function", () => {
    const rules = Object.values(t.summaries.findResources("AWS::Events::Rule", { Properties: { ScheduleExpression: "rate(1 hour)" } })) as Array<{
      Properties: { Targets: Array<{ Input?: string; Arn: unknown }> };
    }>;
    expect(rules).toHaveLength(1);
    expect(JSON.parse(rules[0]!.Properties.Targets[0]!.Input!)).toEqual({ kind: "notices" });
    const quarterly = Object.values(t.summaries.findResources("AWS::Events::Rule", { Properties: { ScheduleExpression: "cron(0 6 1 1,4,7,10 ? *)" } })) as Array<{
      Properties: { Targets: Array<{ Arn: unknown }> };
    }>;
    expect(rules[0]!.Properties.Targets[0]!.Arn).toEqual(quarterly[0]!.Properties.Targets[0]!.Arn);
  });

  it("its function is bound to the table and sends through SES", () => {
    const fns = Object.values(
      t.summaries.findResources("AWS::Lambda::Function", {
        Properties: { Environment: { Variables: Match.objectLike({ MAIL_TRANSPORT: "ses" }) } },
      }),
    ) as Array<{ Properties: { Environment: { Variables: Record<string, unknown> } } }>;
    expect(fns).toHaveLength(1);
    const vars = fns[0]!.Properties.Environment.Variables;
    expect(Object.keys(vars)).toContain("TABLE_NAME");
    expect(vars.MAIL_FROM).toBe("CICA Secretariat <statements@secretariat.example.org>");
  });

  it("may send only from the configured identity, and reach only the table and its on-failure queue", () => {
    const statements = Object.values(t.summaries.findResources("AWS::IAM::Policy")).flatMap(
      (p) => (p as { Properties: { PolicyDocument: { Statement: Array<{ Action: string | string[]; Resource: unknown }> } } }).Properties.PolicyDocument.Statement,
    );
    const ses = statements.filter((st) => [st.Action].flat().some((a) => a.startsWith("ses:")));
    expect(ses).toHaveLength(1);
    expect([ses[0]!.Action].flat().sort()).toEqual(["ses:SendEmail", "ses:SendRawEmail"]);
    expect(JSON.stringify(ses[0]!.Resource)).toMatch(/:ses:eu-central-1:.*:identity\/secretariat\.example\.org"/);
    expect(JSON.stringify(ses[0]!.Resource)).not.toContain('"*"');
    const dynamo = statements.filter((st) => [st.Action].flat().some((a) => a.startsWith("dynamodb:")));
    expect(dynamo).toHaveLength(1);
    expect(JSON.stringify(dynamo[0]!.Resource)).toContain("Database");
    // Besides: its on-failure queue, and nothing else.
    const sqs = statements.filter((st) => [st.Action].flat().some((a) => a.startsWith("sqs:")));
    expect(sqs).toHaveLength(1);
    expect(JSON.stringify(sqs[0]!.Resource)).toMatch(/FailedStatementRuns/);
    const other = statements.filter((st) => ![st.Action].flat().every((a) => /^(ses|dynamodb|xray|sqs):/.test(a)));
    expect(other).toEqual([]);
  });
});

type AlarmResource = { Properties: Record<string, any> };

describe("alarms", () => {
  let t: Awaited<ReturnType<typeof synth>>;
  let alarms: Record<string, AlarmResource>;
  beforeAll(async () => {
    process.env.ALARM_EMAIL = "finance-alerts@secretariat.example.org";
    t = await synth("test");
    delete process.env.ALARM_EMAIL;
    alarms = t.alarms.findResources("AWS::CloudWatch::Alarm") as Record<string, AlarmResource>;
  });

  const byId = (prefix: string) => {
    const found = Object.entries(alarms).filter(([k]) => k.startsWith(prefix));
    expect(found, prefix).toHaveLength(1);
    return found[0]![1].Properties;
  };

  it("go to one SNS topic, mailed to ALARM_EMAIL", () => {
    t.alarms.resourceCountIs("AWS::SNS::Topic", 1);
    t.alarms.hasResourceProperties("AWS::SNS::Subscription", { Protocol: "email", Endpoint: "finance-alerts@secretariat.example.org" });
    const topic = Object.keys(t.alarms.findResources("AWS::SNS::Topic"))[0]!;
    expect(Object.keys(alarms)).toHaveLength(11);
    for (const a of Object.values(alarms)) expect(a.Properties.AlarmActions).toEqual([{ Ref: topic }]);
  });

  it("watch the API's 5xx share of requests", () => {
    const a = byId("Api5xxRate");
    expect(a.Threshold).toBe(5);
    expect(a.ComparisonOperator).toBe("GreaterThanThreshold");
    const expression = a.Metrics.find((m: { Expression?: string }) => m.Expression);
    expect(expression.Expression).toBe("IF(requests > 0, 100 * errors / requests, 0)");
    const names = a.Metrics.filter((m: { MetricStat?: unknown }) => m.MetricStat).map((m: any) => [m.Id, m.MetricStat.Metric.Namespace, m.MetricStat.Metric.MetricName]);
    expect(names.sort()).toEqual([
      ["errors", "AWS/ApiGateway", "5xx"],
      ["requests", "AWS/ApiGateway", "Count"],
    ]);
  });

  it("watch errors and throttles of each function", () => {
    for (const fn of ["Api", "Statements", "Bounces", "Imports"]) {
      for (const metric of ["Errors", "Throttles"]) {
        const a = byId(`${fn}${metric}`);
        expect(a.Namespace).toBe("AWS/Lambda");
        expect(a.MetricName).toBe(metric);
        expect(a.Threshold).toBe(0);
        expect(JSON.stringify(a.Dimensions)).toContain("FunctionName");
      }
    }
  });

  it("count a statement run's failed recipients from its log line", () => {
    const [filter] = Object.values(t.summaries.findResources("AWS::Logs::MetricFilter")) as AlarmResource[];
    expect(filter!.Properties.FilterPattern).toBe('{ ($.msg = "statements") && ($.failed > 0) }');
    expect(filter!.Properties.MetricTransformations).toEqual([
      { MetricName: "StatementFailures", MetricNamespace: "SecretariatTracker/test", MetricValue: "$.failed" },
    ]);
    const a = byId("StatementRunFailures");
    expect([a.Namespace, a.MetricName, a.Threshold]).toEqual(["SecretariatTracker/test", "StatementFailures", 0]);
    // The filter reads the statement function's own log group.
    const fns = Object.values(t.summaries.findResources("AWS::Lambda::Function", { Properties: { Timeout: 900, Environment: Match.anyValue() } })) as AlarmResource[];
    const statements = fns.find((f) => f.Properties.Environment?.Variables?.STATEMENT_PERIOD)!;
    expect(statements.Properties.LoggingConfig.LogGroup).toEqual(filter!.Properties.LogGroupName);
  });

  it("never lose a failed asynchronous statement run: on-failure queue, watched", () => {
    const [config] = Object.values(t.summaries.findResources("AWS::Lambda::EventInvokeConfig")) as AlarmResource[];
    expect(config!.Properties.MaximumRetryAttempts).toBe(2);
    const destination = JSON.stringify(config!.Properties.DestinationConfig.OnFailure.Destination);
    expect(destination).toMatch(/FailedStatementRuns/);
    const a = byId("FailedStatementRun");
    expect([a.Namespace, a.MetricName, a.Threshold]).toEqual(["AWS/SQS", "ApproximateNumberOfMessagesVisible", 0]);
  });

  it("have no email subscription when ALARM_EMAIL is unset", async () => {
    const plain = await synth("test");
    plain.alarms.resourceCountIs("AWS::SNS::Subscription", 0);
    plain.alarms.resourceCountIs("AWS::SNS::Topic", 1);
  });
});

describe("bounces and complaints", () => {
  let t: Awaited<ReturnType<typeof synth>>;
  beforeAll(async () => {
    t = await synth("test");
  });

  it("SES sends through a configuration set whose bounce and complaint events go to SNS and on to the bounce function", () => {
    t.bounces.resourceCountIs("AWS::SES::ConfigurationSet", 1);
    const [destination] = Object.values(t.bounces.findResources("AWS::SES::ConfigurationSetEventDestination")) as AlarmResource[];
    const d = destination!.Properties.EventDestination;
    expect(d.Enabled).toBe(true);
    expect([...d.MatchingEventTypes].sort()).toEqual(["bounce", "complaint"]);
    const topic = Object.keys(t.bounces.findResources("AWS::SNS::Topic"))[0]!;
    expect(d.SnsDestination.TopicARN).toEqual({ Ref: topic });
    const [subscription] = Object.values(t.bounces.findResources("AWS::SNS::Subscription")) as AlarmResource[];
    expect(subscription!.Properties.Protocol).toBe("lambda");
    expect(subscription!.Properties.TopicArn).toEqual({ Ref: topic });
    expect(JSON.stringify(subscription!.Properties.Endpoint)).toMatch(/BounceHandler/);
  });

  it("the bounce function may only read and update states (with their audit events)", () => {
    const st = dynamoStatements(t.bounces);
    expect(st).toHaveLength(1);
    expect([st[0]!.Action].flat().sort()).toEqual(["dynamodb:ConditionCheckItem", "dynamodb:GetItem", "dynamodb:PutItem", "dynamodb:Query", "dynamodb:UpdateItem"]);
  });

  it("the statements function, the only one that sends, names the configuration set and may send through it; the API sends nothing", () => {
    const apiSenders = t.api.findResources("AWS::Lambda::Function", { Properties: { Environment: { Variables: Match.objectLike({ MAIL_TRANSPORT: "ses" }) } } });
    expect(Object.keys(apiSenders)).toHaveLength(0);
    const apiSes = Object.values(t.api.findResources("AWS::IAM::Policy"))
      .flatMap((p) => (p as { Properties: { PolicyDocument: { Statement: Statement[] } } }).Properties.PolicyDocument.Statement)
      .filter((s) => [s.Action].flat().some((a) => String(a).startsWith("ses:")));
    expect(apiSes).toHaveLength(0);
    for (const template of [t.summaries]) {
      const fns = Object.values(
        template.findResources("AWS::Lambda::Function", { Properties: { Environment: { Variables: Match.objectLike({ MAIL_TRANSPORT: "ses" }) } } }),
      ) as LambdaFunction[];
      expect(fns).toHaveLength(1);
      expect(JSON.stringify(fns[0]!.Properties.Environment.Variables.SES_CONFIGURATION_SET)).toMatch(/Statements/);
      const ses = Object.values(template.findResources("AWS::IAM::Policy"))
        .flatMap((p) => (p as { Properties: { PolicyDocument: { Statement: Statement[] } } }).Properties.PolicyDocument.Statement)
        .filter((s) => [s.Action].flat().includes("ses:SendEmail"));
      expect(ses).toHaveLength(1);
      expect(JSON.stringify(ses[0]!.Resource)).toContain(":configuration-set/");
    }
  });
});

describe("infrastructure, prod stage", () => {
  let prod: Awaited<ReturnType<typeof synth>>;
  beforeAll(async () => {
    prod = await synth("prod");
  });

  it("retains the table when the stack is removed", () => {
    const tables = prod.database.findResources("AWS::DynamoDB::Table");
    expect(Object.values(tables)[0]).toMatchObject({ DeletionPolicy: "Retain", UpdateReplacePolicy: "Retain" });
  });

  it("passes cdk-nag's AwsSolutions pack on prod too", () => {
    expect(prod.nag).toEqual([]);
  });

  it("protects the prod table from deletion", () => {
    prod.database.hasResourceProperties("AWS::DynamoDB::Table", { DeletionProtectionEnabled: true });
  });

  it("keeps point-in-time recovery on the prod table (the README's restore depends on it)", () => {
    prod.database.hasResourceProperties("AWS::DynamoDB::Table", { PointInTimeRecoverySpecification: { PointInTimeRecoveryEnabled: true } });
  });

  it("writes CloudFront access logs to a private bucket that forgets them after 90 days", () => {
    const logging = distribution(prod.web).Logging;
    expect(logging).toMatchObject({ Prefix: "cloudfront/" });
    const bucket = (logging.Bucket as { "Fn::GetAtt": [string, string] })["Fn::GetAtt"][0];
    const resource = prod.web.toJSON().Resources[bucket];
    expect(resource.Type).toBe("AWS::S3::Bucket");
    expect(resource.Properties.LifecycleConfiguration).toEqual({ Rules: [{ ExpirationInDays: 90, Status: "Enabled" }] });
    expect(resource.Properties.PublicAccessBlockConfiguration).toEqual({
      BlockPublicAcls: true,
      BlockPublicPolicy: true,
      IgnorePublicAcls: true,
      RestrictPublicBuckets: true,
    });
  });
});
