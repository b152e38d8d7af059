/** Local is local: DynamoDB Local and the app listen on the loopback only, and .data/ is private. */
import { chmodSync, mkdirSync, mkdtempSync, rmSync, statSync, writeFileSync } from "node:fs";
import { connect } from "node:net";
import { networkInterfaces, tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { startDynamoLocal, type RunningDynamo } from "../packages/core/src/dev/dynamo-local";
import { privateDataDir } from "../scripts/local-db";

/** Whether a TCP connection to host:port is accepted. */
function reachable(host: string, port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect({ host, port, timeout: 3000 });
    socket.once("connect", () => (socket.destroy(), resolve(true)));
    socket.once("error", () => resolve(false));
    socket.once("timeout", () => (socket.destroy(), resolve(false)));
  });
}

const outside = Object.values(networkInterfaces())
  .flat()
  .find((a) => a && a.family === "IPv4" && !a.internal)?.address;

let dynamo: RunningDynamo | undefined;
afterAll(async () => {
  await dynamo?.stop();
});

describe("local is local", () => {
  it("DynamoDB Local answers on 127.0.0.1 and not on the machine's other address", async () => {
    dynamo = await startDynamoLocal();
    expect(dynamo.endpoint).toBe(`http://127.0.0.1:${dynamo.port}`);
    expect(await reachable("127.0.0.1", dynamo.port)).toBe(true);
    if (!outside) return console.log("No non-loopback IPv4 address here: the outside check is skipped.");
    expect(await reachable(outside, dynamo.port)).toBe(false);
  });

  it("the app's server listens where it is told, the loopback by default in npm start", async () => {
    const { startServer } = await import("@tracker/functions/local");
    const { freePort } = await import("../packages/core/src/dev/dynamo-local");
    const port = await freePort();
    const server = await startServer({ port, webRoot: tmpdir(), hostname: "127.0.0.1" });
    try {
      expect(await reachable("127.0.0.1", port)).toBe(true);
      if (outside) expect(await reachable(outside, port)).toBe(false);
    } finally {
      await new Promise((r) => server.close(r));
    }
  });

  it(".data/ becomes 0700 and its files 0600, those an older version left readable included", () => {
    const dir = join(mkdtempSync(join(tmpdir(), "data-")), ".data");
    mkdirSync(join(dir, "dynamodb"), { recursive: true, mode: 0o755 });
    writeFileSync(join(dir, "session-secret"), "x".repeat(48), { mode: 0o644 });
    writeFileSync(join(dir, "dynamodb", "shared-local-instance.db"), "", { mode: 0o644 });
    chmodSync(join(dir, "session-secret"), 0o644);
    privateDataDir(dir);
    const mode = (p: string) => statSync(p).mode & 0o777;
    expect(mode(dir)).toBe(0o700);
    expect(mode(join(dir, "dynamodb"))).toBe(0o700);
    expect(mode(join(dir, "session-secret"))).toBe(0o600);
    expect(mode(join(dir, "dynamodb", "shared-local-instance.db"))).toBe(0o600);
    rmSync(dir, { recursive: true, force: true });
  });
});
