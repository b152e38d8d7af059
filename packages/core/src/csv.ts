/**
 * CSV for spreadsheets: UTF-8 with a byte-order mark (so Excel shows Cyrillic),
 * CRLF line ends, quoted where needed, and text cells that a spreadsheet would
 * run as a formula (= + - @, tab, CR) prefixed with an apostrophe. Plain numbers
 * stay numbers.
 */
export * as Csv from "./csv";

const NUMBER = /^-?\d+(\.\d+)?$/;

function cell(value: unknown): string {
  if (value === undefined || value === null) return "";
  let s = String(value);
  if (!NUMBER.test(s) && /^[=+\-@\t\r]/.test(s)) s = `'${s}`;
  return /[",\r\n]/.test(s) || /^\s|\s$/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

export function write(header: string[], rows: unknown[][]): string {
  return "\uFEFF" + [header, ...rows].map((r) => r.map(cell).join(",")).join("\r\n") + "\r\n";
}
