/** The stacks synthesize without AWS credentials; the template has what we rely on. */
import { Match, Template } from "aws-cdk-lib/assertions";
import { App, getStack } from "sst/constructs";
import { initProject } from "sst/project.js";
import { beforeAll, describe, expect, it } from "vitest";
import config from "../sst.config";
import { Api } from "../stacks/Api";
import { Database } from "../stacks/Database";
import { Summaries } from "../stacks/Summaries";
import { Web } from "../stacks/Web";
import { TABLE_INDEXES } from "../packages/core/src/table";

process.env.SST_STAGE = "test";

async function synth(stage: string) {
  await initProject({ stage });
  const { name, region } = config.config();
  const app = new App({ mode: "deploy", stage, name, region });
  config.stacks(app);
  return {
    database: Template.fromStack(getStack(Database)),
    api: Template.fromStack(getStack(Api)),
    web: Template.fromStack(getStack(Web)),
    summaries: Template.fromStack(getStack(Summaries)),
  };
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

  it("deletes the table with a test stage", () => {
    const tables = test.database.findResources("AWS::DynamoDB::Table");
    expect(Object.values(tables)[0]).toMatchObject({ DeletionPolicy: "Delete" });
  });

  it("binds the API function to the table: its name in the environment and read/write rights on it", () => {
    const functions = test.api.findResources("AWS::Lambda::Function", {
      Properties: { Environment: { Variables: Match.objectLike({ SST_APP: "secretariat-tracker" }) } },
    });
    const [fn] = Object.values(functions) as Array<{
      Properties: { Environment: { Variables: Record<string, unknown> }; Runtime: string; Architectures: string[] };
    }>;
    expect(fn).toBeDefined();
    expect(Object.keys(fn!.Properties.Environment.Variables)).toContain("SST_Table_tableName_Database");
    expect(Object.keys(fn!.Properties.Environment.Variables)).toContain("SST_Secret_value_SESSION_SECRET");
    expect(fn!.Properties.Runtime).toBe("nodejs22.x");
    expect(fn!.Properties.Architectures).toEqual(["arm64"]);
    const policies = JSON.stringify(test.api.findResources("AWS::IAM::Policy"));
    expect(policies).toContain("dynamodb:*");
    expect(policies).toMatch(/ImportValue|Database/);
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

  it("its function is bound to the table and sends through SES", () => {
    const fns = Object.values(
      t.summaries.findResources("AWS::Lambda::Function", {
        Properties: { Environment: { Variables: Match.objectLike({ MAIL_TRANSPORT: "ses" }) } },
      }),
    ) as Array<{ Properties: { Environment: { Variables: Record<string, unknown> } } }>;
    expect(fns).toHaveLength(1);
    const vars = fns[0]!.Properties.Environment.Variables;
    expect(Object.keys(vars)).toContain("SST_Table_tableName_Database");
    expect(vars.MAIL_FROM).toBe("CICA Secretariat <statements@secretariat.example.org>");
  });

  it("may send only from the configured identity, and reach only the table", () => {
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
    const other = statements.filter((st) => ![st.Action].flat().every((a) => /^(ses|dynamodb|xray):/.test(a)));
    expect(other).toEqual([]);
  });
});

describe("infrastructure, prod stage", () => {
  it("retains the table when the stack is removed", async () => {
    const prod = await synth("prod");
    const tables = prod.database.findResources("AWS::DynamoDB::Table");
    expect(Object.values(tables)[0]).toMatchObject({ DeletionPolicy: "Retain", UpdateReplacePolicy: "Retain" });
  });
});
