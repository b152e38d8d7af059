/**
 * Nothing lost: the demo data exported (`npm run export`) and restored (`npm run import`) into a
 * fresh empty table comes back item for item; a changed file, a missing checksum and a table that
 * is not empty are refused, and nothing is written.
 */
import type { AttributeValue } from "@aws-sdk/client-dynamodb";
import { Backup } from "@tracker/core/backup/index";
import { client, tableName } from "@tracker/core/dynamo";
import { execFile } from "node:child_process";
import { randomBytes } from "node:crypto";
import { copyFileSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { promisify } from "node:util";
import { beforeAll, describe, expect, it } from "vitest";
import { ensureTable } from "../packages/core/src/dev/dynamo-local";

const root = resolve(import.meta.dirname, "..");
const dir = mkdtempSync(join(tmpdir(), "backup-"));
process.env.MAIL_OUTBOX = join(dir, "outbox");
const run = promisify(execFile);

type Item = Record<string, AttributeValue>;

/** Every item of a table, raw (DynamoDB JSON), sorted by key. */
async function items(table: string): Promise<Item[]> {
  const out: Item[] = [];
  let start: Item | undefined;
  do {
    const page = await client.send("Scan", { TableName: table, ExclusiveStartKey: start, ConsistentRead: true });
    out.push(...(page.Items ?? []));
    start = page.LastEvaluatedKey;
  } while (start);
  const key = (i: Item) => `${i.pk!.S}\u0000${i.sk!.S}`;
  return out.sort((a, b) => (key(a) < key(b) ? -1 : key(a) > key(b) ? 1 : 0));
}

async function freshTable(): Promise<string> {
  const name = `restore-${randomBytes(4).toString("hex")}`;
  await ensureTable(process.env.DYNAMODB_ENDPOINT!, name);
  return name;
}

const file = join(dir, "export.jsonl");
let exported: { items: number; sha256: string };

beforeAll(async () => {
  process.env.ADMIN_PASSWORD = "demo admin password";
  const { firstStart } = await import("../scripts/seed");
  await firstStart(root);
  exported = await Backup.exportTable(file);
});

describe("export", () => {
  it("writes every item of the table as a JSON line of DynamoDB JSON, with its SHA-256 beside it", async () => {
    const all = await items(tableName);
    // The demo: 28 states, contributions, budgets, posts, secondments, vacancies, the admin, the audit trail.
    expect(all.length).toBeGreaterThan(100);
    expect(exported.items).toBe(all.length);
    const lines = readFileSync(file, "utf8").split("\n");
    expect(lines.pop()).toBe("");
    expect(lines).toHaveLength(all.length);
    expect(lines.every((l) => Object.keys(JSON.parse(l)).join() === "Item")).toBe(true);
    // Numbers stay exact decimal strings, as DynamoDB holds them.
    expect(lines.some((l) => /"amountMinor":\{"N":"\d+"\}/.test(l))).toBe(true);
    expect(readFileSync(Backup.checksumFile(file), "utf8")).toBe(`${exported.sha256}  export.jsonl\n`);
    // The sidecar is in sha256sum's own format.
    const check = await run("sha256sum", ["-c", "export.jsonl.sha256"], { cwd: dir });
    expect(check.stdout).toBe("export.jsonl: OK\n");
  });
});

describe("import", () => {
  it("restores the export into a fresh empty table item for item", async () => {
    const target = await freshTable();
    const restored = await Backup.importTable(file, { table: target });
    expect(restored).toEqual(exported);
    const [source, copy] = await Promise.all([items(tableName), items(target)]);
    expect(copy).toHaveLength(source.length);
    expect(copy).toEqual(source);
  });

  it("refuses a table that is not empty, writing nothing", async () => {
    const target = await freshTable();
    await Backup.importTable(file, { table: target });
    const before = await items(target);
    const other = join(dir, "other.jsonl");
    const line = `${JSON.stringify({ Item: { pk: { S: "$x#1" }, sk: { S: "$x" }, note: { S: "not in the first export" } } })}\n`;
    writeFileSync(other, line);
    writeFileSync(Backup.checksumFile(other), `${(await import("node:crypto")).createHash("sha256").update(line).digest("hex")}  other.jsonl\n`);
    await expect(Backup.importTable(other, { table: target })).rejects.toThrow(`The table ${target} is not empty`);
    expect(await items(target)).toEqual(before);
  });

  it("refuses a file changed after its export (one digit of one amount), writing nothing", async () => {
    const tampered = join(dir, "tampered.jsonl");
    const text = readFileSync(file, "utf8");
    const changed = text.replace(/"amountMinor":\{"N":"(\d)/, (_m, d: string) => `"amountMinor":{"N":"${(Number(d) % 9) + 1}`);
    expect(changed).not.toBe(text);
    writeFileSync(tampered, changed);
    copyFileSync(Backup.checksumFile(file), Backup.checksumFile(tampered));
    const target = await freshTable();
    await expect(Backup.importTable(tampered, { table: target })).rejects.toThrow(/The checksum of .*tampered\.jsonl fails/);
    expect(await items(target)).toEqual([]);
  });

  it("refuses a file cut short, and a file without its checksum", async () => {
    const cut = join(dir, "cut.jsonl");
    const text = readFileSync(file, "utf8");
    writeFileSync(cut, text.slice(0, text.length - 200));
    copyFileSync(Backup.checksumFile(file), Backup.checksumFile(cut));
    const target = await freshTable();
    await expect(Backup.importTable(cut, { table: target })).rejects.toThrow(/checksum .* fails/);
    rmSync(Backup.checksumFile(cut));
    await expect(Backup.importTable(cut, { table: target })).rejects.toThrow(/cut\.jsonl\.sha256 is missing/);
    expect(await items(target)).toEqual([]);
  });

  it("npm run export and npm run import: the commands round-trip, and a tampered file exits non-zero with the reason", async () => {
    const env = { ...process.env, DYNAMODB_ENDPOINT: process.env.DYNAMODB_ENDPOINT, TABLE_NAME: tableName };
    const out = join(dir, "cli.jsonl");
    const exportRun = await run("npx", ["tsx", "scripts/export.ts", "--out", out], { cwd: root, env });
    expect(exportRun.stdout).toContain(`Exported ${exported.items} items.`);
    const target = await freshTable();
    const importRun = await run("npx", ["tsx", "scripts/import.ts", out], { cwd: root, env: { ...env, TABLE_NAME: target } });
    expect(importRun.stdout).toContain(`Restored ${exported.items} items`);
    expect(await items(target)).toEqual(await items(tableName));

    writeFileSync(out, readFileSync(out, "utf8").replace("Kazakhstan", "Kazakhstam"));
    const empty = await freshTable();
    const refused = await run("npx", ["tsx", "scripts/import.ts", out], { cwd: root, env: { ...env, TABLE_NAME: empty } }).catch((e) => e);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toMatch(/The checksum of .*cli\.jsonl fails .* Nothing was written\./);
    expect(await items(empty)).toEqual([]);
  });
});
