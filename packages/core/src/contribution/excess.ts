/**
 * A payment above its pledge's outstanding amount is refused (contribution.overpayment, naming
 * `amount` and the amount outstanding); the excess may then be recorded as a contribution of its
 * own. Zod-free: the web's payment form takes the rule from here. Exact, in minor units.
 */
import { format, parse } from "../money-units";

/** The split of a payment refused as an overpayment: what pays the pledge (none when nothing is outstanding) and what exceeds it ("1250.50"); undefined when nothing exceeds. */
export function split(amount: string, outstanding: string, currency: string): { pays?: string; excess: string } | undefined {
  const paid = parse(amount, currency);
  if (!paid.ok) return undefined;
  const left = /^\s*0*(\.0*)?\s*$/.test(outstanding) ? { ok: true as const, minor: 0 } : parse(outstanding, currency);
  if (!left.ok || paid.minor <= left.minor) return undefined;
  return { ...(left.minor > 0 ? { pays: format(left.minor, currency) } : {}), excess: format(paid.minor - left.minor, currency) };
}
