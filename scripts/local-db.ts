/**
 * The local database for the command-line tools: the DynamoDB Local that a
 * running `npm start` uses (its endpoint is in .data/dynamodb.endpoint), or
 * one started here on the same data for the length of the command.
 */
import { chmodSync, existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { ListTablesCommand } from "@aws-sdk/client-dynamodb";
import {
  ensureTable,
  JavaMissingError,
  localClient,
  startDynamoLocal,
  type RunningDynamo,
} from "../packages/core/src/dev/dynamo-local";

export const root = resolve(import.meta.dirname, "..");
export const dataDir = join(root, ".data");
const endpointFile = join(dataDir, "dynamodb.endpoint");

process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= "true";

// Whatever this process and DynamoDB Local (its child) create is readable by this user only.
process.umask(0o077);

/**
 * .data/ and everything under it for this user only (folders 0700, files 0600):
 * it holds the session key and every user's password hash. Also tightens what
 * an older version left readable.
 */
export function privateDataDir(dir = dataDir): void {
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  const walk = (dir: string) => {
    chmodSync(dir, 0o700);
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const path = join(dir, entry.name);
      if (entry.isDirectory()) walk(path);
      else if (entry.isFile()) chmodSync(path, 0o600);
    }
  };
  walk(dir);
}

export function fail(message: string): never {
  console.error(`\n${message}\n`);
  process.exit(1);
}

async function answers(endpoint: string): Promise<boolean> {
  const client = localClient(endpoint);
  try {
    await client.send(new ListTablesCommand({ Limit: 1 }));
    return true;
  } catch {
    return false;
  } finally {
    client.destroy();
  }
}

/**
 * Points the environment at the database: AWS when TABLE_NAME is given without
 * DYNAMODB_ENDPOINT (credentials from the usual AWS chain), else DynamoDB Local.
 * Returns a function that stops what was started here.
 */
export async function useDatabase(options: { own?: boolean; port?: number } = {}): Promise<() => Promise<void>> {
  if (process.env.TABLE_NAME && !process.env.DYNAMODB_ENDPOINT) {
    console.log(`Using the DynamoDB table ${process.env.TABLE_NAME} on AWS (${process.env.AWS_REGION ?? "default region"})`);
    return async () => {};
  }
  process.env.TABLE_NAME ??= "tracker-local";
  if (process.env.DYNAMODB_ENDPOINT) {
    await ensureTable(process.env.DYNAMODB_ENDPOINT, process.env.TABLE_NAME);
    return async () => {};
  }
  if (!options.own && existsSync(endpointFile)) {
    const endpoint = readFileSync(endpointFile, "utf8").trim();
    if (await answers(endpoint)) {
      process.env.DYNAMODB_ENDPOINT = endpoint;
      return async () => {};
    }
  }
  privateDataDir();
  mkdirSync(join(dataDir, "dynamodb"), { recursive: true, mode: 0o700 });
  let dynamo: RunningDynamo;
  try {
    dynamo = await startDynamoLocal({ port: options.port, dbPath: join(dataDir, "dynamodb") });
  } catch (error) {
    if (error instanceof JavaMissingError) fail(error.message);
    throw error;
  }
  process.env.DYNAMODB_ENDPOINT = dynamo.endpoint;
  if (options.own) writeFileSync(endpointFile, dynamo.endpoint, { mode: 0o600 });
  if (await ensureTable(dynamo.endpoint, process.env.TABLE_NAME)) console.log(`Created table ${process.env.TABLE_NAME}`);
  return async () => {
    if (options.own) rmSync(endpointFile, { force: true });
    await dynamo.stop();
  };
}
