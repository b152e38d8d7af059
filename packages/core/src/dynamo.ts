/**
 * The DynamoDB client configuration, one for the whole process.
 * - On Lambda the table name comes from the SST `Table` binding (SST_Table_tableName_Database).
 * - Locally and in tests: TABLE_NAME and DYNAMODB_ENDPOINT (DynamoDB Local).
 */
import { DynamoDBClient } from "@aws-sdk/client-dynamodb";
import { DynamoDBDocumentClient, type TransactWriteCommandInput } from "@aws-sdk/lib-dynamodb";
import { NodeHttpHandler } from "@smithy/node-http-handler";
import { ConfiguredRetryStrategy } from "@smithy/util-retry";
import type { VisibleError } from "./error";

const endpoint = process.env.DYNAMODB_ENDPOINT;

export const tableName: string =
  process.env.TABLE_NAME ?? process.env.SST_Table_tableName_Database ?? "tracker-local";

/**
 * Fail fast when the database is unreachable or hung: each call gives up after
 * TIMEOUT_MS (the socket is destroyed, the call rejects with TimeoutError) and is
 * tried at most MAX_ATTEMPTS times in all, 100 ms apart, within the SDK's retry
 * quota. Worst case about 2 × 1.2 s + 0.1 s, so the API answers 503 within 3 s.
 * (In this SDK version `requestTimeout` alone only logs a warning:
 * `throwOnRequestTimeout` makes it abort.) DynamoDB Local, which runs transactions
 * one at a time and shares the machine with everything else, gets LOCAL_TIMEOUT_MS
 * unless DYNAMODB_TIMEOUT_MS is set (the hang test sets the AWS figure).
 */
const LOCAL_TIMEOUT_MS = 5000;
export const TIMEOUT_MS = Math.max(100, Number(process.env.DYNAMODB_TIMEOUT_MS) || (endpoint ? LOCAL_TIMEOUT_MS : 1200));
const CONNECT_TIMEOUT_MS = Math.min(1000, TIMEOUT_MS);
export const MAX_ATTEMPTS = 2;

export const client = new DynamoDBClient({
  ...(endpoint
    ? {
        endpoint,
        region: process.env.AWS_REGION ?? "local",
        credentials: { accessKeyId: "local", secretAccessKey: "local" },
      }
    : {}),
  maxAttempts: MAX_ATTEMPTS,
  retryStrategy: new ConfiguredRetryStrategy(MAX_ATTEMPTS, 100),
  requestHandler: new NodeHttpHandler({
    connectionTimeout: CONNECT_TIMEOUT_MS,
    requestTimeout: TIMEOUT_MS,
    throwOnRequestTimeout: true,
    socketTimeout: TIMEOUT_MS,
  }),
});

export const doc = DynamoDBDocumentClient.from(client, {
  marshallOptions: { removeUndefinedValues: true },
});

const NETWORK_ERRORS = new Set([
  "ECONNREFUSED",
  "ECONNRESET",
  "EPIPE",
  "ETIMEDOUT",
  "EHOSTUNREACH",
  "ENOTFOUND",
  "EAI_AGAIN",
  "TimeoutError",
  "RequestTimeout",
  "NetworkingError",
  "ServiceUnavailable",
  "InternalServerError",
  "ProvisionedThroughputExceededException",
  "ThrottlingException",
  "RequestLimitExceeded",
]);

/** True when an error (possibly wrapped by ElectroDB) means the database could not be reached. */
export function isUnavailable(error: unknown): boolean {
  let current: unknown = error;
  for (let depth = 0; current && depth < 6; depth++) {
    const e = current as { code?: string; name?: string; errno?: string; cause?: unknown; errors?: unknown[] };
    if ((e.code && NETWORK_ERRORS.has(e.code)) || (e.name && NETWORK_ERRORS.has(e.name))) return true;
    if (e.name === "AggregateError" && Array.isArray(e.errors) && e.errors.some(isUnavailable)) return true;
    current = e.cause;
  }
  return false;
}

/** One item of a DynamoDB transaction, as the SDK sends it. */
type DynamoTransactItem = NonNullable<TransactWriteCommandInput["TransactItems"]>[number];

/**
 * One item of a transaction (service.ts `transact`): what DynamoDB is sent, and the conflict it
 * stands for, the error the write answers when this item's condition fails (or when another write
 * held this item until the tries ran out). An item with no condition that can fail (an audit event,
 * a totals ADD) carries none.
 */
export interface TransactItem {
  item: DynamoTransactItem;
  conflict?: VisibleError;
}

/**
 * Turns ElectroDB `.params()` of a put/update/delete (or the parts of a ConditionCheck) into a
 * transaction item, with the conflict it stands for.
 */
export function asTransactItem(
  kind: "Put" | "Update" | "Delete" | "ConditionCheck",
  params: Record<string, unknown>,
  conflict?: VisibleError,
): TransactItem {
  const { ReturnValues: _ignored, ...rest } = params;
  return { item: { [kind]: rest } as DynamoTransactItem, ...(conflict ? { conflict } : {}) };
}
