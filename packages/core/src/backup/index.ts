/**
 * Export and restore of the whole table, for operators (`npm run export`, `npm run import`).
 *
 * The file is JSON Lines in DynamoDB JSON, one item a line, `{"Item":{"pk":{"S":"…"},…}}`: the
 * format of DynamoDB's own export to S3, so every type (numbers as exact decimal strings, sets,
 * binary) comes back as it was, and the file can also be given to DynamoDB's import from S3.
 * Beside it, `<file>.sha256` holds the SHA-256 of the file's bytes in `sha256sum` format
 * (`<hex>  <file name>`), so `sha256sum -c export.jsonl.sha256` checks it too.
 *
 * A restore reads and checks the whole file before it writes anything: the checksum, then every
 * line. It writes only into a table that is empty. These are operator tools: the Scan here never
 * runs on a request path (the functions' IAM does not even allow it).
 */
export * as Backup from "./index";

import { createHash } from "node:crypto";
import { createReadStream, createWriteStream, existsSync, readFileSync, renameSync, rmSync, writeFileSync } from "node:fs";
import { basename } from "node:path";
import { createInterface } from "node:readline";
import { once } from "node:events";
import type { AttributeValue } from "@aws-sdk/client-dynamodb";
import type { DynamoDB } from "../ddb/client";
import { client as defaultClient, tableName as defaultTable } from "../dynamo";
import { TABLE_KEYS } from "../table";

export interface Options {
  /** Defaults to the configured table (TABLE_NAME). */
  table?: string;
  /** Defaults to the configured client (DynamoDB Local with DYNAMODB_ENDPOINT, else AWS). */
  client?: DynamoDB;
}

/** A refusal an operator can act on: the scripts print the message and exit 1. */
export class BackupError extends Error {
  override name = "BackupError";
}

type Item = Record<string, AttributeValue>;

export function checksumFile(file: string): string {
  return `${file}.sha256`;
}

/** `sha256sum` format: the hex digest, two spaces, the file's name. */
function checksumLine(sha256: string, file: string): string {
  return `${sha256}  ${basename(file)}\n`;
}

/** Every item of the table, a page at a time (consistent reads). */
async function* scan(options: Options): AsyncGenerator<Item> {
  const client = options.client ?? defaultClient;
  const table = options.table ?? defaultTable;
  let start: Item | undefined;
  do {
    const page = await client.send("Scan", { TableName: table, ConsistentRead: true, ExclusiveStartKey: start });
    for (const item of page.Items ?? []) yield item;
    start = page.LastEvaluatedKey;
  } while (start);
}

/**
 * Writes every item of the table to `file` (JSON Lines) and its checksum to `file.sha256`.
 * The data is written to a temporary file and renamed once complete, so a failed export leaves no
 * file that looks whole.
 */
export async function exportTable(file: string, options: Options = {}): Promise<{ items: number; sha256: string }> {
  const partial = `${file}.partial`;
  const out = createWriteStream(partial, { mode: 0o600 });
  const hash = createHash("sha256");
  let items = 0;
  try {
    for await (const item of scan(options)) {
      const line = `${JSON.stringify({ Item: item })}\n`;
      hash.update(line);
      if (!out.write(line)) await once(out, "drain");
      items++;
    }
    out.end();
    await once(out, "finish");
  } catch (error) {
    out.destroy();
    rmSync(partial, { force: true });
    throw error;
  }
  const sha256 = hash.digest("hex");
  renameSync(partial, file);
  writeFileSync(checksumFile(file), checksumLine(sha256, file), { mode: 0o600 });
  return { items, sha256 };
}

async function sha256Of(file: string): Promise<string> {
  const hash = createHash("sha256");
  for await (const chunk of createReadStream(file)) hash.update(chunk as Buffer);
  return hash.digest("hex");
}

/** Checks the file against its `.sha256`: refuses a missing, malformed or failing checksum. */
export async function verify(file: string): Promise<string> {
  if (!existsSync(file)) throw new BackupError(`${file} does not exist.`);
  const sidecar = checksumFile(file);
  if (!existsSync(sidecar)) throw new BackupError(`${sidecar} is missing: without its checksum the export cannot be trusted.`);
  const expected = /^([0-9a-f]{64})\s/i.exec(readFileSync(sidecar, "utf8"))?.[1]?.toLowerCase();
  if (!expected) throw new BackupError(`${sidecar} does not hold a SHA-256 checksum.`);
  const actual = await sha256Of(file);
  if (actual !== expected)
    throw new BackupError(`The checksum of ${file} fails (expected ${expected}, the file has ${actual}): the file was changed or cut short. Nothing was written.`);
  return actual;
}

/** Every item of a verified file, each line checked: an object `{ Item }` with the table's keys as strings. */
async function* read(file: string): AsyncGenerator<Item> {
  const lines = createInterface({ input: createReadStream(file, "utf8"), crlfDelay: Infinity });
  let n = 0;
  for await (const line of lines) {
    n++;
    if (line === "") continue;
    let parsed: unknown;
    try {
      parsed = JSON.parse(line);
    } catch {
      throw new BackupError(`Line ${n} of ${file} is not JSON. Nothing was written.`);
    }
    const item = (parsed as { Item?: unknown } | null)?.Item as Item | undefined;
    if (!item || typeof item !== "object" || typeof item[TABLE_KEYS.partitionKey]?.S !== "string" || typeof item[TABLE_KEYS.sortKey]?.S !== "string")
      throw new BackupError(`Line ${n} of ${file} is not an item with "${TABLE_KEYS.partitionKey}" and "${TABLE_KEYS.sortKey}". Nothing was written.`);
    yield item;
  }
}

/** True when the table holds at least one item. */
export async function hasItems(options: Options = {}): Promise<boolean> {
  const client = options.client ?? defaultClient;
  // A Scan with Limit 1 may return no item but a LastEvaluatedKey (a page of expired or filtered items): follow it.
  let start: Item | undefined;
  do {
    const page = await client.send("Scan", { TableName: options.table ?? defaultTable, Limit: 1, ExclusiveStartKey: start, ConsistentRead: true });
    if (page.Items?.length) return true;
    start = page.LastEvaluatedKey;
  } while (start);
  return false;
}

const BATCH = 25;

async function writeBatch(items: Item[], options: Options): Promise<void> {
  const client = options.client ?? defaultClient;
  const table = options.table ?? defaultTable;
  let requests = items.map((Item) => ({ PutRequest: { Item } }));
  for (let attempt = 0; requests.length; attempt++) {
    if (attempt >= 10) throw new BackupError(`DynamoDB left ${requests.length} items unwritten after ${attempt} attempts; the table now holds part of the export.`);
    if (attempt) await new Promise((r) => setTimeout(r, Math.min(2000, 50 * 2 ** attempt)));
    const r = await client.send("BatchWriteItem", { RequestItems: { [table]: requests } });
    requests = (r.UnprocessedItems?.[table] ?? []) as typeof requests;
  }
}

/**
 * Restores an export into an empty table: the checksum and every line are checked first, and a
 * table that already holds an item is refused, so nothing is overwritten or mixed.
 */
export async function importTable(file: string, options: Options = {}): Promise<{ items: number; sha256: string }> {
  const sha256 = await verify(file);
  let count = 0;
  const keys = new Set<string>();
  for await (const item of read(file)) {
    const key = JSON.stringify([item[TABLE_KEYS.partitionKey]!.S, item[TABLE_KEYS.sortKey]!.S]);
    if (keys.has(key)) throw new BackupError(`${file} holds the item ${key} twice. Nothing was written.`);
    keys.add(key);
    count++;
  }
  const table = options.table ?? defaultTable;
  if (await hasItems(options)) throw new BackupError(`The table ${table} is not empty: a restore goes only into an empty table. Nothing was written.`);
  let batch: Item[] = [];
  for await (const item of read(file)) {
    batch.push(item);
    if (batch.length === BATCH) {
      await writeBatch(batch, options);
      batch = [];
    }
  }
  if (batch.length) await writeBatch(batch, options);
  return { items: count, sha256 };
}
