/** The time, settable so tests can move it (login lockout windows, TTLs, rotation alerts). */
let source: () => number = () => Date.now();

export function now(): Date {
  return new Date(source());
}

export function nowMs(): number {
  return source();
}

export function set(fn: () => number): void {
  source = fn;
}

export function reset(): void {
  source = () => Date.now();
}

/** Today's date as YYYY-MM-DD (UTC). */
export function today(): string {
  return now().toISOString().slice(0, 10);
}
