/**
 * The benchmark's data, generated from a fixed seed: contributions as the
 * finance officer records them (several currencies at the rate of the day,
 * cash and in kind, pledges and their payments, some voided), posts and
 * secondments, and synthetic member states for the statement runs.
 */
import type { Rng } from "./stats";

/** Units of the currency per 1 USD, roughly. */
const RATES: Record<string, number> = {
  USD: 1, KZT: 450, CNY: 7, RUB: 75, KRW: 1250, TRY: 15, QAR: 3.65, INR: 80, AZN: 1.7, UZS: 11000, MNT: 3400,
  THB: 34, VND: 23000, KWD: 0.307, EUR: 0.92, JPY: 130,
};
const DIGITS: Record<string, number> = { KRW: 0, VND: 0, JPY: 0, KWD: 3 };
const STATE_CURRENCY: Record<string, string> = {
  KZ: "KZT", CN: "CNY", RU: "RUB", KR: "KRW", TR: "TRY", QA: "QAR", IN: "INR", AZ: "AZN", UZ: "UZS", MN: "MNT",
  TH: "THB", VN: "VND", KW: "KWD",
};
/** The larger contributors give more often. */
const WEIGHTS: Record<string, number> = { KZ: 6, CN: 5, RU: 5, KR: 3, TR: 3, QA: 3, IN: 3 };

export interface ContributionInput {
  stateCode: string;
  kind: "cash" | "in_kind";
  status: "pledged" | "received";
  amount: string;
  currency: string;
  exchangeRate?: string;
  date: string;
  purpose: "regular_budget" | "cica_fund" | "earmarked";
  earmark?: string;
  description?: string;
  reference?: string;
  pledgeId?: string;
}

const pad = (n: number) => String(n).padStart(2, "0");

export function dayOf(r: Rng, year: number): string {
  const month = r.int(1, 12);
  const days = new Date(Date.UTC(year, month, 0)).getUTCDate();
  return `${year}-${pad(month)}-${pad(r.int(1, days))}`;
}

function amountIn(usd: number, currency: string, rate: number): string {
  const d = DIGITS[currency] ?? 2;
  const units = Math.max(usd * rate, 1);
  return units.toFixed(d);
}

/** One contribution as a finance officer would record it. */
export function contribution(r: Rng, stateCode: string, date: string, reference: string): ContributionInput {
  const own = STATE_CURRENCY[stateCode];
  const currency = own && r.chance(0.6) ? own : r.chance(0.1) ? "EUR" : "USD";
  const rate = RATES[currency]! * (0.95 + r.next() * 0.1);
  const rateText = currency === "USD" ? undefined : rate.toFixed(rate < 10 ? 4 : 2);
  const usd = r.int(5_000, 400_000);
  const kind = r.chance(0.12) ? "in_kind" : "cash";
  const status = r.chance(0.12) ? "pledged" : "received";
  const purposeRoll = r.next();
  const purpose = purposeRoll < 0.7 ? "regular_budget" : purposeRoll < 0.85 ? "cica_fund" : "earmarked";
  return {
    stateCode,
    kind,
    status,
    amount: amountIn(usd, currency, Number(rateText ?? 1)),
    currency,
    ...(rateText ? { exchangeRate: rateText } : {}),
    date,
    purpose,
    ...(purpose === "earmarked" ? { earmark: r.pick(["CBM seminar series", "Youth Council", "Anniversary publications", "Summit support"]) } : {}),
    ...(kind === "in_kind" ? { description: r.pick(["Venue and interpretation for a seminar, valued at invoice", "Seconded expert's travel, at cost", "Printing of the annual report, at cost"]) } : {}),
    reference,
  };
}

/** The payment of part of a pledge: same state and currency, later in the year. */
export function payment(r: Rng, pledge: { id: string; stateCode: string; currency: string; exchangeRate: string; amount: string; date: string }, reference: string): ContributionInput {
  const d = DIGITS[pledge.currency] ?? 2;
  const half = (Number(pledge.amount) / 2).toFixed(d);
  const year = Number(pledge.date.slice(0, 4));
  const after = pledge.date < `${year}-12-31` ? pledge.date : `${year}-12-31`;
  return {
    stateCode: pledge.stateCode,
    kind: "cash",
    status: "received",
    amount: Number(half) > 0 ? half : pledge.amount,
    currency: pledge.currency,
    ...(pledge.currency === "USD" ? {} : { exchangeRate: pledge.exchangeRate }),
    date: after,
    purpose: "regular_budget",
    pledgeId: pledge.id,
    reference,
  };
}

/** The state a contribution comes from, by weight. */
export function weightedState(r: Rng, codes: string[]): string {
  const total = codes.reduce((s, c) => s + (WEIGHTS[c] ?? 1), 0);
  let roll = r.next() * total;
  for (const c of codes) {
    roll -= WEIGHTS[c] ?? 1;
    if (roll < 0) return c;
  }
  return codes[codes.length - 1]!;
}

/** AA, AB, ... ZZ: `n` two-letter codes that pass /^[A-Z]{2}$/. */
export function syntheticCodes(n: number): string[] {
  const out: string[] = [];
  for (let i = 0; i < 26 * 26 && out.length < n; i++) out.push(String.fromCharCode(65 + Math.floor(i / 26), 65 + (i % 26)));
  if (!out.every((c) => /^[A-Z]{2}$/.test(c))) throw new Error("bad state code");
  return out;
}

const CATEGORIES = ["executive", "senior_officer", "professional", "professional", "expert", "administrative", "administrative", "support"] as const;
const UNITS = ["Executive Office", "Political and CBM", "Finance and Administration", "Protocol and Conferences", "Information and IT"];

/** Forty posts of the staff matrix. */
export function posts(r: Rng, n = 40) {
  return Array.from({ length: n }, (_, i) => {
    const category = i === 0 ? "executive" : r.pick(CATEGORIES);
    return {
      number: `P-${pad(i + 1)}`,
      title: { en: `${category.replace("_", " ")} post ${i + 1}`, ru: `Должность ${i + 1}` },
      category,
      grade: category === "support" ? "G-2" : category === "administrative" ? "G-5" : "P-3",
      unit: r.pick(UNITS),
      funding: "secondment" as const,
    };
  });
}

/** `perPost` consecutive two-year secondments on each post, from 2017 (some end in the past, some run now). */
export function secondments(r: Rng, postIds: string[], stateCodes: string[], perPost = 5) {
  const out: Array<{ postIndex: number; input: { personName: string; sendingState: string; postId: string; startOn: string; endOn: string; decisionRef: string } }> = [];
  postIds.forEach((postId, p) => {
    const offsetMonths = p % 12;
    for (let k = 0; k < perPost; k++) {
      const startYear = 2017 + 2 * k + Math.floor(offsetMonths / 12);
      const startMonth = (offsetMonths % 12) + 1;
      const start = `${startYear}-${pad(startMonth)}-01`;
      const endDate = new Date(Date.UTC(startYear + 2, startMonth - 1, 0)); // the day before the second anniversary
      out.push({
        postIndex: p,
        input: {
          personName: `Seconded officer ${p + 1}.${k + 1}`,
          sendingState: r.pick(stateCodes),
          postId,
          startOn: start,
          endOn: endDate.toISOString().slice(0, 10),
          decisionRef: `SG/HR/${startYear}/${p + 1}-${k + 1}`,
        },
      });
    }
  });
  return out;
}
