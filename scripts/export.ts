/**
 * `npm run export [-- --out file.jsonl]`
 * Writes every item of the table as JSON Lines (DynamoDB JSON, one item a line) and the file's
 * SHA-256 beside it (`file.jsonl.sha256`, `sha256sum` format). DynamoDB Local by default (that of a
 * running `npm start`, or one started on .data/ for the command); the table on AWS when TABLE_NAME
 * (and AWS_REGION) are given without DYNAMODB_ENDPOINT.
 */
import { mkdirSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { parseArgs } from "node:util";
import { dataDir, fail, useDatabase } from "./local-db";

const { values } = parseArgs({ options: { out: { type: "string" } } });

// A page of a Scan on AWS can take longer than a request of the API is given.
process.env.DYNAMODB_TIMEOUT_MS ??= "10000";

async function main() {
  const stop = await useDatabase();
  try {
    const { Backup } = await import("@tracker/core/backup/index");
    const table = process.env.TABLE_NAME!;
    const stamp = new Date().toISOString().replace(/[:.]/g, "-");
    const out = resolve(values.out ?? join(dataDir, "exports", `${table}-${stamp}.jsonl`));
    mkdirSync(dirname(out), { recursive: true, mode: 0o700 });
    console.log(`Exporting the table ${table} to ${out}`);
    const { items, sha256 } = await Backup.exportTable(out, { table });
    console.log(`Exported ${items} items. SHA-256 ${sha256}, in ${Backup.checksumFile(out)}`);
  } finally {
    await stop();
  }
}

main().catch((error) => fail(error instanceof Error && error.name === "BackupError" ? error.message : String(error?.stack ?? error)));
