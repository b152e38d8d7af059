/**
 * A small XLSX writer: one worksheet, typed cells. Text goes to the shared
 * strings, amounts are numbers written from their exact decimal strings with a
 * grouping number format, dates are date serials with Excel's built-in short
 * date (shown in the reader's own locale). The parts are stored in a zip
 * without compression (./zip.ts). Zod-free and dependency-free.
 */
import { zip } from "./zip";

/** `decimal`: a number as written, in the general format; `datetime`: an ISO instant, as a date and time (UTC). */
export type CellType = "text" | "date" | "datetime" | "money" | "integer" | "rate" | "decimal";

export interface SheetColumn {
  header: string;
  type: CellType;
  /** Width in characters. */
  width?: number;
}

export interface Sheet {
  name: string;
  columns: SheetColumn[];
  /** Values as strings: decimal strings for numbers, ISO dates (YYYY-MM-DD) for dates; undefined is an empty cell. */
  rows: (string | number | undefined)[][];
  /** The last this many rows are totals (bold). */
  totals?: number;
}

// cellXfs: 0 normal, 1 bold text, 2 date, 3/4/5 amount with 2/0/3 decimals, 6 rate, 7 integer; bold amounts 8/9/10, bold integer 11; 12 date and time.
const STYLES = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<styleSheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">
<numFmts count="2"><numFmt numFmtId="164" formatCode="#,##0.000"/><numFmt numFmtId="165" formatCode="0.0#####"/></numFmts>
<fonts count="2"><font><sz val="11"/><name val="Calibri"/><family val="2"/></font><font><b/><sz val="11"/><name val="Calibri"/><family val="2"/></font></fonts>
<fills count="2"><fill><patternFill patternType="none"/></fill><fill><patternFill patternType="gray125"/></fill></fills>
<borders count="1"><border><left/><right/><top/><bottom/><diagonal/></border></borders>
<cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs>
<cellXfs count="13">
<xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/>
<xf numFmtId="0" fontId="1" fillId="0" borderId="0" xfId="0" applyFont="1"/>
<xf numFmtId="14" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/>
<xf numFmtId="4" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/>
<xf numFmtId="3" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/>
<xf numFmtId="164" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/>
<xf numFmtId="165" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/>
<xf numFmtId="1" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/>
<xf numFmtId="4" fontId="1" fillId="0" borderId="0" xfId="0" applyNumberFormat="1" applyFont="1"/>
<xf numFmtId="3" fontId="1" fillId="0" borderId="0" xfId="0" applyNumberFormat="1" applyFont="1"/>
<xf numFmtId="164" fontId="1" fillId="0" borderId="0" xfId="0" applyNumberFormat="1" applyFont="1"/>
<xf numFmtId="1" fontId="1" fillId="0" borderId="0" xfId="0" applyNumberFormat="1" applyFont="1"/>
<xf numFmtId="22" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/>
</cellXfs>
<cellStyles count="1"><cellStyle name="Normal" xfId="0" builtinId="0"/></cellStyles>
</styleSheet>`;

const NS = 'xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"';
const REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";
const HEAD = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n';

export function escapeXml(s: string): string {
  return s
    .replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]/g, "")
    .replace(/&/g, "&amp;")
    .replace(/</g, "&lt;")
    .replace(/>/g, "&gt;")
    .replace(/"/g, "&quot;");
}

function columnName(i: number): string {
  let n = i + 1;
  let s = "";
  while (n > 0) {
    const m = (n - 1) % 26;
    s = String.fromCharCode(65 + m) + s;
    n = Math.floor((n - 1) / 26);
  }
  return s;
}

const DECIMAL = /^-?\d+(\.\d+)?$/;
const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** An ISO date as Excel's date serial (days since 1899-12-30). */
export function dateSerial(iso: string): number | undefined {
  const m = ISO_DATE.exec(iso);
  if (!m) return undefined;
  return Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])) / 86_400_000 + 25_569;
}

const INSTANT = /^(\d{4}-\d{2}-\d{2})T(\d{2}):(\d{2})(?::(\d{2}))?/;

/** An ISO instant (UTC) as Excel's date-time serial, to the second. */
export function dateTimeSerial(iso: string): number | undefined {
  const m = INSTANT.exec(iso);
  const day = m ? dateSerial(m[1]!) : undefined;
  if (!m || day === undefined) return undefined;
  return day + (Number(m[2]) * 3600 + Number(m[3]) * 60 + Number(m[4] ?? 0)) / 86_400;
}

function amountStyle(value: string, bold: boolean): number {
  const decimals = value.includes(".") ? value.length - value.indexOf(".") - 1 : 0;
  const base = decimals === 0 ? 1 : decimals === 3 ? 2 : 0;
  return (bold ? 8 : 3) + base;
}

function sheetName(name: string): string {
  return name.replace(/[[\]:*?/\\]/g, " ").slice(0, 31) || "Sheet1";
}

export function write(sheet: Sheet): Uint8Array<ArrayBuffer> {
  const strings: string[] = [];
  const index = new Map<string, number>();
  const shared = (s: string) => {
    let i = index.get(s);
    if (i === undefined) {
      i = strings.length;
      strings.push(s);
      index.set(s, i);
    }
    return i;
  };
  const text = (ref: string, s: string, style: number) => `<c r="${ref}" t="s"${style ? ` s="${style}"` : ""}><v>${shared(s)}</v></c>`;

  const rows: string[] = [];
  rows.push(`<row r="1">${sheet.columns.map((c, i) => text(`${columnName(i)}1`, c.header, 1)).join("")}</row>`);
  const firstTotal = sheet.rows.length - (sheet.totals ?? 0);
  sheet.rows.forEach((values, r) => {
    const n = r + 2;
    const bold = r >= firstTotal;
    const cells: string[] = [];
    sheet.columns.forEach((col, i) => {
      const raw = values[i];
      if (raw === undefined || raw === "") return;
      const ref = `${columnName(i)}${n}`;
      const v = String(raw);
      if (col.type === "date" || col.type === "datetime") {
        const serial = col.type === "date" ? dateSerial(v) : dateTimeSerial(v);
        cells.push(serial === undefined ? text(ref, v, bold ? 1 : 0) : `<c r="${ref}" s="${col.type === "date" ? 2 : 12}"><v>${serial}</v></c>`);
      } else if (col.type === "decimal" && DECIMAL.test(v)) {
        cells.push(`<c r="${ref}"${bold ? ' s="1"' : ""}><v>${v}</v></c>`);
      } else if (col.type !== "text" && DECIMAL.test(v)) {
        const style = col.type === "money" ? amountStyle(v, bold) : col.type === "rate" ? 6 : bold ? 11 : 7;
        cells.push(`<c r="${ref}" s="${style}"><v>${v}</v></c>`);
      } else {
        cells.push(text(ref, v, bold ? 1 : 0));
      }
    });
    rows.push(`<row r="${n}">${cells.join("")}</row>`);
  });

  const cols = sheet.columns.map((c, i) => `<col min="${i + 1}" max="${i + 1}" width="${c.width ?? 14}" customWidth="1"/>`).join("");
  const worksheet =
    `${HEAD}<worksheet ${NS} xmlns:r="${REL}">` +
    `<sheetViews><sheetView workbookViewId="0"><pane ySplit="1" topLeftCell="A2" activePane="bottomLeft" state="frozen"/></sheetView></sheetViews>` +
    `<sheetFormatPr defaultRowHeight="15"/><cols>${cols}</cols><sheetData>${rows.join("")}</sheetData></worksheet>`;
  const sst =
    `${HEAD}<sst ${NS} count="${strings.length}" uniqueCount="${strings.length}">` +
    strings.map((s) => `<si><t xml:space="preserve">${escapeXml(s)}</t></si>`).join("") +
    `</sst>`;
  const workbook =
    `${HEAD}<workbook ${NS} xmlns:r="${REL}"><sheets><sheet name="${escapeXml(sheetName(sheet.name))}" sheetId="1" r:id="rId1"/></sheets></workbook>`;
  const workbookRels =
    `${HEAD}<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">` +
    `<Relationship Id="rId1" Type="${REL}/worksheet" Target="worksheets/sheet1.xml"/>` +
    `<Relationship Id="rId2" Type="${REL}/styles" Target="styles.xml"/>` +
    `<Relationship Id="rId3" Type="${REL}/sharedStrings" Target="sharedStrings.xml"/></Relationships>`;
  const rootRels =
    `${HEAD}<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">` +
    `<Relationship Id="rId1" Type="${REL}/officeDocument" Target="xl/workbook.xml"/></Relationships>`;
  const ct = "application/vnd.openxmlformats-officedocument.spreadsheetml";
  const types =
    `${HEAD}<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">` +
    `<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>` +
    `<Default Extension="xml" ContentType="application/xml"/>` +
    `<Override PartName="/xl/workbook.xml" ContentType="${ct}.sheet.main+xml"/>` +
    `<Override PartName="/xl/worksheets/sheet1.xml" ContentType="${ct}.worksheet+xml"/>` +
    `<Override PartName="/xl/styles.xml" ContentType="${ct}.styles+xml"/>` +
    `<Override PartName="/xl/sharedStrings.xml" ContentType="${ct}.sharedStrings+xml"/></Types>`;
  const enc = new TextEncoder();
  return zip([
    { name: "[Content_Types].xml", data: enc.encode(types) },
    { name: "_rels/.rels", data: enc.encode(rootRels) },
    { name: "xl/workbook.xml", data: enc.encode(workbook) },
    { name: "xl/_rels/workbook.xml.rels", data: enc.encode(workbookRels) },
    { name: "xl/styles.xml", data: enc.encode(STYLES) },
    { name: "xl/sharedStrings.xml", data: enc.encode(sst) },
    { name: "xl/worksheets/sheet1.xml", data: enc.encode(worksheet) },
  ]);
}
