/**
 * Shares that add up to exactly 100 %: the largest remainder method on basis points (1/100 of a
 * per cent). Each part's exact share of 10,000 is floored; the points left over go, one each, to the
 * parts with the largest remainders (ties: the earlier key in code order). Zod-free, exact integers.
 */
export const WHOLE = 10_000n;

/** Basis points of each part (all 0 when the whole is 0), keyed as given; they sum to 10,000 when the whole is not 0. */
export function basisPoints(parts: ReadonlyMap<string, bigint>): Map<string, number> {
  let total = 0n;
  for (const v of parts.values()) total += v;
  const out = new Map<string, number>();
  if (total <= 0n) {
    for (const k of parts.keys()) out.set(k, 0);
    return out;
  }
  const rows = [...parts].map(([key, v]) => {
    const scaled = v * WHOLE;
    return { key, floor: scaled / total, remainder: scaled % total };
  });
  let left = WHOLE - rows.reduce((n, r) => n + r.floor, 0n);
  const order = [...rows].sort((a, b) => (a.remainder === b.remainder ? a.key.localeCompare(b.key) : a.remainder > b.remainder ? -1 : 1));
  for (const r of order) {
    if (left <= 0n) break;
    if (r.remainder === 0n) continue;
    r.floor += 1n;
    left--;
  }
  for (const r of rows) out.set(r.key, Number(r.floor));
  return out;
}

/** Basis points as a percentage with two decimals: 1234 → "12.34". */
export function percent(points: number): string {
  const s = String(points).padStart(3, "0");
  return `${s.slice(0, -2)}.${s.slice(-2)}`;
}
