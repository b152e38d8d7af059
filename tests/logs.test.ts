/**
 * Logs are JSON lines with the request id and no secrets: the line the statements function writes
 * after a run with failed recipients is matched by the StatementFailures metric filter's pattern (so
 * the alarm hears of it), and the sign-in log lines carry no password, hash or session token.
 */
import { MemberState } from "@tracker/core";
import { handler } from "@tracker/functions/summaries";
import { createServer } from "node:net";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import { STATEMENT_FAILURES_PATTERN } from "../stacks/Summaries";
import { asSystem, call, PASSWORD, userWith } from "./support/api";

process.env.MAIL_OUTBOX = mkdtempSync(join(tmpdir(), "logs-outbox-"));

/**
 * CloudWatch Logs' JSON filter pattern, for the forms this product uses: `{ (c) && (c) }`, each
 * condition `$.field op value` with a quoted string (= or !=) or a number (=, !=, <, <=, >, >=).
 * As CloudWatch does, a log event that is not JSON as a whole matches no JSON pattern.
 */
function matches(pattern: string, event: string): boolean {
  const body = /^\{\s*(.*?)\s*\}$/.exec(pattern.trim())?.[1];
  if (body === undefined) throw new Error(`Not a JSON filter pattern: ${pattern}`);
  let json: unknown;
  try {
    json = JSON.parse(event);
  } catch {
    return false;
  }
  if (!json || typeof json !== "object" || Array.isArray(json)) return false;
  return body.split("&&").every((clause) => {
    const m = /^\(?\s*\$\.([\w.]+)\s*(=|!=|>=|<=|>|<)\s*("(?:[^"\\]|\\.)*"|-?\d+(?:\.\d+)?)\s*\)?$/.exec(clause.trim());
    if (!m) throw new Error(`Condition not supported by this matcher: ${clause}`);
    const [, path, op, literal] = m as unknown as [string, string, string, string];
    const value = path.split(".").reduce<unknown>((v, k) => (v && typeof v === "object" ? (v as Record<string, unknown>)[k] : undefined), json);
    if (literal.startsWith('"')) {
      const want = JSON.parse(literal) as string;
      if (op === "=") return value === want;
      if (op === "!=") return value !== want;
      throw new Error(`${op} on a string`);
    }
    if (typeof value !== "number") return false;
    const n = Number(literal);
    return { "=": value === n, "!=": value !== n, ">": value > n, ">=": value >= n, "<": value < n, "<=": value <= n }[op]!;
  });
}

/**
 * What the code writes while `run` runs, line by line: straight to stdout, and through console.log
 * (which Lambda's runtime prefixes with time, request id and level; `lines.console`).
 */
async function captured(run: () => Promise<unknown>): Promise<string[] & { console: string[] }> {
  const lines = Object.assign([] as string[], { console: [] as string[] });
  const write = process.stdout.write.bind(process.stdout);
  const out = vi.spyOn(process.stdout, "write").mockImplementation(((chunk: string | Uint8Array, ...rest: unknown[]) => {
    lines.push(...String(chunk).split("\n").filter(Boolean));
    return (write as (...a: unknown[]) => boolean)(chunk, ...rest);
  }) as typeof process.stdout.write);
  const log = vi.spyOn(console, "log").mockImplementation((...args: unknown[]) => void lines.console.push(args.map(String).join(" ")));
  try {
    await run();
  } finally {
    out.mockRestore();
    log.mockRestore();
  }
  return lines;
}

afterEach(() => {
  delete process.env.MAIL_TRANSPORT;
  delete process.env.SMTP_URL;
  delete process.env.LOG_AUDIT;
});

/** A local port nobody listens on: an SMTP server that refuses every connection. */
async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  const port = (server.address() as { port: number }).port;
  await new Promise((r) => server.close(r));
  return port;
}

describe("the statement run's log line and the alarm's metric filter", () => {
  beforeAll(async () => {
    await asSystem(() =>
      MemberState.create({ code: "KZ", name: { en: "Kazakhstan", ru: "Казахстан" }, status: "member", contacts: [{ name: "Focal point", email: "kz@example.org", language: "en" }] }),
    );
  });

  it("is the pattern the stack deploys", () => {
    expect(STATEMENT_FAILURES_PATTERN.logPatternString).toBe('{ ($.msg = "statements") && ($.failed > 0) }');
  });

  it("a run with a failed recipient writes one JSON line, with the request id, that the filter counts", async () => {
    process.env.MAIL_TRANSPORT = "smtp";
    process.env.SMTP_URL = `smtp://127.0.0.1:${await closedPort()}`;
    const requestId = "5f0c2a8e-7d1b-4f7e-9a51-0c6a3f1e2b44";
    const lines = await captured(() => handler({ kind: "statements.run", runId: "run-failing-1", input: { period: "2022", states: ["KZ"] }, actor: { type: "user", email: "finance@example.org", name: "Finance", roles: ["finance"] } }, { awsRequestId: requestId }));
    const line = lines.find((l) => l.includes('"msg":"statements"'))!;
    expect(line).toBeDefined();
    expect(lines.console.filter((l) => l.includes('"msg":"statements"'))).toEqual([]);
    const parsed = JSON.parse(line);
    expect(parsed).toMatchObject({ level: "info", msg: "statements", requestId, runId: "run-failing-1", failed: 1, sent: 0 });
    expect(matches(STATEMENT_FAILURES_PATTERN.logPatternString, line)).toBe(true);
    // Written with console.log, Lambda would prefix time, request id and level: CloudWatch could not read it as JSON.
    expect(matches(STATEMENT_FAILURES_PATTERN.logPatternString, `2026-12-01T06:00:01.000Z\t${requestId}\tINFO\t${line}`)).toBe(false);
  });

  it("a run without failures is not counted", async () => {
    const lines = await captured(() => handler({ kind: "statements.run", runId: "run-fine-1", input: { period: "2021", states: ["KZ"] }, actor: { type: "user", email: "finance@example.org", name: "Finance", roles: ["finance"] } }, { awsRequestId: "r-2" }));
    const line = lines.find((l) => l.includes('"msg":"statements"'))!;
    expect(JSON.parse(line)).toMatchObject({ failed: 0, requestId: "r-2" });
    expect(matches(STATEMENT_FAILURES_PATTERN.logPatternString, line)).toBe(false);
  });
});

describe("sign-in log lines", () => {
  it("are JSON, one per event, and carry no password, hash or session token", async () => {
    const { email } = await userWith(["viewer"], "log-reader@example.org");
    process.env.LOG_AUDIT = "1";
    let cookie = "";
    const lines = await captured(async () => {
      expect((await call("POST", "/api/auth/login", { body: { email, password: "wrong but long password" } })).status).toBe(401);
      const ok = await call("POST", "/api/auth/login", { body: { email, password: PASSWORD } });
      expect(ok.status).toBe(200);
      cookie = (ok.headers.get("set-cookie") ?? "").split(";")[0]!;
      expect((await call("POST", "/api/auth/logout", { cookie })).status).toBeLessThan(300);
    });
    const all = [...lines, ...lines.console];
    const auth = all.filter((l) => l.includes('"entity":"auth"'));
    expect(auth.map((l) => JSON.parse(l).action)).toEqual(expect.arrayContaining(["login_failed", "login", "logout"]));
    const token = cookie.split("=").slice(1).join("=");
    expect(token.length).toBeGreaterThan(20);
    for (const l of all) {
      expect(l).not.toContain(PASSWORD);
      expect(l).not.toContain("wrong but long password");
      expect(l).not.toContain(token);
      expect(l).not.toMatch(/scrypt|passwordHash/i);
    }
  });
});
