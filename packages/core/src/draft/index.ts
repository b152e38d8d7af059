/**
 * The management part of the Secretary General's report for a year, drafted from the records,
 * in English or Russian, in the report's register:
 * - it thanks, by their formal names, the states whose contributions (financial or in kind) were
 *   received in the fiscal year, the largest first (the year's totals, as the year report has them),
 *   and invites the others to follow their example;
 * - it records the personnel welcomed on rotation: the secondments that started in the year, by
 *   sending state, counted by category (an executive post by its title);
 * - it calls on the Member States to second personnel, with how many of them had personnel seconded
 *   in the year;
 * - it names the open positions awaiting recommendations: the vacancies published by the day the
 *   records are taken on and not yet filled or cancelled then, with the candidates recommended by
 *   that day;
 * - it notes the posts renamed: titles in force from a day of the year, or from 1 January of the
 *   next (the renamings the year's last meetings decide).
 *
 * The records are taken as the staffing report takes them: on 31 December for a past year, today
 * for the current one, on 1 January for a future one. After the text come notes for the editor:
 * the records each sentence is drawn from, with the states that seconded nobody and those that gave
 * nothing. As JSON, as a DOCX an editor opens (the `docx` library, loaded only when one is asked
 * for) and as a PDF (the statements' layout and fonts, which have Cyrillic).
 */
export * as ReportDraft from "./index";

import * as z from "zod";
import * as Actor from "../actor";
import { Budget } from "../budget";
import * as Clock from "../clock";
import { fn } from "../fn";
import { MemberState } from "../member-state";
import { Organisation } from "../organisation";
import { Post } from "../post";
import { ContributionReport } from "../report/contributions";
import { StaffingReport } from "../report/staffing";
import { Secondment } from "../secondment";
import { Statement } from "../statement";
import type { Block, Letter } from "../statement/pdf";
import { date, LOCALE, stateNames, usd, type Lang } from "../statement/text";
import { Vacancy } from "../vacancy";
import { words, type Arrivals, type Rename } from "./words";

export const FORMATS = ["json", "docx", "pdf"] as const;
export type Format = (typeof FORMATS)[number];

export const Input = z.strictObject({
  year: Budget.Year,
  lang: z.enum(Statement.LANGS).default("en"),
  format: z.enum(FORMATS).default("json"),
});
export type Input = z.input<typeof Input>;

const Title = z.object({ en: z.string(), ru: z.string() });

/** The records the draft is made from. */
export const Facts = z.object({
  contributors: z.array(z.object({ code: z.string(), receivedUsd: z.string(), inKindUsd: z.string() })),
  welcomed: z.array(
    z.object({
      secondmentId: z.string(),
      personName: z.string(),
      sendingState: z.string(),
      postId: z.string(),
      postNumber: z.string(),
      title: Title,
      category: z.enum(Post.CATEGORIES),
      startOn: z.string(),
    }),
  ),
  membersSeconding: z.number(),
  members: z.number(),
  openPositions: z.array(
    z.object({
      vacancyId: z.string(),
      postId: z.string(),
      postNumber: z.string(),
      title: Title,
      category: z.enum(Post.CATEGORIES).optional(),
      basis: z.enum(Vacancy.BASES),
      publishedOn: z.string(),
      deadline: z.string(),
      /** Recommendations received by the day the records are taken on, and the states that made them. */
      recommendations: z.number(),
      recommendingStates: z.array(z.string()),
    }),
  ),
  renamed: z.array(
    z.object({ postId: z.string(), number: z.string(), from: Title, to: Title, effectiveOn: z.string(), decisionRef: z.string().optional() }),
  ),
  /** Member states in the year with no personnel seconded in it. */
  notSeconding: z.array(z.string()),
  /** Member states in the year with no contribution received in it. */
  noContribution: z.array(z.string()),
});
export type Facts = z.infer<typeof Facts>;

export const Draft = z.object({
  year: z.number(),
  lang: z.enum(Statement.LANGS),
  /** The day the records are taken on. */
  asOf: z.string(),
  preparedOn: z.string(),
  title: z.string(),
  heading: z.string(),
  mark: z.string(),
  prepared: z.string(),
  /** The text of the management part, paragraph by paragraph. */
  paragraphs: z.array(z.string()),
  /** For the editor, after the text: the records behind it. */
  notes: z.object({ title: z.string(), sections: z.array(z.object({ title: z.string(), lines: z.array(z.string()) })) }),
  facts: Facts,
});
export type Draft = z.infer<typeof Draft>;

const positive = (amount: string) => /[1-9]/.test(amount);

/** The membership covers at least a day of the year. */
function memberIn(s: MemberState.Info, year: number): boolean {
  return Statement.covers(s, Statement.Period.parse(String(year))!);
}

/** A vacancy was still open on a day: published by then, and neither filled nor cancelled by then. */
function openOn(v: Vacancy.Info, day: string): boolean {
  if (v.publishedOn > day) return false;
  if (v.status === "open" || v.status === "closed") return true;
  if (v.status === "filled") return (v.filled?.filledAt ?? v.updatedAt).slice(0, 10) > day;
  // Cancelled: its last change is the cancellation.
  return v.updatedAt.slice(0, 10) > day;
}

/** The records of a year the draft is made from (Queries only: the year's totals, posts, secondments, vacancies). */
export async function gather(year: number): Promise<{ facts: Facts; asOf: string; states: MemberState.Info[] }> {
  const asOf = StaffingReport.asOfFor(year);
  const first = `${year}-01-01`;
  const last = `${year}-12-31`;
  const [report, states, posts, secondments, vacancies] = await Promise.all([
    ContributionReport.build(year),
    MemberState.listAll(),
    Post.listAll(),
    Secondment.inYear(year),
    Vacancy.list({}),
  ]);
  const postsById = new Map(posts.map((p) => [p.id, p]));
  const members = states.filter((s) => memberIn(s, year));

  const contributors = report.byState
    .filter((r) => positive(r.receivedUsd) || positive(r.inKindUsd))
    .map((r) => ({ code: r.code, receivedUsd: r.receivedUsd, inKindUsd: r.inKindUsd }));

  const welcomed = secondments
    .filter((s) => s.startOn >= first && s.startOn <= last && postsById.has(s.postId))
    .sort((a, b) => a.startOn.localeCompare(b.startOn) || a.personName.localeCompare(b.personName))
    .map((s) => {
      const post = postsById.get(s.postId)!;
      return {
        secondmentId: s.id,
        personName: s.personName,
        sendingState: s.sendingState,
        postId: post.id,
        postNumber: post.number,
        title: Post.titleOn(post, s.startOn),
        category: post.category,
        startOn: s.startOn,
      };
    });
  const seconding = new Set(secondments.filter((s) => Post.Dates.daysInYear(s.startOn, s.lastOn, year) > 0).map((s) => s.sendingState));

  const openPositions = vacancies.items
    .filter((v) => openOn(v, asOf))
    .sort((a, b) => a.publishedOn.localeCompare(b.publishedOn) || (postsById.get(a.postId)?.number ?? "").localeCompare(postsById.get(b.postId)?.number ?? ""))
    .map((v) => {
      const recs = v.recommendations.filter((r) => r.receivedOn <= asOf);
      const post = postsById.get(v.postId);
      return {
        vacancyId: v.id,
        postId: v.postId,
        postNumber: post?.number ?? "",
        title: v.title,
        ...(post ? { category: post.category } : {}),
        basis: v.basis,
        publishedOn: v.publishedOn,
        deadline: v.deadline,
        recommendations: recs.length,
        recommendingStates: [...new Set(recs.map((r) => r.stateCode))],
      };
    });

  const until = `${year + 1}-01-01`;
  const renamed = posts
    .flatMap((p) =>
      p.titles
        .filter((t) => t.effectiveOn && t.effectiveOn >= first && t.effectiveOn <= until)
        .map((t) => ({
          postId: p.id,
          number: p.number,
          from: Post.titleOn(p, Post.Dates.addDays(t.effectiveOn!, -1)),
          to: { en: t.en, ru: t.ru },
          effectiveOn: t.effectiveOn!,
          ...(t.decisionRef ? { decisionRef: t.decisionRef } : {}),
        })),
    )
    .sort((a, b) => a.effectiveOn.localeCompare(b.effectiveOn) || a.number.localeCompare(b.number));

  const contributing = new Set(contributors.map((c) => c.code));
  return {
    asOf,
    states,
    facts: {
      contributors,
      welcomed,
      membersSeconding: members.filter((s) => seconding.has(s.code)).length,
      members: members.length,
      openPositions,
      renamed,
      notSeconding: members.filter((s) => !seconding.has(s.code)).map((s) => s.code),
      noContribution: members.filter((s) => !contributing.has(s.code)).map((s) => s.code),
    },
  };
}

/** The draft's text and notes in one language, from the records. */
export function compose(year: number, lang: Lang, facts: Facts, states: MemberState.Info[], org: Organisation.Info, asOf: string, preparedOn: string): Draft {
  const w = words(lang, org.abbreviation[lang]);
  const byCode = new Map(states.map((s) => [s.code, s]));
  const names = (code: string) => {
    const s = byCode.get(code);
    return stateNames(s ?? { name: { en: code, ru: code } }, lang);
  };
  const paragraphs: string[] = [];

  // Money: the contributors thanked by name, the others invited.
  if (facts.contributors.length) {
    paragraphs.push(
      [w.thanks(facts.contributors.map((c) => names(c.code).dative), year), ...(facts.noContribution.length ? [w.inviteOthers] : [])].join(" "),
    );
  } else {
    paragraphs.push(w.noContribution(year));
  }

  // People: the personnel welcomed on rotation, the call for secondments.
  type Arriving = { counts: Map<Exclude<Post.Category, "executive">, number>; executive: string[]; n: number; first: string };
  const arrivals = new Map<string, Arriving>();
  for (const s of facts.welcomed) {
    const a: Arriving = arrivals.get(s.sendingState) ?? { counts: new Map(), executive: [], n: 0, first: s.startOn };
    if (s.category === "executive") a.executive.push(s.title[lang]);
    else a.counts.set(s.category, (a.counts.get(s.category) ?? 0) + 1);
    a.n++;
    arrivals.set(s.sendingState, a);
  }
  const groups: Arrivals[] = [...arrivals.entries()]
    .sort((x, y) => y[1].n - x[1].n || x[1].first.localeCompare(y[1].first))
    .map(([code, a]) => ({
      // English "from the Republic of Kazakhstan"; Russian «от Республики Казахстан».
      state: lang === "en" ? names(code).formal : names(code).genitive,
      counts: Post.CATEGORIES.flatMap((c) => (c !== "executive" && a.counts.has(c) ? [{ category: c, n: a.counts.get(c)! }] : [])),
      executive: a.executive,
    }));
  paragraphs.push(
    [
      groups.length ? w.welcomed(year, groups) : w.noneWelcomed(year),
      w.call,
      w.seconding(year, facts.membersSeconding, facts.members),
    ].join(" "),
  );

  // The open positions awaiting recommendations.
  if (facts.openPositions.length) {
    const categories = new Set(facts.openPositions.map((v) => v.category));
    const one = categories.size === 1 ? [...categories][0] : undefined;
    const welcome = facts.openPositions.some((v) => v.deadline >= asOf) || facts.openPositions.every((v) => v.recommendations === 0);
    paragraphs.push(
      [
        w.openPositions(
          asOf,
          one && one !== "executive" ? one : undefined,
          facts.openPositions.map((v) => ({ title: v.title[lang], basis: v.basis, recommended: v.recommendations })),
        ),
        welcome ? w.recommendationsWelcome : w.recommendationsReceived,
      ].join(" "),
    );
  } else {
    paragraphs.push(w.noOpenPosition(asOf));
  }

  // The staff matrix: the posts renamed (the same renaming of several posts said once).
  if (facts.renamed.length) {
    const renames = new Map<string, Rename>();
    for (const r of facts.renamed) {
      const key = JSON.stringify([r.from[lang], r.to[lang], r.effectiveOn, r.decisionRef ?? ""]);
      const seen = renames.get(key);
      if (seen) seen.posts++;
      else renames.set(key, { from: r.from[lang], to: r.to[lang], effectiveOn: r.effectiveOn, ...(r.decisionRef ? { decisionRef: r.decisionRef } : {}), posts: 1 });
    }
    paragraphs.push(w.renamed([...renames.values()]));
  }

  const lines = (xs: string[]) => (xs.length ? xs : [w.none]);
  const short = (code: string) => names(code).short;
  const alphabetical = (codes: string[]) => codes.map(short).sort((a, b) => a.localeCompare(b, LOCALE[lang])).join(", ");
  const sections = [
    {
      title: w.notesContributions(year),
      lines: lines(facts.contributors.map((c) => w.contributionLine(short(c.code), usd(c.receivedUsd, lang), usd(c.inKindUsd, lang)))),
    },
    {
      title: w.notesWelcomed(year),
      lines: lines(facts.welcomed.map((s) => w.welcomedLine(s.personName, s.title[lang], s.postNumber, short(s.sendingState), s.startOn))),
    },
    {
      title: w.notesOpen(asOf),
      lines: lines(
        facts.openPositions.map((v) =>
          w.openLine(v.title[lang], v.postNumber, v.basis, v.publishedOn, v.deadline, v.recommendations, v.recommendingStates.map(short)),
        ),
      ),
    },
    {
      title: w.notesRenamed(year),
      lines: lines(facts.renamed.map((r) => w.renameLine(r.number, { from: r.from[lang], to: r.to[lang], effectiveOn: r.effectiveOn, ...(r.decisionRef ? { decisionRef: r.decisionRef } : {}), posts: 1 }))),
    },
    { title: w.notesNotSeconding(year, facts.notSeconding.length), lines: lines(facts.notSeconding.length ? [alphabetical(facts.notSeconding)] : []) },
    { title: w.notesNoContribution(year, facts.noContribution.length), lines: lines(facts.noContribution.length ? [alphabetical(facts.noContribution)] : []) },
  ];
  return {
    year,
    lang,
    asOf,
    preparedOn,
    title: w.title(year),
    heading: w.heading,
    mark: w.mark,
    prepared: w.prepared(preparedOn, asOf),
    paragraphs,
    notes: { title: w.notesTitle, sections },
    facts,
  };
}

/** The draft of a year in one language. */
export async function build(year: number, lang: Lang): Promise<Draft> {
  const [{ facts, asOf, states }, org] = await Promise.all([gather(year), Organisation.current()]);
  return compose(year, lang, facts, states, org, asOf, Clock.today());
}

/** The draft as the statements' PDF model: the letterhead, the text, then the notes for the editor. */
export function letter(draft: Draft, org: Organisation.Info): Letter {
  const blocks: Block[] = [
    { kind: "heading", text: draft.title },
    { kind: "heading", text: draft.heading },
    ...draft.paragraphs.map((text): Block => ({ kind: "paragraph", text })),
    { kind: "heading", text: draft.notes.title },
    ...draft.notes.sections.flatMap((s): Block[] => [
      { kind: "paragraph", text: s.title },
      { kind: "lines", lines: s.lines.map((l) => `– ${l}`) },
    ]),
  ];
  return {
    lang: draft.lang,
    title: `${draft.title}: ${draft.heading}`,
    author: org.secretariat[draft.lang],
    letterhead: [org.secretariat.en.toUpperCase(), org.secretariat.ru.toUpperCase()],
    number: draft.mark,
    blocks,
    place: `${org.city[draft.lang]}, ${date(draft.preparedOn, draft.lang)}`,
    signature: [],
    addressee: "",
    footer: draft.prepared,
  };
}

export interface File {
  body: Uint8Array<ArrayBuffer>;
  contentType: string;
  filename: string;
}

export const DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document";

/** The draft as a JSON answer, or as a DOCX or PDF file. */
export const draft = fn(Input, async (input): Promise<{ json: Draft } | { file: File }> => {
  Actor.assertCan("getReportDraft");
  const [d, org] = await Promise.all([build(input.year, input.lang), Organisation.current()]);
  if (input.format === "json") return { json: d };
  const filename = `${org.abbreviation.en.replace(/[^A-Za-z0-9]+/g, "-")}-SG-report-${input.year}-management-draft-${input.lang}.${input.format}`;
  if (input.format === "pdf") {
    const { pdf } = await import("../statement/pdf");
    return { file: { body: (await pdf(letter(d, org))) as Uint8Array<ArrayBuffer>, contentType: "application/pdf", filename } };
  }
  // The DOCX library is loaded only here: nothing of it is read at the API's start.
  const { docx } = await import("./docx");
  return { file: { body: await docx(d, org), contentType: DOCX, filename } };
});
