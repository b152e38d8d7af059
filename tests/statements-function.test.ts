/**
 * The statements function receives "run now" from the API as an asynchronous invoke: it runs as the
 * user who asked, under the run id the API gave out, and sends (the only function that loads mail).
 * Locally the API runs in-process; here the function's handler is called with the invoke's event.
 */
import { MemberState, Summary } from "@tracker/core";
import { handler } from "@tracker/functions/summaries";
import type { RunEvent } from "@tracker/functions/run-now";
import { mkdtempSync, readdirSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { asSystem } from "./support/api";

const outbox = mkdtempSync(join(tmpdir(), "outbox-"));
process.env.MAIL_OUTBOX = outbox;
process.env.MAIL_TRANSPORT = "outbox";

const finance = { type: "user" as const, email: "finance.lead@example.org", name: "Finance lead", roles: ["finance" as const] };

beforeAll(async () => {
  await asSystem(() =>
    MemberState.create({ code: "KZ", name: { en: "Kazakhstan", ru: "Казахстан" }, status: "member", contacts: [{ name: "Focal point", email: "kz@example.org", language: "en" }] }),
  );
});

describe("statements function, invoked for run now", () => {
  it("runs as the user who asked, under the run id given out, and sends", async () => {
    const event: RunEvent = { kind: "statements.run", runId: "2026-12-01T09:00:00.000Z-queued01", input: { period: "2022", states: ["KZ"] }, actor: finance };
    const summary = await handler(event);
    expect(summary).toMatchObject({ runId: event.runId, period: "2022", trigger: "manual", sent: 1, failed: 0 });
    expect(readdirSync(outbox).filter((f) => f.endsWith(".eml"))).toHaveLength(1);
    const runs = await asSystem(() => Summary.runs({ limit: 5 }));
    expect(runs.find((r) => r.runId === event.runId)).toMatchObject({ trigger: "manual", dryRun: false, actor: finance.email });
  });

  it("refuses an event whose user lacks the role, and sends nothing", async () => {
    const before = readdirSync(outbox).length;
    const viewer = { ...finance, email: "viewer@example.org", roles: ["viewer" as const] };
    await expect(handler({ kind: "statements.run", runId: "x-1", input: { period: "2021", states: ["KZ"] }, actor: viewer })).rejects.toThrow(/finance/);
    expect(readdirSync(outbox).length).toBe(before);
  });
});
