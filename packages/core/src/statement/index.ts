/**
 * The formal statement of one member state's contributions for a period, in
 * English or Russian, as plain text and HTML (everything from data escaped).
 */
export * as Statement from "./index";

import * as z from "zod";
import * as Actor from "../actor";
import * as Clock from "../clock";
import { Contribution } from "../contribution";
import { VisibleError } from "../error";
import { fn } from "../fn";
import { MemberState } from "../member-state";
import { Money } from "../money";
import { add as addToTotals } from "../report/contributions";
import * as PeriodModule from "./period";
import { date, money, usd, WORDS, type Lang } from "./text";

export * as Period from "./period";
export type { Lang } from "./text";

export const LANGS = ["en", "ru"] as const;

/** SEC/FIN/2026-Q4/KZ */
export function reference(period: string, stateCode: string): string {
  return `SEC/FIN/${period}/${stateCode}`;
}

export interface Totals {
  receivedCents: number;
  inKindCents: number;
  pledgedOutstandingCents: number;
  count: number;
}

export interface Data {
  state: MemberState.Info;
  period: PeriodModule.Period;
  reference: string;
  issuedOn: string;
  contributions: Contribution.Stored[];
  totals: Totals;
  previous: Totals;
  previousAsOf: string;
}

const zero = (): Totals => ({ receivedCents: 0, inKindCents: 0, pledgedOutstandingCents: 0, count: 0 });

/** What a statement says: the fiscal year to the period's end, and the previous year to the same day. Two Queries on byState. */
export async function gather(state: MemberState.Info, periodId: string): Promise<Data> {
  const period = PeriodModule.parse(periodId)!;
  const fiscalYear = Contribution.fiscalYear(period.end);
  const previousAsOf = PeriodModule.yearBefore(period.end);
  const [current, before] = await Promise.all([
    Contribution.query({ state: state.code, year: fiscalYear, all: true }),
    Contribution.query({ state: state.code, year: fiscalYear - 1, all: true }),
  ]);
  const contributions = current.items.filter((c) => !c.voided && c.date <= period.end);
  const totals = zero();
  for (const c of contributions) addToTotals(totals, c);
  const previous = zero();
  for (const c of before.items) if (c.date <= previousAsOf) addToTotals(previous, c);
  return {
    state,
    period,
    reference: reference(period.id, state.code),
    issuedOn: Clock.today(),
    contributions,
    totals,
    previous,
    previousAsOf,
  };
}

export interface Rendered {
  lang: Lang;
  subject: string;
  text: string;
  html: string;
  reference: string;
}

const escape = (s: string) =>
  s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;").replace(/'/g, "&#39;");

/** Renders the statement in one language. */
export function render(d: Data, lang: Lang): Rendered {
  const w = WORDS[lang];
  const stateName = d.state.name[lang];
  const fiscalYear = Contribution.fiscalYear(d.period.end);
  const asOf = date(d.period.end, lang);
  const subject = w.subject(stateName, w.periodName(d.period), d.reference);
  const rows = d.contributions.map((c) => {
    const info = Contribution.toInfo(c);
    return {
      date: date(c.date, lang),
      kind: `${w.kind[c.kind]}, ${w.status[c.status]}`,
      purpose: w.purpose(c.purpose, c.earmark),
      amount: money(info.amount, c.currency, Money.digits(c.currency), lang),
      usd: usd(info.amountUsd, lang),
      note: c.kind === "in_kind" ? c.description : undefined,
    };
  });
  const t = d.totals;
  const p = d.previous;
  const totals: Array<[string, string]> = [
    [w.received, usd(Money.formatCents(t.receivedCents), lang)],
    [w.inKind, usd(Money.formatCents(t.inKindCents), lang)],
    [w.outstanding, usd(Money.formatCents(t.pledgedOutstandingCents), lang)],
  ];
  const previousTitle = w.previous(fiscalYear - 1, date(d.previousAsOf, lang));
  const diffCents = t.receivedCents + t.inKindCents - (p.receivedCents + p.inKindCents);
  const previousLines: Array<[string, string]> = [
    [w.received, usd(Money.formatCents(p.receivedCents), lang)],
    [w.inKind, usd(Money.formatCents(p.inKindCents), lang)],
  ];
  const changeLine = diffCents === 0 ? undefined : w.change(usd(Money.formatCents(Math.abs(diffCents)), lang), diffCents > 0);
  const contributed = t.receivedCents + t.inKindCents + t.pledgedOutstandingCents > 0;
  const closing = [contributed ? w.thanks(stateName) : w.invitation(stateName), w.closing];
  const header = `${w.reference} ${d.reference}\n${w.place}, ${date(d.issuedOn, lang)}`;

  const text = [
    w.org,
    "",
    header,
    "",
    w.opening(stateName, fiscalYear, asOf),
    "",
    w.heading,
    ...(rows.length
      ? rows.map((r) => `- ${r.date}: ${r.kind}; ${r.purpose}; ${r.amount} (${r.usd})${r.note ? `\n  ${r.note}` : ""}`)
      : [w.none(fiscalYear)]),
    "",
    w.totals,
    ...totals.map(([k, v]) => `  ${k}: ${v}`),
    "",
    `${previousTitle}:`,
    ...previousLines.map(([k, v]) => `  ${k}: ${v}`),
    ...(changeLine ? [`  (${changeLine})`] : []),
    "",
    ...closing.flatMap((c) => [c, ""]),
    w.signature,
    w.place,
    "",
    "--",
    w.footer,
    "",
  ].join("\n");

  const e = escape;
  const table = rows.length
    ? `<table style="border-collapse:collapse;width:100%;font-size:14px">
<thead><tr>${w.columns.map((c, i) => `<th style="text-align:${i >= 3 ? "right" : "left"};border-bottom:2px solid #1f3a5f;padding:6px 8px">${e(c)}</th>`).join("")}</tr></thead>
<tbody>${rows
        .map(
          (r) =>
            `<tr><td style="padding:6px 8px;border-bottom:1px solid #d8dee6;white-space:nowrap">${e(r.date)}</td><td style="padding:6px 8px;border-bottom:1px solid #d8dee6">${e(r.kind)}${r.note ? `<br><small style="color:#55606e">${e(r.note)}</small>` : ""}</td><td style="padding:6px 8px;border-bottom:1px solid #d8dee6">${e(r.purpose)}</td><td style="padding:6px 8px;border-bottom:1px solid #d8dee6;text-align:right;white-space:nowrap">${e(r.amount)}</td><td style="padding:6px 8px;border-bottom:1px solid #d8dee6;text-align:right;white-space:nowrap">${e(r.usd)}</td></tr>`,
        )
        .join("\n")}</tbody></table>`
    : `<p>${e(w.none(fiscalYear))}</p>`;
  const dl = (lines: Array<[string, string]>) =>
    `<table style="border-collapse:collapse;font-size:14px">${lines
      .map(([k, v]) => `<tr><td style="padding:3px 16px 3px 0">${e(k)}</td><td style="padding:3px 0;text-align:right;font-weight:600">${e(v)}</td></tr>`)
      .join("")}</table>`;
  const html = `<!doctype html>
<html lang="${lang}"><head><meta charset="utf-8"><title>${e(subject)}</title></head>
<body style="font-family:Georgia,'Times New Roman',serif;color:#1b2430;max-width:760px;margin:0 auto;padding:24px;line-height:1.5">
<p style="font-weight:700;text-transform:uppercase;letter-spacing:.03em;color:#1f3a5f">${e(w.org)}</p>
<p style="text-align:right">${e(w.reference)} ${e(d.reference)}<br>${e(w.place)}, ${e(date(d.issuedOn, lang))}</p>
<p>${e(w.opening(stateName, fiscalYear, asOf))}</p>
<h2 style="font-size:16px;color:#1f3a5f">${e(w.heading)}</h2>
${table}
<h2 style="font-size:16px;color:#1f3a5f">${e(w.totals)}</h2>
${dl(totals)}
<h2 style="font-size:16px;color:#1f3a5f">${e(previousTitle)}</h2>
${dl(previousLines)}${changeLine ? `<p>(${e(changeLine)})</p>` : ""}
${closing.map((c) => `<p>${e(c)}</p>`).join("\n")}
<p>${e(w.signature)}<br>${e(w.place)}</p>
<hr style="border:none;border-top:1px solid #d8dee6"><p style="font-size:12px;color:#55606e">${e(w.footer)}</p>
</body></html>`;
  return { lang, subject, text, html, reference: d.reference };
}

export const PreviewInput = z.strictObject({
  state: MemberState.Code,
  period: PeriodModule.Schema,
  lang: z.enum(LANGS).default("en"),
});

/** The statement as the recipients will see it, and who they are. */
export const preview = fn(PreviewInput, async (input) => {
  Actor.assertCan("previewStatement");
  const state = await MemberState.find(input.state);
  if (!state) throw new VisibleError("not_found", "state.not_found", { code: input.state });
  const rendered = render(await gather(state, input.period), input.lang);
  return { ...rendered, to: state.contacts.map((c) => ({ name: c.name, email: c.email, language: c.language })) };
});
