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
import { Organisation } from "../organisation";
import { add as addToTotals } from "../report/contributions";
import { coveragePercent } from "./coverage";
import type { Block, Letter } from "./pdf";
import * as PeriodModule from "./period";
import { date, defaultAddressee, money, stateNames, usd, words, type Lang } from "./text";

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
  /** The organisation's profile in force: names, city, references, signature, bank details, finance contact. */
  organisation: Organisation.Info;
  /** Share of the fiscal year's budget covered by the financial contributions received, as at the period's end ("62.5"); when the profile shows it and there is a budget. */
  coveragePercent?: string;
}

const zero = (): Totals => ({ receivedCents: 0, inKindCents: 0, pledgedOutstandingCents: 0, count: 0 });

/** What a statement says: the fiscal year to the period's end, and the previous year to the same day. Two Queries on byState. */
export async function gather(state: MemberState.Info, periodId: string): Promise<Data> {
  const period = PeriodModule.parse(periodId)!;
  const fiscalYear = Contribution.fiscalYear(period.end);
  const previousAsOf = PeriodModule.yearBefore(period.end);
  const [current, before, organisation] = await Promise.all([
    Contribution.query({ state: state.code, year: fiscalYear, all: true }),
    Contribution.query({ state: state.code, year: fiscalYear - 1, all: true }),
    Organisation.current(),
  ]);
  const coverage = organisation.showBudgetCoverage ? await coveragePercent(fiscalYear, period.end) : undefined;
  const contributions = current.items.filter((c) => !c.voided && c.date <= period.end);
  const totals = zero();
  for (const c of contributions) addToTotals(totals, c);
  const previous = zero();
  for (const c of before.items) if (c.date <= previousAsOf) addToTotals(previous, c);
  return {
    state,
    period,
    reference: reference(period.id, state.code, organisation.referenceFormat),
    issuedOn: Clock.today(),
    contributions,
    totals,
    previous,
    previousAsOf,
    organisation,
    ...(coverage ? { coveragePercent: coverage } : {}),
  };
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
}

const escape = (s: string) =>
  s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;").replace(/'/g, "&#39;");

/** Renders the statement in one language. */
export function render(d: Data, lang: Lang, options: RenderOptions = {}): Rendered {
  const org = d.organisation;
  const w = words(lang, org);
  const names = stateNames(d.state, lang);
  const stateName = names.short;
  const addressee = options.addressee ?? defaultAddressee(names, lang);
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
  const coverageLine = d.coveragePercent ? w.coverage(d.coveragePercent, fiscalYear, asOf) : undefined;
  const bank = org.bankDetails?.[lang];
  const appreciation = contributed ? w.thanks(names) : w.invitation(names);
  const dateLine = `${w.place}, ${date(d.issuedOn, lang)}`;
  const header = `${w.reference} ${d.reference}\n${dateLine}`;

  const text = [
    w.org,
    "",
    header,
    "",
    w.opening(addressee, names, fiscalYear, asOf),
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
    ...(coverageLine ? [coverageLine, ""] : []),
    appreciation,
    "",
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
  // Two columns, so that the table fits a phone's 390 px: what and when on the left, the amounts on the right.
  const table = rows.length
    ? `<table role="presentation" style="border-collapse:collapse;width:100%;font-size:14px">
<thead><tr><th style="text-align:left;border-bottom:2px solid #1f3a5f;padding:6px 4px">${e(w.columns[1])}</th><th style="text-align:right;border-bottom:2px solid #1f3a5f;padding:6px 4px">${e(w.columns[3])}</th></tr></thead>
<tbody>${rows
        .map(
          (r) =>
            `<tr><td style="${cell}"><strong>${e(r.date)}</strong><br>${e(r.kind)}; ${e(r.purpose)}${r.note ? `<br><small style="color:#55606e">${e(r.note)}</small>` : ""}</td><td style="${cell};text-align:right">${e(r.amount)}<br><small style="color:#55606e">${e(r.usd)}</small></td></tr>`,
        )
        .join("\n")}</tbody></table>`
    : `<p>${e(w.none(fiscalYear))}</p>`;
  const dl = (lines: Array<[string, string]>) =>
    `<table role="presentation" style="border-collapse:collapse;width:100%;font-size:14px">${lines
      .map(([k, v]) => `<tr><td style="padding:3px 8px 3px 0">${e(k)}</td><td style="padding:3px 0;text-align:right;font-weight:600">${e(v)}</td></tr>`)
      .join("")}</table>`;
  const br = (s: string) => s.split("\n").map(e).join("<br>");
  const html = `<!doctype html>
<html lang="${lang}"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>${e(subject)}</title></head>
<body style="font-family:Georgia,'Times New Roman',serif;color:#1b2430;max-width:760px;margin:0 auto;padding:12px;line-height:1.5;overflow-wrap:break-word">
<p style="font-weight:700;text-transform:uppercase;letter-spacing:.03em;color:#1f3a5f">${e(w.org)}</p>
<p style="text-align:right">${e(w.reference)} ${e(d.reference)}<br>${e(dateLine)}</p>
<p>${e(w.opening(addressee, names, fiscalYear, asOf))}</p>
<h2 style="font-size:16px;color:#1f3a5f">${e(w.heading)}</h2>
${table}
<h2 style="font-size:16px;color:#1f3a5f">${e(w.totals)}</h2>
${dl(totals)}
<h2 style="font-size:16px;color:#1f3a5f">${e(previousTitle)}</h2>
${dl(previousLines)}${changeLine ? `<p>(${e(changeLine)})</p>` : ""}
${coverageLine ? `<p>${e(coverageLine)}</p>` : ""}
<p>${e(appreciation)}</p>
${bank ? `<p>${e(w.payment)}<br>${br(bank)}</p>` : ""}
<p>${e(w.closing(addressee))}</p>
<p>${br(w.signature)}<br>${e(w.place)}</p>
<hr style="border:none;border-top:1px solid #d8dee6"><p style="font-size:12px;color:#55606e">${e(w.footer)}</p>
</body></html>`;

  // The note verbale: the same words as a plain model; pdf.ts lays it out on A4.
  const blocks: Block[] = [
    { kind: "paragraph", text: w.opening(addressee, names, fiscalYear, asOf) },
    { kind: "heading", text: w.heading },
    rows.length
      ? {
          kind: "table",
          columns: [...w.columns],
          align: ["left", "left", "left", "right", "right"],
          widths: [0.17, 0.2, 0.21, 0.21, 0.21],
          rows: rows.map((r) => ({ cells: [r.date, r.kind, r.purpose, r.amount, r.usd], ...(r.note ? { note: r.note } : {}) })),
        }
      : { kind: "paragraph", text: w.none(fiscalYear) },
    { kind: "heading", text: w.totals },
    { kind: "pairs", lines: totals },
    { kind: "heading", text: previousTitle },
    { kind: "pairs", lines: previousLines },
    ...(changeLine ? [{ kind: "paragraph" as const, text: `(${changeLine})` }] : []),
    ...(coverageLine ? [{ kind: "paragraph" as const, text: coverageLine }] : []),
    { kind: "paragraph", text: appreciation },
    ...(bank ? [{ kind: "paragraph" as const, text: w.payment }, { kind: "lines" as const, lines: bank.split("\n") }] : []),
    { kind: "paragraph", text: w.closing(addressee) },
  ];
  const letter: Letter = {
    lang,
    title: subject,
    author: org.secretariat[lang],
    letterhead: [org.secretariat.en.toUpperCase(), org.secretariat.ru.toUpperCase()],
    number: `${w.number} ${d.reference}`,
    blocks,
    place: dateLine,
    signature: w.signature.split("\n"),
    addressee: (lang === "en" ? addressee.replace(/^the /, "") : addressee).toUpperCase(),
    footer: w.footer,
  };
  return { lang, subject, text, html, reference: d.reference, addressee, letter };
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

/** The statement as the recipients will see it, and who they are. */
export const preview = fn(PreviewInput, async (input) => {
  Actor.assertCan("previewStatement");
  const state = await MemberState.find(input.state);
  if (!state) throw new VisibleError("not_found", "state.not_found", { code: input.state });
  const { letter: _letter, ...rendered } = render(await gather(state, input.period), input.lang);
  return { ...rendered, to: state.contacts.map((c) => ({ name: c.name, email: c.email, language: c.language })) };
});

/** The statement's PDF note verbale, as the recipients in that language get it (addressed to the competent authorities). */
export const previewPdf = fn(PreviewInput, async (input) => {
  Actor.assertCan("previewStatementPdf");
  const state = await MemberState.find(input.state);
  if (!state) throw new VisibleError("not_found", "state.not_found", { code: input.state });
  const rendered = render(await gather(state, input.period), input.lang);
  return { filename: pdfName(rendered), pdf: await toPdf(rendered) };
});
