import { RemovalPolicy } from "aws-cdk-lib";
import { Table, type StackContext } from "sst/constructs";
import { acceptStackHandlers } from "./nag";
import { TABLE_INDEXES, TABLE_KEYS, TABLE_TTL_ATTRIBUTE } from "../packages/core/src/table";

/** The single table, from the one definition in packages/core/src/table.ts. */
export function Database({ stack, app }: StackContext) {
  const fields: Record<string, "string"> = { [TABLE_KEYS.partitionKey]: "string", [TABLE_KEYS.sortKey]: "string" };
  for (const index of Object.values(TABLE_INDEXES)) {
    fields[index.partitionKey] = "string";
    fields[index.sortKey] = "string";
  }
  const table = new Table(stack, "Database", {
    fields,
    primaryIndex: { partitionKey: TABLE_KEYS.partitionKey, sortKey: TABLE_KEYS.sortKey },
    globalIndexes: Object.fromEntries(
      Object.entries(TABLE_INDEXES).map(([name, keys]) => [name, { partitionKey: keys.partitionKey, sortKey: keys.sortKey }]),
    ),
    timeToLiveAttribute: TABLE_TTL_ATTRIBUTE,
    cdk: {
      table: {
        // SST turns point-in-time recovery on by default; said again here so the template test guards it.
        pointInTimeRecovery: true,
        removalPolicy: app.stage === "prod" ? RemovalPolicy.RETAIN : RemovalPolicy.DESTROY,
        // The prod table cannot be deleted (by CloudFormation or by hand) until this is turned off.
        deletionProtection: app.stage === "prod",
      },
    },
  });
  acceptStackHandlers(stack);
  stack.addOutputs({ TableName: table.tableName });
  return { table };
}
