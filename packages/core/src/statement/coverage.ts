/**
 * The collective picture a statement may give: how much of the fiscal year's
 * budget the financial contributions received from all states cover, as at a
 * day. The same rule as the contributions report's coveragePercent, counting
 * only what is dated on or before that day. One Query on byYear and one on the
 * budget's versions.
 */
import { Budget } from "../budget";
import { Contribution } from "../contribution";
import { Money } from "../money";
import { add } from "../report/contributions";

/** Per cent with one decimal ("62.5"), or undefined when the year has no budget. */
export async function coveragePercent(year: number, asOf: string): Promise<string | undefined> {
  const [{ items }, budget] = await Promise.all([Contribution.query({ year, all: true }), Budget.current(year)]);
  const budgetCents = budget?.totalUsdCents ?? 0;
  if (budgetCents <= 0) return undefined;
  const total = { receivedCents: 0, inKindCents: 0, pledgedOutstandingCents: 0, count: 0 };
  for (const c of items) if (c.date <= asOf) add(total, c);
  return Money.formatUnits(Money.divHalfEven(BigInt(total.receivedCents) * 1000n, BigInt(budgetCents)), 1);
}
