/**
 * Reading a spreadsheet of contributions: CSV (the separator of its header, `,` or `;`, as the
 * exchange-rate register reads it) or XLSX (its first worksheet, through exceljs). Every cell
 * comes out as text: XLSX dates as ISO days, numbers as JavaScript writes them (the shortest
 * decimal that is the number), formulas as their cached result.
 */
import { parseCsv, separatorOf } from "../rate/csv";

export interface Table {
  header: string[];
  /** Data rows in file order; `row` as a spreadsheet numbers it (the header is 1). Blank lines left out. */
  rows: Array<{ row: number; cells: string[] }>;
  /** `;` for a CSV in a Russian spreadsheet's convention (decimal commas), else `,`. */
  separator: "," | ";";
}

/** XLSX starts as a ZIP file: "PK\x03\x04". */
export function formatOf(bytes: Uint8Array): "csv" | "xlsx" {
  return bytes[0] === 0x50 && bytes[1] === 0x4b && bytes[2] === 0x03 && bytes[3] === 0x04 ? "xlsx" : "csv";
}

function table(lines: string[][], separator: "," | ";"): Table {
  const [head = [], ...body] = lines;
  const rows: Table["rows"] = [];
  body.forEach((cells, i) => {
    if (cells.some((c) => c.trim() !== "")) rows.push({ row: i + 2, cells: cells.map((c) => c.trim()) });
  });
  return { header: head.map((h) => h.trim()), rows, separator };
}

export function readCsv(text: string): Table {
  const separator = separatorOf(text);
  // Blank lines are kept so that row numbers stay the spreadsheet's.
  return table(parseCsv(text, separator), separator);
}

function cellText(value: unknown): string {
  if (value === null || value === undefined) return "";
  if (value instanceof Date) return value.toISOString().slice(0, 10);
  if (typeof value === "number" || typeof value === "boolean") return String(value);
  if (typeof value === "string") return value;
  if (typeof value === "object") {
    const o = value as { result?: unknown; richText?: Array<{ text: string }>; text?: unknown; error?: string };
    if ("result" in o) return cellText(o.result);
    if (o.richText) return o.richText.map((t) => t.text).join("");
    if ("text" in o) return cellText(o.text);
    if (o.error) return o.error;
  }
  return String(value);
}

export async function readXlsx(bytes: Uint8Array): Promise<Table> {
  const { default: ExcelJS } = await import("exceljs");
  const book = new ExcelJS.Workbook();
  await book.xlsx.load(Buffer.from(bytes) as unknown as ArrayBuffer);
  const sheet = book.worksheets[0];
  const lines: string[][] = [];
  if (sheet) {
    const width = sheet.columnCount;
    for (let r = 1; r <= sheet.rowCount; r++) {
      const row = sheet.getRow(r);
      const cells: string[] = [];
      for (let c = 1; c <= width; c++) cells.push(cellText(row.getCell(c).value));
      lines.push(cells);
    }
  }
  return table(lines, ",");
}

export async function read(bytes: Uint8Array): Promise<Table> {
  return formatOf(bytes) === "xlsx" ? readXlsx(bytes) : readCsv(new TextDecoder("utf-8").decode(bytes));
}
