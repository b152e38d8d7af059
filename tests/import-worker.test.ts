/**
 * The import worker receives a confirmed import from the API as an asynchronous invoke (on AWS, where
 * work left running after a response is frozen): it writes the rows as the user who confirmed, and the
 * progress is recorded as in-process. Here the worker's handler is called with the invoke's event, on
 * DynamoDB Local; the confirmation is handed over to nothing (the API's runner on AWS only sends the event).
 */
import { Audit, Contribution, ExchangeRate, Import, MemberState, Totals } from "@tracker/core";
import { handler, type ImportRunEvent } from "@tracker/functions/import-worker";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { asSystem, call, userWith } from "./support/api";
import { seedStates } from "./support/browser";
import { snapshot } from "./support/db";

const finance = { type: "user" as const, email: "finance.lead@example.org", name: "Finance lead", roles: ["finance" as const] };
let cookie: string;

/** A file of `n` rows in the export's English layout, dated in `year`: half in USD, half in KZT. */
function file(n: number, year: number): string {
  const lines = ["Member state,Date,Amount,Currency,Kind,Status,Purpose,Reference"];
  for (let i = 0; i < n; i++) lines.push(`${["KZ", "CN", "IN"][i % 3]},${year}-0${1 + (i % 9)}-15,${100 + i}.50,${i % 2 ? "KZT" : "USD"},Cash,Received,Regular budget,W-${i}`);
  return lines.join("\n");
}

/** Uploads and confirms as finance, the writing handed to no one (as the API does on AWS once the worker is invoked). */
async function confirmed(n: number, year: number): Promise<string> {
  const up = await call("POST", "/api/imports", { cookie, body: { filename: `worker-${year}.csv`, data: Buffer.from(file(n, year)).toString("base64") } });
  expect(up.status, up.text).toBe(201);
  expect(up.json).toMatchObject({ mappingFrom: "export", toCreate: n, errors: [] });
  Import.setRunner(() => {});
  try {
    const c = await call("POST", `/api/imports/${up.json.id}/confirm`, { cookie });
    expect(c.json).toMatchObject({ status: "running", total: n, done: 0 });
  } finally {
    Import.setRunner(Import.inProcess);
  }
  return up.json.id;
}

beforeAll(async () => {
  await asSystem(async () => {
    await MemberState.seed(seedStates());
    await ExchangeRate.put({ currency: "KZT", effectiveDate: "2020-01-01", rate: "420.00", source: "nbk" });
  });
  cookie = (await userWith(["finance"])).cookie;
});

afterAll(() => Import.setRunner(Import.inProcess));

describe("the import worker, invoked with a confirmed import", () => {
  it("writes every row as the user who confirmed, with the import's id in each audit event, and the progress reads done", async () => {
    const id = await confirmed(120, 2021);
    const event: ImportRunEvent = { kind: "import.run", importId: id, actor: finance };
    const result = await handler(event, { awsRequestId: "req-1" });
    expect(result).toEqual({ id, status: "done", total: 120, done: 120, created: 120 });
    expect((await call("GET", `/api/imports/${id}/progress`, { cookie })).json).toEqual({ id, status: "done", total: 120, done: 120, created: 120 });
    const { items } = await asSystem(() => Contribution.query({ year: 2021, all: true }));
    expect(items).toHaveLength(120);
    expect(new Set(items.map((c) => c.number)).size).toBe(120);
    expect(items.every((c) => c.createdBy === finance.email)).toBe(true);
    const events = await asSystem(() => Audit.list({ entity: "contribution", id: items[0]!.id }));
    expect(events.items).toEqual([expect.objectContaining({ action: "create", actor: finance.email, changes: expect.objectContaining({ importId: [null, id] }) })]);
    // 60 rows in USD (100.50, 102.50, …, 218.50) and 60 in KZT (101.50, …, 219.50).
    const year = (await asSystem(() => Totals.ofYear(2021))).year;
    expect(year).toMatchObject({ count: 120n, receivedMinor_USD: 957_000n, receivedMinor_KZT: 963_000n });
    expect((await asSystem(() => Totals.verify({ years: [2021] }))).differences).toEqual([]);
  });

  it("invoked again for a done import (Lambda's retry of a run that answered late) writes nothing", async () => {
    const id = await confirmed(30, 2022);
    expect(await handler({ kind: "import.run", importId: id, actor: finance })).toMatchObject({ status: "done", created: 30 });
    const before = await snapshot({ except: ["import", "importPart", "importLayout"] });
    expect(await handler({ kind: "import.run", importId: id, actor: finance })).toEqual({ id, status: "done", total: 30, done: 30, created: 30 });
    expect(await snapshot({ except: ["import", "importPart", "importLayout"] })).toBe(before);
  });

  it("resumes a run that stopped part way, without writing any row twice", async () => {
    const id = await confirmed(150, 2023);
    const partly = await asSystem(() => Import.run(id, { batches: 1 }));
    expect(partly.status).toBe("running");
    expect(partly.done).toBeGreaterThan(0);
    expect(partly.done).toBeLessThan(150);
    expect(await handler({ kind: "import.run", importId: id, actor: finance })).toMatchObject({ status: "done", total: 150, done: 150, created: 150 });
    const { items } = await asSystem(() => Contribution.query({ year: 2023, all: true }));
    expect(items).toHaveLength(150);
    expect((await asSystem(() => Totals.verify({ years: [2023] }))).differences).toEqual([]);
  });

  it("refuses an event whose user lacks the role (403 auth.forbidden, not retried) and writes nothing", async () => {
    const id = await confirmed(10, 2024);
    const before = await snapshot({ except: ["importLayout"] });
    const viewer = { ...finance, email: "viewer@example.org", roles: ["viewer" as const] };
    expect(await handler({ kind: "import.run", importId: id, actor: viewer })).toMatchObject({ id, error: { code: "auth.forbidden" } });
    expect(await snapshot({ except: ["importLayout"] })).toBe(before);
  });

  it("throws on an event that is not an import run", async () => {
    await expect(handler({ kind: "import.run", actor: finance } as Partial<ImportRunEvent>)).rejects.toThrow(/import\.run/);
    await expect(handler(undefined)).rejects.toThrow(/import\.run/);
  });
});
