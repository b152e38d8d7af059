/**
 * Exports of the lists (contributions, staff matrix, secondments, vacancies,
 * users) as CSV or XLSX in English or Russian, with the list's own filters,
 * search and sort (./views.ts, the same the web's tables apply), headers and
 * value words from ./words.ts, and for contributions a totals row per currency
 * and in USD.
 */
import * as z from "zod";
import * as Actor from "../actor";
import { Audit } from "../audit";
import type { Name } from "../audit/names";
import { REFERENCES } from "../audit/readers";
import { actorName, inPartOrder, isTrailWord, TRAIL_WORDS } from "../audit/words";
import * as Clock from "../clock";
import { Contribution } from "../contribution";
import { Csv } from "../csv";
import { fn } from "../fn";
import { MemberState } from "../member-state";
import { Post } from "../post";
import { ContributionReport } from "../report/contributions";
import { StaffingReport } from "../report/staffing";
import { IsoDate } from "../schema";
import { Secondment } from "../secondment";
import { User } from "../user";
import { Vacancy } from "../vacancy";
import * as Views from "./views";
import { valueWord, word, type Word } from "./words";
import * as Xlsx from "./xlsx";

export * as Export from "./index";
export { Views, Xlsx };

export const FORMATS = ["csv", "xlsx"] as const;
export type Format = (typeof FORMATS)[number];

function sortParam(view: Views.View<never>) {
  const keys = Object.keys(view.sort);
  return z.enum([...keys, ...keys.map((k) => `-${k}`)] as [string, ...string[]]).optional();
}

const Common = (view: Views.View<never>) => ({
  lang: z.enum(Views.LANGS).default("en"),
  format: z.enum(FORMATS).default("csv"),
  /** Words every listed row holds (see views.ts for where they are looked for). */
  q: z.string().max(200).optional(),
  sort: sortParam(view),
});

export const ContributionsInput = z.strictObject({
  ...Common(Views.contributions as Views.View<never>),
  year: Contribution.ListInput.shape.year,
  state: Contribution.ListInput.shape.state,
  status: Contribution.ListInput.shape.status,
  kind: Contribution.ListInput.shape.kind,
  purpose: Contribution.ListInput.shape.purpose,
  includeVoided: Contribution.ListInput.shape.includeVoided,
});
export const PostsInput = z.strictObject({
  ...Common(Views.posts as Views.View<never>),
  asOf: IsoDate.optional(),
  status: z.enum(Post.STATUSES).optional(),
  category: z.enum(Post.CATEGORIES).optional(),
  funding: z.enum(Post.FUNDING).optional(),
});
export const SecondmentsInput = z.strictObject({
  ...Common(Views.secondments as Views.View<never>),
  ...Secondment.ListInput.shape,
});
export const VacanciesInput = z.strictObject({
  ...Common(Views.vacancies as Views.View<never>),
  ...Vacancy.ListInput.shape,
});
export const UsersInput = z.strictObject({ ...Common(Views.users as Views.View<never>) });

const { cursor: _c, limit: _l, ...trailFilters } = Audit.ChangesInput.shape;
export const AuditInput = z.strictObject({ ...Common(Views.audit as Views.View<never>), ...trailFilters });

const Lang = z.enum(Views.LANGS).default("en");
const Format = z.enum(FORMATS).default("csv");
export const ContributionReportInput = z.strictObject({ lang: Lang, format: Format, ...ContributionReport.YearInput.shape });
export const StaffingReportInput = z.strictObject({ lang: Lang, format: Format, ...StaffingReport.YearInput.shape });

export interface File {
  body: Uint8Array<ArrayBuffer> | string;
  contentType: string;
  filename: string;
}

export type Col<R> = { head: Word; type: Xlsx.CellType; width?: number; value: (r: R) => string | number | undefined };

export function render<R>(
  name: Word,
  base: string,
  input: { lang: Views.Lang; format: Format },
  cols: Col<R>[],
  rows: R[],
  totals: (string | number | undefined)[][] = [],
  nameParams: Record<string, string> = {},
): File {
  const sheet: Xlsx.Sheet = {
    name: word(input.lang, name, nameParams),
    columns: cols.map((c) => ({ header: word(input.lang, c.head), type: c.type, width: c.width })),
    rows: [...rows.map((r) => cols.map((c) => c.value(r))), ...totals],
    totals: totals.length,
  };
  const filename = `${base}-${input.lang}.${input.format}`;
  return input.format === "xlsx"
    ? { body: Xlsx.write(sheet), contentType: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", filename }
    : { body: Csv.sheet(sheet, input.lang), contentType: "text/csv; charset=utf-8", filename };
}

async function context(lang: Views.Lang, withPosts = false): Promise<Views.Context> {
  const [states, posts] = await Promise.all([MemberState.listAll(), withPosts ? Post.listAll() : Promise.resolve([])]);
  const names = new Map(states.map((s) => [s.code, s.name]));
  const numbers = new Map(posts.map((p) => [p.id, p.number]));
  return {
    lang,
    stateName: (code) => names.get(code)?.[lang] ?? code,
    stateNames: (code) => {
      const n = names.get(code);
      return n ? [n.en, n.ru] : [code];
    },
    postNumber: (id) => numbers.get(id) ?? "",
  };
}

const yesNo = (lang: Views.Lang, b: boolean) => word(lang, b ? "yes" : "no");

export const contributions = fn(ContributionsInput, async (input): Promise<File> => {
  Actor.assertCan("exportContributions");
  const { lang, format, q, sort, ...filters } = input;
  const items: Contribution.Info[] = [];
  let cursor: string | undefined;
  do {
    const page = await Contribution.list({ ...filters, limit: 1000, ...(cursor ? { cursor } : {}) });
    items.push(...page.items);
    cursor = page.cursor;
  } while (cursor);
  const c = await context(lang);
  const rows = Views.apply(Views.contributions, items, { q, sort }, c);
  const cols: Col<Contribution.Info>[] = [
    { head: "number", type: "text", width: 14, value: (r) => r.number },
    { head: "date", type: "date", width: 12, value: (r) => r.date },
    { head: "state", type: "text", width: 24, value: (r) => c.stateName(r.stateCode) },
    { head: "kind", type: "text", value: (r) => valueWord(lang, "kind", r.kind) },
    { head: "status", type: "text", value: (r) => valueWord(lang, "cstatus", r.status) },
    { head: "purpose", type: "text", width: 18, value: (r) => valueWord(lang, "purpose", r.purpose) },
    { head: "earmark", type: "text", value: (r) => r.earmark },
    { head: "amount", type: "money", width: 16, value: (r) => r.amount },
    { head: "currency", type: "text", width: 9, value: (r) => r.currency },
    { head: "exchangeRate", type: "rate", value: (r) => r.exchangeRate },
    { head: "amountUsd", type: "money", width: 16, value: (r) => r.amountUsd },
    { head: "outstandingUsd", type: "money", width: 16, value: (r) => r.outstandingUsd },
    { head: "reference", type: "text", width: 18, value: (r) => r.reference },
    { head: "description", type: "text", width: 30, value: (r) => r.description },
    { head: "voided", type: "text", width: 10, value: (r) => yesNo(lang, r.voided) },
    { head: "voidReason", type: "text", value: (r) => r.voidReason },
    { head: "recordedBy", type: "text", width: 22, value: (r) => r.createdBy },
  ];
  const t = Views.contributionTotals(rows);
  const at = (head: Word) => cols.findIndex((x) => x.head === head);
  const line = (label: string, cells: [Word, string][]) => {
    const out: (string | undefined)[] = cols.map(() => undefined);
    out[0] = label;
    for (const [head, v] of cells) out[at(head)] = v;
    return out;
  };
  const totals = [
    ...t.byCurrency.map((x) => line(word(lang, "totalIn", { currency: x.currency }), [["amount", x.amount], ["currency", x.currency]])),
    line(word(lang, "total"), [["amountUsd", t.usd], ["outstandingUsd", t.outstandingUsd]]),
  ];
  const base = `contributions${filters.year ? `-${filters.year}` : ""}${filters.state ? `-${filters.state}` : ""}`;
  return render("sheet.contributions", base, input, cols, rows, totals);
});

export const posts = fn(PostsInput, async (input): Promise<File> => {
  Actor.assertCan("exportPosts");
  const { lang, format: _f, q, sort, ...filters } = input;
  const [{ items }, c] = await Promise.all([Post.list(filters), context(lang)]);
  const rows = Views.apply(Views.posts, items, { q, sort }, c);
  const asOf = filters.asOf ?? Clock.today();
  return render("sheet.posts", `staff-matrix-${asOf}`, input, [
    { head: "postNumber", type: "text", width: 12, value: (r) => r.number },
    { head: "title", type: "text", width: 36, value: (r) => r.title[lang] },
    { head: "category", type: "text", width: 24, value: (r) => valueWord(lang, "category", r.category) },
    { head: "grade", type: "text", width: 8, value: (r) => r.grade },
    { head: "unit", type: "text", width: 20, value: (r) => r.unit },
    { head: "funding", type: "text", width: 20, value: (r) => valueWord(lang, "funding", r.funding) },
    { head: "status", type: "text", value: (r) => valueWord(lang, "postStatus", r.status) },
    { head: "incumbent", type: "text", width: 24, value: (r) => r.incumbent?.name },
    { head: "nationality", type: "text", width: 20, value: (r) => (r.incumbent ? c.stateName(r.incumbent.nationality) : undefined) },
    { head: "since", type: "date", width: 12, value: (r) => r.incumbent?.since },
    { head: "until", type: "date", width: 12, value: (r) => r.incumbent?.until },
    { head: "asOf", type: "date", width: 12, value: () => asOf },
  ], rows);
});

export const secondments = fn(SecondmentsInput, async (input): Promise<File> => {
  Actor.assertCan("exportSecondments");
  const { lang, format: _f, q, sort, ...filters } = input;
  const [{ items }, c] = await Promise.all([Secondment.list(filters), context(lang, true)]);
  const rows = Views.apply(Views.secondments, items, { q, sort }, c);
  return render("sheet.secondments", "secondments", input, [
    { head: "person", type: "text", width: 28, value: (r) => r.personName },
    { head: "sendingState", type: "text", width: 22, value: (r) => c.stateName(r.sendingState) },
    { head: "nationality", type: "text", width: 22, value: (r) => c.stateName(r.nationality) },
    { head: "post", type: "text", width: 10, value: (r) => c.postNumber(r.postId) },
    { head: "startOn", type: "date", width: 12, value: (r) => r.startOn },
    { head: "endOn", type: "date", width: 12, value: (r) => r.endOn },
    { head: "lastOn", type: "date", width: 12, value: (r) => r.lastOn },
    { head: "status", type: "text", value: (r) => valueWord(lang, "secondmentStatus", r.status) },
    { head: "extensions", type: "integer", width: 10, value: (r) => r.extensions.length },
    { head: "decisionRef", type: "text", width: 18, value: (r) => r.decisionRef },
    { head: "note", type: "text", width: 30, value: (r) => r.note },
  ], rows);
});

export const vacancies = fn(VacanciesInput, async (input): Promise<File> => {
  Actor.assertCan("exportVacancies");
  const { lang, format: _f, q, sort, ...filters } = input;
  const [{ items }, c] = await Promise.all([Vacancy.list(filters), context(lang, true)]);
  const rows = Views.apply(Views.vacancies, items, { q, sort }, c);
  return render("sheet.vacancies", "vacancies", input, [
    { head: "vacancy", type: "text", width: 36, value: (r) => r.title[lang] },
    { head: "post", type: "text", width: 10, value: (r) => c.postNumber(r.postId) },
    { head: "basis", type: "text", width: 22, value: (r) => valueWord(lang, "basis", r.basis) },
    { head: "publishedOn", type: "date", width: 12, value: (r) => r.publishedOn },
    { head: "deadline", type: "date", width: 12, value: (r) => r.deadline },
    { head: "recommendations", type: "integer", width: 12, value: (r) => r.recommendations.length },
    { head: "status", type: "text", value: (r) => valueWord(lang, "vacancyStatus", r.status) },
  ], rows);
});

export const users = fn(UsersInput, async (input): Promise<File> => {
  Actor.assertCan("exportUsers");
  const items = await User.list({});
  const rows = Views.apply(Views.users, items, input, await context(input.lang));
  const lang = input.lang;
  return render("sheet.users", "users", input, [
    { head: "email", type: "text", width: 30, value: (r) => r.email },
    { head: "name", type: "text", width: 24, value: (r) => r.name },
    { head: "roles", type: "text", width: 30, value: (r) => r.roles.map((x) => valueWord(lang, "role", x)).join(", ") },
    { head: "status", type: "text", value: (r) => word(lang, r.disabled ? "user.disabled" : "user.active") },
    { head: "locked", type: "text", width: 22, value: (r) => r.lockedUntil },
  ], rows);
});

/** The contribution year report: a row per contributing state, then the totals, the budget and the gap. */
export const contributionReport = fn(ContributionReportInput, async (input): Promise<File> => {
  Actor.assertCan("exportContributionReport");
  const { lang, year } = input;
  const r = await ContributionReport.build(year);
  type Line = { code: string; name: string; received?: string; inKind?: string; outstanding?: string; count?: number };
  const rows: Line[] = r.byState.map((s) => ({
    code: s.code,
    name: s.name[lang],
    received: s.receivedUsd,
    inKind: s.inKindUsd,
    outstanding: s.pledgedOutstandingUsd,
    count: s.count,
  }));
  const cols: Col<Line>[] = [
    { head: "stateCode", type: "text", width: 10, value: (x) => x.code },
    { head: "state", type: "text", width: 28, value: (x) => x.name },
    { head: "receivedUsd", type: "money", width: 18, value: (x) => x.received },
    { head: "inKindUsd", type: "money", width: 18, value: (x) => x.inKind },
    { head: "pledgedOutstandingUsd", type: "money", width: 18, value: (x) => x.outstanding },
    { head: "contributions", type: "integer", width: 12, value: (x) => x.count },
  ];
  const line = (x: Line) => cols.map((c) => c.value(x));
  const totals = [
    line({ code: "", name: word(lang, "total"), received: r.receivedUsd, inKind: r.inKindUsd, outstanding: r.pledgedOutstandingUsd, count: r.byState.reduce((n, s) => n + s.count, 0) }),
    line({ code: "", name: word(lang, "budget"), received: r.budgetUsd }),
    line({ code: "", name: word(lang, "gap"), received: r.gapUsd }),
  ];
  return render("sheet.contributionReport", `contributions-report-${year}`, input, cols, rows, totals, { year: String(year) });
});

/** The staffing report, one figure a row: its section, the thing counted (a category, a state, a person), the figure and its value. */
export const staffingReport = fn(StaffingReportInput, async (input): Promise<File> => {
  Actor.assertCan("exportStaffingReport");
  const { lang } = input;
  const r = await StaffingReport.build(input.year ?? Number(Clock.today().slice(0, 4)));
  const c = await context(lang);
  type Line = { section: Word; code?: string; name?: string; figure: string; value?: string | number; date?: string };
  const fig = (w: Word) => word(lang, w);
  const status = (s: Post.Status) => valueWord(lang, "postStatus", s)!;
  const rows: Line[] = [
    { section: "staffing.summary", figure: fig("staffing.year"), value: r.year },
    { section: "staffing.summary", figure: fig("staffing.asOf"), date: r.asOf },
    { section: "staffing.summary", figure: fig("staffing.posts"), value: r.posts.total },
    ...Post.STATUSES.map((s): Line => ({ section: "staffing.summary", figure: status(s), value: r.posts.byStatus[s] })),
    { section: "staffing.summary", figure: fig("staffing.vacancyRate"), value: r.vacancyRate },
    { section: "staffing.summary", figure: fig("staffing.personMonths"), value: r.personMonthsTotal },
  ];
  for (const x of r.posts.byCategory) {
    const name = valueWord(lang, "category", x.category);
    rows.push({ section: "staffing.byCategory", code: x.category, name, figure: fig("staffing.posts"), value: x.total });
    for (const s of Post.STATUSES) rows.push({ section: "staffing.byCategory", code: x.category, name, figure: status(s), value: x[s] });
  }
  for (const n of r.staffByNationality) rows.push({ section: "staffing.byNationality", code: n.code, name: c.stateName(n.code), figure: fig("staffing.staff"), value: n.count });
  for (const s of r.statesWithoutNationals) rows.push({ section: "staffing.withoutNationals", code: s.code, name: s.name[lang], figure: "" });
  for (const s of r.secondmentsByState) {
    rows.push({ section: "staffing.byState", code: s.code, name: c.stateName(s.code), figure: fig("staffing.people"), value: s.people });
    rows.push({ section: "staffing.byState", code: s.code, name: c.stateName(s.code), figure: fig("staffing.personMonths"), value: s.personMonths });
  }
  for (const a of r.rotationAlerts)
    rows.push({ section: "staffing.alerts", code: a.sendingState, name: `${a.personName} (${c.stateName(a.sendingState)})`, figure: fig("staffing.lastDay"), date: a.lastOn });
  return render("sheet.staffingReport", `staffing-report-${r.year}`, input, [
    { head: "section", type: "text", width: 34, value: (x) => word(lang, x.section) },
    { head: "code", type: "text", width: 16, value: (x) => x.code },
    { head: "name", type: "text", width: 34, value: (x) => x.name },
    { head: "figure", type: "text", width: 26, value: (x) => x.figure },
    { head: "value", type: "decimal", width: 10, value: (x) => x.value },
    { head: "date", type: "date", width: 12, value: (x) => x.date },
  ], rows, [], { year: String(r.year) });
});

/** A word of the trail in a language, or the code itself when it has none. */
function trailWord(lang: Views.Lang, key: string, fallback: string): string {
  return isTrailWord(key) ? TRAIL_WORDS[lang][key] : fallback;
}

const STATUS_GROUP: Record<string, string> = { contribution: "cstatus", post: "postStatus", secondment: "secondmentStatus", vacancy: "vacancyStatus" };

/** A value of the trail as text in a language: records by name, codes by their words, parts of a value by their labels. */
function trailValue(field: string, value: unknown, lang: Views.Lang, entity: string, names: Record<string, Name>): string {
  const ref = REFERENCES[field];
  const named = ref && typeof value === "string" ? names[`${ref}:${value}`] : undefined;
  if (named) return named[lang];
  if (value === null || value === undefined) return "";
  if (typeof value === "boolean") return yesNo(lang, value);
  if (typeof value === "string") {
    if (field === "status") return valueWord(lang, STATUS_GROUP[entity] ?? "status", value) ?? value;
    if (["kind", "purpose", "category", "funding", "basis"].includes(field)) return valueWord(lang, field, value) ?? value;
    return value;
  }
  if (Array.isArray(value)) return value.map((v) => (field === "roles" ? (valueWord(lang, "role", String(v)) ?? String(v)) : trailValue(field, v, lang, entity, names))).join("; ");
  if (typeof value === "object") {
    const o = value as Record<string, unknown>;
    const keys = Object.keys(o);
    if (keys.length === 2 && "en" in o && "ru" in o) return `${String(o.en)} / ${String(o.ru)}`;
    return inPartOrder(Object.entries(o))
      .map(([k, v]) => `${trailWord(lang, `sub.${k}`, trailWord(lang, `field.${k}`, k))}: ${trailValue(k, v, lang, entity, names)}`)
      .join("; ");
  }
  return String(value);
}

/**
 * The audit trail with the page's filters and search, in the asked order (by event: its changes
 * stay together), one row per change; a creation or a deletion gives a row per field.
 */
export const auditChanges = fn(AuditInput, async (input): Promise<File> => {
  Actor.assertCan("exportAuditChanges");
  const { lang, format: _f, sort, ...filters } = input;
  const items: Audit.Row[] = [];
  const names: Record<string, Name> = {};
  let cursor: string | undefined;
  do {
    const page = await Audit.changes({ ...filters, limit: 200, ...(cursor ? { cursor } : {}) });
    items.push(...page.items);
    Object.assign(names, page.names);
    cursor = page.cursor;
  } while (cursor);

  type Event = { at: string; who: string; record: string; action: string; rows: Audit.Row[] };
  const events: Event[] = [];
  for (const r of items) {
    const last = events.at(-1);
    if (last && last.rows[0]!.eventId === r.eventId) {
      last.rows.push(r);
      continue;
    }
    const name = names[`${r.entity}:${r.id}`]?.[lang] ?? (r.entity === "organisation" ? "" : r.id);
    events.push({ at: r.at, who: actorName(lang, r.actor, r.actorName), record: name, action: trailWord(lang, `action.${r.action}`, r.action), rows: [r] });
  }
  const c = await context(lang);
  type Line = { event: Event; row: Audit.Row; field?: string; before?: unknown; after?: unknown };
  const lines: Line[] = [];
  for (const event of Views.apply(Views.audit, events, { sort }, c)) {
    for (const row of event.rows) {
      if (row.kind === "created") for (const f of row.fields ?? []) lines.push({ event, row, field: f.field, after: f.value });
      else if (row.kind === "deleted") for (const f of row.fields ?? []) lines.push({ event, row, field: f.field, before: f.value });
      else lines.push({ event, row, field: row.field, before: row.before, after: row.after });
    }
  }
  const value = (l: Line, v: unknown) => (l.field ? trailValue(l.field, v, lang, l.row.entity, names) || undefined : undefined);
  return render("sheet.audit", `audit${filters.entity ? `-${filters.entity}` : ""}${filters.from ? `-${filters.from}` : ""}`, input, [
    { head: "at", type: "datetime", width: 18, value: (l) => l.event.at },
    { head: "who", type: "text", width: 24, value: (l) => l.event.who },
    { head: "actor", type: "text", width: 28, value: (l) => l.row.actor },
    { head: "recordKind", type: "text", width: 18, value: (l) => trailWord(lang, `entity.${l.row.entity}`, l.row.entity) },
    { head: "record", type: "text", width: 30, value: (l) => l.event.record },
    { head: "action", type: "text", width: 18, value: (l) => l.event.action },
    { head: "field", type: "text", width: 22, value: (l) => (l.field ? trailWord(lang, `field.${l.field}`, l.field) : undefined) },
    { head: "before", type: "text", width: 30, value: (l) => value(l, l.before) },
    { head: "after", type: "text", width: 30, value: (l) => value(l, l.after) },
  ], lines);
});
