/**
 * The annual budget: lines (code, name, USD amount), a total, draft or
 * approved. Every change writes a new version; earlier versions stay readable,
 * so an approved budget changes only through a new version with its trail.
 */
export * as Budget from "./index";

import * as z from "zod";
import * as Actor from "../actor";
import { Audit } from "../audit";
import * as Clock from "../clock";
import { asTransactItem } from "../dynamo";
import { VisibleError } from "../error";
import { fn } from "../fn";
import { issue, issueParams } from "../messages/zod";
import { Money } from "../money";
import { ALWAYS, IsoDate, readBack, unchanged } from "../schema";
import type { EntityItem } from "../entity";
import { YearClose } from "../close";
import { BudgetEntity } from "./budget.entity";

export const Year = z.coerce.number().int().min(1990, issue("year.range")).max(2100, issue("year.range"));

const Line = z.strictObject({
  code: z.string().trim().min(1).max(20).regex(/^[A-Za-z0-9._-]+$/, issue("budget.line_code")),
  name: z.string().trim().min(1).max(300),
  amountUsd: z.string().superRefine((v, ctx) => {
    const p = Money.parseUsd(v);
    if (!p.ok) ctx.addIssue({ code: "custom", ...issueParams(p.code, p.params) });
  }),
});

export const PutFields = z.strictObject({
  year: Year,
  status: z.enum(["draft", "approved"]),
  lines: z.array(Line).min(1, issue("budget.lines_required")).max(200),
  note: z.string().trim().max(1000).optional(),
  approvedOn: IsoDate.optional(),
  decisionRef: z.string().trim().max(200).optional(),
  /** The version read; absent (or 0) when the year has no budget yet. */
  version: z.number().int().min(0).optional(),
});

/**
 * The rules between fields, on a body as it came (ALWAYS): a field of the wrong type is left to its
 * own issue. The route checks them too, so its one 400 names every wrong field.
 */
export function checkRules(b: Partial<z.output<typeof PutFields>>, ctx: z.RefinementCtx): void {
  const seen = new Set<unknown>();
  (Array.isArray(b.lines) ? b.lines : []).forEach((l, i) => {
    const code = typeof l === "object" && l !== null ? l.code : undefined;
    if (typeof code !== "string") return;
    if (seen.has(code.trim())) ctx.addIssue({ code: "custom", path: ["lines", i, "code"], ...issueParams("budget.code_twice") });
    seen.add(code.trim());
  });
  if (b.status === "approved" && !b.decisionRef)
    ctx.addIssue({ code: "custom", path: ["decisionRef"], ...issueParams("budget.decision_ref_required") });
}
export const PutInput = PutFields.superRefine(checkRules, ALWAYS);
export type PutInput = z.input<typeof PutInput>;

export const Info = z.object({
  year: z.number(),
  status: z.enum(["draft", "approved"]),
  lines: z.array(z.object({ code: z.string(), name: z.string(), amountUsd: z.string() })),
  totalUsd: z.string(),
  note: z.string().optional(),
  approvedOn: z.string().optional(),
  decisionRef: z.string().optional(),
  version: z.number(),
  createdAt: z.string(),
  createdBy: z.string(),
});
export type Info = z.infer<typeof Info>;

/** One stored version of a year's budget: the entity's own item type. */
type Stored = EntityItem<typeof BudgetEntity>;

function toInfo(s: Stored): Info {
  return {
    year: s.year,
    status: s.status,
    lines: s.lines.map((l) => ({ code: l.code, name: l.name, amountUsd: Money.formatCents(l.amountUsdCents) })),
    totalUsd: Money.formatCents(s.totalUsdCents),
    ...(s.note ? { note: s.note } : {}),
    ...(s.approvedOn ? { approvedOn: s.approvedOn } : {}),
    ...(s.decisionRef ? { decisionRef: s.decisionRef } : {}),
    version: s.version,
    createdAt: s.createdAt,
    createdBy: s.createdBy,
  };
}

/** The budget in force for a year (its newest version), or undefined. */
export async function current(year: number): Promise<Stored | undefined> {
  const r = await BudgetEntity.query.primary({ year }).go({ order: "desc", limit: 1 });
  return r.data[0];
}

export const get = fn(z.object({ year: Year, version: z.coerce.number().int().min(1).optional() }), async ({ year, version }) => {
  Actor.assertSignedIn();
  const found = version
    ? (await BudgetEntity.get({ year, version }).go()).data
    : await current(year);
  if (!found) throw version ? new VisibleError("not_found", "budget.version_not_found", { year: String(year), version }) : new VisibleError("not_found", "budget.not_found", { year: String(year) });
  return toInfo(found);
});

/** Every version of a year's budget, newest first. */
export const history = fn(z.object({ year: Year }), async ({ year }) => {
  Actor.assertSignedIn();
  const r = await BudgetEntity.query.primary({ year }).go({ order: "desc", pages: "all" });
  return r.data.map(toInfo);
});

/** What a version says (its lines, status, note, approval), stamps and version aside. */
function content(s: Stored) {
  return JSON.stringify([s.status, s.lines.map((l) => [l.code, l.name, l.amountUsdCents]), s.note ?? "", s.approvedOn ?? "", s.decisionRef ?? ""]);
}

function sameContent(a: Stored, b: Stored): boolean {
  return content(a) === content(b);
}

/** Sets a year's budget: writes version n+1 when `version` is n, the newest. */
/** PUT takes the budget as read: its total and stamps may come back unchanged. */
const ReplaceInput = readBack(PutInput, Info);

export const put = fn(ReplaceInput, async (sent): Promise<Info> => {
  Actor.assertCan("putBudget");
  // A closed year's budget stays as it was closed (409 close.year_closed); the check goes into the write too.
  const [before, checks] = await Promise.all([current(sent.year), YearClose.assertOpen(sent.year)]);
  const expected = before?.version ?? 0;
  if ((sent.version ?? 0) !== expected)
    throw new VisibleError("conflict", "budget.version_conflict", { year: String(sent.year), version: before?.version ?? 0 });
  const input = await unchanged(ReplaceInput, sent, before ? toInfo(before) : {});
  const lines = input.lines.map((l) => ({ code: l.code, name: l.name, amountUsdCents: (Money.parseUsd(l.amountUsd) as { minor: number }).minor }));
  const after: Stored = {
    year: input.year,
    version: expected + 1,
    status: input.status,
    lines,
    totalUsdCents: lines.reduce((sum, l) => sum + l.amountUsdCents, 0),
    ...(input.note ? { note: input.note } : {}),
    ...(input.approvedOn ? { approvedOn: input.approvedOn } : input.status === "approved" ? { approvedOn: before?.status === "approved" && before.approvedOn ? before.approvedOn : Clock.today() } : {}),
    ...(input.decisionRef ? { decisionRef: input.decisionRef } : {}),
    createdAt: Clock.now().toISOString(),
    createdBy: Actor.label(),
  };
  // Saved as it is: no new version, no event.
  if (before && sameContent(before, after)) return toInfo(before);
  await Audit.commit({
    entity: "budget",
    id: String(input.year),
    action: before ? (before.status === "approved" ? "revise" : "update") : "create",
    before: before ? toInfo(before) : null,
    after: toInfo(after),
    items: [
      asTransactItem("Put", BudgetEntity.create(after).params(), new VisibleError("conflict", "budget.version_conflict", { year: String(input.year), version: expected + 1 })),
      ...checks,
    ],
  });
  return toInfo(after);
});
