/**
 * The stored vacancy and the writes that guard it, shared by the vacancy's own actions and by its
 * recommendations (which are received, moved and closed only while the vacancy allows it).
 */
import { asTransactItem, type TransactItem } from "../dynamo";
import { getRecord, type EntityItem } from "../entity";
import { VisibleError } from "../error";
import type { VacancyStatus } from "./rules";
import { VacancyEntity } from "./vacancy.entity";

/** The stored vacancy: the entity's own item type. */
export type Stored = EntityItem<typeof VacancyEntity>;

export function notFound(id: string) {
  return new VisibleError("not_found", "vacancy.not_found", { id });
}

export function stale(id: string) {
  return new VisibleError("conflict", "vacancy.version_conflict", { id });
}

/** A filled, closed or cancelled vacancy refuses the change. */
export function finished(v: Stored) {
  return new VisibleError("conflict", `vacancy.${v.status as Exclude<VacancyStatus, "open">}`);
}

export async function find(id: string): Promise<Stored | undefined> {
  return getRecord<Stored>(VacancyEntity.get({ id }).params({ consistent: true }));
}

/** The vacancy changed under a write that depends on it (closed, cancelled, filled or another selection). */
export function changed() {
  return new VisibleError("conflict", "vacancy.changed");
}

/** A ConditionCheck that the vacancy is still in one of these statuses (concurrent fills and cancellations lose to it): else vacancy.changed. */
export function statusCheck(v: Stored, statuses: VacancyStatus[]): TransactItem {
  const { Key, TableName } = VacancyEntity.get({ id: v.id }).params() as { Key: Record<string, unknown>; TableName: string };
  const values = Object.fromEntries(statuses.map((s, i) => [`:s${i}`, s]));
  return asTransactItem(
    "ConditionCheck",
    {
      TableName,
      Key,
      ConditionExpression: `#status IN (${Object.keys(values).join(", ")})`,
      ExpressionAttributeNames: { "#status": "status" },
      ExpressionAttributeValues: values,
    },
    changed(),
  );
}

/**
 * The put of the next version of a vacancy, on condition that nobody wrote it since we read it:
 * else `conflict` (by default vacancy.version_conflict).
 */
export function putItem(before: Stored, after: Stored, conflict: VisibleError = stale(before.id)): TransactItem {
  return asTransactItem("Put", VacancyEntity.put(after).where((a, op) => op.eq(a.version, before.version)).params(), conflict);
}
