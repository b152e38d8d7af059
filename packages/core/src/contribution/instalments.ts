/**
 * A pledge's schedule of instalments (due date and amount, adding up to the pledge) and how
 * payments settle it: each payment settles the earliest open instalment first. When a payment
 * differs from that instalment's open part, the payer's choice (`difference` on the payment) says
 * where the difference goes:
 * - "next": it moves to the next instalment. A shortfall is added to the next open instalment (the
 *   instalment paid is settled at what was paid); an excess pays the next instalments in order.
 * - "reschedule": the schedule changes. The instalment paid is settled at what was paid, and the
 *   later open instalments are rescaled in proportion to carry what is still outstanding.
 * With no later instalment, a shortfall leaves the last one open for the rest. Exact integers in
 * minor units; the amounts always add up to the pledge. Zod-free: the web may use it.
 */

export const DIFFERENCES = ["next", "reschedule"] as const;
export type Difference = (typeof DIFFERENCES)[number];

export interface Instalment {
  dueOn: string;
  amountMinor: number;
  paidMinor: number;
}

export function isSettled(i: Instalment): boolean {
  return i.paidMinor >= i.amountMinor;
}

/** The schedule as set: nothing paid yet. */
export function fresh(schedule: ReadonlyArray<{ dueOn: string; amountMinor: number }>): Instalment[] {
  return schedule.map((s) => ({ dueOn: s.dueOn, amountMinor: s.amountMinor, paidMinor: 0 }));
}

/** Rescales the amounts of instalments (none paid) in proportion, to add up to `total`; the last takes what rounding leaves. */
function rescale(rest: Instalment[], total: number): void {
  const sum = rest.reduce((n, i) => n + i.amountMinor, 0);
  let given = 0;
  rest.forEach((i, k) => {
    if (k === rest.length - 1) i.amountMinor = total - given;
    else {
      // BigInt: amount × total may pass 2^53.
      i.amountMinor = sum === 0 ? 0 : Number((BigInt(i.amountMinor) * BigInt(total)) / BigInt(sum));
      given += i.amountMinor;
    }
  });
}

/** The instalments after a payment of `amountMinor` (at most what is still open on them all). */
export function apply(list: readonly Instalment[], amountMinor: number, difference: Difference = "next"): Instalment[] {
  const out = list.map((i) => ({ ...i }));
  const at = out.findIndex((i) => !isSettled(i));
  if (at < 0 || amountMinor <= 0) return out;
  const first = out[at]!;
  const open = first.amountMinor - first.paidMinor;
  const rest = out.slice(at + 1).filter((i) => !isSettled(i));
  if (amountMinor === open) {
    first.paidMinor = first.amountMinor;
    return out;
  }
  if (rest.length === 0) {
    // Nothing later to move a difference to: the last instalment stays open for the rest.
    first.paidMinor += Math.min(amountMinor, open);
    return out;
  }
  if (difference === "reschedule") {
    const outstanding = out.reduce((n, i) => n + i.amountMinor - i.paidMinor, 0) - amountMinor;
    first.paidMinor += amountMinor;
    first.amountMinor = first.paidMinor;
    rescale(rest, Math.max(0, outstanding));
    return out;
  }
  if (amountMinor < open) {
    first.paidMinor += amountMinor;
    rest[0]!.amountMinor += first.amountMinor - first.paidMinor;
    first.amountMinor = first.paidMinor;
    return out;
  }
  // An excess pays the next instalments in order.
  first.paidMinor = first.amountMinor;
  let left = amountMinor - open;
  for (const i of rest) {
    if (left <= 0) break;
    const take = Math.min(left, i.amountMinor - i.paidMinor);
    i.paidMinor += take;
    left -= take;
  }
  return out;
}

/** The instalments after the payments, in the order they were recorded. */
export function replay(
  schedule: ReadonlyArray<{ dueOn: string; amountMinor: number }>,
  payments: ReadonlyArray<{ amountMinor: number; difference?: Difference }>,
): Instalment[] {
  return payments.reduce<Instalment[]>((list, p) => apply(list, p.amountMinor, p.difference ?? "next"), fresh(schedule));
}

/** The due date of the earliest open instalment, if any. */
export function nextDue(list: readonly Instalment[]): string | undefined {
  return list.find((i) => !isSettled(i))?.dueOn;
}

/** Open instalments due before `today`. */
export function overdue(list: readonly Instalment[], today: string): Instalment[] {
  return list.filter((i) => !isSettled(i) && i.dueOn < today);
}
