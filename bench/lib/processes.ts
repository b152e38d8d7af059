/** Child processes: a script under tsx, and the load generator (bench/load.ts) over IPC. */
import { fork, spawn, type ChildProcess } from "node:child_process";
import { join } from "node:path";
import type { LoadJob, LoadResult } from "../load";
import { root } from "./context";

export function runNode(args: string[], options: { env?: NodeJS.ProcessEnv; timeoutMs?: number } = {}): Promise<string> {
  return new Promise((ok, fail) => {
    const child = spawn(process.execPath, ["--import", "tsx", ...args], { cwd: root, env: options.env ?? process.env, stdio: ["ignore", "pipe", "pipe"] });
    let out = "";
    let err = "";
    child.stdout.on("data", (d) => (out += d));
    child.stderr.on("data", (d) => (err += d));
    const timer = options.timeoutMs ? setTimeout(() => child.kill("SIGKILL"), options.timeoutMs) : undefined;
    child.on("exit", (code) => {
      if (timer) clearTimeout(timer);
      if (code === 0) ok(out.trim().split("\n").pop() ?? "");
      else fail(new Error(`${args[0]} exited with ${code}:\n${err.slice(-3000)}`));
    });
  });
}

/** The load generator: bench/load.ts forked once (autocannon in its own process), jobs over IPC. */
let loader: { child: ChildProcess; next: number; waiting: Map<number, { ok: (r: LoadResult) => void; fail: (e: Error) => void }> } | undefined;

async function startLoader() {
  const child = fork(join(root, "bench/load.ts"), [], { cwd: root, execArgv: ["--import", "tsx"], stdio: ["ignore", "inherit", "inherit", "ipc"] });
  const waiting = new Map<number, { ok: (r: LoadResult) => void; fail: (e: Error) => void }>();
  await new Promise<void>((ok, fail) => {
    child.once("message", () => ok());
    child.once("exit", (code) => fail(new Error(`the load generator exited with ${code}`)));
  });
  child.on("message", (m: { id?: number; result?: LoadResult; error?: string }) => {
    if (m.id === undefined) return;
    const w = waiting.get(m.id);
    waiting.delete(m.id);
    if (m.error) w?.fail(new Error(m.error));
    else w?.ok(m.result!);
  });
  child.on("exit", (code) => {
    for (const w of waiting.values()) w.fail(new Error(`the load generator exited with ${code}`));
    waiting.clear();
  });
  loader = { child, next: 0, waiting };
}

export async function load(job: LoadJob): Promise<LoadResult> {
  if (!loader) await startLoader();
  const l = loader!;
  const id = ++l.next;
  return new Promise((ok, fail) => {
    l.waiting.set(id, { ok, fail });
    l.child.send({ id, job });
  });
}

export function stopLoader() {
  loader?.child.kill();
  loader = undefined;
}
