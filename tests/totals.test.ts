/**
 * Contribution totals: kept in the transaction of every write (create, payment, correction,
 * void, close), exact above 2^53 cents, read by the year report; `npm run verify` rebuilds them
 * from the records and names any difference.
 */
import { Contribution, MemberState, Totals } from "@tracker/core";
import { client, tableName } from "@tracker/core/dynamo";
import { TotalsEntity } from "@tracker/core/totals/totals.entity";
import { execFile } from "node:child_process";
import { promisify } from "node:util";
import { beforeAll, describe, expect, it } from "vitest";
import { asSystem, call, userWith } from "./support/api";

let viewer: string;

const make = (over: Partial<Contribution.CreateInput>) =>
  asSystem(() =>
    Contribution.create({ stateCode: "KZ", kind: "cash", status: "received", amount: "1.00", currency: "USD", date: "2023-02-01", purpose: "regular_budget", ...over } as Contribution.CreateInput),
  );
const patch = (c: Contribution.Info, over: Record<string, unknown>) => asSystem(() => Contribution.update({ id: c.id, version: c.version, ...over }));
const voidIt = (c: Contribution.Info) => asSystem(() => Contribution.voidIt({ id: c.id, reason: "recorded twice", version: c.version }));
const latest = async (c: Contribution.Info) => Contribution.toInfo((await Contribution.find(c.id))!);

const report = async (year: number) => {
  const res = await call("GET", `/api/reports/contributions?year=${year}`, { cookie: viewer });
  expect(res.status).toBe(200);
  return res.json;
};

/** The stored figure as DynamoDB holds it (its decimal string), read past every client conversion. */
async function storedFigure(fiscalYear: number, stateCode: string, figure: string): Promise<string | undefined> {
  const { Key } = TotalsEntity.get({ fiscalYear, stateCode }).params() as { Key: { pk: string; sk: string } };
  const r = await client.send("GetItem", { TableName: tableName, Key: { pk: { S: Key.pk }, sk: { S: Key.sk } }, ConsistentRead: true });
  return r.Item?.[figure]?.N;
}

const run = promisify(execFile);
/** `npm run verify` itself, in a process of its own, on this file's table. */
async function verifyScript(...args: string[]): Promise<{ code: number; out: string }> {
  try {
    const { stdout } = await run("npx", ["tsx", "scripts/verify.ts", ...args], { env: { ...process.env }, timeout: 120_000 });
    return { code: 0, out: stdout };
  } catch (error) {
    const e = error as { code?: number; stdout?: string; stderr?: string };
    return { code: typeof e.code === "number" ? e.code : -1, out: `${e.stdout ?? ""}${e.stderr ?? ""}` };
  }
}

beforeAll(async () => {
  await asSystem(async () => {
    for (const [code, en, ru] of [["KZ", "Kazakhstan", "Казахстан"], ["MN", "Mongolia", "Монголия"], ["KR", "Korea", "Корея"], ["TR", "Türkiye", "Турция"], ["US", "Big Giver", "Большой донор"]])
      await MemberState.create({ code: code!, name: { en: en!, ru: ru! }, status: "member" });
  });
  viewer = (await userWith(["finance"])).cookie;
});

describe("a mixed workload, concurrency included", () => {
  it("keeps totals that verify finds exact, and the year report shows them", async () => {
    // Kazakhstan: a receipt; a receipt in tenge that is corrected to Mongolia; one voided; a pledge paid in part, then closed.
    const a1 = await make({ amount: "1000.00" });
    const a2 = await make({ amount: "460250.00", currency: "KZT", exchangeRate: "460.25" });
    const a3 = await make({ amount: "300.00" });
    const p1 = await make({ status: "pledged", amount: "5000.00", date: "2023-03-01" });
    await make({ amount: "1000.00", date: "2023-04-01", pledgeId: p1.id });
    // Mongolia: in kind (corrected 2500.50 → 3000.00); a pledge whose payment is voided; a receipt moved to 2024.
    const m1 = await make({ stateCode: "MN", kind: "in_kind", amount: "2500.50", description: "Conference hall" });
    const m2 = await make({ stateCode: "MN", status: "pledged", amount: "800.00" });
    const m3 = await make({ stateCode: "MN", amount: "200.00", pledgeId: m2.id });
    const m4 = await make({ stateCode: "MN", amount: "50.00", date: "2023-05-05" });
    // Korea: a pledge of 1,500,000 yen at 150 (10,000.00 USD), a third paid at 155 (3,225.81 USD received; 6,666.67 still to come).
    const k1 = await make({ stateCode: "KR", status: "pledged", amount: "1500000", currency: "JPY", exchangeRate: "150" });
    await make({ stateCode: "KR", amount: "500000", currency: "JPY", exchangeRate: "155", pledgeId: k1.id });

    // 24 receipts for Kazakhstan 2023 at once (odd i: i.00 USD; even i: i.00 EUR at 0.8 = 1.25 × i USD), beside corrections,
    // a void, a payment's void and a close, all on the same totals items.
    const closing = await latest(p1);
    const paid = await latest(m3);
    await Promise.all([
      ...Array.from({ length: 24 }, (_, k) =>
        make(k % 2 === 0 ? { amount: `${k + 1}.00` } : { amount: `${k + 1}.00`, currency: "EUR", exchangeRate: "0.8", reference: `c${k}` }),
      ),
      patch(a2, { stateCode: "MN" }),
      patch(m1, { amount: "3000.00" }),
      patch(m4, { date: "2024-01-15" }),
      voidIt(a3),
      voidIt(paid),
      asSystem(() => Contribution.close({ id: closing.id, date: "2023-06-01", reason: "Withdrawn by the state", version: closing.version })),
    ]);

    const v = await Totals.verify({ years: [2022, 2023, 2024] });
    expect(v.differences).toEqual([]);
    expect(v.records).toBe(11 + 24); // m4, moved to 2024, among them
    expect((await Totals.verify()).differences).toEqual([]);

    const r = await report(2023);
    expect(r.receivedUsd).toBe("6564.81"); // KZ 1000 + 1000 + 339.00; MN 1000.00 (the tenge receipt); KR 3225.81
    expect(r.inKindUsd).toBe("3000.00");
    expect(r.pledgedOutstandingUsd).toBe("7466.67"); // MN 800.00 (payment voided), KR 6666.67, KZ 0 (closed)
    expect(r.contributors).toBe(3);
    expect(r.byState).toEqual([
      { code: "MN", name: { en: "Mongolia", ru: "Монголия" }, receivedUsd: "1000.00", inKindUsd: "3000.00", secondmentValueUsd: "0.00", inKindTotalUsd: "3000.00", pledgedOutstandingUsd: "800.00", count: 3 },
      { code: "KR", name: { en: "Korea", ru: "Корея" }, receivedUsd: "3225.81", inKindUsd: "0.00", secondmentValueUsd: "0.00", inKindTotalUsd: "0.00", pledgedOutstandingUsd: "6666.67", count: 2 },
      { code: "KZ", name: { en: "Kazakhstan", ru: "Казахстан" }, receivedUsd: "2339.00", inKindUsd: "0.00", secondmentValueUsd: "0.00", inKindTotalUsd: "0.00", pledgedOutstandingUsd: "0.00", count: 27 },
    ]);
    expect(r.noContribution.map((s: { code: string }) => s.code).sort()).toEqual(["TR", "US"]);
    expect((await report(2024)).byState).toEqual([
      { code: "MN", name: { en: "Mongolia", ru: "Монголия" }, receivedUsd: "50.00", inKindUsd: "0.00", secondmentValueUsd: "0.00", inKindTotalUsd: "0.00", pledgedOutstandingUsd: "0.00", count: 1 },
    ]);
    // Per currency, in minor units: tenge received by Mongolia, yen still to come from Korea.
    expect(await storedFigure(2023, "MN", "receivedMinor_KZT")).toBe("46025000");
    expect(await storedFigure(2023, "KR", "outstandingMinor_JPY")).toBe("1000000");
    expect(await storedFigure(2023, "KZ", "voidedCount")).toBe("1");
    // The state history reads the same items.
    const history = await call("GET", "/api/reports/contributions/states/MN", { cookie: viewer });
    expect(history.json.years).toEqual([
      { year: 2024, receivedUsd: "50.00", inKindUsd: "0.00", pledgedOutstandingUsd: "0.00", count: 1 },
      { year: 2023, receivedUsd: "1000.00", inKindUsd: "3000.00", pledgedOutstandingUsd: "800.00", count: 3 },
    ]);
  });
});

describe("exact at any size", () => {
  it("eleven receipts at the largest amount give a total above 2^53 cents, to the cent", async () => {
    // 9,999,999,999,999.99 USD (10^15 − 1 cents) is the largest amount the schema takes.
    const max = "9999999999999.99";
    // The same receipt eleven times at once: confirmed, since the duplicate check reads before it writes.
    await Promise.all(Array.from({ length: 11 }, () => make({ stateCode: "US", amount: max, date: "2030-03-03", confirmDuplicate: true })));
    await make({ stateCode: "US", status: "pledged", amount: max, date: "2030-04-04" });
    // 11 × 999,999,999,999,999 = 10,999,999,999,999,989 cents, above 2^53 and odd: no JS number holds it.
    expect(await storedFigure(2030, "US", "receivedCents")).toBe("10999999999999989");
    expect(await storedFigure(2030, Totals.YEAR, "pledgedOutstandingCents")).toBe("999999999999999");
    const r = await report(2030);
    expect(r.receivedUsd).toBe("109999999999999.89");
    expect(r.pledgedOutstandingUsd).toBe("9999999999999.99");
    expect(r.gapUsd).toBe("-109999999999999.89");
    expect(r.byState[0]).toMatchObject({ code: "US", receivedUsd: "109999999999999.89", count: 12 });
    expect((await Totals.verify({ years: [2030] })).differences).toEqual([]);
  });
});

describe("npm run verify", () => {
  it("is clean on kept totals, names a tampered item and exits 1, and --fix rewrites it from the records", async () => {
    await make({ stateCode: "TR", amount: "75.25", date: "2031-01-01" });
    const clean = await verifyScript("--year", "2031");
    expect(clean.code).toBe(0);
    expect(clean.out).toContain("1 records of 1 fiscal years against 2 totals items: clean");

    const { Key } = TotalsEntity.get({ fiscalYear: 2031, stateCode: "TR" }).params() as { Key: { pk: string; sk: string } };
    await client.send("UpdateItem", {
      TableName: tableName,
      Key: { pk: { S: Key.pk }, sk: { S: Key.sk } },
      UpdateExpression: "ADD receivedCents :one",
      ExpressionAttributeValues: { ":one": { N: "1" } },
    });
    const tampered = await verifyScript("--year", "2031");
    expect(tampered.code).toBe(1);
    expect(tampered.out).toContain("2031 TR receivedCents: records give 7525, totals item holds 7526");
    expect(tampered.out).toContain("1 difference");

    const fixed = await verifyScript("--fix", "--year", "2031");
    expect(fixed.code).toBe(0);
    expect(await storedFigure(2031, "TR", "receivedCents")).toBe("7525");
    expect((await Totals.verify({ years: [2031] })).differences).toEqual([]);
  });

  it("a table from before the totals (items missing) gets them with --fix, and the report is the same again", async () => {
    await make({ stateCode: "KZ", amount: "12.34", date: "2032-02-02" });
    await make({ stateCode: "KZ", kind: "in_kind", amount: "5.00", description: "Books", date: "2032-02-03" });
    const before = await report(2032);
    for (const stateCode of ["KZ", Totals.YEAR]) {
      const { Key } = TotalsEntity.get({ fiscalYear: 2032, stateCode }).params() as { Key: { pk: string; sk: string } };
      await client.send("UpdateItem", { TableName: tableName, Key: { pk: { S: Key.pk }, sk: { S: Key.sk } }, UpdateExpression: "REMOVE receivedCents, inKindCents, #c", ExpressionAttributeNames: { "#c": "count" } });
    }
    expect((await report(2032)).receivedUsd).toBe("0.00");
    const missing = await Totals.verify({ years: [2032] });
    expect(missing.differences.map((d) => `${d.stateCode} ${d.figure} ${d.expected}/${d.stored}`)).toEqual([
      "* count 2/0", "* inKindCents 500/0", "* receivedCents 1234/0",
      "KZ count 2/0", "KZ inKindCents 500/0", "KZ receivedCents 1234/0",
    ]);
    await asSystem(() => Totals.verify({ years: [2032], fix: true }));
    expect(await report(2032)).toEqual(before);
    expect(before.receivedUsd).toBe("12.34");
  });
});
