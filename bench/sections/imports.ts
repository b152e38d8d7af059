/**
 * 9. Import rows per second: a generated CSV of contributions (BENCH_IMPORT_ROWS, 2,000 by default:
 * four states, USD and KZT at the register's rate, the layout of the product's own export so it maps
 * itself) imported through core as the API does it: the upload with its preview, the confirmation,
 * then the writing (`Import.run`, what the worker runs) to the end. Rows per second of the preview
 * and of the writing, and the DynamoDB requests per row of each. A figure, not a goal; the totals
 * are checked against the records afterwards (`Totals.verify`) so a fast import that writes wrong
 * figures does not pass unnoticed.
 */
import { log, row } from "../lib/context";
import type { Counter } from "../lib/ddb-counter";
import { int } from "../lib/stats";

type Core = typeof import("@tracker/core");

const ROWS = Number(process.env.BENCH_IMPORT_ROWS ?? 2000);
const YEAR = 2098;
const STATES = [
  { code: "KZ", en: "Kazakhstan", ru: "Казахстан" },
  { code: "CN", en: "China", ru: "Китай" },
  { code: "IN", en: "India", ru: "Индия" },
  { code: "RU", en: "Russia", ru: "Россия" },
];

/** A file in the export's English layout: one row a contribution, dates through the year. */
function importFile(rows: number, year: number): string {
  const lines = ["Member state,Date,Amount,Currency,Kind,Status,Purpose,Reference"];
  for (let i = 0; i < rows; i++)
    lines.push(
      `${STATES[i % STATES.length]!.code},${year}-${String(1 + (i % 12)).padStart(2, "0")}-${String(1 + (i % 28)).padStart(2, "0")},${1000 + i}.25,${i % 2 ? "KZT" : "USD"},Cash,Received,Regular budget,BENCH-${i}`,
    );
  return lines.join("\n");
}

const perRow = (n: number, rows: number) => (n / rows).toFixed(2);
const countsText = (counts: Record<string, number>) =>
  Object.entries(counts)
    .sort((a, b) => b[1] - a[1])
    .map(([k, v]) => `${k} ${int(v)}`)
    .join(", ");

export async function importRows(core: Core, counter: Counter) {
  log(`9. import: ${int(ROWS)} rows through core`);
  const { Actor, ExchangeRate, Import, MemberState, Totals } = core;
  const finance: import("@tracker/core").Actor.Actor = { type: "user", email: "finance@bench.local", name: "Bench finance", roles: ["finance"] };
  await Actor.provide({ type: "system", name: "bench" }, async () => {
    await MemberState.seed(STATES);
    await ExchangeRate.put({ currency: "KZT", effectiveDate: `${YEAR - 1}-12-31`, rate: "470.50", source: "nbk" });
  });
  const data = Buffer.from(importFile(ROWS, YEAR)).toString("base64");

  const as = <T>(run: () => Promise<T>) => Actor.provide(finance, run);
  let t = performance.now();
  const preview = await counter.count(() => as(() => Import.upload({ filename: "bench-import.csv", data })));
  const previewMs = performance.now() - t;
  const id = preview.result.id;
  if (preview.result.toCreate !== ROWS || preview.result.errors.length) throw new Error(`the preview has ${preview.result.toCreate} rows to create and ${preview.result.errors.length} errors`);
  log(`  preview: ${previewMs.toFixed(0)} ms`);

  // Confirmed with the writing left to this process's own call, so it is timed and counted alone.
  Import.setRunner(() => {});
  t = performance.now();
  const confirmed = await counter.count(() => as(() => Import.confirm({ id })));
  const confirmMs = performance.now() - t;
  Import.setRunner(Import.inProcess);
  t = performance.now();
  const written = await counter.count(() => as(() => Import.run(id)));
  const writeMs = performance.now() - t;
  log(`  confirm: ${confirmMs.toFixed(0)} ms; writing: ${writeMs.toFixed(0)} ms`);
  if (written.result.status !== "done" || written.result.created !== ROWS) throw new Error(`the import ended ${written.result.status} with ${written.result.created} of ${ROWS} rows`);
  const verified = await Actor.provide({ type: "system", name: "bench" }, () => Totals.verify({ years: [YEAR] }));
  if (verified.records !== ROWS || verified.differences.length) throw new Error(`verify: ${verified.records} records, ${verified.differences.length} differences`);

  const total = (c: Record<string, number>) => Object.values(c).reduce((a, b) => a + b, 0);
  row({
    id: "9.1",
    figure: `import preview, ${int(ROWS)} rows`,
    median: `${int(Math.round(ROWS / (previewMs / 1000)))} rows/s`,
    what: `Import.upload of a ${int(Math.round(Buffer.byteLength(data, "base64") / 1024))} KB CSV (parse, map, rates, duplicates against the ledger, totals) in ${(previewMs / 1000).toFixed(1)} s; ${perRow(total(preview.counts), ROWS)} DynamoDB requests a row (${countsText(preview.counts)})`,
  });
  row({
    id: "9.2",
    figure: `import writing, ${int(ROWS)} rows`,
    median: `${int(Math.round(ROWS / (writeMs / 1000)))} rows/s`,
    what: `Import.run to the end in ${(writeMs / 1000).toFixed(1)} s: each row's record and audit event with the totals and the progress, a transaction per batch; ${perRow(total(written.counts), ROWS)} DynamoDB requests a row (${countsText(written.counts)}); the confirmation before it ${(confirmMs / 1000).toFixed(1)} s, ${int(total(confirmed.counts))} requests; Totals.verify clean after`,
  });
}
