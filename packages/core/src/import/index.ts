/**
 * Importing contributions from a spreadsheet (CSV or XLSX): upload, map the columns (the
 * product's own export maps itself; other layouts are mapped once and remembered by their
 * header), preview every row's errors, the rows to be created and their totals, resolve each
 * duplicate (of the ledger or of another row of the file), confirm. Nothing is written before
 * the confirmation. The rows are then written in the background, a transaction per batch of
 * rows, each with its file-row key (file hash and row number), so a file imported again, or an
 * import interrupted and run again, never writes a row twice.
 */
export * as Import from "./index";

import { createHash, randomUUID } from "node:crypto";
import * as z from "zod";
import * as Actor from "../actor";
import { Audit } from "../audit";
import * as Clock from "../clock";
import { YearClose } from "../close";
import { Contribution } from "../contribution";
import { ContributionEntity } from "../contribution/contribution.entity";
import { ReceiptCounterEntity } from "../contribution/receipt-counter.entity";
import { Csv } from "../csv";
import { asTransactItem, isUnavailable, type TransactItem } from "../dynamo";
import { firstStamps, getRecord, queryRecords } from "../entity";
import { invalidFields, VisibleError, type ErrorIssue, type MessageCode, type MessageParams } from "../error";
import { VALUE_WORDS, WORDS } from "../export/words";
import { fn } from "../fn";
import { MemberState } from "../member-state";
import { english } from "../messages";
import { issuesOf } from "../messages/zod";
import { Money } from "../money";
import { ExchangeRateEntity } from "../rate/rate.entity";
import { isoDate } from "../rate/csv";
import { transact } from "../service";
import { Totals } from "../totals";
import { ImportEntity, ImportLayoutEntity, ImportPartEntity, ImportBatchEntity } from "./import.entity";
import { read, formatOf, type Table } from "./parse";

/** The fields a column may hold. `voided` (the product's export) marks rows left out. */
export const FIELDS = ["stateCode", "date", "kind", "status", "purpose", "amount", "currency", "exchangeRate", "earmark", "description", "reference", "voided"] as const;
export type Field = (typeof FIELDS)[number];
/** Fields without which no row is read. */
export const REQUIRED: readonly Field[] = ["stateCode", "date", "amount", "currency"];

/** The largest file taken (a request to a Lambda carries at most 6 MB, base64 adds a third). */
export const MAX_FILE_BYTES = 4 * 1024 * 1024;
export const MAX_ROWS = 20_000;
/** Bytes of the file a part item holds (base64 of it stays well under DynamoDB's 400 KB an item). */
const PART_BYTES = 240_000;
/** A transaction holds at most 100 items: per row its record and its audit event; the totals, a year's open check, the batch's rows and the progress. */
const TRANSACTION_ITEMS = 100;
const ITEMS_PER_ROW = 2;
const ITEMS_PER_BATCH = 2;

/** The header of the column the errors file adds (left out of the layout, so a fixed file maps as before). */
export const ERRORS_COLUMN = "Import errors";

const ENTITY = "import";

export const Defaults = z.strictObject({
  kind: z.enum(Contribution.KINDS).optional(),
  status: z.enum(Contribution.STATUSES).optional(),
  purpose: z.enum(Contribution.PURPOSES).optional(),
});

export const Mapping = z.strictObject({
  /** Field → the header of the column that holds it. */
  columns: z.partialRecord(z.enum(FIELDS), z.string().max(200)),
  /** kind, status and purpose of rows where no column gives them. */
  defaults: Defaults.optional(),
});
export type Mapping = z.output<typeof Mapping>;

export const UploadInput = z.strictObject({
  filename: z.string().trim().min(1).max(200),
  /** The file's bytes, base64. */
  data: z.base64().min(1).max(Math.ceil(MAX_FILE_BYTES / 3) * 4),
});

export const RowError = z.object({
  row: z.number(),
  /** The file's header of the column (the field's name when no column is mapped to it). */
  column: z.string(),
  field: z.string(),
  code: z.string(),
  params: z.record(z.string(), z.unknown()),
  message: z.string(),
});
export type RowError = z.infer<typeof RowError>;

export const Duplicate = z.object({
  row: z.number(),
  /** Of a record of the ledger (its id and number), or of an earlier row of the file. */
  of: z.enum(["ledger", "file"]),
  id: z.string().optional(),
  number: z.string().optional(),
  firstRow: z.number().optional(),
  resolution: z.object({ action: z.enum(["skip", "record"]), reason: z.string().optional() }).optional(),
});
export type Duplicate = z.infer<typeof Duplicate>;

export const PreviewRow = z.object({
  row: z.number(),
  stateCode: z.string(),
  date: z.string(),
  kind: z.enum(Contribution.KINDS),
  status: z.enum(Contribution.STATUSES),
  purpose: z.enum(Contribution.PURPOSES),
  amount: z.string(),
  currency: z.string(),
  exchangeRate: z.string(),
  rateSource: z.string(),
  amountUsd: z.string(),
  reference: z.string().optional(),
});

export const Info = z.object({
  id: z.string(),
  filename: z.string(),
  format: z.enum(["csv", "xlsx"]),
  fileHash: z.string(),
  status: z.enum(["draft", "running", "done"]),
  header: z.array(z.string()),
  fields: z.array(z.enum(FIELDS)),
  mapping: Mapping.optional(),
  /** Where the mapping came from: the product's export (by its headers), the layout's remembered one, or this import's own. */
  mappingFrom: z.enum(["export", "layout", "user"]).optional(),
  rows: z.number(),
  /** Rows of the file that the ledger already holds from this file (an earlier import of it). */
  alreadyImported: z.number(),
  /** Rows left out: voided in the export, or with neither state nor date (totals lines). */
  ignored: z.number(),
  errors: z.array(RowError),
  duplicates: z.array(Duplicate),
  /** How many rows confirming creates, and their totals per currency and in USD. */
  toCreate: z.number(),
  totals: z.array(z.object({ currency: z.string(), amount: z.string(), amountUsd: z.string(), rows: z.number() })),
  totalUsd: z.string(),
  /** The rows to be created, from `offset`, at most `limit`. */
  items: z.array(PreviewRow),
  progress: z.object({ total: z.number(), done: z.number(), created: z.number() }).optional(),
  confirmedAt: z.string().optional(),
  confirmedBy: z.string().optional(),
  finishedAt: z.string().optional(),
  createdAt: z.string(),
  createdBy: z.string(),
});
export type Info = z.infer<typeof Info>;

export const Progress = z.object({
  id: z.string(),
  status: z.enum(["draft", "running", "done"]),
  total: z.number(),
  done: z.number(),
  created: z.number(),
});
export type Progress = z.infer<typeof Progress>;

type Stored = {
  id: string;
  filename: string;
  format: "csv" | "xlsx";
  fileHash: string;
  bytes: number;
  parts: number;
  layoutKey: string;
  mapping?: Mapping & { from?: "export" | "layout" | "user" };
  resolutions?: Record<string, { action: "skip" | "record"; reason?: string }>;
  /** The rows to create, as ranges ("2-10001,10003"): the item stays small though every batch updates it. */
  planned?: string;
  /** The same, as a list (imports confirmed before `planned`). */
  plan?: number[];
  status: "draft" | "running" | "done";
  total?: number;
  done?: number;
  created?: number;
  confirmedAt?: string;
  confirmedBy?: string;
  finishedAt?: string;
  version: number;
  createdAt: string;
  createdBy: string;
  updatedAt: string;
  updatedBy: string;
};

function notFound(id: string) {
  return new VisibleError("not_found", "import.not_found", { id });
}

function fileIssue(code: MessageCode, params: MessageParams = {}): VisibleError {
  return invalidFields([{ path: "data", code, params, message: english(code, params) }]);
}

const sha256 = (data: Uint8Array | string) => createHash("sha256").update(data).digest("hex");

const normal = (s: string) => s.trim().toLowerCase().replace(/\s+/g, " ");

/** The header that names a layout: the columns' headers, normalised, without the errors column. */
function layoutHeader(header: string[]): string[] {
  return header.map(normal).filter((h) => h !== normal(ERRORS_COLUMN));
}

export function layoutKeyOf(header: string[]): string {
  return sha256(layoutHeader(header).join("\u0001"));
}

/** The export's columns (core/src/export, `contributions`) and the field each holds; null: not read. */
const EXPORT_COLUMNS: Array<[keyof (typeof WORDS)["en"], Field | null]> = [
  ["number", null], ["date", "date"], ["state", "stateCode"], ["kind", "kind"], ["status", "status"], ["purpose", "purpose"],
  ["earmark", "earmark"], ["amount", "amount"], ["currency", "currency"], ["exchangeRate", "exchangeRate"], ["amountUsd", null],
  ["outstandingUsd", null], ["reference", "reference"], ["description", "description"], ["voided", "voided"], ["voidReason", null], ["recordedBy", null],
];

/** The mapping of a file of the product's own contributions export (in either language), by its headers; undefined for another layout. */
export function exportMapping(header: string[]): Mapping | undefined {
  const cells = layoutHeader(header);
  for (const lang of ["en", "ru"] as const) {
    const words = new Map(EXPORT_COLUMNS.map(([head, field]) => [normal(WORDS[lang][head]), field]));
    if (!cells.every((c) => words.has(c))) continue;
    const columns: Mapping["columns"] = {};
    header.forEach((h) => {
      const field = words.get(normal(h));
      if (field) columns[field] = h;
    });
    if (REQUIRED.every((f) => columns[f])) return { columns };
  }
  return undefined;
}

/** An amount or a rate as a decimal string: spaces and a grouping comma out, a decimal comma turned into a point. */
export function decimal(cell: string): string {
  const s = cell.replace(/[\s\u00a0\u202f']/g, "");
  if (s.includes(",") && s.includes(".")) return s.replace(/,/g, "");
  if ((s.match(/,/g) ?? []).length === 1) return s.replace(",", ".");
  return s;
}

/** What a row reads as, before the rules: a record to create, a row left out, or its errors. */
interface Parsed {
  row: number;
  cells: string[];
  input?: Contribution.CreateInput & { exchangeRate?: string };
  errors: RowError[];
  ignored?: boolean;
}

interface Context {
  states: Map<string, string>;
  words: Record<"kind" | "status" | "purpose", Map<string, string>>;
  yes: Set<string>;
}

async function contextOf(): Promise<Context> {
  const states = new Map<string, string>();
  for (const s of await MemberState.listAll()) {
    states.set(normal(s.code), s.code);
    for (const n of Object.values(s.name as Record<string, string>)) states.set(normal(n), s.code);
  }
  const words = { kind: new Map<string, string>(), status: new Map<string, string>(), purpose: new Map<string, string>() };
  const groups = { kind: "kind", status: "cstatus", purpose: "purpose" } as const;
  const codes = { kind: Contribution.KINDS, status: Contribution.STATUSES, purpose: Contribution.PURPOSES };
  for (const field of ["kind", "status", "purpose"] as const) {
    for (const code of codes[field]) {
      words[field].set(normal(code), code);
      for (const lang of ["en", "ru"] as const) {
        const w = (VALUE_WORDS[lang] as Record<string, string>)[`${groups[field]}.${code}`];
        if (w) words[field].set(normal(w), code);
      }
    }
  }
  const yes = new Set([normal(WORDS.en.yes), normal(WORDS.ru.yes), "true", "1"]);
  return { states, words, yes };
}

function rowError(row: number, field: string, column: string, code: string, params: Record<string, unknown> = {}): RowError {
  const known = code as MessageCode;
  let message: string;
  try {
    message = english(known, params as MessageParams);
  } catch {
    message = code;
  }
  return { row, field, column, code, params, message };
}

/** Reads a row by the mapping: the fields of a contribution, or its errors (naming the row, the column and the reason). */
function parseRow(r: Table["rows"][number], header: string[], mapping: Mapping, ctx: Context): Parsed {
  const columnOf = (f: Field) => mapping.columns[f] ?? f;
  const cellOf = (f: Field): string => {
    const h = mapping.columns[f];
    if (!h) return "";
    return r.cells[header.indexOf(h)] ?? "";
  };
  const out: Parsed = { row: r.row, cells: r.cells, errors: [] };
  const err = (f: Field, code: string, params: Record<string, unknown> = {}) => out.errors.push(rowError(r.row, f, columnOf(f), code, params));
  if (!cellOf("stateCode") && !cellOf("date")) return { ...out, ignored: true };
  if (ctx.yes.has(normal(cellOf("voided")))) return { ...out, ignored: true };

  const stateCell = cellOf("stateCode");
  const stateCode = ctx.states.get(normal(stateCell));
  if (!stateCell) err("stateCode", "field.required");
  else if (!stateCode) err("stateCode", "state.not_found", { code: stateCell });
  const pick = (f: "kind" | "status" | "purpose") => {
    const cell = cellOf(f);
    if (!cell) return mapping.defaults?.[f];
    const code = ctx.words[f].get(normal(cell));
    if (!code) err(f, "import.value_unknown", { value: cell, options: [...new Set(ctx.words[f].values())].join(", ") });
    return code;
  };
  const kind = pick("kind");
  const status = pick("status");
  const purpose = pick("purpose");
  for (const [f, v] of [["kind", kind], ["status", status], ["purpose", purpose]] as const) if (!v && !cellOf(f)) err(f, "field.required");
  const rate = decimal(cellOf("exchangeRate"));
  const input: Record<string, unknown> = {
    stateCode: stateCode ?? "XX",
    kind: kind ?? "cash",
    status: status ?? "received",
    purpose: purpose ?? "regular_budget",
    amount: decimal(cellOf("amount")),
    currency: cellOf("currency").toUpperCase(),
    date: isoDate(cellOf("date")),
    ...(rate && cellOf("currency").toUpperCase() !== "USD" ? { exchangeRate: rate } : {}),
  };
  for (const f of ["earmark", "description", "reference"] as const) if (cellOf(f)) input[f] = cellOf(f);
  const parsed = Contribution.CreateInput.safeParse(input);
  if (!parsed.success) {
    const seen = new Set<string>();
    for (const i of issuesOf(parsed.error)) {
      const f = (i.path.split(".")[0] ?? "") as Field;
      if (seen.has(f)) continue;
      seen.add(f);
      err(FIELDS.includes(f) ? f : "amount", i.code, i.params);
    }
  }
  if (out.errors.length === 0 && parsed.success) out.input = parsed.data as Parsed["input"];
  return out;
}

/** A currency's register, oldest first: the rate in force on a day is the last one dated on or before it. */
async function registers(currencies: Iterable<string>) {
  const out = new Map<string, Array<{ effectiveDate: string; rate: string; source: string }>>();
  await Promise.all(
    [...currencies].filter((c) => c !== "USD").map(async (currency) => {
      const { items } = await queryRecords<{ effectiveDate: string; rate: string; source: string }>(
        "exchangeRate",
        ExchangeRateEntity.query.primary({ currency }).params(),
        { all: true },
      );
      out.set(currency, items.sort((a, b) => a.effectiveDate.localeCompare(b.effectiveDate)));
    }),
  );
  return (currency: string, date: string) => {
    if (currency === "USD") return { currency, date, rate: "1", source: "usd" as const };
    const list = out.get(currency) ?? [];
    let lo = 0;
    let hi = list.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (list[mid]!.effectiveDate <= date) lo = mid + 1;
      else hi = mid;
    }
    const r = list[lo - 1];
    return r ? { currency, date, rate: r.rate, source: r.source as "nbk", effectiveDate: r.effectiveDate } : undefined;
  };
}

/** A row ready to be written: its record (without id, number and stamps) and its duplicate, if any. */
interface Ready {
  row: number;
  record: Omit<Contribution.Stored, "id" | "number" | "version" | "createdAt" | "createdBy" | "updatedAt" | "updatedBy">;
  key: string;
  duplicate?: Duplicate;
}

const dupKey = (r: { stateCode: string; status: string; date: string; currency: string; amountMinor: number; reference?: string }) =>
  [r.stateCode, r.status, r.date, r.currency, r.amountMinor, r.reference?.trim().toLowerCase() ?? ""].join("|");

interface Analysis {
  table: Table;
  rows: number;
  ignored: number;
  alreadyImported: number;
  errors: RowError[];
  ready: Ready[];
  duplicates: Duplicate[];
  toCreate: Ready[];
}

async function fileOf(item: Stored): Promise<Uint8Array> {
  const { items } = await queryRecords<{ part: number; data: string }>("importPart", ImportPartEntity.query.primary({ importId: item.id }).params(), { all: true });
  return new Uint8Array(Buffer.concat(items.sort((a, b) => a.part - b.part).map((p) => Buffer.from(p.data, "base64"))));
}

/** Rows of a file already in the ledger: one Query on the file's keys. */
async function writtenRows(fileHash: string): Promise<Set<number>> {
  const { items } = await queryRecords<{ rows: number[] }>("importBatch", ImportBatchEntity.query.primary({ fileHash }).params({ consistent: true }), { all: true });
  return new Set(items.flatMap((i) => i.rows));
}

/** The id of the record a file's row becomes: made from the file's hash and the row, so a row can be written once only. */
export function recordId(fileHash: string, row: number): string {
  const h = sha256(`${fileHash}:${row}`);
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20, 32)}`;
}

/**
 * Reads and checks every row of the file by the mapping: its errors, the rows already written
 * from this file, the duplicates (of the ledger: one Query a state on byState; of the file) and,
 * with the resolutions, the rows a confirmation creates. Writes nothing.
 */
async function analyse(item: Stored, table?: Table): Promise<Analysis> {
  table ??= await read(await fileOf(item));
  const base: Analysis = { table, rows: table.rows.length, ignored: 0, alreadyImported: 0, errors: [], ready: [], duplicates: [], toCreate: [] };
  const mapping = item.mapping;
  if (!mapping) return base;
  const [ctx, written] = await Promise.all([contextOf(), writtenRows(item.fileHash)]);
  const parsed = table.rows.map((r) => parseRow(r, table.header, mapping, ctx));
  const pending = parsed.filter((p) => {
    if (p.ignored) base.ignored++;
    else if (written.has(p.row)) base.alreadyImported++;
    else return true;
    return false;
  });
  const inForce = await registers(new Set(pending.flatMap((p) => (p.input ? [p.input.currency] : []))));
  const reason = `Rate of the imported file ${item.filename}`;
  for (const p of pending) {
    base.errors.push(...p.errors);
    if (!p.input) continue;
    const f = p.input;
    try {
      const rated = Contribution.rateOf({ ...f, ...(f.exchangeRate ? { rateReason: reason } : {}) } as Parameters<typeof Contribution.rateOf>[0], inForce(f.currency, f.date));
      const parsedAmount = Money.parse(f.amount, f.currency);
      if (!parsedAmount.ok) throw invalidFields([{ path: "amount", code: parsedAmount.code, params: parsedAmount.params ?? {}, message: "" }]);
      const { exchangeRate: _r, amount: _a, rateReason: _reason, confirmDuplicate: _c, ...fields } = f as typeof f & { rateReason?: string; confirmDuplicate?: boolean };
      const { exchangeRate, ...provenance } = rated;
      const record: Ready["record"] = {
        ...fields,
        amountMinor: parsedAmount.minor,
        exchangeRate,
        amountUsdCents: Money.toUsdCents(parsedAmount.minor, f.currency, exchangeRate),
        fiscalYear: Contribution.fiscalYear(f.date),
        ...provenance,
        voided: false,
        ...(f.status === "pledged" ? { fulfilledMinor: 0 } : {}),
      } as Ready["record"];
      base.ready.push({ row: p.row, record, key: dupKey(record) });
    } catch (error) {
      if (!(error instanceof VisibleError)) throw error;
      const issues: ErrorIssue[] = error.issues?.length ? error.issues : [{ path: "amount", code: error.code, params: error.params, message: error.message }];
      for (const i of issues) {
        const field = (FIELDS as readonly string[]).includes(i.path) ? (i.path as Field) : i.path === "rateReason" ? "exchangeRate" : "amount";
        base.errors.push(rowError(p.row, field, mapping.columns[field] ?? field, i.code, i.params));
      }
    }
  }
  // A row dated in a closed fiscal year is an error of its date, as a write there is refused (close.year_closed).
  const closed = new Map<number, YearClose.Status>();
  await Promise.all([...new Set(base.ready.map((r) => r.record.fiscalYear))].map(async (y) => closed.set(y, await YearClose.statusOf(y))));
  base.ready = base.ready.filter((r) => {
    const status = closed.get(r.record.fiscalYear)!;
    if (status === "open") return true;
    base.errors.push(rowError(r.row, "date", mapping.columns.date ?? "date", "close.year_closed", { year: String(r.record.fiscalYear), status }));
    return false;
  });
  base.errors.sort((a, b) => a.row - b.row);

  // Duplicates of the ledger: each state's records of the years the file holds, one Query a state.
  const years = new Map<string, { from: number; to: number }>();
  for (const r of base.ready) {
    const y = years.get(r.record.stateCode);
    years.set(r.record.stateCode, { from: Math.min(y?.from ?? r.record.fiscalYear, r.record.fiscalYear), to: Math.max(y?.to ?? 0, r.record.fiscalYear) });
  }
  const ledger = new Map<string, Contribution.Stored>();
  await Promise.all(
    [...years].map(async ([state, y]) => {
      for (const c of await Contribution.ofState(state, { fromYear: y.from, toYear: y.to })) if (!c.voided) ledger.set(dupKey(c), c);
    }),
  );
  const firstOf = new Map<string, number>();
  const resolutions = item.resolutions ?? {};
  for (const r of base.ready) {
    const twin = ledger.get(r.key);
    const first = firstOf.get(r.key);
    if (first === undefined) firstOf.set(r.key, r.row);
    const resolution = resolutions[String(r.row)];
    if (twin) r.duplicate = { row: r.row, of: "ledger", id: twin.id, number: twin.number ?? twin.id, ...(resolution ? { resolution } : {}) };
    else if (first !== undefined) r.duplicate = { row: r.row, of: "file", firstRow: first, ...(resolution ? { resolution } : {}) };
    if (r.duplicate) base.duplicates.push(r.duplicate);
    if (!r.duplicate || resolution?.action === "record") base.toCreate.push(r);
  }
  return base;
}

function totalsOf(rows: Ready[]) {
  const by = new Map<string, { minor: number; cents: number; rows: number }>();
  let cents = 0;
  for (const r of rows) {
    const t = by.get(r.record.currency) ?? { minor: 0, cents: 0, rows: 0 };
    t.minor += r.record.amountMinor;
    t.cents += r.record.amountUsdCents;
    t.rows++;
    by.set(r.record.currency, t);
    cents += r.record.amountUsdCents;
  }
  return {
    totals: [...by]
      .sort(([a], [b]) => a.localeCompare(b))
      .map(([currency, t]) => ({ currency, amount: Money.format(t.minor, currency), amountUsd: Money.formatCents(t.cents), rows: t.rows })),
    totalUsd: Money.formatCents(cents),
  };
}

function infoOf(item: Stored, a: Analysis, page: { offset: number; limit: number }): Info {
  const { from, ...mapping } = item.mapping ?? { from: undefined };
  return {
    id: item.id,
    filename: item.filename,
    format: item.format,
    fileHash: item.fileHash,
    status: item.status,
    header: a.table.header,
    fields: [...FIELDS],
    ...(item.mapping ? { mapping: mapping as Mapping, ...(from ? { mappingFrom: from } : {}) } : {}),
    rows: a.rows,
    alreadyImported: a.alreadyImported,
    ignored: a.ignored,
    errors: a.errors,
    duplicates: a.duplicates,
    toCreate: item.status === "draft" ? a.toCreate.length : (item.total ?? 0),
    ...totalsOf(a.toCreate),
    items: a.toCreate.slice(page.offset, page.offset + page.limit).map((r) => ({
      row: r.row,
      stateCode: r.record.stateCode,
      date: r.record.date,
      kind: r.record.kind,
      status: r.record.status,
      purpose: r.record.purpose,
      amount: Money.format(r.record.amountMinor, r.record.currency),
      currency: r.record.currency,
      exchangeRate: r.record.exchangeRate,
      rateSource: r.record.rateSource ?? "manual",
      amountUsd: Money.formatCents(r.record.amountUsdCents),
      ...(r.record.reference ? { reference: r.record.reference } : {}),
    })),
    ...(item.status !== "draft" ? { progress: { total: item.total ?? 0, done: item.done ?? 0, created: item.created ?? 0 } } : {}),
    ...(item.confirmedAt ? { confirmedAt: item.confirmedAt, confirmedBy: item.confirmedBy } : {}),
    ...(item.finishedAt ? { finishedAt: item.finishedAt } : {}),
    createdAt: item.createdAt,
    createdBy: item.createdBy,
  };
}

export async function find(id: string): Promise<Stored | undefined> {
  return getRecord<Stored>(ImportEntity.get({ id }).params({ consistent: true }));
}

async function load(id: string): Promise<Stored> {
  const item = await find(id);
  if (!item) throw notFound(id);
  return item;
}

/** The mapping of a layout: the export's own, else the one remembered for its header. */
async function mappingFor(header: string[], layoutKey: string): Promise<Stored["mapping"]> {
  const own = exportMapping(header);
  if (own) return { ...own, from: "export" };
  const remembered = await getRecord<{ mapping: Mapping; header: string[] }>(ImportLayoutEntity.get({ layoutKey }).params());
  if (remembered && Object.values(remembered.mapping.columns).every((h) => !h || header.includes(h))) return { ...remembered.mapping, from: "layout" };
  return undefined;
}

export const PageInput = z.strictObject({
  id: z.string().max(100),
  offset: z.coerce.number().int().min(0).default(0),
  limit: z.coerce.number().int().min(1).max(1000).default(100),
});

/**
 * Takes a file (CSV or XLSX, at most MAX_FILE_BYTES and MAX_ROWS rows): keeps it, maps it if it
 * can (the export, or a remembered layout) and answers the preview. Writes no contribution.
 */
export const upload = fn(UploadInput, async (input): Promise<Info> => {
  Actor.assertCan("uploadImport");
  const bytes = new Uint8Array(Buffer.from(input.data, "base64"));
  if (bytes.length > MAX_FILE_BYTES) throw fileIssue("import.too_large", { max: MAX_FILE_BYTES / 1024 / 1024 });
  let table: Table;
  try {
    table = await read(bytes);
  } catch {
    throw fileIssue("import.unreadable");
  }
  if (table.header.every((h) => h === "") || table.rows.length === 0) throw fileIssue("import.empty");
  if (table.rows.length > MAX_ROWS) throw fileIssue("import.too_many_rows", { max: MAX_ROWS });
  const layoutKey = layoutKeyOf(table.header);
  const at = Clock.now().toISOString();
  const id = randomUUID();
  const parts: Array<{ importId: string; part: number; data: string }> = [];
  for (let i = 0; i * PART_BYTES < bytes.length; i++)
    parts.push({ importId: id, part: i, data: Buffer.from(bytes.subarray(i * PART_BYTES, (i + 1) * PART_BYTES)).toString("base64") });
  const mapping = await mappingFor(table.header, layoutKey);
  const item: Stored = {
    id,
    filename: input.filename,
    format: formatOf(bytes),
    fileHash: sha256(bytes),
    bytes: bytes.length,
    parts: parts.length,
    layoutKey,
    ...(mapping ? { mapping } : {}),
    status: "draft",
    ...firstStamps(at, Actor.label()),
  };
  await ImportPartEntity.put(parts).go();
  await ImportEntity.create(item as never).go();
  return infoOf(item, await analyse(item, table), { offset: 0, limit: 100 });
});

/** The preview of an import (its rows to create from `offset`, at most `limit`), or its result once confirmed. */
export const get = fn(PageInput, async ({ id, offset, limit }): Promise<Info> => {
  Actor.assertCan("getImport");
  const item = await load(id);
  return infoOf(item, await analyse(item), { offset, limit });
});

/** How far a confirmed import has got: rows written of the rows to write (one read, no parsing). */
export const progress = fn(z.strictObject({ id: z.string().max(100) }), async ({ id }): Promise<Progress> => {
  Actor.assertCan("getImportProgress");
  // Only the progress' attributes: the item's mapping and resolutions stay in the table.
  const item = await getRecord<Pick<Stored, "status" | "total" | "done" | "created">>(
    ImportEntity.get({ id }).params({ consistent: true, attributes: ["status", "total", "done", "created"] }),
  );
  if (!item) throw notFound(id);
  return { id, status: item.status, total: item.total ?? 0, done: item.done ?? 0, created: item.created ?? 0 };
});

function assertDraft(item: Stored) {
  if (item.status !== "draft") throw new VisibleError("conflict", "import.confirmed", { id: item.id });
}

async function save(item: Stored, before: number): Promise<void> {
  await ImportEntity.put(item as never).where((a, op) => op.eq(a.version, before)).go().catch((error: unknown) => {
    if (error instanceof Error && /conditional/i.test(error.message)) throw new VisibleError("conflict", "import.changed", { id: item.id });
    throw error;
  });
}

export const MapInput = Mapping.extend({ id: z.string().max(100) });

/**
 * Sets the mapping of an import (each field to a column of the file; kind, status and purpose may
 * take a default instead), remembers it for the file's layout, and answers the preview.
 */
export const setMapping = fn(MapInput, async ({ id, ...mapping }): Promise<Info> => {
  Actor.assertCan("setImportMapping");
  const item = await load(id);
  assertDraft(item);
  const table = await read(await fileOf(item));
  const issues: ErrorIssue[] = [];
  for (const [field, column] of Object.entries(mapping.columns))
    if (column && !table.header.includes(column)) issues.push({ path: `columns.${field}`, code: "import.column_unknown", params: { column }, message: english("import.column_unknown", { column }) });
  for (const field of REQUIRED)
    if (!mapping.columns[field]) issues.push({ path: `columns.${field}`, code: "import.field_unmapped", params: { field }, message: english("import.field_unmapped", { field }) });
  for (const field of ["kind", "status", "purpose"] as const)
    if (!mapping.columns[field] && !mapping.defaults?.[field])
      issues.push({ path: `defaults.${field}`, code: "import.field_unmapped", params: { field }, message: english("import.field_unmapped", { field }) });
  if (issues.length) throw invalidFields(issues);
  const at = Clock.now().toISOString();
  const who = Actor.label();
  const after: Stored = { ...item, mapping: { ...mapping, from: "user" }, resolutions: {}, version: item.version + 1, updatedAt: at, updatedBy: who };
  await save(after, item.version);
  await ImportLayoutEntity.put({ layoutKey: item.layoutKey, header: table.header, mapping, ...firstStamps(at, who) }).go();
  return infoOf(after, await analyse(after, table), { offset: 0, limit: 100 });
});

export const ResolveInput = z.strictObject({
  id: z.string().max(100),
  /** The rows (as the preview numbers them) this resolution is for. */
  rows: z.array(z.number().int().min(2)).min(1).max(MAX_ROWS),
  action: z.enum(["skip", "record"]),
  /** Why rows that repeat a contribution are recorded anyway (required with `record`). */
  reason: z.string().trim().max(500).optional(),
});

/** Resolves duplicates: skip them, or record them anyway with a reason. Rows that are no duplicate are a 400 naming them. */
export const resolve = fn(ResolveInput, async ({ id, rows, action, reason }): Promise<Info> => {
  Actor.assertCan("resolveImportDuplicates");
  if (action === "record" && !reason) throw invalidFields([{ path: "reason", code: "import.reason_required", params: {}, message: english("import.reason_required") }]);
  const item = await load(id);
  assertDraft(item);
  const table = await read(await fileOf(item));
  const a = await analyse(item, table);
  const dup = new Set(a.duplicates.map((d) => d.row));
  const wrong = rows.filter((r) => !dup.has(r));
  if (wrong.length)
    throw invalidFields(wrong.slice(0, 50).map((row) => ({ path: "rows", code: "import.not_duplicate", params: { row }, message: english("import.not_duplicate", { row }) })));
  const resolutions = { ...(item.resolutions ?? {}) };
  for (const r of rows) resolutions[String(r)] = action === "record" ? { action, reason: reason! } : { action };
  const after: Stored = { ...item, resolutions, version: item.version + 1, updatedAt: Clock.now().toISOString(), updatedBy: Actor.label() };
  await save(after, item.version);
  return infoOf(after, await analyse(after, table), { offset: 0, limit: 100 });
});

/**
 * Starts an import's writing and returns once it is handed over (not when it ends): in this
 * process (the local server, tests), or as set with `setRunner` (on AWS: an asynchronous invoke of
 * the import worker, awaited so that it is sent before the API's response freezes the function).
 */
export type Runner = (id: string) => void | Promise<void>;
/** Runs the import in this process, in the background (the actor of the confirmation carries on). */
export const inProcess: Runner = (id) => {
  void run(id).catch((error: unknown) => console.error(JSON.stringify({ level: "error", msg: "import run failed", importId: id, error: String(error) })));
};
let runner: Runner = inProcess;
/** Sets how a confirmed import is run (on AWS: an asynchronous invocation of the function that calls `run`). */
export function setRunner(r: Runner): void {
  runner = r;
}

/**
 * Confirms an import: the rows to create are fixed (every duplicate resolved, else 409 naming the
 * rows), and the writing starts in the background. Confirming a running import again resumes it.
 */
export const confirm = fn(z.strictObject({ id: z.string().max(100) }), async ({ id }): Promise<Progress> => {
  Actor.assertCan("confirmImport");
  const item = await load(id);
  if (item.status === "done") return { id, status: item.status, total: item.total ?? 0, done: item.done ?? 0, created: item.created ?? 0 };
  if (item.status === "running") {
    await runner(id);
    return { id, status: item.status, total: item.total ?? 0, done: item.done ?? 0, created: item.created ?? 0 };
  }
  if (!item.mapping) throw new VisibleError("input", "import.no_mapping", { id });
  const a = await analyse(item);
  const open = a.duplicates.filter((d) => !d.resolution).map((d) => d.row);
  if (open.length) throw new VisibleError("conflict", "import.unresolved_duplicates", { n: open.length, rows: open.slice(0, 50).join(", ") });
  const at = Clock.now().toISOString();
  const who = Actor.label();
  const total = a.toCreate.length;
  const after: Stored = {
    ...item,
    status: total ? "running" : "done",
    planned: rangesOf(a.toCreate.map((r) => r.row)),
    total,
    done: 0,
    created: 0,
    confirmedAt: at,
    confirmedBy: who,
    ...(total ? {} : { finishedAt: at }),
    version: item.version + 1,
    updatedAt: at,
    updatedBy: who,
  };
  await save(after, item.version);
  if (total) await runner(id);
  return { id, status: after.status, total, done: 0, created: 0 };
});

/** Row numbers as ranges, in their order: [2, 3, 4, 7] → "2-4,7". */
export function rangesOf(rows: readonly number[]): string {
  const out: string[] = [];
  for (let i = 0; i < rows.length; ) {
    let j = i;
    while (j + 1 < rows.length && rows[j + 1] === rows[j]! + 1) j++;
    out.push(i === j ? String(rows[i]) : `${rows[i]}-${rows[j]}`);
    i = j + 1;
  }
  return out.join(",");
}

/** The row numbers of ranges written by `rangesOf`. */
export function rowsOfRanges(ranges: string): number[] {
  const out: number[] = [];
  for (const part of ranges.split(",").filter(Boolean)) {
    const [from, to = from] = part.split("-").map(Number) as [number, number?];
    for (let r = from; r <= to!; r++) out.push(r);
  }
  return out;
}

/** The rows a confirmation fixed to be created. */
function planOf(item: Stored): number[] {
  return item.planned !== undefined ? rowsOfRanges(item.planned) : (item.plan ?? []);
}

/** Numbers for `n` new records of a series and year: one atomic ADD of n to the series' counter. */
async function takeNumbers(series: "R" | "P", year: number, n: number): Promise<string[]> {
  const r = await ReceiptCounterEntity.update({ series, fiscalYear: year }).add({ last: n }).go({ response: "all_new" });
  const last = (r.data as { last: number }).last;
  return Array.from({ length: n }, (_, i) => Contribution.formatNumber(series, year, last - n + 1 + i));
}

const running = new Set<string>();

/** A batch ready to send: its rows, and its transaction's items (numbers taken, records and audit events built). */
interface Prepared {
  rows: Ready[];
  items: TransactItem[];
}

/**
 * How many rows from `from` one transaction holds: per row its record and audit event, per
 * state-year and per year its totals item, per year its open check, and the batch's own items.
 */
function batchSize(todo: readonly Ready[], from: number): number {
  const totals = new Set<string>();
  const years = new Set<number>();
  let n = 0;
  for (; from + n < todo.length; n++) {
    const { fiscalYear: y, stateCode } = todo[from + n]!.record;
    const newTotals = (totals.has(`${y}|${stateCode}`) ? 0 : 1) + (years.has(y) ? 0 : 1);
    const newYears = years.has(y) ? 0 : 1;
    if ((n + 1) * ITEMS_PER_ROW + totals.size + newTotals + years.size + newYears + ITEMS_PER_BATCH > TRANSACTION_ITEMS) break;
    totals.add(`${y}|${stateCode}`).add(`${y}|*`);
    years.add(y);
  }
  return n;
}

/**
 * Writes a confirmed import's rows that are not yet written (its plan less the file rows already
 * in the ledger), a transaction per batch: each row's contribution, its file-row key (put only if
 * absent) and its audit event (with the import's id), the totals, each year's open check and the
 * import's progress. While a batch is in the database the next one is made ready (its numbers
 * taken, its items built), so the writing waits only on the transactions. The years' closes are
 * read once, at the start; each transaction checks them again (a close meanwhile cancels it with
 * close.year_closed). Run again after an interruption, it writes only what is left. `batches`
 * stops after that many transactions (an interruption, in tests).
 */
export async function run(id: string, options: { batches?: number } = {}): Promise<Progress> {
  // As the actor who confirmed it (the import worker receives the actor with the import's id).
  Actor.assertCan("confirmImport");
  if (running.has(id)) return progress({ id });
  running.add(id);
  try {
    let item = await load(id);
    if (item.status !== "running") return { id, status: item.status, total: item.total ?? 0, done: item.done ?? 0, created: item.created ?? 0 };
    const a = await analyse(item);
    const planned = planOf(item);
    const plan = new Set(planned);
    const byRow = new Map(a.ready.map((r) => [r.row, r]));
    const written = await writtenRows(item.fileHash);
    // In the order of their value date, then of the file: numbers follow the ledger's order (as `Contribution.assignNumbers` gives them).
    let todo = planned
      .filter((row) => !written.has(row))
      .map((row) => byRow.get(row))
      .filter((r): r is Ready => !!r)
      .sort((x, y) => x.record.date.localeCompare(y.record.date) || x.row - y.row);
    // Rows written earlier (an interrupted run): the progress counts them as done.
    const already = plan.size - todo.length - planned.filter((row) => !written.has(row) && !byRow.has(row)).length;
    if ((item.done ?? 0) < already) {
      await ImportEntity.patch({ id }).set({ done: already }).go();
    }
    // A year closed since the confirmation: 409 close.year_closed before anything is written.
    await YearClose.assertOpen(...todo.map((r) => r.record.fiscalYear));
    let clashes = 0;
    let timeouts = 0;
    let batches = 0;
    let i = 0;
    const limited = (sent: number) => options.batches !== undefined && sent >= options.batches;
    const prepare = (from: number) => (from < todo.length ? prepareBatch(item, todo.slice(from, from + batchSize(todo, from))) : undefined);
    let current = limited(0) ? undefined : await prepare(0);
    while (current) {
      // The next batch is made ready while this one is written (its numbers are taken after this one's).
      let following = limited(batches + 1) ? undefined : prepare(i + current.rows.length);
      following?.catch(() => undefined);
      let sent = false;
      while (!sent) {
        try {
          await transact(current.items, new VisibleError("conflict", "import.busy", { id: item.id }));
          sent = true;
        } catch (error) {
          // The database did not answer in time: the batch may or may not be written; sent again, a written one is refused as written.
          if (isUnavailable(error) && ++timeouts <= 5) {
            await new Promise((r) => setTimeout(r, 500 * timeouts));
            continue;
          }
          await following?.catch(() => undefined);
          following = undefined;
          // Another run wrote some of these rows meanwhile: go on with the rows still unwritten.
          if (!(error instanceof VisibleError && error.code === "import.row_written") || ++clashes > 3) throw error;
          const now = await writtenRows(item.fileHash);
          todo = todo.filter((r, j) => j < i || !now.has(r.row));
          break;
        }
      }
      if (!sent) {
        current = await prepare(i);
        continue;
      }
      i += current.rows.length;
      batches++;
      if (limited(batches) && i < todo.length) return progress({ id });
      current = await following;
    }
    const at = Clock.now().toISOString();
    await ImportEntity.patch({ id }).set({ status: "done", finishedAt: at }).go();
    item = await load(id);
    return { id, status: item.status, total: item.total ?? 0, done: item.done ?? 0, created: item.created ?? 0 };
  } finally {
    running.delete(id);
  }
}

/** A batch's transaction: its numbers taken (one ADD a series and year), each row's record and audit event, the totals, the years' open checks, the rows' key and the progress. */
async function prepareBatch(item: Stored, rows: Ready[]): Promise<Prepared> {
  const at = Clock.now().toISOString();
  const who = Actor.label();
  // Numbers by series and year, in the file's order.
  const groups = new Map<string, Ready[]>();
  for (const r of rows) {
    const k = `${Contribution.series(r.record.status)}|${r.record.fiscalYear}`;
    groups.set(k, [...(groups.get(k) ?? []), r]);
  }
  const numbers = new Map<number, string>();
  await Promise.all(
    [...groups].map(async ([k, group]) => {
      const [series, year] = k.split("|") as ["R" | "P", string];
      const taken = await takeNumbers(series, Number(year), group.length);
      group.forEach((r, j) => numbers.set(r.row, taken[j]!));
    }),
  );
  const items: TransactItem[] = [];
  const records: Contribution.Stored[] = [];
  const written = new VisibleError("conflict", "import.row_written", { id: item.id });
  for (const r of rows) {
    const record = { ...r.record, id: recordId(item.fileHash, r.row), number: numbers.get(r.row)!, version: 1, createdAt: at, createdBy: who, updatedAt: at, updatedBy: who } as Contribution.Stored;
    records.push(record);
    items.push(asTransactItem("Put", ContributionEntity.create(record).params(), written));
    const resolution = item.resolutions?.[String(r.row)];
    items.push(
      Audit.eventItem({
        entity: "contribution",
        id: record.id,
        action: "create",
        at,
        changes: {
          ...Audit.diff(null, Contribution.toInfo(record)),
          importId: [null, item.id],
          ...(resolution?.reason ? { duplicateReason: [null, resolution.reason] } : {}),
        },
      }),
    );
  }
  items.push(...Totals.items(records.map((c) => [null, c] as const)));
  // A year closed since the run began cancels the batch (409 close.year_closed), as it cancels any write dated in it.
  items.push(...[...new Set(records.map((c) => c.fiscalYear))].map(YearClose.openCheck));
  items.push(asTransactItem("Put", ImportBatchEntity.create({ fileHash: item.fileHash, first: rows[0]!.row, rows: rows.map((r) => r.row), importId: item.id }).params(), written));
  items.push(asTransactItem("Update", ImportEntity.update({ id: item.id }).add({ done: rows.length, created: rows.length }).params()));
  return { rows, items };
}

/** The rows in error as a CSV file to fix and upload again: the file's own columns, and the errors of each row. */
export const errorsCsv = fn(z.strictObject({ id: z.string().max(100) }), async ({ id }): Promise<{ body: string; filename: string }> => {
  Actor.assertCan("getImportErrors");
  const item = await load(id);
  const a = await analyse(item);
  const byRow = new Map<number, RowError[]>();
  for (const e of a.errors) byRow.set(e.row, [...(byRow.get(e.row) ?? []), e]);
  const keep = a.table.header.map((h, i) => (normal(h) === normal(ERRORS_COLUMN) ? -1 : i)).filter((i) => i >= 0);
  const rows = a.table.rows
    .filter((r) => byRow.has(r.row))
    .map((r) => [...keep.map((i) => r.cells[i] ?? ""), byRow.get(r.row)!.map((e) => `${e.column}: ${e.message}`).join("; ")]);
  const body = Csv.write([...keep.map((i) => a.table.header[i]!), ERRORS_COLUMN], rows, a.table.separator);
  return { body, filename: `${item.filename.replace(/\.[^.]*$/, "")}-errors.csv` };
});
