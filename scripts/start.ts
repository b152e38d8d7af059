/**
 * `npm start`: DynamoDB Local persisted to .data/dynamodb, the table, the
 * reference data on first start, and the API with the web on
 * http://localhost:3000 (PORT to change). Ctrl-C stops everything, data kept.
 */
import { randomBytes } from "node:crypto";
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { join, resolve } from "node:path";
import {
  ensureTable,
  JavaMissingError,
  portInUse,
  startDynamoLocal,
  type RunningDynamo,
} from "../packages/core/src/dev/dynamo-local";

// This machine's Node 20 is supported by the SDK version pinned in package-lock.json.
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= "true";

const root = resolve(import.meta.dirname, "..");
const dataDir = join(root, ".data");
const port = Number(process.env.PORT ?? 3000);

function fail(message: string): never {
  console.error(`\n${message}\n`);
  process.exit(1);
}

async function main() {
  if (!Number.isInteger(port) || port < 1 || port > 65535) fail(`PORT must be a number from 1 to 65535, not "${process.env.PORT}".`);
  if (await portInUse(port)) {
    fail(`Port ${port} is already in use. Stop what runs there, or start on another port: PORT=${port + 1} npm start`);
  }
  mkdirSync(join(dataDir, "dynamodb"), { recursive: true });

  // The session signing key: SESSION_SECRET, or one generated once into .data/.
  if (!process.env.SESSION_SECRET) {
    const file = join(dataDir, "session-secret");
    if (!existsSync(file)) writeFileSync(file, randomBytes(48).toString("base64url"), { mode: 0o600 });
    process.env.SESSION_SECRET = readFileSync(file, "utf8").trim();
  }

  let dynamo: RunningDynamo | undefined;
  if (process.env.DYNAMODB_ENDPOINT) {
    console.log(`Using the DynamoDB at ${process.env.DYNAMODB_ENDPOINT}`);
  } else {
    try {
      dynamo = await startDynamoLocal({
        port: process.env.DYNAMODB_PORT ? Number(process.env.DYNAMODB_PORT) : undefined,
        dbPath: join(dataDir, "dynamodb"),
      });
    } catch (error) {
      if (error instanceof JavaMissingError) fail(error.message);
      throw error;
    }
    process.env.DYNAMODB_ENDPOINT = dynamo.endpoint;
    console.log(`DynamoDB Local on ${dynamo.endpoint}, data in .data/dynamodb`);
  }
  process.env.TABLE_NAME ??= "tracker-local";
  if (await ensureTable(process.env.DYNAMODB_ENDPOINT, process.env.TABLE_NAME)) console.log(`Created table ${process.env.TABLE_NAME}`);

  // Imported only now: the core reads its database settings from the environment set above.
  const { firstStart } = await import("./seed");
  await firstStart(root);
  const { startServer, PortInUseError } = await import("../packages/functions/src/local");
  const server = await startServer({ port, webRoot: join(root, "packages/web/dist") }).catch(async (error) => {
    await dynamo?.stop();
    if (error instanceof PortInUseError) fail(error.message);
    throw error;
  });
  console.log(`\nThe tracker is running: http://localhost:${port}\nPress Ctrl-C to stop.`);

  let stopping = false;
  const stop = async () => {
    if (stopping) return;
    stopping = true;
    console.log("\nStopping…");
    server.close();
    await dynamo?.stop();
    console.log("Stopped. Data kept in .data/");
    process.exit(0);
  };
  process.on("SIGINT", stop);
  process.on("SIGTERM", stop);
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
