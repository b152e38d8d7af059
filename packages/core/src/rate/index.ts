/**
 * The exchange-rate register: each currency's rate to USD from an effective date on, with its
 * source (the UN operational rate, the National Bank of Kazakhstan, the bank's actual rate, or a
 * manual entry). The rate in force on a day is the one of the latest effective date on or before
 * it; USD is always 1. Rates are decimal strings (units of the currency per 1 USD), never floats.
 * Finance enters rates one by one or imports a CSV file; every write is audited.
 */
export * as ExchangeRate from "./index";

import { createHash } from "node:crypto";
import * as z from "zod";
import * as Actor from "../actor";
import { Audit } from "../audit";
import * as Clock from "../clock";
import { Cursor, paged } from "../cursor";
import { asTransactItem, type TransactItem } from "../dynamo";
import { queryRecords, getRecord, type EntityItem } from "../entity";
import { invalidFields, VisibleError, type ErrorIssue } from "../error";
import { fn } from "../fn";
import { en, english, type MessageCode, type MessageParams } from "../messages";
import { fieldIssue, issueParams } from "../messages/zod";
import { Money } from "../money";
import { IsoDate, Stamps, Text } from "../schema";
import { isoDate, parseCsv, separatorOf } from "./csv";
import { ExchangeRateEntity } from "./rate.entity";

const ENTITY = "exchangeRate";

export const SOURCES = ["un_operational", "nbk", "bank_actual", "manual"] as const;
export type Source = (typeof SOURCES)[number];

/** The columns of an import file, in the order of the sample (seed/exchange-rates.csv); `note` may be left out. */
export const COLUMNS = ["currency", "effective_date", "rate", "source", "note"] as const;
const REQUIRED_COLUMNS = ["currency", "effective_date", "rate", "source"] as const;

/** Rows an import file may hold (the request body is at most 100 KB anyway). */
export const MAX_ROWS = 5000;
/** Rates written per transaction: each rate and its audit event are two of DynamoDB's 100 items. */
const CHUNK = 49;

/** A currency of the register: any ISO 4217 code but USD, which is always 1. */
const RegisterCurrency = Money.Currency.refine((c) => c !== "USD", issueParams("rate.usd_register"));
const EffectiveDate = IsoDate.refine((d) => d >= "1990-01-01" && d <= "2100-12-31", issueParams("date.range", { from: "1990", to: "2100" }));

export const PutInput = z.strictObject({
  currency: RegisterCurrency,
  effectiveDate: EffectiveDate,
  rate: Money.Rate,
  source: z.enum(SOURCES),
  note: Text({ max: 500, min: 0 }).optional(),
  /** The version read, to change a rate already in the register; absent (or 0) for a new one. */
  version: z.number().int().min(0).optional(),
});
export type PutInput = z.input<typeof PutInput>;

export const Info = z.object({
  currency: z.string(),
  effectiveDate: z.string(),
  rate: z.string(),
  source: z.enum(SOURCES),
  note: z.string().optional(),
  ...Stamps.shape,
});
export type Info = z.infer<typeof Info>;

/** The stored record: the entity's own item type. */
export type Stored = EntityItem<typeof ExchangeRateEntity>;

export function toInfo(r: Stored): Info {
  return {
    currency: r.currency,
    effectiveDate: r.effectiveDate,
    rate: r.rate,
    source: r.source,
    ...(r.note ? { note: r.note } : {}),
    version: r.version,
    createdAt: r.createdAt,
    createdBy: r.createdBy,
    updatedAt: r.updatedAt,
    updatedBy: r.updatedBy,
  };
}

/** The audit trail's id of a rate: "KZT 2022-03-01". */
export function idOf(r: { currency: string; effectiveDate: string }): string {
  return `${r.currency} ${r.effectiveDate}`;
}

export async function find(currency: string, effectiveDate: string): Promise<Stored | undefined> {
  return getRecord<Stored>(ExchangeRateEntity.get({ currency, effectiveDate }).params());
}

/** The rate in force for a currency on a day: what a contribution of that day takes by default. */
export interface InForce {
  currency: string;
  /** The day asked about. */
  date: string;
  rate: string;
  /** "usd" for USD, which is always 1; otherwise the register's source. */
  source: Source | "usd";
  /** The effective date of the register's rate (absent for USD). */
  effectiveDate?: string;
}

/**
 * The register's rate in force for `currency` on `date`: the latest effective date on or before
 * it, by one Query on the currency's partition (sort key ≤ the day, newest first, one item).
 * USD is 1; undefined when the register has no rate of the currency by that day.
 */
export async function inForceOn(currency: string, date: string): Promise<InForce | undefined> {
  if (currency === "USD") return { currency, date, rate: "1", source: "usd" };
  const params = ExchangeRateEntity.query.primary({ currency }).lte({ effectiveDate: date }).params({ order: "desc" });
  const { items } = await queryRecords<Stored>(ENTITY, params, { limit: 1 });
  const r = items[0];
  return r ? { currency, date, rate: r.rate, source: r.source, effectiveDate: r.effectiveDate } : undefined;
}

export const InForceInput = z.strictObject({ currency: Money.Currency, date: IsoDate });

export const InForceInfo = z.object({
  currency: z.string(),
  date: z.string(),
  /** false when the register has no rate of the currency on or before the day: none is guessed. */
  found: z.boolean(),
  rate: z.string().optional(),
  source: z.enum([...SOURCES, "usd"]).optional(),
  effectiveDate: z.string().optional(),
});
export type InForceInfo = z.infer<typeof InForceInfo>;

/** The rate in force, for the API: `found: false` (and no rate) when there is none. */
export const inForce = fn(InForceInput, async ({ currency, date }): Promise<InForceInfo> => {
  Actor.assertSignedIn();
  const r = await inForceOn(currency, date);
  return r ? { ...r, found: true } : { currency, date, found: false };
});

export const ListInput = z.strictObject({
  currency: Money.Currency.optional(),
  cursor: Cursor.optional(),
  limit: z.coerce.number().int().min(1).max(1000).default(500),
});
export type ListInput = z.input<typeof ListInput>;

/** The register, newest effective date first: one currency's (its partition) or every currency's (byDate). */
export const list = fn(ListInput, async (input) => {
  Actor.assertSignedIn();
  const q = input.currency ? ExchangeRateEntity.query.primary({ currency: input.currency }) : ExchangeRateEntity.query.byDate({});
  const page = await paged(input.cursor, () => queryRecords<Stored>(ENTITY, q.params({ order: "desc" }), { limit: input.limit, cursor: input.cursor }));
  return { items: page.items.map(toInfo), cursor: page.cursor ?? undefined };
});

function sameRate(a: Pick<Stored, "rate" | "source" | "note">, b: Pick<Stored, "rate" | "source" | "note">): boolean {
  return a.rate === b.rate && a.source === b.source && (a.note ?? "") === (b.note ?? "");
}

function stale(r: { currency: string; effectiveDate: string }, version: number) {
  return new VisibleError("conflict", "rate.version_conflict", { currency: r.currency, date: r.effectiveDate, version });
}

/**
 * Enters a rate, or changes one already in the register (send the version read). The same rate,
 * source and note as stored writes nothing and answers the rate as it is.
 */
export const put = fn(PutInput, async (input): Promise<Info> => {
  Actor.assertCan("putExchangeRate");
  const before = await find(input.currency, input.effectiveDate);
  const at = Clock.now().toISOString();
  const who = Actor.label();
  const fields = { currency: input.currency, effectiveDate: input.effectiveDate, rate: input.rate, source: input.source, ...(input.note ? { note: input.note } : {}) };
  if (before && sameRate(before, fields)) return toInfo(before);
  if ((input.version ?? 0) !== (before?.version ?? 0)) throw stale(fields, before?.version ?? 0);
  const after: Stored = before
    ? { ...fields, version: before.version + 1, createdAt: before.createdAt, createdBy: before.createdBy, updatedAt: at, updatedBy: who }
    : { ...fields, version: 1, createdAt: at, createdBy: who, updatedAt: at, updatedBy: who };
  const conflict = stale(after, before?.version ?? 0);
  const item = before
    ? asTransactItem("Put", ExchangeRateEntity.put(after).where((a, op) => op.eq(a.version, before.version)).params(), conflict)
    : asTransactItem("Put", ExchangeRateEntity.create(after).params(), conflict);
  await Audit.commit({
    entity: "exchangeRate",
    id: idOf(after),
    action: before ? "update" : "create",
    before: before ? toInfo(before) : null,
    after: toInfo(after),
    items: [item],
    conflict,
  });
  return toInfo(after);
});

export const ImportInput = z.strictObject({
  /** The file's text, as read from the disk (UTF-8, with or without a byte-order mark). */
  csv: z.string().min(1).max(200_000),
});
export type ImportInput = z.input<typeof ImportInput>;

export const ImportResult = z.object({
  /** The file's SHA-256, recorded in the audit event of each rate it added. */
  file: z.string(),
  rows: z.number(),
  /** Rates added to the register. */
  created: z.number(),
  /** Rows already in the register as they are (a file imported again adds nothing). */
  unchanged: z.number(),
  items: z.array(Info),
});
export type ImportResult = z.infer<typeof ImportResult>;

/** A row's fault: path `rows.<row>.<column>`, with the row (as a spreadsheet numbers it, the header being 1) and column in its params. */
function rowIssue(row: number, column: string, code: MessageCode, params: MessageParams = {}): ErrorIssue {
  const all = { ...params, row, column };
  return { path: `rows.${row}.${column}`, code, params: all, message: english(code, all) };
}

/** One cell checked by a schema: its value, or the issue of its first fault. */
function cellValue<T>(schema: z.ZodType<T>, value: string, row: number, column: string, issues: ErrorIssue[]): T | undefined {
  if (value === "") {
    issues.push(rowIssue(row, column, "field.required"));
    return undefined;
  }
  const r = schema.safeParse(value);
  if (r.success) return r.data;
  const first = r.error.issues[0]!;
  const params = (first.code === "custom" ? (first.params ?? {}) : {}) as Record<string, unknown>;
  const code = (typeof params.code === "string" ? params.code : first.message) as MessageCode;
  const { code: _c, ...rest } = params;
  issues.push(rowIssue(row, column, Object.hasOwn(en, code) ? code : "field.invalid", rest as MessageParams));
  return undefined;
}

/**
 * Imports a CSV file of rates (layout: COLUMNS, documented in the README). Every row is checked
 * first; a file with any row wrong is a 400 naming each row, column and reason, and writes
 * nothing. A row already in the register as it is (same currency, effective date, rate and
 * source) is left as it is, so a file imported twice adds nothing the second time; a row whose
 * currency and date are in the register with another rate or source is refused (a rate is
 * changed on its own, with the version read). Rates are written 49 to a transaction, each with
 * its audit event naming the file's hash.
 */
export const importCsv = fn(ImportInput, async ({ csv }): Promise<ImportResult> => {
  Actor.assertCan("importExchangeRates");
  const file = createHash("sha256").update(csv).digest("hex");
  const separator = separatorOf(csv);
  const lines = parseCsv(csv, separator).filter((cells) => cells.some((c) => c.trim() !== ""));
  const issues: ErrorIssue[] = [];
  const header = (lines[0] ?? []).map((h) => h.trim().toLowerCase());
  const missing = REQUIRED_COLUMNS.filter((c) => !header.includes(c));
  if (missing.length) throw invalidFields(missing.map((column) => rowIssue(1, column, "rate.csv_column", { columns: COLUMNS.join(", ") })));
  const unknown = header.filter((h) => !(COLUMNS as readonly string[]).includes(h));
  if (unknown.length) throw invalidFields(unknown.map((column) => rowIssue(1, column, "rate.csv_unknown_column", { columns: COLUMNS.join(", ") })));
  const body = lines.slice(1);
  if (body.length === 0) throw invalidFields([rowIssue(2, "currency", "rate.csv_empty")]);
  if (body.length > MAX_ROWS) throw invalidFields([rowIssue(MAX_ROWS + 2, "currency", "rate.csv_too_many", { max: MAX_ROWS })]);

  const at = (cells: string[], column: string) => (cells[header.indexOf(column)] ?? "").trim();
  const rows: Array<{ row: number; fields: Omit<Stored, keyof z.infer<typeof Stamps>> }> = [];
  const seen = new Map<string, { row: number; rate: string; source: string }>();
  body.forEach((cells, i) => {
    const row = i + 2;
    const before = issues.length;
    const currency = cellValue(RegisterCurrency, at(cells, "currency").toUpperCase(), row, "currency", issues);
    const effectiveDate = cellValue(EffectiveDate, isoDate(at(cells, "effective_date")), row, "effective_date", issues);
    const rawRate = at(cells, "rate");
    const rate = cellValue(Money.Rate, separator === ";" ? rawRate.replace(",", ".") : rawRate, row, "rate", issues);
    const source = cellValue(z.enum(SOURCES, { error: "rate.source_unknown" }), at(cells, "source").toLowerCase(), row, "source", issues);
    const note = at(cells, "note");
    if (note.length > 500) issues.push(rowIssue(row, "note", "field.too_big", { origin: "string", maximum: 500 }));
    if (issues.length > before || !currency || !effectiveDate || !rate || !source) return;
    const key = `${currency} ${effectiveDate}`;
    const twin = seen.get(key);
    if (twin) {
      if (twin.rate !== rate || twin.source !== source) issues.push(rowIssue(row, "rate", "rate.csv_twice", { other: twin.row, currency, date: effectiveDate }));
      return;
    }
    seen.set(key, { row, rate, source });
    rows.push({ row, fields: { currency, effectiveDate, rate, source, ...(note ? { note } : {}) } });
  });

  // What the register already holds for each row: GetItems by key, in parallel (never a Scan).
  const existing = await Promise.all(rows.map((r) => find(r.fields.currency, r.fields.effectiveDate)));
  const fresh: typeof rows = [];
  rows.forEach((r, i) => {
    const stored = existing[i];
    if (!stored) fresh.push(r);
    else if (stored.rate !== r.fields.rate || stored.source !== r.fields.source)
      issues.push(rowIssue(r.row, "rate", "rate.csv_differs", { rate: stored.rate, source: stored.source, currency: stored.currency, date: stored.effectiveDate }));
  });
  if (issues.length) {
    issues.sort((a, b) => Number(a.params.row) - Number(b.params.row));
    throw new VisibleError("input", "rate.import_invalid", { n: issues.length, rows: new Set(issues.map((i) => i.params.row)).size }, issues);
  }

  const when = Clock.now().toISOString();
  const who = Actor.label();
  const created: Stored[] = fresh.map((r) => ({ ...r.fields, version: 1, createdAt: when, createdBy: who, updatedAt: when, updatedBy: who }));
  for (let i = 0; i < created.length; i += CHUNK) {
    const chunk = created.slice(i, i + CHUNK);
    // A rate created meanwhile by someone else: the import stops there; importing the file again adds the rest.
    const conflictOf = (r: Stored) => new VisibleError("conflict", "rate.import_conflict", { currency: r.currency, date: r.effectiveDate });
    const items: TransactItem[] = chunk.map((r) => asTransactItem("Put", ExchangeRateEntity.create(r).params(), conflictOf(r)));
    const events = chunk.map((r) => ({ entity: "exchangeRate" as const, id: idOf(r), action: "import", changes: { ...Audit.diff(null, toInfo(r)), file: [null, file] } as Audit.Changes }));
    const [first, ...more] = events;
    await Audit.commit({
      entity: first!.entity,
      id: first!.id,
      action: first!.action,
      before: null,
      after: null,
      changes: first!.changes,
      items,
      more,
      conflict: conflictOf(chunk[0]!),
    });
  }
  return { file, rows: body.length, created: created.length, unchanged: rows.length - created.length, items: created.map(toInfo) };
});
