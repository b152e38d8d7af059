/**
 * The formal statement of one member state's contributions for a period, in
 * English or Russian, as plain text and HTML (everything from data escaped).
 */
export * as Statement from "./index";

import { createHash } from "node:crypto";
import * as z from "zod";
import * as Actor from "../actor";
import * as Clock from "../clock";
import { Contribution } from "../contribution";
import { VisibleError } from "../error";
import { fn } from "../fn";
import { MemberState } from "../member-state";
import { Money } from "../money";
import { Organisation } from "../organisation";
import { Post } from "../post";
import { Secondment } from "../secondment";
import { StandardCost } from "../standard-cost";
import { SecondmentValue } from "../standard-cost/worth";
import { YearClose } from "../close";
import { closeLine } from "./close-line";
import { coveragePercent } from "./coverage";
import type { Block, Letter } from "./pdf";
import * as PeriodModule from "./period";
import { date, defaultAddressee, LOCALE, money, stateNames, usd, words, type Lang } from "./text";

export * as Period from "./period";
export type { Lang } from "./text";
export type { Block, Letter } from "./pdf";

export const LANGS = ["en", "ru"] as const;

/** SEC/FIN/2026-Q4/KZ, from the organisation's reference format. */
export function reference(period: string, stateCode: string, format = Organisation.defaults().referenceFormat): string {
  return Organisation.formatReference(format, { period, year: Contribution.fiscalYear(PeriodModule.parse(period)!.end), state: stateCode });
}

export interface Totals {
  receivedCents: number;
  inKindCents: number;
  /** Pledges made (their USD equivalent). */
  pledgedCents: number;
  /** What those pledges still lacked on the day. */
  pledgedOutstandingCents: number;
  count: number;
  /**
   * The in-kind value of the personnel the state seconded (standard cost of the months served in
   * the span, up to its last day, less what the Secretariat bears): apart from `inKindCents`, which
   * are the recorded contributions in kind; counted in the in-kind total only when the organisation
   * recognises it. Absent from what statements sent before it stated: 0.
   */
  secondedCents: number;
}

/** A line of the statement: a record, and for a payment the pledge it pays and that pledge's balance after it. */
export interface Line {
  record: Contribution.Stored;
  pledge?: { record: Contribution.Stored; balanceMinor: number };
}

export interface ArrearsYear {
  year: number;
  pledges: Array<{ record: Contribution.Stored; on: Contribution.PledgeOn }>;
  pledgedCents: number;
  receivedCents: number;
  outstandingCents: number;
}

export interface Seconded {
  personName: string;
  post: { en: string; ru: string };
  startOn: string;
  lastOn: string;
}

export interface Data {
  state: MemberState.Info;
  period: PeriodModule.Period;
  reference: string;
  issuedOn: string;
  /** Every figure is as at this day: the period's last. */
  asOf: string;
  fiscalYear: number;
  /** The records of the period's lines (movements of the period; for a year, of the year). */
  contributions: Contribution.Stored[];
  lines: Line[];
  /** The period's movements (for a year, the year). */
  movements: Totals;
  /** The fiscal year from its first day to `asOf`. */
  totals: Totals;
  previous: Totals;
  previousAsOf: string;
  /** The organisation's profile in force: names, city, references, signature, bank details, finance contact. */
  organisation: Organisation.Info;
  /** Share of the fiscal year's budget covered by the financial contributions received, as at the period's end ("62.5"); when the profile shows it and there is a budget. */
  coveragePercent?: string;
  /** Whether the fiscal year is closed: the statement says so when it is (provisionally or finally). */
  close?: YearClose.Status;
  /** Pledges of earlier fiscal years still open on `asOf`, by pledge year. */
  arrears: ArrearsYear[];
  arrearsOutstandingCents: number;
  /** Persons the state seconded to the Secretariat during the period. */
  seconded: Seconded[];
  /** Anything given in this or the previous fiscal year (cash, in kind, a pledge, a secondment) or a pledge open: then no invitation. */
  gave: boolean;
}

const zero = (): Totals => ({ receivedCents: 0, inKindCents: 0, pledgedCents: 0, pledgedOutstandingCents: 0, count: 0, secondedCents: 0 });

/** The in-kind total of some figures: the contributions in kind, and the secondments' value when it is recognised. */
export function inKindTotal(t: Totals, basis: Organisation.SecondmentValue): number {
  return t.inKindCents + (basis === "recognised" ? (t.secondedCents ?? 0) : 0);
}

/** Whether a statement of the period goes to the state: a member at the period's end (admitted by then), and not gone before it began. */
export function covers(state: MemberState.Info, period: PeriodModule.Period): boolean {
  if (state.status !== "member" && !state.leftOn) return false;
  if (state.joinedOn && state.joinedOn > period.end) return false;
  if (state.leftOn && state.leftOn < period.start) return false;
  return true;
}

/** The first day of a fiscal year. */
export function yearStart(year: number): string {
  const m = Number(process.env.FISCAL_YEAR_START_MONTH ?? 1);
  return `${year}-${String(m).padStart(2, "0")}-01`;
}

const byDate = (a: Contribution.Stored, b: Contribution.Stored) =>
  a.date.localeCompare(b.date) || (a.number ?? "").localeCompare(b.number ?? "") || a.createdAt.localeCompare(b.createdAt);

/**
 * What a statement says, every figure as at the period's last day: only what is dated on or
 * before it counts, and a pledge's outstanding amount is its amount less its payments dated up to
 * that day, so no figure of a past statement changes when a later payment arrives. One Query on
 * byState (the state's fiscal years up to this one) and one on the secondments of the state.
 */
/**
 * What the statements of one run share: the budget coverage of a fiscal year as at a day is the same
 * for every state, and reading the year's contributions once per state made a run grow with states ×
 * the year's records.
 */
export interface RunShared {
  coverage: Map<string, Promise<string | undefined>>;
}

export function shared(): RunShared {
  return { coverage: new Map() };
}

export async function gather(state: MemberState.Info, periodId: string, run: RunShared = shared()): Promise<Data> {
  const period = PeriodModule.parse(periodId)!;
  const asOf = period.end;
  const fiscalYear = Contribution.fiscalYear(asOf);
  const previousAsOf = PeriodModule.yearBefore(asOf);
  const since = yearStart(fiscalYear - 1);
  const [records, secondments, organisation, close] = await Promise.all([
    Contribution.ofState(state.code, { toYear: fiscalYear }),
    Secondment.ofState(state.code, since, asOf),
    Organisation.current(),
    YearClose.statusOf(fiscalYear),
  ]);
  let coverage: string | undefined;
  if (organisation.showBudgetCoverage) {
    const key = `${fiscalYear} ${asOf}`;
    let once = run.coverage.get(key);
    if (!once) {
      once = coveragePercent(fiscalYear, asOf);
      run.coverage.set(key, once);
      // A failed read is not kept: the next state reads again.
      once.catch(() => run.coverage.delete(key));
    }
    coverage = await once;
  }
  const byId = new Map(records.map((c) => [c.id, c]));
  const payments = records.filter((c) => c.pledgeId);
  const live = records.filter((c) => !c.voided && c.date <= asOf).sort(byDate);

  const add = (t: Totals, c: Contribution.Stored) => {
    t.count++;
    if (c.status === "received") {
      if (c.kind === "cash") t.receivedCents += c.amountUsdCents;
      else t.inKindCents += c.amountUsdCents;
    } else {
      t.pledgedCents += c.amountUsdCents;
      t.pledgedOutstandingCents += Contribution.pledgeOn(c, payments, asOf).outstandingUsdCents;
    }
  };
  const totals = zero();
  const movements = zero();
  const contributions: Contribution.Stored[] = [];
  for (const c of live) {
    if (c.fiscalYear !== fiscalYear) continue;
    add(totals, c);
    if (c.date >= period.start) {
      add(movements, c);
      contributions.push(c);
    }
  }
  const previous = zero();
  for (const c of live) if (c.fiscalYear === fiscalYear - 1 && c.date <= previousAsOf) add(previous, c);

  const lines: Line[] = contributions.map((c) => {
    const pledge = c.pledgeId ? byId.get(c.pledgeId) : undefined;
    if (!pledge) return { record: c };
    // The pledge's balance just after this payment: its payments up to and including this one.
    const paid = payments
      .filter((p) => p.pledgeId === pledge.id && !p.voided && byDate(p, c) <= 0)
      .reduce((n, p) => n + p.amountMinor, 0);
    return { record: c, pledge: { record: pledge, balanceMinor: Math.max(0, pledge.amountMinor - paid) } };
  });

  const arrearsByYear = new Map<number, ArrearsYear>();
  let arrearsOutstandingCents = 0;
  for (const c of live) {
    if (c.status !== "pledged" || c.fiscalYear >= fiscalYear) continue;
    const on = Contribution.pledgeOn(c, payments, asOf);
    if (!on.counted || on.outstandingMinor === 0) continue;
    const y = arrearsByYear.get(c.fiscalYear) ?? { year: c.fiscalYear, pledges: [], pledgedCents: 0, receivedCents: 0, outstandingCents: 0 };
    y.pledges.push({ record: c, on });
    y.pledgedCents += c.amountUsdCents;
    y.receivedCents += on.receivedUsdCents;
    y.outstandingCents += on.outstandingUsdCents;
    arrearsOutstandingCents += on.outstandingUsdCents;
    arrearsByYear.set(c.fiscalYear, y);
  }
  const arrears = [...arrearsByYear.values()].sort((a, b) => a.year - b.year);

  const posts = new Map<string, Awaited<ReturnType<typeof Post.find>>>();
  await Promise.all([...new Set(secondments.map((s) => s.postId))].map(async (id) => posts.set(id, await Post.find(id))));
  // What the seconded personnel is worth, as at the statement's date: months served up to `asOf` only.
  const price = StandardCost.pricer();
  [totals.secondedCents, movements.secondedCents, previous.secondedCents] = await Promise.all([
    SecondmentValue.inKindOf(secondments, { from: yearStart(fiscalYear), to: asOf }, posts, price),
    SecondmentValue.inKindOf(secondments, { from: period.start, to: asOf }, posts, price),
    SecondmentValue.inKindOf(secondments, { from: yearStart(fiscalYear - 1), to: previousAsOf }, posts, price),
  ]);
  const seconded: Seconded[] = secondments
    .filter((s) => s.startOn <= asOf && s.lastOn >= period.start)
    .sort((a, b) => a.startOn.localeCompare(b.startOn))
    .map((s) => {
      const post = posts.get(s.postId);
      const day = s.lastOn < asOf ? s.lastOn : asOf;
      return { personName: s.personName, post: post ? Post.titleOn(post, day) : { en: "", ru: "" }, startOn: s.startOn, lastOn: s.lastOn };
    });

  const gave =
    live.some((c) => c.fiscalYear >= fiscalYear - 1) ||
    arrears.length > 0 ||
    secondments.some((s) => s.startOn <= asOf && s.lastOn >= since);

  return {
    state,
    period,
    reference: reference(period.id, state.code, organisation.referenceFormat),
    issuedOn: Clock.today(),
    asOf,
    fiscalYear,
    contributions,
    lines,
    movements,
    totals,
    previous,
    previousAsOf,
    organisation,
    ...(coverage ? { coveragePercent: coverage } : {}),
    close,
    arrears,
    arrearsOutstandingCents,
    seconded,
    gave,
  };
}

/**
 * What a statement stated: its figures, and a digest of its lines and arrears (every field a line
 * shows). Kept with each statement sent, so that a later correction, void, late entry with an
 * earlier value date or closed pledge shows as a difference between then and now.
 */
export interface Stated {
  movements: Totals;
  totals: Totals;
  previous: Totals;
  arrearsOutstandingCents: number;
  lines: number;
  digest: string;
}

export function stated(d: Data): Stated {
  const lines = d.lines.map(({ record: c, pledge }) => [
    c.id, c.number ?? "", c.date, c.kind, c.status, c.purpose, c.earmark ?? "", c.reference ?? "", c.description ?? "",
    c.amountMinor, c.currency, c.exchangeRate, c.amountUsdCents, pledge ? [pledge.record.number ?? "", pledge.balanceMinor] : null,
  ]);
  const arrears = d.arrears.flatMap((y) => y.pledges.map(({ record: c, on }) => [c.id, c.amountMinor, on.receivedMinor, on.outstandingMinor]));
  const digest = createHash("sha256").update(JSON.stringify({ lines, arrears })).digest("hex").slice(0, 32);
  return { movements: d.movements, totals: d.totals, previous: d.previous, arrearsOutstandingCents: d.arrearsOutstandingCents, lines: d.lines.length, digest };
}

/** The figures a change of a statement is told by, in the order the page shows them. */
export const FIGURES = [
  "movements.received", "movements.inKind", "movements.seconded", "movements.pledged",
  "totals.received", "totals.inKind", "totals.seconded", "totals.pledged", "totals.outstanding",
  "arrears.outstanding", "previous.received", "previous.inKind", "previous.seconded",
] as const;
export type Figure = (typeof FIGURES)[number];

function figure(s: Stated, f: Figure): number {
  if (f === "arrears.outstanding") return s.arrearsOutstandingCents;
  const [part, name] = f.split(".") as ["movements" | "totals" | "previous", string];
  const t = s[part];
  if (name === "seconded") return t.secondedCents ?? 0;
  return name === "received" ? t.receivedCents : name === "inKind" ? t.inKindCents : name === "pledged" ? t.pledgedCents : t.pledgedOutstandingCents;
}

export interface Change { figure: Figure; then: string; now: string }

/** What differs between a statement sent and the same statement now: each figure that changed (USD decimal strings), and whether its lines did. */
export function compare(then: Stated, now: Stated): { changes: Change[]; linesChanged: boolean; same: boolean } {
  const changes = FIGURES.filter((f) => figure(then, f) !== figure(now, f)).map((f) => ({
    figure: f,
    then: Money.formatCents(figure(then, f)),
    now: Money.formatCents(figure(now, f)),
  }));
  const linesChanged = then.digest !== now.digest;
  return { changes, linesChanged, same: !changes.length && !linesChanged };
}

export interface Rendered {
  lang: Lang;
  subject: string;
  text: string;
  html: string;
  reference: string;
  /** Whom the note addresses (in the language's case). */
  addressee: string;
  /** The same statement as a plain model, for the PDF note verbale (pdf.ts). */
  letter: Letter;
}

export interface RenderOptions {
  /** The focal point's ministry or mission, as the letter names it; else "the competent authorities of ...". */
  addressee?: string;
  /** A revised statement: its number, and the note it replaces (its reference and the day it was sent). */
  revision?: { number: number; replaces: { reference: string; sentOn: string } };
}

/** A revision's reference: the original's with "/Rev.1". */
export function revisionReference(reference: string, revision: number): string {
  return `${reference}/Rev.${revision}`;
}

const escape = (s: string) =>
  s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;").replace(/'/g, "&#39;");

/** A rate as written ("460.25"), in the language's digits. */
function rateText(rate: string, lang: Lang): string {
  return new Intl.NumberFormat(LOCALE[lang], { maximumFractionDigits: 10 }).format(rate as unknown as number);
}

/** Renders the statement in one language. */
export function render(d: Data, lang: Lang, options: RenderOptions = {}): Rendered {
  const org = d.organisation;
  const w = words(lang, org);
  const names = stateNames(d.state, lang);
  const stateName = names.short;
  const addressee = options.addressee ?? defaultAddressee(names, lang);
  const fiscalYear = d.fiscalYear;
  const asOf = date(d.asOf, lang);
  const periodName = w.periodName(d.period);
  const ref = options.revision ? revisionReference(d.reference, options.revision.number) : d.reference;
  const revisionMark = options.revision ? w.revision(options.revision.number) : undefined;
  const replacesLine = options.revision ? w.replaces(options.revision.replaces.reference, date(options.revision.replaces.sentOn, lang)) : undefined;
  const subject = w.subject(stateName, periodName, ref);
  const cur = (minor: number, currency: string) => money(Money.format(minor, currency), currency, Money.digits(currency), lang);
  const cents = (c: number) => usd(Money.formatCents(c), lang);
  const rows = d.lines.map(({ record: c, pledge }) => ({
    number: c.number ?? "—",
    date: date(c.date, lang),
    kind: `${w.kind[c.kind]}, ${w.status[c.status]}`,
    purpose: w.purpose(c.purpose, c.earmark),
    reference: c.reference ?? "",
    amount: cur(c.amountMinor, c.currency),
    rate: rateText(c.exchangeRate, lang),
    usd: cents(c.amountUsdCents),
    note: c.kind === "in_kind" ? c.description : undefined,
    pays: pledge
      ? w.paysPledge(pledge.record.number ?? "—", date(pledge.record.date, lang), cur(pledge.balanceMinor, pledge.record.currency))
      : undefined,
  }));
  const yearly = d.period.kind === "year";
  const basis = org.secondmentValue;
  const recognised = basis === "recognised";
  // The in-kind line, and the seconded personnel's value always on a line of its own: under it
  // ("of which") when it is counted, after the figures ("not included") when it is only disclosed.
  const inKindLines = (t: Totals): Array<[string, string]> => [
    [w.inKind, cents(inKindTotal(t, basis))],
    ...(recognised && t.secondedCents ? ([[w.ofWhichSeconded, cents(t.secondedCents)]] as Array<[string, string]>) : []),
  ];
  const disclosedLine = (t: Totals): Array<[string, string]> => (!recognised && t.secondedCents ? [[w.secondedDisclosed, cents(t.secondedCents)]] : []);
  const figures = (t: Totals, outstanding: boolean): Array<[string, string]> => [
    [w.received, cents(t.receivedCents)],
    ...inKindLines(t),
    [w.pledged, cents(t.pledgedCents)],
    ...(outstanding ? ([[w.outstandingOfYear, cents(t.pledgedOutstandingCents)]] as Array<[string, string]>) : []),
    ...disclosedLine(t),
  ];
  // A quarter (or month) shows its movements and the year to date; a year, the year as at its last day.
  const sections: Array<{ title: string; lines: Array<[string, string]> }> = [
    ...(yearly ? [] : [{ title: w.movements(periodName), lines: figures(d.movements, false) }]),
    { title: yearly ? w.yearAsAt(fiscalYear, asOf) : w.yearToDate(fiscalYear, asOf), lines: figures(d.totals, true) },
  ];
  const arrearsTitle = w.arrearsTitle(asOf);
  const arrears = d.arrears.map((y) => ({
    title: w.arrearsYear(y.year, cents(y.outstandingCents)),
    pledges: y.pledges.map(({ record: c, on }) =>
      w.arrearsPledge(
        c.number ?? "—",
        date(c.date, lang),
        `${cur(c.amountMinor, c.currency)} (${cents(c.amountUsdCents)})`,
        `${cur(on.receivedMinor, c.currency)} (${cents(on.receivedUsdCents)})`,
        `${cur(on.outstandingMinor, c.currency)} (${cents(on.outstandingUsdCents)})`,
      ),
    ),
  }));
  const arrearsTotal: [string, string] = [w.arrearsTotal, cents(d.arrearsOutstandingCents)];
  const p = d.previous;
  const t = d.totals;
  const previousTitle = w.previous(fiscalYear - 1, date(d.previousAsOf, lang));
  const diffCents = t.receivedCents + inKindTotal(t, basis) - (p.receivedCents + inKindTotal(p, basis));
  const previousLines: Array<[string, string]> = [[w.received, cents(p.receivedCents)], ...inKindLines(p), ...disclosedLine(p)];
  const changeLine = diffCents === 0 ? undefined : w.change(cents(Math.abs(diffCents)), diffCents > 0);
  const contributed = t.receivedCents + inKindTotal(t, basis) + t.pledgedCents > 0;
  const coverageLine = d.coveragePercent ? w.coverage(d.coveragePercent, fiscalYear, asOf) : undefined;
  const closedLine = closeLine(d.close, fiscalYear, lang);
  const bank = org.bankDetails?.[lang];
  const officers = d.seconded.map((s) => w.officer(s.personName, s.post[lang])).join("; ");
  // Thanks for what was given, for the personnel seconded, and the neutral invitation to a state that gave nothing in two years.
  const appreciation = [
    ...(contributed ? [w.thanks(names)] : []),
    ...(d.seconded.length ? [contributed ? w.secondedAlso(names, officers) : w.seconded(names, officers)] : []),
    ...(d.gave ? [] : [w.invite(names)]),
  ];
  const dateLine = `${w.place}, ${date(d.issuedOn, lang)}`;
  const header = `${w.reference} ${ref}${revisionMark ? ` (${revisionMark})` : ""}\n${dateLine}`;
  const lineText = (r: (typeof rows)[number]) =>
    `- ${r.number}, ${r.date}: ${r.kind}; ${r.purpose}; ${r.amount} ${w.rate(r.rate)} = ${r.usd}${r.reference ? `; ${w.yourRef} ${r.reference}` : ""}` +
    `${r.pays ? `\n  ${r.pays}` : ""}${r.note ? `\n  ${r.note}` : ""}`;

  const text = [
    w.org,
    "",
    header,
    "",
    ...(replacesLine ? [replacesLine, ""] : []),
    w.opening(addressee, names, fiscalYear, asOf),
    "",
    w.linesHeading(d.period),
    ...(rows.length ? rows.map(lineText) : [w.noLines(d.period)]),
    "",
    ...sections.flatMap((b) => [b.title, ...b.lines.map(([k, v]) => `  ${k}: ${v}`), ""]),
    arrearsTitle,
    ...(arrears.length
      ? [...arrears.flatMap((y) => [`  ${y.title}`, ...y.pledges.map((l) => `  - ${l}`)]), `  ${arrearsTotal[0]}: ${arrearsTotal[1]}`]
      : [`  ${w.arrearsNone}`]),
    "",
    `${previousTitle}:`,
    ...previousLines.map(([k, v]) => `  ${k}: ${v}`),
    ...(changeLine ? [`  (${changeLine})`] : []),
    "",
    ...(coverageLine ? [coverageLine, ""] : []),
    ...(closedLine ? [closedLine, ""] : []),
    ...appreciation.flatMap((a) => [a, ""]),
    ...(bank ? [w.payment, ...bank.split("\n").map((l) => `  ${l}`), ""] : []),
    w.closing(addressee),
    "",
    w.signature,
    w.place,
    "",
    "--",
    w.footer,
    "",
  ].join("\n");

  const e = escape;
  const cell = "padding:6px 4px;border-bottom:1px solid #d8dee6;vertical-align:top";
  const small = (x: string, grey = true) => `<br><small${grey ? ' style="color:#55606e"' : ""}>${e(x)}</small>`;
  // Two columns, so that the table fits a phone's 390 px: number, date, what and references on the left; amount, rate and USD on the right.
  const table = rows.length
    ? `<table role="presentation" style="border-collapse:collapse;width:100%;font-size:14px">
<thead><tr><th style="text-align:left;border-bottom:2px solid #1f3a5f;padding:6px 4px">${e(w.lineColumns[2])}</th><th style="text-align:right;border-bottom:2px solid #1f3a5f;padding:6px 4px">${e(w.lineColumns[4])}</th></tr></thead>
<tbody>${rows
        .map(
          (r) =>
            `<tr><td style="${cell}"><strong>${e(r.number)}</strong>, ${e(r.date)}<br>${e(r.kind)}; ${e(r.purpose)}${r.reference ? small(`${w.yourRef} ${r.reference}`) : ""}${r.pays ? small(r.pays, false) : ""}${r.note ? small(r.note) : ""}</td><td style="${cell};text-align:right">${e(r.amount)}${small(w.rate(r.rate))}<br>${e(r.usd)}</td></tr>`,
        )
        .join("\n")}</tbody></table>`
    : `<p>${e(w.noLines(d.period))}</p>`;
  const dl = (lines: Array<[string, string]>) =>
    `<table role="presentation" style="border-collapse:collapse;width:100%;font-size:14px">${lines
      .map(([k, v]) => `<tr><td style="padding:3px 8px 3px 0">${e(k)}</td><td style="padding:3px 0;text-align:right;font-weight:600">${e(v)}</td></tr>`)
      .join("")}</table>`;
  const br = (s: string) => s.split("\n").map(e).join("<br>");
  const h2 = (x: string) => `<h2 style="font-size:16px;color:#1f3a5f">${e(x)}</h2>`;
  const arrearsHtml = arrears.length
    ? `${arrears.map((y) => `<p style="margin-bottom:2px"><strong>${e(y.title)}</strong></p><ul style="margin-top:0;padding-left:20px">${y.pledges.map((l) => `<li>${e(l)}</li>`).join("")}</ul>`).join("\n")}
${dl([arrearsTotal])}`
    : `<p>${e(w.arrearsNone)}</p>`;
  const html = `<!doctype html>
<html lang="${lang}"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>${e(subject)}</title></head>
<body style="font-family:Georgia,'Times New Roman',serif;color:#1b2430;max-width:760px;margin:0 auto;padding:12px;line-height:1.5;overflow-wrap:break-word">
<p style="font-weight:700;text-transform:uppercase;letter-spacing:.03em;color:#1f3a5f">${e(w.org)}</p>
<p style="text-align:right">${e(w.reference)} ${e(ref)}${revisionMark ? ` <strong>(${e(revisionMark)})</strong>` : ""}<br>${e(dateLine)}</p>
${replacesLine ? `<p><strong>${e(replacesLine)}</strong></p>\n` : ""}<p>${e(w.opening(addressee, names, fiscalYear, asOf))}</p>
${h2(w.linesHeading(d.period))}
${table}
${sections.map((b) => `${h2(b.title)}\n${dl(b.lines)}`).join("\n")}
${h2(arrearsTitle)}
${arrearsHtml}
${h2(previousTitle)}
${dl(previousLines)}${changeLine ? `<p>(${e(changeLine)})</p>` : ""}
${coverageLine ? `<p>${e(coverageLine)}</p>` : ""}
${closedLine ? `<p>${e(closedLine)}</p>` : ""}
${appreciation.map((a) => `<p>${e(a)}</p>`).join("\n")}
${bank ? `<p>${e(w.payment)}<br>${br(bank)}</p>` : ""}
<p>${e(w.closing(addressee))}</p>
<p>${br(w.signature)}<br>${e(w.place)}</p>
<hr style="border:none;border-top:1px solid #d8dee6"><p style="font-size:12px;color:#55606e">${e(w.footer)}</p>
</body></html>`;

  // The note verbale: the same words as a plain model; pdf.ts lays it out on A4.
  const blocks: Block[] = [
    ...(replacesLine ? [{ kind: "paragraph" as const, text: replacesLine }] : []),
    { kind: "paragraph", text: w.opening(addressee, names, fiscalYear, asOf) },
    { kind: "heading", text: w.linesHeading(d.period) },
    rows.length
      ? {
          kind: "table",
          columns: [...w.lineColumns],
          align: ["left", "left", "left", "left", "right", "right", "right"],
          widths: [0.15, 0.12, 0.16, 0.12, 0.19, 0.09, 0.17],
          rows: rows.map((r) => {
            const note = [r.pays, r.note].filter((x): x is string => !!x).join("\n");
            return { cells: [r.number, r.date, `${r.kind}; ${r.purpose}`, r.reference, r.amount, r.rate, r.usd], ...(note ? { note } : {}) };
          }),
        }
      : { kind: "paragraph", text: w.noLines(d.period) },
    ...sections.flatMap((b): Block[] => [
      { kind: "heading", text: b.title },
      { kind: "pairs", lines: b.lines },
    ]),
    { kind: "heading", text: arrearsTitle },
    ...(arrears.length
      ? [
          ...arrears.flatMap((y): Block[] => [
            { kind: "paragraph", text: y.title },
            { kind: "lines", lines: y.pledges.map((l) => `– ${l}`) },
          ]),
          { kind: "pairs" as const, lines: [arrearsTotal] },
        ]
      : [{ kind: "paragraph" as const, text: w.arrearsNone }]),
    { kind: "heading", text: previousTitle },
    { kind: "pairs", lines: previousLines },
    ...(changeLine ? [{ kind: "paragraph" as const, text: `(${changeLine})` }] : []),
    ...(coverageLine ? [{ kind: "paragraph" as const, text: coverageLine }] : []),
    ...(closedLine ? [{ kind: "paragraph" as const, text: closedLine }] : []),
    ...appreciation.map((a): Block => ({ kind: "paragraph", text: a })),
    ...(bank ? [{ kind: "paragraph" as const, text: w.payment }, { kind: "lines" as const, lines: bank.split("\n") }] : []),
    { kind: "paragraph", text: w.closing(addressee) },
  ];
  const letter: Letter = {
    lang,
    title: subject,
    author: org.secretariat[lang],
    letterhead: [org.secretariat.en.toUpperCase(), org.secretariat.ru.toUpperCase()],
    number: `${w.number} ${ref}`,
    ...(revisionMark ? { revision: revisionMark } : {}),
    blocks,
    place: dateLine,
    signature: w.signature.split("\n"),
    addressee: (lang === "en" ? addressee.replace(/^the /, "") : addressee).toUpperCase(),
    footer: w.footer,
  };
  return { lang, subject, text, html, reference: ref, addressee, letter };
}

/** The PDF's file name: SEC-FIN-2022-Q4-KZ-en.pdf */
export function pdfName(r: Rendered): string {
  return `${r.reference.replace(/[^A-Za-z0-9._-]+/g, "-")}-${r.lang}.pdf`;
}

/** The statement as a PDF note verbale (A4), from the rendered model. */
export async function toPdf(r: Rendered): Promise<Uint8Array> {
  const { pdf } = await import("./pdf");
  return pdf(r.letter);
}

export const PreviewInput = z.strictObject({
  state: MemberState.Code,
  period: PeriodModule.Schema,
  lang: z.enum(LANGS).default("en"),
});

/**
 * The state of a preview, which must cover the period. A `state` user previews its own state's
 * statements only (another state's: 404), and only for periods that have ended (403 before).
 */
async function previewed(input: z.infer<typeof PreviewInput>): Promise<MemberState.Info> {
  const notFound = () => new VisibleError("not_found", "state.not_found", { code: input.state });
  Actor.assertSees(input.state, notFound);
  const period = PeriodModule.parse(input.period)!;
  if (Actor.scope() !== undefined && period.end >= Clock.today())
    throw new VisibleError("forbidden", "statement.period_open", { period: input.period, end: period.end });
  const state = await MemberState.find(input.state);
  if (!state) throw notFound();
  if (!covers(state, period)) throw new VisibleError("conflict", "statement.not_a_member", { state: state.name.en, period: input.period });
  return state;
}

/** The statement as the recipients will see it, and who they are. */
export const preview = fn(PreviewInput, async (input) => {
  Actor.assertCan("previewStatement");
  const state = await previewed(input);
  const data = await gather(state, input.period);
  const { letter: _letter, ...rendered } = render(data, input.lang);
  return { ...rendered, close: data.close ?? "open", to: state.contacts.map((c) => ({ name: c.name, email: c.email, language: c.language })) };
});

/** The statement's PDF note verbale, as the recipients in that language get it (addressed to the competent authorities). */
export const previewPdf = fn(PreviewInput, async (input) => {
  Actor.assertCan("previewStatementPdf");
  const state = await previewed(input);
  const rendered = render(await gather(state, input.period), input.lang);
  return { filename: pdfName(rendered), pdf: await toPdf(rendered) };
});
