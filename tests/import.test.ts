/**
 * Importing contributions from CSV and XLSX, through the API on DynamoDB Local: the preview with
 * its errors, duplicates and totals, the resolutions, the confirmation, a second import of the
 * same file, the errors file, the product's own export imported back into an empty ledger, a
 * 10,000-row file written in the background with its progress followed through the API, and an
 * interrupted import resumed.
 */
import { Audit, Contribution, ExchangeRate, Import, MemberState, Money, Totals } from "@tracker/core";
import { documents, tableName } from "@tracker/core/dynamo";
import { parse } from "csv-parse/sync";
import { beforeAll, describe, expect, it } from "vitest";
import { app, asSystem, call, userWith } from "./support/api";
import { seedStates } from "./support/browser";
import { snapshot } from "./support/db";

let finance: string;
let viewer: string;

const b64 = (text: string | Uint8Array) => Buffer.from(text).toString("base64");

async function upload(filename: string, data: string | Uint8Array, cookie = finance) {
  return call("POST", "/api/imports", { cookie, body: { filename, data: b64(data) } });
}

/** Polls the import's progress through the API until it is done; gives up when it has not moved for a minute. */
async function waitDone(id: string, seen: number[] = [], everyMs = 50) {
  let moved = Date.now();
  for (;;) {
    const p = (await call("GET", `/api/imports/${id}/progress`, { cookie: finance })).json;
    if (p.done !== seen.at(-1)) moved = Date.now();
    seen.push(p.done);
    if (p.status === "done") return p;
    if (Date.now() - moved > 60_000) throw new Error(`the import stopped at ${p.done} of ${p.total} rows`);
    await new Promise((r) => setTimeout(r, everyMs));
  }
}

/** Test-only: empties the ledger (records, totals, numbers, file-row keys) by a Scan of this file's table. */
async function emptyLedger() {
  let start: Record<string, unknown> | undefined;
  do {
    const page = await documents.scan({ TableName: tableName, ExclusiveStartKey: start });
    for (const i of (page.Items ?? []) as Array<Record<string, unknown>>)
      if (["contribution", "totals", "receiptCounter", "importBatch"].includes(String(i.__edb_e__)))
        await documents.delete({ TableName: tableName, Key: { pk: i.pk, sk: i.sk } });
    start = page.LastEvaluatedKey as Record<string, unknown> | undefined;
  } while (start);
}

const LAYOUT = "Country;Value date;Sum;Cur;Rate;Ref";
const FILE = [
  LAYOUT,
  "KZ;2022-03-15;46025000,00;KZT;;PO-1",
  "China;01.04.2022;250000;USD;;PO-2",
  "Atlantis;2022-04-02;100;USD;;PO-3",
  "IN;2022-13-01;100;USD;;PO-4",
  "RU;2022-05-05;1000,555;USD;;PO-5",
  "",
  "Турция;2022-06-01;1 000,50;EUR;1,1;PO-7",
  "KZ;2022-03-15;46025000.00;KZT;;po-1",
].join("\r\n");
const MAPPING = {
  columns: { stateCode: "Country", date: "Value date", amount: "Sum", currency: "Cur", exchangeRate: "Rate", reference: "Ref" },
  defaults: { kind: "cash", status: "received", purpose: "regular_budget" },
};

beforeAll(async () => {
  await asSystem(async () => {
    await MemberState.seed(seedStates());
    await ExchangeRate.put({ currency: "KZT", effectiveDate: "2022-01-01", rate: "460.25", source: "nbk" });
    // The ledger already holds China's PO-2.
    await Contribution.create({ stateCode: "CN", kind: "cash", status: "received", amount: "250000.00", currency: "USD", date: "2022-04-01", purpose: "regular_budget", reference: "PO-2" });
  });
  finance = (await userWith(["finance"])).cookie;
  viewer = (await userWith(["viewer"])).cookie;
});

describe("an import of a spreadsheet of another layout", () => {
  let id: string;

  it("is mapped by the user; the preview names each row's errors, the duplicates, and the totals per currency and in USD; nothing is written", async () => {
    const before = await snapshot({ except: ["import", "importPart"] });
    const up = await upload("ledger-2022.csv", FILE);
    expect(up.status, up.text).toBe(201);
    id = up.json.id;
    expect(up.json).toMatchObject({ status: "draft", rows: 7, header: ["Country", "Value date", "Sum", "Cur", "Rate", "Ref"] });
    expect(up.json.mapping).toBeUndefined();

    const mapped = await call("PUT", `/api/imports/${id}/mapping`, { cookie: finance, body: MAPPING });
    expect(mapped.status, mapped.text).toBe(200);
    const p = mapped.json;
    expect(p.mappingFrom).toBe("user");
    expect(p.errors.map((e: any) => [e.row, e.column, e.code])).toEqual([
      [4, "Country", "state.not_found"],
      [5, "Value date", "date.not_exists"],
      [6, "Sum", "amount.decimals"],
    ]);
    expect(p.errors[0].params).toEqual({ code: "Atlantis" });
    expect(p.duplicates).toEqual([
      { row: 3, of: "ledger", id: expect.any(String), number: "R-2022-0001" },
      { row: 9, of: "file", firstRow: 2 },
    ]);
    expect(p.toCreate).toBe(2);
    expect(p.totals).toEqual([
      { currency: "EUR", amount: "1000.50", amountUsd: "909.55", rows: 1 },
      { currency: "KZT", amount: "46025000.00", amountUsd: "100000.00", rows: 1 },
    ]);
    expect(p.totalUsd).toBe("100909.55");
    expect(p.items.map((r: any) => [r.row, r.stateCode, r.date, r.amount, r.currency, r.exchangeRate, r.rateSource, r.amountUsd])).toEqual([
      [2, "KZ", "2022-03-15", "46025000.00", "KZT", "460.25", "nbk", "100000.00"],
      [8, "TR", "2022-06-01", "1000.50", "EUR", "1.1", "manual", "909.55"],
    ]);
    expect(await snapshot({ except: ["import", "importPart", "importLayout"] })).toBe(before);
  });

  it("is not confirmed while a duplicate is unresolved: 409 naming the rows, nothing written", async () => {
    const before = await snapshot({ except: ["import", "importPart", "importLayout"] });
    const res = await call("POST", `/api/imports/${id}/confirm`, { cookie: finance });
    expect(res.status).toBe(409);
    expect(res.json.error).toMatchObject({ code: "import.unresolved_duplicates", params: { n: 2, rows: "3, 9" } });
    expect(await snapshot({ except: ["import", "importPart", "importLayout"] })).toBe(before);
  });

  it("refuses a resolution to record without a reason (400 naming reason) and one for a row that is no duplicate (400 naming it)", async () => {
    const noReason = await call("POST", `/api/imports/${id}/resolutions`, { cookie: finance, body: { rows: [9], action: "record" } });
    expect(noReason.status).toBe(400);
    expect(noReason.json.error.issues).toEqual([expect.objectContaining({ path: "reason", code: "import.reason_required" })]);
    const notDup = await call("POST", `/api/imports/${id}/resolutions`, { cookie: finance, body: { rows: [2], action: "skip" } });
    expect(notDup.status).toBe(400);
    expect(notDup.json.error.issues).toEqual([expect.objectContaining({ path: "rows", code: "import.not_duplicate", params: { row: 2 } })]);
    const badMap = await call("PUT", `/api/imports/${id}/mapping`, { cookie: finance, body: { columns: { stateCode: "Nation", date: "Value date" } } });
    expect(badMap.status).toBe(400);
    expect(badMap.json.error.issues.map((i: any) => i.path)).toEqual(["columns.stateCode", "columns.amount", "columns.currency", "defaults.kind", "defaults.status", "defaults.purpose"]);
  });

  it("with each duplicate resolved, confirms and writes the rows: records, totals, numbers, and audit events carrying the import's id", async () => {
    expect((await call("POST", `/api/imports/${id}/resolutions`, { cookie: finance, body: { rows: [3], action: "skip" } })).status).toBe(200);
    const r = await call("POST", `/api/imports/${id}/resolutions`, { cookie: finance, body: { rows: [9], action: "record", reason: "Two payments on one order" } });
    expect(r.json.toCreate).toBe(3);
    expect(r.json.totals).toEqual([
      { currency: "EUR", amount: "1000.50", amountUsd: "909.55", rows: 1 },
      { currency: "KZT", amount: "92050000.00", amountUsd: "200000.00", rows: 2 },
    ]);
    expect(r.json.totalUsd).toBe("200909.55");
    const c = await call("POST", `/api/imports/${id}/confirm`, { cookie: finance });
    expect(c.status, c.text).toBe(200);
    expect(c.json).toMatchObject({ total: 3 });
    expect(await waitDone(id)).toMatchObject({ status: "done", total: 3, done: 3, created: 3 });

    const kz = ((await call("GET", "/api/contributions?year=2022&state=KZ", { cookie: viewer })).json.items as Contribution.Info[]).sort((a, b) => a.number!.localeCompare(b.number!));
    expect(kz.map((x) => [x.number, x.amount, x.currency, x.exchangeRate, x.rateSource, x.rateDate, x.amountUsd, x.reference])).toEqual([
      ["R-2022-0002", "46025000.00", "KZT", "460.25", "nbk", "2022-01-01", "100000.00", "PO-1"],
      ["R-2022-0003", "46025000.00", "KZT", "460.25", "nbk", "2022-01-01", "100000.00", "po-1"],
    ]);
    const tr = (await call("GET", "/api/contributions?year=2022&state=TR", { cookie: viewer })).json.items;
    // Numbered in the order of value dates: Türkiye's June receipt after Kazakhstan's two of March.
    expect(tr).toEqual([expect.objectContaining({ number: "R-2022-0004", amount: "1000.50", currency: "EUR", exchangeRate: "1.1", rateSource: "manual", rateReason: "Rate of the imported file ledger-2022.csv", amountUsd: "909.55" })]);
    const events = await asSystem(() => Audit.list({ entity: "contribution", id: kz[1]!.id }));
    expect(events.items[0]).toMatchObject({ action: "create", changes: { importId: [null, id], duplicateReason: [null, "Two payments on one order"], amount: [null, "46025000.00"] } });
    expect((await asSystem(() => Totals.verify({ years: [2022] }))).differences).toEqual([]);
  });

  it("imported again (the same file), maps itself from the remembered layout and writes nothing", async () => {
    const before = await snapshot({ except: ["import", "importPart", "importLayout"] });
    const up = await upload("ledger-2022 (copy).csv", FILE);
    expect(up.json).toMatchObject({ mappingFrom: "layout", alreadyImported: 3, toCreate: 0 });
    // The row skipped before is still a duplicate of the ledger; skipping it again writes nothing.
    expect(up.json.duplicates.map((d: any) => d.row)).toEqual([3]);
    await call("POST", `/api/imports/${up.json.id}/resolutions`, { cookie: finance, body: { rows: [3], action: "skip" } });
    const c = await call("POST", `/api/imports/${up.json.id}/confirm`, { cookie: finance });
    expect(c.json).toMatchObject({ status: "done", total: 0 });
    expect(await snapshot({ except: ["import", "importPart", "importLayout"] })).toBe(before);
  });

  it("gives the rows in error as a CSV in the file's own layout, with their errors", async () => {
    const res = await call("GET", `/api/imports/${id}/errors.csv`, { cookie: finance });
    expect(res.status).toBe(200);
    expect(res.headers.get("content-disposition")).toContain("ledger-2022-errors.csv");
    const rows = parse(res.text.replace(/^\uFEFF/, ""), { delimiter: ";" }) as string[][];
    expect(rows.map((r) => r.slice(0, 6))).toEqual([
      ["Country", "Value date", "Sum", "Cur", "Rate", "Ref"],
      ["Atlantis", "2022-04-02", "100", "USD", "", "PO-3"],
      ["IN", "2022-13-01", "100", "USD", "", "PO-4"],
      ["RU", "2022-05-05", "1000,555", "USD", "", "PO-5"],
    ]);
    expect(rows[0]![6]).toBe(Import.ERRORS_COLUMN);
    expect(rows[1]![6]).toMatch(/^Country: /);
  });

  it("is for finance: 403 to a viewer whatever the body, and nothing written", async () => {
    const before = await snapshot();
    expect((await upload("x.csv", FILE, viewer)).status).toBe(403);
    expect((await call("POST", `/api/imports/${id}/confirm`, { cookie: viewer })).status).toBe(403);
    expect((await call("GET", `/api/imports/${id}`, { cookie: viewer })).status).toBe(403);
    expect(await snapshot()).toBe(before);
  });

  it("refuses a file that is not one (400 naming data)", async () => {
    const res = await upload("empty.csv", "Country,Date\r\n");
    expect(res.status).toBe(400);
    expect(res.json.error.issues).toEqual([expect.objectContaining({ path: "data", code: "import.empty" })]);
  });
});

describe("the product's own export", () => {
  it("imported into an empty ledger (CSV in English, XLSX in Russian) maps itself and gives the same ledger back", async () => {
    await emptyLedger();
    await asSystem(async () => {
      await ExchangeRate.put({ currency: "KZT", effectiveDate: "2021-01-01", rate: "420.50", source: "nbk" });
      const rows: Contribution.CreateInput[] = [
        { stateCode: "KZ", kind: "cash", status: "received", amount: "42050000.00", currency: "KZT", date: "2021-02-01", purpose: "regular_budget", reference: "ПП 12" },
        { stateCode: "CN", kind: "cash", status: "pledged", amount: "500000.00", currency: "USD", date: "2021-03-01", purpose: "cica_fund" },
        { stateCode: "IN", kind: "in_kind", status: "received", amount: "1200.00", currency: "USD", date: "2021-04-01", purpose: "earmarked", earmark: "Conference, Dushanbe", description: "Interpretation, 2 days" },
        { stateCode: "TR", kind: "cash", status: "received", amount: "3000.00", currency: "EUR", exchangeRate: "0.9", date: "2021-05-01", purpose: "regular_budget" },
      ];
      for (const r of rows) await Contribution.create(r);
    });
    const ledger = async () =>
      ((await call("GET", "/api/contributions?year=2021", { cookie: viewer })).json.items as Contribution.Info[]).map(
        ({ id: _i, createdAt: _a, createdBy: _b, updatedAt: _c, updatedBy: _d, pledgeId: _p, ...rest }) => rest,
      );
    const original = await ledger();
    expect(original).toHaveLength(4);
    for (const [lang, format] of [["en", "csv"], ["ru", "xlsx"]] as const) {
      const res = await app.request(`http://localhost/api/exports/contributions?year=2021&lang=${lang}&format=${format}`, { headers: { cookie: finance } });
      expect(res.status).toBe(200);
      const bytes = new Uint8Array(await res.arrayBuffer());
      await emptyLedger();
      const up = await upload(`contributions-2021-${lang}.${format}`, bytes);
      expect(up.status, up.text).toBe(201);
      expect(up.json).toMatchObject({ mappingFrom: "export", errors: [], duplicates: [], toCreate: 4, totalUsd: "604533.33" });
      expect(up.json.ignored).toBe(up.json.rows - 4);
      await call("POST", `/api/imports/${up.json.id}/confirm`, { cookie: finance });
      await waitDone(up.json.id);
      const back = (await ledger()).map((r) => {
        const o = original.find((x) => x.number === r.number);
        // A rate given apart from the register is the file's: the reason names the file.
        return o?.rateReason === undefined && r.rateSource === "manual" ? { ...r, rateReason: undefined } : r;
      });
      expect(back.map((r) => JSON.parse(JSON.stringify(r)))).toEqual(original);
      expect((await asSystem(() => Totals.verify({ years: [2021] }))).differences).toEqual([]);
    }
  });
});

describe("a large file", () => {
  // Four states: a transaction holds more rows when fewer totals items move with them.
  const rowsOf = (n: number, year: number) => {
    const states = ["KZ", "CN", "IN", "RU"];
    const lines = ["Member state,Date,Amount,Currency,Kind,Status,Purpose"];
    for (let i = 0; i < n; i++)
      lines.push(`${states[i % states.length]},${year}-${String(1 + (i % 12)).padStart(2, "0")}-${String(1 + (i % 28)).padStart(2, "0")},${1000 + i}.25,${i % 2 ? "KZT" : "USD"},Cash,Received,Regular budget`);
    return lines.join("\n");
  };

  beforeAll(() => asSystem(() => ExchangeRate.put({ currency: "KZT", effectiveDate: "2019-01-01", rate: "382.75", source: "nbk" })));

  // About 210 transactions of up to 100 items, one at a time on DynamoDB Local: the longest test of the file.
  it("of 10,000 rows runs in the background with visible progress, and finishes with every row once and the exact totals", async () => {
    const n = 10_000;
    // The file's sums, from its rows: row i holds 1000 + i + 0.25, in USD when i is even, else in KZT.
    const minor = { USD: 0, KZT: 0 };
    for (let i = 0; i < n; i++) minor[i % 2 ? "KZT" : "USD"] += (1000 + i) * 100 + 25;
    expect(minor).toEqual({ USD: 2_999_625_000, KZT: 3_000_125_000 });
    const up = await upload("big.csv", rowsOf(n, 2019));
    expect(up.status, up.text).toBe(201);
    expect(up.json).toMatchObject({ mappingFrom: "export", toCreate: n, errors: [], duplicates: [] });
    expect(up.json.totals.map((t: any) => [t.currency, t.amount, t.rows])).toEqual([
      ["KZT", "30001250.00", 5000],
      ["USD", "29996250.00", 5000],
    ]);
    const usdOfKzt = up.json.totals[0].amountUsd;
    const c = await call("POST", `/api/imports/${up.json.id}/confirm`, { cookie: finance });
    expect(c.json).toMatchObject({ status: "running", total: n });
    const seen: number[] = [];
    expect(await waitDone(up.json.id, seen, 200)).toMatchObject({ status: "done", total: n, done: n, created: n });
    expect(seen.some((d) => d > 0 && d < n)).toBe(true);
    expect(seen).toEqual([...seen].sort((a, b) => a - b));

    // The year's totals: every row once, the sums per currency exact, and the USD figure the preview gave.
    const year = async () => (await asSystem(() => Totals.ofYear(2019))).year;
    const figures = await year();
    expect(figures).toMatchObject({ count: 10_000n, receivedMinor_USD: 2_999_625_000n, receivedMinor_KZT: 3_000_125_000n });
    expect(Money.formatCents(Number(figures.receivedCents! - 2_999_625_000n))).toBe(usdOfKzt);
    // Every row once, each with its own number; the totals rebuilt from the records are the ones kept.
    const { items } = await asSystem(() => Contribution.query({ year: 2019, all: true }));
    expect(items).toHaveLength(n);
    expect(new Set(items.map((i) => i.number)).size).toBe(n);
    expect(await asSystem(() => Totals.verify({ years: [2019] }))).toMatchObject({ records: n, differences: [] });

    // Confirmed again, it writes nothing.
    const again = await call("POST", `/api/imports/${up.json.id}/confirm`, { cookie: finance });
    expect(again.json).toMatchObject({ status: "done", total: n, done: n, created: n });
    expect(await year()).toEqual(figures);
    expect((await call("GET", `/api/imports/${up.json.id}/progress`, { cookie: finance })).json).toMatchObject({ status: "done", done: n, created: n });
  }, 600_000);

  it("interrupted, resumes without writing any row twice", async () => {
    const up = await upload("resume.csv", rowsOf(300, 2020));
    Import.setRunner(() => {});
    try {
      await call("POST", `/api/imports/${up.json.id}/confirm`, { cookie: finance });
    } finally {
      Import.setRunner(Import.inProcess);
    }
    const partly = await asSystem(() => Import.run(up.json.id, { batches: 3 }));
    expect(partly.status).toBe("running");
    expect(partly.done).toBeGreaterThan(0);
    expect(partly.done).toBeLessThan(300);
    // Resumed: confirming again runs what is left.
    const again = await call("POST", `/api/imports/${up.json.id}/confirm`, { cookie: finance });
    expect(again.json.status).toBe("running");
    expect(await waitDone(up.json.id)).toMatchObject({ status: "done", total: 300, done: 300, created: 300 });
    const { items } = await asSystem(() => Contribution.query({ year: 2020, all: true }));
    expect(items).toHaveLength(300);
    expect((await asSystem(() => Totals.verify({ years: [2020] }))).differences).toEqual([]);
  });
});

describe("the rows a confirmation plans", () => {
  it("are kept as ranges of row numbers and read back the same", () => {
    expect(Import.rangesOf([2, 3, 4, 7, 9, 10, 12])).toBe("2-4,7,9-10,12");
    expect(Import.rowsOfRanges("2-4,7,9-10,12")).toEqual([2, 3, 4, 7, 9, 10, 12]);
    expect(Import.rangesOf([])).toBe("");
    expect(Import.rowsOfRanges("")).toEqual([]);
    const rows = Array.from({ length: 20_000 }, (_, i) => i + 2).filter((r) => r % 97 !== 0);
    expect(Import.rowsOfRanges(Import.rangesOf(rows))).toEqual(rows);
  });
});

describe("an import with rows in a closed fiscal year", () => {
  it("names each such row's date with close.year_closed and creates only the rows of open years", async () => {
    const closed = await call("POST", "/api/fiscal-years/2019/close", { cookie: finance, body: { status: "provisional" } });
    expect(closed.status, closed.text).toBe(200);
    const file = [LAYOUT, "KZ;2019-05-06;1000,00;USD;;CLOSED-1", "KZ;2022-07-01;2000,00;USD;;OPEN-1"].join("\r\n");
    const up = await upload("closed-year.csv", file);
    expect(up.status, up.text).toBe(201);
    const p = (await call("PUT", `/api/imports/${up.json.id}/mapping`, { cookie: finance, body: MAPPING })).json;
    expect(p.errors.map((e: any) => [e.row, e.column, e.code, e.params])).toEqual([[2, "Value date", "close.year_closed", { year: "2019", status: "provisional" }]]);
    expect(p.toCreate).toBe(1);
    expect(p.totalUsd).toBe("2000.00");
  });
});
