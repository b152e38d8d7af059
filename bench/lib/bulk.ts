/**
 * Contributions written in bulk, as a migration would load them: the stored form `Contribution.create`
 * derives (minor units, USD cents, fiscal year), put with BatchWriteItem 25 at a time, a few batches at
 * once, and their totals ADDed by core's own `Totals.deltas` (one Update per totals item, as every
 * write ADDs them). No audit events: the benchmark measures reads and runs over a large ledger, and
 * DynamoDB Local runs transactions one at a time (~50 `Contribution.create` a second on this machine).
 */
import { randomUUID } from "node:crypto";
import type { ContributionInput } from "./dataset";
import { pool } from "./stats";

type Core = typeof import("@tracker/core");
type Stored = import("@tracker/core").Contribution.Stored;

/** The stored form of a contribution, as Contribution.create derives it. */
export function stored(core: Core, input: ContributionInput, by = "system:bench"): Stored {
  const { Money, Contribution } = core;
  const parsed = Money.parse(input.amount, input.currency);
  if (!parsed.ok) throw new Error(`${parsed.code} ${JSON.stringify(parsed.params)}`);
  const exchangeRate = input.currency === "USD" ? "1" : Money.Rate.parse(input.exchangeRate);
  const at = new Date().toISOString();
  const { amount: _a, exchangeRate: _r, ...fields } = input;
  return {
    ...fields,
    id: randomUUID(),
    amountMinor: parsed.minor,
    exchangeRate,
    amountUsdCents: Money.toUsdCents(parsed.minor, input.currency, exchangeRate),
    fiscalYear: Contribution.fiscalYear(input.date),
    ...(input.status === "pledged" ? { fulfilledMinor: 0 } : {}),
    voided: false,
    version: 1,
    createdAt: at,
    createdBy: by,
    updatedAt: at,
    updatedBy: by,
  } as Stored;
}

/** Writes the records and ADDs their totals. */
export async function putAll(core: Core, records: Stored[], concurrency = 6): Promise<void> {
  const { ContributionEntity } = await import("@tracker/core/contribution/contribution.entity");
  const { documents, tableName } = await import("@tracker/core/dynamo");
  const puts = records.map((c) => ({ PutRequest: { Item: (ContributionEntity.put(c).params() as { Item: Record<string, unknown> }).Item } }));
  await pool(Math.ceil(puts.length / 25), concurrency, async (b) => {
    let pending = puts.slice(b * 25, b * 25 + 25);
    for (let attempt = 0; pending.length; attempt++) {
      if (attempt > 10) throw new Error(`${pending.length} contributions were not written`);
      // DynamoDB Local on a busy machine may miss the client's timeout: the same puts are sent again.
      const out = await documents.batchWrite({ RequestItems: { [tableName]: pending } }).catch((e: Error) => {
        if (e.name === "TimeoutError" || (e as { code?: string }).code === "ETIMEDOUT") return { UnprocessedItems: { [tableName]: pending } };
        throw e;
      });
      pending = ((out.UnprocessedItems as Record<string, typeof pending> | undefined)?.[tableName] ?? []) as typeof pending;
    }
  });
  await core.Totals.write(core.Totals.deltas(records.map((c) => [null, c] as const)));
}
