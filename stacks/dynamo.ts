import { PolicyStatement } from "aws-cdk-lib/aws-iam";
import type { Table } from "sst/constructs";

/**
 * The DynamoDB actions the code issues, by the ElectroDB calls that issue them:
 * get → GetItem, batch get → BatchGetItem, query → Query, create/put → PutItem,
 * patch/update → UpdateItem, delete → DeleteItem; a transaction (core's
 * `transact`) is allowed by the actions of its items (Put, Update, Delete,
 * ConditionCheck → ConditionCheckItem). Nothing issues Scan, BatchWriteItem or
 * any table-level action.
 */
export const TABLE_ACCESS = {
  /** The API: every read and write of the app. */
  api: ["dynamodb:BatchGetItem", "dynamodb:ConditionCheckItem", "dynamodb:DeleteItem", "dynamodb:GetItem", "dynamodb:PutItem", "dynamodb:Query", "dynamodb:UpdateItem"],
  /** The statement run: reads states and contributions, claims and settles deliveries, stores the run. */
  statements: ["dynamodb:BatchGetItem", "dynamodb:GetItem", "dynamodb:PutItem", "dynamodb:Query", "dynamodb:UpdateItem"],
  /** The import worker: reads the import, its file, states, rates and the ledger; writes the rows by transactions (Put, Update, ConditionCheck), takes numbers. */
  imports: ["dynamodb:ConditionCheckItem", "dynamodb:GetItem", "dynamodb:PutItem", "dynamodb:Query", "dynamodb:UpdateItem"],
  /** Bounces: finds the states (one Query) and updates a state with its audit event (a transaction of puts). */
  bounces: ["dynamodb:ConditionCheckItem", "dynamodb:GetItem", "dynamodb:PutItem", "dynamodb:Query", "dynamodb:UpdateItem"],
} as const;

/** The table's name for the core (TABLE_NAME) and only these actions on the table and its indexes. */
export function tableAccess(table: Table, actions: readonly string[]) {
  return {
    environment: { TABLE_NAME: table.tableName },
    permissions: [new PolicyStatement({ actions: [...actions], resources: [table.tableArn, `${table.tableArn}/index/*`] })],
  };
}
