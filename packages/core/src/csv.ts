/**
 * CSV for spreadsheets: UTF-8 with a byte-order mark (so Excel shows Cyrillic),
 * CRLF line ends, quoted where needed, and text cells that a spreadsheet would
 * run as a formula (= + - @, tab, CR) prefixed with an apostrophe. Plain numbers
 * stay numbers.
 *
 * A sheet in a language (`sheet`) is written the way that language's Excel reads
 * a double-clicked file: English with `,` between cells, a decimal point and ISO
 * dates (2022-03-15); Russian with `;` between cells (the list separator of a
 * Russian locale, where `,` is the decimal comma), a decimal comma and dates as
 * 15.03.2022. Numbers carry no grouping, so each stays one number.
 */
import type { Sheet } from "./export/xlsx";

export * as Csv from "./csv";

const NUMBER = /^-?\d+([.,]\d+)?$/;

export function cell(value: unknown, separator = ","): string {
  if (value === undefined || value === null) return "";
  let s = String(value);
  if (!NUMBER.test(s) && /^[=+\-@\t\r]/.test(s)) s = `'${s}`;
  const special = separator === "," ? /[",\r\n]/ : /[";\r\n]/;
  return special.test(s) || /^\s|\s$/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

export function write(header: string[], rows: unknown[][], separator = ","): string {
  return "\uFEFF" + [header, ...rows].map((r) => r.map((v) => cell(v, separator)).join(separator)).join("\r\n") + "\r\n";
}

const DECIMAL = /^-?\d+(\.\d+)?$/;
const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const INSTANT = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2}).*$/;

/** A typed sheet (./export/xlsx.ts) as CSV in a language's conventions. */
export function sheet(s: Sheet, lang: "en" | "ru"): string {
  const separator = lang === "ru" ? ";" : ",";
  const rows = s.rows.map((r) =>
    s.columns.map((c, i) => {
      const v = r[i];
      // A date and time (an ISO instant, UTC) to the minute: 2026-12-01 14:48, 01.12.2026 14:48.
      if (v !== undefined && c.type === "datetime") return String(v).replace(INSTANT, lang === "ru" ? "$3.$2.$1 $4:$5" : "$1-$2-$3 $4:$5");
      if (v === undefined || lang === "en") return v;
      const text = String(v);
      if (c.type === "date") return text.replace(ISO_DATE, "$3.$2.$1");
      if (c.type !== "text" && DECIMAL.test(text)) return text.replace(".", ",");
      return text;
    }),
  );
  return write(
    s.columns.map((c) => c.header),
    rows,
    separator,
  );
}
