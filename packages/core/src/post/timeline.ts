/**
 * A post over time: the title and the administrative state in force on a date, the incumbency
 * covering it, the status they give, the history, and the post as the API answers it on a date.
 */
import * as Clock from "../clock";
import { clean } from "../schema";
import { addDays, FOREVER } from "./dates";
import * as Rules from "./rules";
import type { Detail, HistoryEntry, Incumbency, Incumbent, Info, Lifecycle, Status, Stored } from "./schema";

/** The entry of an effective-dated list in force on a date (a post always has its first title and state). */
function inForce<T extends Rules.Dated>(entries: T[], date: string): T {
  return Rules.inForce(entries, date)!;
}

export function titleOn(p: Stored, date: string): { en: string; ru: string } {
  const t = inForce(p.titles, date);
  return { en: t.en, ru: t.ru };
}

export function lifecycleOn(p: Stored, date: string): Lifecycle {
  return p.lifecycleChanges.length ? inForce(p.lifecycleChanges, date).lifecycle : p.lifecycle;
}

export function lastDay(i: Incumbency): string {
  return i.endOn ?? FOREVER;
}

/** The incumbency covering a date, if any. */
export function incumbencyOn(p: Stored, date: string): Incumbency | undefined {
  return p.incumbencies.find((i) => i.startOn <= date && date <= lastDay(i));
}

export function statusOn(p: Stored, date: string): Status {
  const lifecycle = lifecycleOn(p, date);
  if (lifecycle !== "open") return lifecycle;
  return incumbencyOn(p, date) ? "filled" : "vacant";
}

function incumbentOf(i: Incumbency): Incumbent {
  return clean({
    name: i.name,
    nationality: i.nationality,
    secondmentId: i.secondmentId,
    vacancyId: i.vacancyId,
    since: i.startOn,
    until: i.endOn,
  });
}

export function toInfo(p: Stored, asOf: string = Clock.today()): Info {
  const status = statusOn(p, asOf);
  const holder = status === "filled" ? incumbencyOn(p, asOf) : undefined;
  return clean({
    id: p.id,
    number: p.number,
    title: titleOn(p, asOf),
    category: p.category,
    grade: p.grade,
    unit: p.unit,
    funding: p.funding,
    status,
    incumbent: holder ? incumbentOf(holder) : undefined,
    asOf,
    version: p.version,
    createdAt: p.createdAt,
    createdBy: p.createdBy,
    updatedAt: p.updatedAt,
    updatedBy: p.updatedBy,
  });
}

/** Titles and statuses over time: recorded renames and state changes, and the fillings and vacatings the incumbencies imply. */
export function history(p: Stored): HistoryEntry[] {
  const entries: Array<HistoryEntry & { order: number }> = [];
  for (const t of p.titles)
    entries.push(clean({ order: 0, kind: "title" as const, effectiveOn: t.effectiveOn, title: { en: t.en, ru: t.ru }, decisionRef: t.decisionRef, recordedAt: t.recordedAt, recordedBy: t.recordedBy }));
  for (const l of p.lifecycleChanges)
    entries.push(clean({ order: 1, kind: "status" as const, effectiveOn: l.effectiveOn, status: l.lifecycle === "open" ? ("vacant" as const) : l.lifecycle, reason: l.reason, recordedAt: l.recordedAt, recordedBy: l.recordedBy }));
  for (const i of p.incumbencies) {
    entries.push({ order: 2, kind: "status", effectiveOn: i.startOn, status: "filled", incumbent: incumbentOf(i) });
    if (i.endOn) {
      const next = addDays(i.endOn, 1);
      if (!p.incumbencies.some((o) => o.startOn === next)) entries.push({ order: 3, kind: "status", effectiveOn: next, status: "vacant" });
    }
  }
  return entries
    .sort((a, b) => (a.effectiveOn ?? "").localeCompare(b.effectiveOn ?? "") || a.order - b.order || (a.recordedAt ?? "").localeCompare(b.recordedAt ?? ""))
    .map(({ order: _o, ...e }) => e);
}

export function toDetail(p: Stored, asOf: string = Clock.today()): Detail {
  return { ...toInfo(p, asOf), history: history(p), incumbencies: p.incumbencies.map((i) => clean({ ...i })) };
}

/** What the audit trail compares between two versions of a post. */
export function auditView(p: Stored) {
  const today = Clock.today();
  const i = toInfo(p, today);
  return {
    number: p.number,
    title: i.title,
    category: p.category,
    grade: p.grade,
    unit: p.unit,
    funding: p.funding,
    status: i.status,
    incumbent: i.incumbent,
    incumbencies: p.incumbencies.map((x) => `${x.name} (${x.nationality}) ${x.startOn}..${x.endOn ?? ""}${x.secondmentId ? ` secondment ${x.secondmentId}` : ""}${x.vacancyId ? ` vacancy ${x.vacancyId}` : ""}`),
  };
}
