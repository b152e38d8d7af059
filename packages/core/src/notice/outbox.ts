/**
 * What the vacancy fill writes for the outcome notes, in its own transaction: one outbox item per
 * recommending state. No mail here (the API writes these; the notices function sends them).
 */
import { asTransactItem, type TransactItem } from "../dynamo";
import { VisibleError } from "../error";
import { OutcomeNoteEntity } from "./notice.entity";

export interface Candidate { stateCode: string; candidateName: string; selected: boolean }

/** The outbox items of a fill: each state's candidates, selected or not, in the order recommended. */
export function outcomeItems(
  vacancy: { id: string; title: { en: string; ru: string } },
  startOn: string,
  candidates: Candidate[],
  at: string,
  by: string,
): TransactItem[] {
  const byState = new Map<string, { name: string; selected: boolean }[]>();
  for (const c of candidates) byState.set(c.stateCode, [...(byState.get(c.stateCode) ?? []), { name: c.candidateName, selected: c.selected }]);
  return [...byState].map(([stateCode, list]) =>
    asTransactItem(
      "Put",
      OutcomeNoteEntity.create({ vacancyId: vacancy.id, stateCode, queue: "pending", title: { ...vacancy.title }, startOn, candidates: list, createdAt: at, createdBy: by }).params(),
      new VisibleError("conflict", "vacancy.version_conflict", { id: vacancy.id }),
    ),
  );
}
