/**
 * `npm run import -- file.jsonl`
 * Restores an export (`npm run export`) into an EMPTY table: the file's checksum (`file.jsonl.sha256`)
 * and every line are checked before anything is written, and a table holding any item is refused.
 * Exit code 1 with the reason when refused. DynamoDB Local by default (TABLE_NAME, default
 * tracker-local, created there if missing); the table on AWS when TABLE_NAME (and AWS_REGION) are
 * given without DYNAMODB_ENDPOINT.
 */
import { resolve } from "node:path";
import { parseArgs } from "node:util";
import { fail, useDatabase } from "./local-db";

const { positionals, values } = parseArgs({ options: { file: { type: "string" } }, allowPositionals: true });
const given = values.file ?? positionals[0];

process.env.DYNAMODB_TIMEOUT_MS ??= "10000";

async function main() {
  if (!given) fail("Usage: npm run import -- <export.jsonl>   (its checksum <export.jsonl>.sha256 beside it; the table must be empty)");
  const file = resolve(given);
  const stop = await useDatabase();
  try {
    const { Backup } = await import("@tracker/core/backup/index");
    const table = process.env.TABLE_NAME!;
    console.log(`Restoring ${file} into the table ${table}`);
    const { items, sha256 } = await Backup.importTable(file, { table });
    console.log(`Restored ${items} items (checksum ${sha256} verified).`);
  } finally {
    await stop();
  }
}

main().catch((error) => fail(error instanceof Error && error.name === "BackupError" ? error.message : String(error?.stack ?? error)));
