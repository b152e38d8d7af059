/**
 * The DynamoDB client, one for the whole process (./ddb: the JSON protocol signed with SigV4 on
 * node:https, no AWS SDK on the request path).
 * - On Lambda: the table name from the SST `Table` binding (SST_Table_tableName_Database), the
 *   region and the function role's credentials from the environment the runtime sets
 *   (AWS_REGION, AWS_ACCESS_KEY_ID, AWS_SECRET_ACCESS_KEY, AWS_SESSION_TOKEN).
 * - Locally and in tests: TABLE_NAME and DYNAMODB_ENDPOINT (DynamoDB Local, fixed local credentials).
 */
import { DynamoDB } from "./ddb/client";
import type { Credentials } from "./ddb/sign";
import { DocumentClient, forElectroDB } from "./ddb/document";
import type { VisibleError } from "./error";

const endpoint = process.env.DYNAMODB_ENDPOINT;

export const tableName: string =
  process.env.TABLE_NAME ?? process.env.SST_Table_tableName_Database ?? "tracker-local";

/**
 * Fail fast when the database is unreachable or hung: each call gives up after TIMEOUT_MS (the
 * request and its socket are destroyed, the call rejects with an error named TimeoutError) and is
 * tried at most MAX_ATTEMPTS times in all, 100 ms apart. Worst case about 2 × 1.2 s + 0.1 s, so the
 * API answers 503 within 3 s. DynamoDB Local, which runs transactions one at a time and shares the
 * machine with everything else, gets LOCAL_TIMEOUT_MS unless DYNAMODB_TIMEOUT_MS is set (the hang
 * test sets the AWS figure).
 */
const LOCAL_TIMEOUT_MS = 5000;
export const TIMEOUT_MS = Math.max(100, Number(process.env.DYNAMODB_TIMEOUT_MS) || (endpoint ? LOCAL_TIMEOUT_MS : 1200));
const CONNECT_TIMEOUT_MS = Math.min(1000, TIMEOUT_MS);
export const MAX_ATTEMPTS = 2;

let provider: (() => Promise<Credentials & { expiration?: Date }>) | undefined;
let provided: Promise<Credentials & { expiration?: Date }> | undefined;

/**
 * The function role's credentials, as the Lambda runtime puts them in the environment. Elsewhere
 * (an operator's script against AWS with a profile or SSO) the AWS SDK's default chain, imported
 * only then, asked again five minutes before what it gave expires (and after a failure).
 */
async function awsCredentials(): Promise<Credentials> {
  const accessKeyId = process.env.AWS_ACCESS_KEY_ID;
  const secretAccessKey = process.env.AWS_SECRET_ACCESS_KEY;
  if (accessKeyId && secretAccessKey) return { accessKeyId, secretAccessKey, sessionToken: process.env.AWS_SESSION_TOKEN || undefined };
  provider ??= (await import("@aws-sdk/credential-provider-node")).defaultProvider();
  const ask = () => (provided = provider!().catch((error: unknown) => {
    provided = undefined;
    throw error;
  }));
  const current = await (provided ?? ask());
  return current.expiration && current.expiration.getTime() - Date.now() < 300_000 ? ask() : current;
}

/** DynamoDB JSON in and out (numbers as decimal strings): `client.send("Query", { … })`. */
export const client = new DynamoDB({
  ...(endpoint ? { endpoint } : {}),
  region: process.env.AWS_REGION ?? process.env.AWS_DEFAULT_REGION ?? (endpoint ? "local" : "eu-central-1"),
  credentials: endpoint ? () => ({ accessKeyId: "local", secretAccessKey: "local" }) : awsCredentials,
  timeoutMs: TIMEOUT_MS,
  connectTimeoutMs: CONNECT_TIMEOUT_MS,
  maxAttempts: MAX_ATTEMPTS,
  backoffMs: 100,
});

/** Plain values in and out, marshalled as the AWS SDK's document client does (`removeUndefinedValues`). */
export const documents = new DocumentClient(client);

/** The same, as ElectroDB takes a document client (every entity's and the Service's `client`). */
export const doc = forElectroDB(documents);

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

/** One item of a DynamoDB transaction, with plain values (as the document client takes it). */
type DynamoTransactItem = Partial<Record<"Put" | "Update" | "Delete" | "ConditionCheck", Record<string, unknown>>>;

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
