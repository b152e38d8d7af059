/**
 * `npm run verify`: rebuilds the contribution totals (per fiscal year and per state-year) from
 * the records and compares them with the stored totals items. Prints "clean" and exits 0, or
 * lists each difference and exits 1. `npm run verify -- --fix` ADDs each difference to its item
 * (with an audit event), which is how a table written before the totals existed gets them; then
 * a second run is clean. Run it while nothing is being recorded. `--year 2022` (repeatable) checks
 * some years only. Locally it uses the `npm start` database; on AWS set TABLE_NAME (and AWS_REGION).
 */
import { parseArgs } from "node:util";
import { fail, useDatabase } from "./local-db";

const { values } = parseArgs({ options: { fix: { type: "boolean" }, year: { type: "string", multiple: true } } });

async function main() {
  const years = values.year?.map((y) => {
    const n = Number(y);
    if (!Number.isInteger(n) || n < 1989 || n > 2100) fail(`--year must be a fiscal year from 1989 to 2100, not "${y}".`);
    return n;
  });
  const stop = await useDatabase();
  let code = 0;
  try {
    const { Actor, Totals } = await import("@tracker/core");
    const r = await Actor.provide({ type: "system", name: "verify" }, () => Totals.verify({ years, fix: values.fix }));
    const out = Totals.report(r);
    console.log(out.text);
    code = out.exitCode;
  } finally {
    await stop();
  }
  process.exit(code);
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
