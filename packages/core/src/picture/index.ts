/**
 * A member state's whole picture on one page: its record (formal names, dates, addressees), its
 * contributions by year (from its totals items), its open pledges and arrears (the statements'
 * rule, Contribution.pledgeOn, as at today), the persons it seconded, the candidates it recommended
 * and the statements sent to it. Queries and GetItems only, never a Scan; each part only for a
 * caller whose roles may read it (`can`), absent otherwise. A `state` user reads its own state's
 * picture only (another state's answers 404, from MemberState.get).
 */
export * as StatePicture from "./index";

import * as z from "zod";
import * as Actor from "../actor";
import * as Clock from "../clock";
import { Contribution } from "../contribution";
import { fn } from "../fn";
import { MemberState } from "../member-state";
import { Money } from "../money";
import { can, type Operation } from "../permissions";
import { Post } from "../post";
import { Secondment } from "../secondment";
import { SummaryDeliveryEntity, SummaryRunEntity } from "../summary/summary.entity";
import { SummaryRevisionEntity } from "../summary/revision.entity";
import { Totals } from "../totals";
import { Recommendation } from "../recommendation";
import { Vacancy } from "../vacancy";

const Usd = z.string().meta({ description: "USD, an exact decimal string" });

export const Year = z.object({
  year: z.number(),
  cashUsd: Usd,
  inKindUsd: Usd,
  /** Pledges made in the year (their USD equivalent). */
  pledgedUsd: Usd,
  /** Cash and in kind received. */
  receivedUsd: Usd,
  /** What the year's pledges still lack today. */
  outstandingUsd: Usd,
  count: z.number(),
});

export const OpenPledge = z.object({
  id: z.string(),
  number: z.string().optional(),
  date: z.string(),
  fiscalYear: z.number(),
  currency: z.string(),
  amount: z.string(),
  outstanding: z.string(),
  amountUsd: Usd,
  receivedUsd: Usd,
  outstandingUsd: Usd,
  /** A pledge of an earlier fiscal year than today's: in arrears. */
  arrears: z.boolean(),
  description: z.string().optional(),
});

export const Seconded = z.object({
  id: z.string(),
  personName: z.string(),
  postId: z.string(),
  post: z.object({ en: z.string(), ru: z.string() }),
  startOn: z.string(),
  lastOn: z.string(),
  status: z.enum(Secondment.STATUSES),
});

export const Recommended = z.object({
  id: z.string(),
  vacancyId: z.string(),
  post: z.object({ en: z.string(), ru: z.string() }),
  candidateName: z.string(),
  receivedOn: z.string(),
  status: z.enum(Recommendation.STATUSES),
  vacancyStatus: z.enum(Vacancy.STATUSES).optional(),
});

export const Sent = z.object({
  period: z.string(),
  email: z.string(),
  lang: z.enum(["en", "ru"]),
  reference: z.string(),
  sentAt: z.string().optional(),
  revision: z.number().optional(),
});

export const Picture = z.object({
  state: MemberState.Info,
  money: z
    .object({
      years: z.array(Year),
      openPledges: z.array(OpenPledge),
      openUsd: Usd,
      arrearsUsd: Usd,
    })
    .optional(),
  people: z.object({ secondments: z.array(Seconded), recommendations: z.array(Recommended) }).optional(),
  statements: z.array(Sent).optional(),
});
export type Picture = z.infer<typeof Picture>;

/** Which parts a caller may have: the operations each part's data comes from. */
const PARTS = {
  money: ["listContributions", "getStateHistory"],
  people: ["listSecondments", "listRecommendations"],
  statements: ["previewStatement"],
} as const satisfies Record<string, readonly Operation[]>;
type Part = keyof typeof PARTS;

function may(part: Part): boolean {
  const actor = Actor.use();
  if (actor.type === "system") return true;
  if (actor.type !== "user") return false;
  return PARTS[part].every((op) => can(actor.roles, op));
}

const usd = (cents: bigint | number) => Money.formatUnits(BigInt(cents), 2);

async function money(code: string) {
  const totals = (await Totals.ofState(code))
    .filter((t) => Totals.get(t.figures, "count") > 0n || Totals.get(t.figures, "voidedCount") > 0n)
    .sort((a, b) => a.fiscalYear - b.fiscalYear);
  const years = totals.map((t) => {
    const f = t.figures;
    const cash = Totals.get(f, "receivedCents");
    const inKind = Totals.get(f, "inKindCents");
    return {
      year: t.fiscalYear,
      cashUsd: usd(cash),
      inKindUsd: usd(inKind),
      pledgedUsd: usd(Totals.get(f, "pledgedCents")),
      receivedUsd: usd(cash + inKind),
      outstandingUsd: usd(Totals.get(f, "pledgedOutstandingCents")),
      count: Number(Totals.get(f, "count")),
    };
  });
  // Only the years whose totals show something outstanding have open pledges: their records are read.
  const open = totals.filter((t) => Totals.get(t.figures, "pledgedOutstandingCents") > 0n).map((t) => t.fiscalYear);
  const today = Clock.today();
  const current = Contribution.fiscalYear(today);
  // Payments may be dated in a later fiscal year than their pledge: read up to today's year.
  const records = open.length ? await Contribution.ofState(code, { fromYear: Math.min(...open), toYear: Math.max(current, ...open) }) : [];
  const payments = records.filter((c) => c.pledgeId);
  let openCents = 0;
  let arrearsCents = 0;
  const openPledges = records
    .filter((c) => c.status === "pledged" && open.includes(c.fiscalYear))
    .map((c) => ({ c, on: Contribution.pledgeOn(c, payments, today) }))
    .filter(({ on }) => on.counted && on.outstandingMinor > 0)
    .sort((a, b) => a.c.date.localeCompare(b.c.date))
    .map(({ c, on }) => {
      const arrears = c.fiscalYear < current;
      openCents += on.outstandingUsdCents;
      if (arrears) arrearsCents += on.outstandingUsdCents;
      return {
        id: c.id,
        ...(c.number ? { number: c.number } : {}),
        date: c.date,
        fiscalYear: c.fiscalYear,
        currency: c.currency,
        amount: Money.format(c.amountMinor, c.currency),
        outstanding: Money.format(on.outstandingMinor, c.currency),
        amountUsd: usd(c.amountUsdCents),
        receivedUsd: usd(on.receivedUsdCents),
        outstandingUsd: usd(on.outstandingUsdCents),
        arrears,
        ...(c.description ? { description: c.description } : {}),
      };
    });
  return { years, openPledges, openUsd: usd(openCents), arrearsUsd: usd(arrearsCents) };
}

async function people(code: string) {
  const today = Clock.today();
  const [secondments, { items: recommendations }] = await Promise.all([
    Secondment.ofState(code, "0000-01-01", "9999-12-31"),
    Recommendation.list({ state: code }),
  ]);
  const posts = new Map<string, Post.Stored | undefined>();
  const vacancies = new Map<string, Vacancy.Stored | undefined>();
  const vacancyIds = [...new Set(recommendations.map((r) => r.vacancyId))];
  await Promise.all([
    ...vacancyIds.map(async (id) => vacancies.set(id, await Vacancy.find(id))),
    ...[...new Set(secondments.map((s) => s.postId))].map(async (id) => posts.set(id, await Post.find(id))),
  ]);
  const title = (id: string, day: string) => {
    const p = posts.get(id);
    return p ? Post.titleOn(p, day) : { en: "", ru: "" };
  };
  return {
    secondments: secondments
      .sort((a, b) => b.startOn.localeCompare(a.startOn))
      .map((s) => ({
        id: s.id,
        personName: s.personName,
        postId: s.postId,
        post: title(s.postId, s.lastOn < today ? s.lastOn : today),
        startOn: s.startOn,
        lastOn: s.lastOn,
        status: Secondment.statusOn(s, today),
      })),
    recommendations: recommendations
      .sort((a, b) => b.receivedOn.localeCompare(a.receivedOn))
      .map((r) => {
        const v = vacancies.get(r.vacancyId);
        return {
          id: r.id,
          vacancyId: r.vacancyId,
          post: v ? { en: v.title.en, ru: v.title.ru } : { en: "", ru: "" },
          candidateName: r.candidateName,
          receivedOn: r.receivedOn,
          status: r.status,
          ...(v ? { vacancyStatus: v.status } : {}),
        };
      }),
  };
}

/**
 * The statements sent to the state: the periods the runs sent it statements for (a Query on the
 * runs), then that period's deliveries and revisions of the state (a Query each, on the period's
 * partition from the state's code).
 */
async function statements(code: string) {
  const runs = (await SummaryRunEntity.query.primary({}).go({ pages: "all" })).data;
  const periods = [
    ...new Set(runs.filter((r) => !r.dryRun && (r.sent as Array<{ state: string }>).some((s) => s.state === code)).map((r) => r.period)),
  ];
  const out: Array<z.infer<typeof Sent>> = [];
  await Promise.all(
    periods.map(async (period) => {
      const [originals, revisions] = await Promise.all([
        SummaryDeliveryEntity.query.primary({ period, stateCode: code }).go({ pages: "all" }),
        SummaryRevisionEntity.query.primary({ period, stateCode: code }).go({ pages: "all" }),
      ]);
      for (const d of [...originals.data, ...revisions.data]) {
        if (d.stateCode !== code || d.status !== "sent") continue;
        out.push({
          period,
          email: d.recipient,
          lang: d.lang,
          reference: d.reference,
          ...(d.sentAt ? { sentAt: d.sentAt } : {}),
          ...("revision" in d && typeof d.revision === "number" ? { revision: d.revision } : {}),
        });
      }
    }),
  );
  return out.sort((a, b) => (b.sentAt ?? "").localeCompare(a.sentAt ?? "") || a.email.localeCompare(b.email));
}

export const get = fn(z.object({ code: MemberState.Code }), async ({ code }): Promise<Picture> => {
  Actor.assertCan("getStatePicture");
  const state = await MemberState.get({ code });
  const [m, p, s] = await Promise.all([
    may("money") ? money(code) : undefined,
    may("people") ? people(code) : undefined,
    may("statements") ? statements(code) : undefined,
  ]);
  return { state, ...(m ? { money: m } : {}), ...(p ? { people: p } : {}), ...(s ? { statements: s } : {}) };
});
