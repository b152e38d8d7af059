/**
 * 8. The year report against the ledger's size: one fiscal year grown from 5,000 to 200,000
 * contributions (200 states, four currencies, cash and in kind, pledges paid in part, some voided),
 * the report built at each size, its DynamoDB requests and items read counted. The records are
 * written straight with BatchWriteItem (the stored form core derives); their totals by core's own
 * `Totals.deltas`, ADDed like every write's. Then `Totals.verify` rebuilds the year from the records
 * and must be clean.
 */
import { randomUUID } from "node:crypto";
import { putAll } from "../lib/bulk";
import { details, log, notes, row } from "../lib/context";
import type { Counter } from "../lib/ddb-counter";
import { syntheticCodes } from "../lib/dataset";
import { int, median, pool, rng } from "../lib/stats";

type Core = typeof import("@tracker/core");
type Stored = import("@tracker/core").Contribution.Stored;

const YEAR = 2099;
const SIZES = (process.env.BENCH_TOTALS_SIZES ?? "5000,50000,200000").split(",").map(Number);
/** Seconds the loading may take in all (the rebuild by verify reads as many records again, at about the same speed). */
const LOAD_BUDGET_SECONDS = Number(process.env.BENCH_TOTALS_BUDGET_SECONDS ?? 100);
const CONCURRENCY = Number(process.env.BENCH_TOTALS_CONCURRENCY ?? 6);
const CURRENCIES = [
  { currency: "USD", rate: "1" },
  { currency: "EUR", rate: "0.92" },
  { currency: "KZT", rate: "470.5" },
  { currency: "JPY", rate: "150" },
];

export async function totalsAtScale(core: Core, counter: Counter) {
  log("8. year report against the ledger's size");
  const { Actor, Contribution, Money, Totals, ContributionReport } = core;
  const codes = syntheticCodes(200);
  const r = rng(8_200_000);
  const at = new Date().toISOString();

  /** A contribution in the stored form Contribution.create derives. */
  const stored = (k: number): Stored => {
    const { currency, rate } = CURRENCIES[Math.floor(r.next() * CURRENCIES.length)]!;
    const digits = Money.digits(currency);
    const amountMinor = (1 + Math.floor(r.next() * 5_000_000)) * 10 ** digits;
    const pledged = r.next() < 0.2;
    const kind = r.next() < 0.15 ? "in_kind" : "cash";
    const month = 1 + Math.floor(r.next() * 12);
    const c: Stored = {
      id: randomUUID(),
      stateCode: codes[k % codes.length]!,
      kind,
      status: pledged ? "pledged" : "received",
      amountMinor,
      currency,
      exchangeRate: rate,
      amountUsdCents: Money.toUsdCents(amountMinor, currency, rate),
      date: `${YEAR}-${String(month).padStart(2, "0")}-${String(1 + Math.floor(r.next() * 28)).padStart(2, "0")}`,
      fiscalYear: YEAR,
      purpose: "regular_budget",
      ...(kind === "in_kind" ? { description: "Equipment (benchmark data)" } : {}),
      ...(pledged ? { fulfilledMinor: Math.floor(r.next() * 3) * Math.floor(amountMinor / 4) } : {}),
      ...(pledged && r.next() < 0.1 ? { closedOn: `${YEAR}-12-31`, closeReason: "Withdrawn", closedAt: at, closedBy: "system:bench" } : {}),
      voided: r.next() < 0.03,
      version: 1,
      createdAt: at,
      createdBy: "system:bench",
      updatedAt: at,
      updatedBy: "system:bench",
    };
    return c;
  };

  const steps: Array<{ contributions: number; loadSeconds: number; requests: number; items: number; totalsItems: number; ms: number; counts: Record<string, number> }> = [];
  let loaded = 0;
  let loadSeconds = 0;
  let reducedFrom: number | undefined;
  let verified: Awaited<ReturnType<typeof Totals.verify>> | undefined;
  let verifySeconds = 0;
  for (const wanted of SIZES) {
    // The loading gets LOAD_BUDGET_SECONDS: a size it cannot reach at the speed measured so far is cut to what fits.
    let size = wanted;
    if (loaded > 0) {
      const perSecond = loaded / loadSeconds;
      const fits = Math.floor(((LOAD_BUDGET_SECONDS - loadSeconds) * perSecond) / 1000) * 1000;
      if (fits < wanted - loaded) {
        reducedFrom = wanted;
        size = loaded + fits;
        if (size <= loaded) break;
      }
    }
    const start = performance.now();
    const records = Array.from({ length: size - loaded }, (_, i) => stored(loaded + i));
    await putAll(core, records, CONCURRENCY);
    loaded = size;
    loadSeconds += (performance.now() - start) / 1000;

    const report = () => Actor.provide({ type: "system", name: "bench" }, () => ContributionReport.year({ year: YEAR }));
    await report();
    const times: number[] = [];
    let last: Awaited<ReturnType<typeof counter.count>> | undefined;
    for (let i = 0; i < 5; i++) {
      const t = performance.now();
      last = await counter.count(report);
      times.push(performance.now() - t);
    }
    const requests = Object.values(last!.counts).reduce((a, b) => a + b, 0);
    steps.push({ contributions: size, loadSeconds, requests, items: last!.items, totalsItems: last!.byEntity.totals ?? 0, ms: median(times), counts: last!.counts });
    if (reducedFrom && size !== wanted) log(`  REDUCED from ${int(reducedFrom)} to ${int(size)} contributions to keep the load within ${LOAD_BUDGET_SECONDS} s`);
    log(`  ${int(size)} contributions (loaded in ${loadSeconds.toFixed(0)} s): report ${requests} requests, ${last!.items} items, ${median(times).toFixed(1)} ms`);
    // `npm run verify` on the first size: it reads every record again, so at the largest it would take as long as the load.
    if (!verified) {
      const t = performance.now();
      verified = await Actor.provide({ type: "system", name: "bench" }, () => Totals.verify({ years: [YEAR] }));
      verifySeconds = (performance.now() - t) / 1000;
      log(`  verify of ${int(verified.records)} contributions: ${verified.differences.length} differences in ${verifySeconds.toFixed(1)} s`);
    }
  }

  if (!verified) throw new Error("no size was loaded");
  details.totals = { steps, verify: { ...verified, differences: verified.differences.slice(0, 20), seconds: verifySeconds } };

  const first = steps[0]!;
  const lastStep = steps[steps.length - 1]!;
  const flat = steps.every((s) => s.items === first.items && s.requests === first.requests);
  let n = 0;
  for (const s of steps) {
    row({
      id: `8.${++n}`,
      figure: `year report, ${int(s.contributions)} contributions in the year`,
      median: `${s.requests} requests, ${int(s.items)} items, ${s.ms.toFixed(1)} ms`,
      what: `${s.contributions === steps[steps.length - 1]!.contributions && reducedFrom ? `REDUCED from ${int(reducedFrom)} (loading at ${int(Math.round(s.contributions / s.loadSeconds))} contributions/s on this machine would pass the ${LOAD_BUDGET_SECONDS} s budget); ` : ""}ContributionReport.year: ${Object.entries(s.counts).map(([k, v]) => `${k} ${v}`).join(", ")}; items returned: ${s.totalsItems} totals items (the year's + one per state), the rest member states and budget; the records themselves (${int(s.contributions)}) are not read`,
    });
  }
  row({
    id: `8.${++n}`,
    figure: `report items read, ${int(first.contributions)} → ${int(lastStep.contributions)} contributions`,
    median: `${int(first.items)} → ${int(lastStep.items)}`,
    goal: "flat",
    status: flat ? "ok" : "MISSED",
    what: `items and requests the year report reads, at each ledger size (${steps.map((s) => int(s.items)).join(", ")}); ${int(lastStep.contributions)} records loaded by BatchWriteItem in ${lastStep.loadSeconds.toFixed(0)} s (${int(Math.round(lastStep.contributions / lastStep.loadSeconds))}/s, ${CONCURRENCY} batches at a time), totals by core's Totals.deltas`,
  });
  row({
    id: `8.${++n}`,
    figure: `verify, ${int(verified.records)} contributions`,
    median: `${verified.differences.length} differences, ${verifySeconds.toFixed(1)} s`,
    goal: "clean",
    status: verified.differences.length === 0 && verified.records === steps[0]!.contributions ? "ok" : "MISSED",
    what: `Totals.verify of fiscal year ${YEAR}: at its first size, every record read back (Query on byYear), the totals rebuilt and compared with the ${int(verified.items)} stored items`,
  });
  if (!flat) notes.push(`8: the report's reads grew with the ledger: ${steps.map((s) => `${int(s.contributions)} → ${s.items} items`).join(", ")}.`);
}
