/**
 * The statement as a PDF note verbale: A4, a letterhead with the
 * Secretariat's names in both working languages, the note's number, the text,
 * the tables and the totals, the place and date, the signature and the
 * addressee. Laid out from a plain model (`Letter`, built by `render`), so a
 * new section is one more block. pdf-lib draws it with DejaVu Serif, which
 * has Cyrillic; the fonts travel inside the code (fonts.generated.ts, made by
 * scripts/fonts.ts) and only the glyphs used are embedded.
 */
import fontkit from "@pdf-lib/fontkit";
import { PDFDocument, rgb, type PDFFont, type PDFPage } from "pdf-lib";
import type { Lang } from "./text";

/** One part of the note's body. */
export type Block =
  | { kind: "paragraph"; text: string }
  | { kind: "heading"; text: string }
  /** A table; widths are shares of the text width (they add up to 1); a row's note goes under it, in small type. */
  | { kind: "table"; columns: string[]; align: Array<"left" | "right">; widths: number[]; rows: Array<{ cells: string[]; note?: string }> }
  /** Label and amount lines, the amount flush right. */
  | { kind: "pairs"; lines: Array<[string, string]> }
  /** Lines kept as they are, indented (bank details). */
  | { kind: "lines"; lines: string[] };

export interface Letter {
  lang: Lang;
  /** The document's title (the mail's subject). */
  title: string;
  author: string;
  /** The Secretariat's name in each working language, as the letterhead prints it. */
  letterhead: string[];
  /** "No. SEC/FIN/2022/KZ" */
  number: string;
  /** A revised note's mark, printed at the right of its number ("Rev. 1"). */
  revision?: string;
  blocks: Block[];
  /** "Astana, 1 December 2026" */
  place: string;
  signature: string[];
  /** The addressee as the foot of the note names it ("COMPETENT AUTHORITIES OF THE REPUBLIC OF KOREA"). */
  addressee: string;
  footer: string;
}

const A4: [number, number] = [595.28, 841.89];
const MARGIN = { left: 68, right: 56, top: 56, bottom: 64 };
const WIDTH = A4[0] - MARGIN.left - MARGIN.right;
const INK = rgb(0.08, 0.1, 0.14);
const GREY = rgb(0.35, 0.38, 0.43);
const RULE = rgb(0.55, 0.6, 0.66);

interface Fonts {
  regular: PDFFont;
  bold: PDFFont;
}

/**
 * A text's width at a size. pdf-lib lays the text out with fontkit for each measure, which was
 * most of a statement run's time; the same words and lines come back in every statement, so their
 * width at 1 pt is kept per font (a width scales with the size).
 */
const WIDTHS = new Map<string, number>();
function measure(font: PDFFont, text: string, size: number): number {
  const key = `${font.name}\u0000${text}`;
  let w = WIDTHS.get(key);
  if (w === undefined) {
    if (WIDTHS.size > 100_000) WIDTHS.clear();
    w = font.widthOfTextAtSize(text, 1);
    WIDTHS.set(key, w);
  }
  return w * size;
}

/** The two fonts' bytes, decoded from the generated module once. */
let FONT_BYTES: { regular: Buffer; bold: Buffer } | undefined;

type FontkitFont = ReturnType<typeof fontkit.create>;
type GlyphRun = ReturnType<FontkitFont["layout"]>;

/**
 * fontkit for pdf-lib, keeping each font's text layouts for the document. pdf-lib lays out every text
 * twice (to measure it, then to encode it), and fontkit's layout (its OpenType features, glyph by
 * glyph) was most of a statement run's time and held the event loop for seconds at a time on a long
 * statement. A layout depends only on the text (pdf-lib passes no features), so it is kept by text, up
 * to a bound. Each document parses its fonts afresh: fontkit keeps a glyph's characters as first laid
 * out, which the document's ToUnicode map (copy, search, text extraction) reads, so a font is not shared
 * between documents.
 */
const LAYOUT_LIMIT = 50_000;
/** Splits a text at its spaces, keeping each space as a piece of its own. */
const SPACES = /([\s\u00a0\u202f]+)/;
/** What the fonts' default features may join with a neighbour: the f of an f-ligature, a combining mark. */
const JOINING = /[fﬀ-ﬆ\u0300-\u036f\u0483-\u0489\u20d0-\u20ff]/;
export const SHARED_FONTKIT: typeof fontkit = {
  ...fontkit,
  create(data: Uint8Array, postscriptName?: string) {
    const font = fontkit.create(data, postscriptName);
    {
      const layout = font.layout.bind(font);
      const runs = new Map<string, GlyphRun>();
      font.layout = (text: string, ...rest: unknown[]) => {
        if (rest.some((r) => r !== undefined)) return (layout as (...a: unknown[]) => GlyphRun)(text, ...rest);
        let run = runs.get(text);
        if (!run) {
          if (runs.size >= LAYOUT_LIMIT) runs.clear();
          // pdf-lib reads only a run's glyphs (their ids and advance widths), never the kerned positions, so
          // a text is its pieces' runs end to end wherever no substitution joins two pieces: none crosses a
          // space, and the fonts' default substitutions are the f-ligatures and the combining marks only, so
          // a word without them is its characters' runs. (`statement-layout.test.ts` compares the two.)
          const pieces = text.split(SPACES).filter(Boolean);
          if (pieces.length > 1) run = { glyphs: pieces.flatMap((p) => font.layout(p).glyphs) } as GlyphRun;
          else if (text.length > 1 && !JOINING.test(text)) run = { glyphs: [...text].flatMap((c) => font.layout(c).glyphs) } as GlyphRun;
          else run = layout(text);
          runs.set(text, run);
        }
        return run;
      };
    }
    return font;
  },
};

/** Splits text into lines that fit a width (words kept whole unless one alone is too long). */
function wrap(text: string, font: PDFFont, size: number, width: number): string[] {
  const out: string[] = [];
  for (const paragraph of text.split("\n")) {
    let line = "";
    for (const word of paragraph.split(/ +/)) {
      const next = line ? `${line} ${word}` : word;
      if (measure(font, next, size) <= width || !line) {
        line = next;
      } else {
        out.push(line);
        line = word;
      }
      // A single word wider than the column: divide it, with a hyphen between two letters.
      while (measure(font, line, size) > width && line.length > 1) {
        let cut = line.length - 1;
        const part = (n: number) => line.slice(0, n) + (/\p{L}/u.test(line[n - 1]!) && /\p{L}/u.test(line[n]!) ? "-" : "");
        while (cut > 1 && measure(font, part(cut), size) > width) cut--;
        out.push(part(cut));
        line = line.slice(cut);
      }
    }
    out.push(line);
  }
  return out;
}

class Writer {
  page!: PDFPage;
  y = 0;
  pages: PDFPage[] = [];
  constructor(
    private doc: PDFDocument,
    readonly fonts: Fonts,
    private clean: (s: string) => string,
  ) {
    this.newPage();
  }
  newPage() {
    this.page = this.doc.addPage(A4);
    this.pages.push(this.page);
    this.y = A4[1] - MARGIN.top;
  }
  /** Room for h points, else a new page; true when a page was started. */
  need(h: number): boolean {
    if (this.y - h >= MARGIN.bottom) return false;
    this.newPage();
    return true;
  }
  text(s: string, x: number, options: { size: number; bold?: boolean; color?: ReturnType<typeof rgb>; align?: "left" | "right" | "center"; width?: number }) {
    const font = options.bold ? this.fonts.bold : this.fonts.regular;
    const t = this.clean(s);
    const w = measure(font, t, options.size);
    const box = options.width ?? WIDTH;
    const dx = options.align === "right" ? box - w : options.align === "center" ? (box - w) / 2 : 0;
    this.page.drawText(t, { x: x + dx, y: this.y - options.size, size: options.size, font, color: options.color ?? INK });
  }
  lines(s: string, options: { size: number; bold?: boolean; leading?: number; indent?: number; firstIndent?: number; align?: "left" | "center"; color?: ReturnType<typeof rgb> }) {
    const font = options.bold ? this.fonts.bold : this.fonts.regular;
    const leading = options.leading ?? options.size * 1.35;
    const indent = options.indent ?? 0;
    const first = options.firstIndent ?? indent;
    // The first line is narrower by its indent: wrap it alone, then the rest at the full width.
    const words = this.clean(s).split(/ +/);
    const firstLine = wrap(words.join(" "), font, options.size, WIDTH - first)[0] ?? "";
    const used = firstLine.split(/ +/).length;
    const rest = words.length > used ? wrap(words.slice(used).join(" "), font, options.size, WIDTH - indent) : [];
    [firstLine, ...rest].forEach((line, i) => {
      this.need(leading);
      this.text(line, MARGIN.left + (i === 0 ? first : indent), { ...options, width: WIDTH - (i === 0 ? first : indent) });
      this.y -= leading;
    });
  }
  rule(weight = 0.6, color = RULE) {
    this.page.drawLine({ start: { x: MARGIN.left, y: this.y }, end: { x: MARGIN.left + WIDTH, y: this.y }, thickness: weight, color });
  }
}

type Table = Extract<Block, { kind: "table" }>;

/**
 * The columns' widths in points: the block's shares of the text width, except that a column too
 * narrow for its longest word (an amount with its currency, «валютирования») is widened to it,
 * with the room taken from the columns that have more than their longest word needs. The cells'
 * words come first: where the page cannot hold the headings' longest words too, a heading word
 * is divided with a hyphen instead (wrap); only when it cannot hold the cells' are these cut.
 */
function columnWidths(b: Table, fonts: Fonts, size: number, pad: number): number[] {
  const longest = (text: string, font: PDFFont) =>
    Math.max(0, ...text.split(/[ \n]+/).map((word) => measure(font, word, size) + 2 * pad + 0.5));
  const cells = b.columns.map((_, i) => Math.max(...b.rows.map((r) => longest(r.cells[i] ?? "", fonts.regular))));
  const withHeadings = cells.map((n, i) => Math.max(n, longest(b.columns[i]!, fonts.bold)));
  const sum = (xs: number[]) => xs.reduce((s, x) => s + x, 0);
  const need = sum(withHeadings) <= WIDTH ? withHeadings : cells;
  const given = b.widths.map((share) => share * WIDTH);
  const short = sum(given.map((g, i) => Math.max(0, need[i]! - g)));
  const spare = sum(given.map((g, i) => Math.max(0, g - need[i]!)));
  if (short === 0) return given;
  if (short > spare) return need.map((n) => (n * WIDTH) / sum(need));
  return given.map((g, i) => (g < need[i]! ? need[i]! : g - ((g - need[i]!) * short) / spare));
}

function table(w: Writer, b: Table) {
  const size = 8.5;
  const leading = 11;
  const pad = 3;
  const widths = columnWidths(b, w.fonts, size, pad);
  const xs: number[] = [];
  let x = MARGIN.left;
  for (const width of widths) {
    xs.push(x);
    x += width;
  }
  const colWidth = (i: number) => (widths[i] ?? 0) - 2 * pad;
  const header = () => {
    const cells = b.columns.map((c, i) => wrap(c, w.fonts.bold, size, colWidth(i)));
    const h = Math.max(...cells.map((c) => c.length)) * leading + 2 * pad;
    w.need(h);
    const top = w.y;
    cells.forEach((lines, i) =>
      lines.forEach((line, j) => {
        w.y = top - pad - j * leading;
        w.text(line, xs[i]! + pad, { size, bold: true, align: b.align[i] ?? "left", width: colWidth(i) });
      }),
    );
    w.y = top - h;
    w.rule(1.2, INK);
  };
  header();
  for (const row of b.rows) {
    const cells = row.cells.map((c, i) => wrap(c, w.fonts.regular, size, colWidth(i)));
    const note = row.note ? wrap(row.note, w.fonts.regular, size - 1, WIDTH - (widths[0] ?? 0) - 2 * pad) : [];
    const h = Math.max(...cells.map((c) => c.length)) * leading + note.length * (leading - 1) + 2 * pad;
    if (w.need(h)) header();
    const top = w.y;
    cells.forEach((lines, i) =>
      lines.forEach((line, j) => {
        w.y = top - pad - j * leading;
        w.text(line, xs[i]! + pad, { size, align: b.align[i] ?? "left", width: colWidth(i) });
      }),
    );
    const below = top - pad - Math.max(...cells.map((c) => c.length)) * leading;
    note.forEach((line, j) => {
      w.y = below - j * (leading - 1);
      w.text(line, xs[1]! + pad, { size: size - 1, color: GREY });
    });
    w.y = top - h;
    w.rule(0.4);
  }
  w.y -= 6;
}

/** The note verbale as PDF bytes. */
export async function pdf(letter: Letter): Promise<Uint8Array> {
  const fonts = await import("./fonts.generated");
  const doc = await PDFDocument.create();
  doc.registerFontkit(SHARED_FONTKIT);
  const bytes = (FONT_BYTES ??= { regular: Buffer.from(fonts.regular, "base64"), bold: Buffer.from(fonts.bold, "base64") });
  const regular = await doc.embedFont(bytes.regular, { subset: true });
  const bold = await doc.embedFont(bytes.bold, { subset: true });
  const known = new Set(regular.getCharacterSet());
  // Intl writes narrow no-break spaces; a character the font lacks becomes the nearest it has.
  const clean = (s: string) =>
    [...s.replace(/\u202f/g, known.has(0x202f) ? "\u202f" : "\u00a0")].map((ch) => (known.has(ch.codePointAt(0)!) ? ch : "?")).join("");
  doc.setTitle(letter.title);
  doc.setAuthor(letter.author);
  doc.setLanguage(letter.lang === "en" ? "en-GB" : "ru-RU");
  doc.setCreator(letter.author);
  doc.setProducer("pdf-lib");

  const w = new Writer(doc, { regular, bold }, clean);
  // Letterhead: the Secretariat's names, one language under the other.
  for (const [i, name] of letter.letterhead.entries()) {
    if (i > 0) w.y -= 8;
    for (const line of wrap(clean(name), bold, 11, 330)) {
      w.text(line, MARGIN.left, { size: 11, bold: true, align: "center" });
      w.y -= 14.5;
    }
  }
  w.y -= 6;
  w.rule(0.8, INK);
  w.y -= 16;
  w.text(letter.number, MARGIN.left, { size: 10.5, bold: true });
  if (letter.revision) w.text(letter.revision, MARGIN.left, { size: 10.5, bold: true, align: "right" });
  w.y -= 26;

  for (const b of letter.blocks) {
    if (b.kind === "paragraph") {
      w.lines(b.text, { size: 10.5, firstIndent: 28, leading: 14 });
      w.y -= 6;
    } else if (b.kind === "heading") {
      w.need(15 + 30);
      w.y -= 4;
      w.lines(b.text, { size: 10.5, bold: true, leading: 14 });
      w.y -= 4;
    } else if (b.kind === "table") {
      table(w, b);
    } else if (b.kind === "pairs") {
      for (const [label, value] of b.lines) {
        w.need(14);
        const valueWidth = measure(bold, clean(value), 10);
        const labelLines = wrap(clean(label), regular, 10, WIDTH - 28 - valueWidth - 12);
        labelLines.forEach((line, i) => {
          w.need(14);
          w.text(line, MARGIN.left + 28, { size: 10, width: WIDTH - 28 });
          if (i === 0) w.text(value, MARGIN.left, { size: 10, bold: true, align: "right" });
          w.y -= 14;
        });
      }
      w.y -= 6;
    } else {
      for (const line of b.lines) w.lines(line, { size: 10, indent: 28, leading: 13.5 });
      w.y -= 7;
    }
  }

  // Place, date, signature and addressee stay together.
  w.need(14 * (3 + letter.signature.length) + 36);
  w.y -= 4;
  w.lines(letter.place, { size: 10.5, leading: 14 });
  w.y -= 6;
  for (const line of letter.signature) {
    w.text(line, MARGIN.left, { size: 10.5, align: "right" });
    w.y -= 14;
  }
  w.y -= 18;
  w.lines(letter.addressee, { size: 10.5, bold: true, leading: 14 });

  // On every page: the footer line and the page number.
  const total = w.pages.length;
  w.pages.forEach((page, i) => {
    const foot = wrap(clean(letter.footer), regular, 7.5, WIDTH);
    foot.forEach((line, j) =>
      page.drawText(line, { x: MARGIN.left, y: MARGIN.bottom - 22 - j * 9.5, size: 7.5, font: regular, color: GREY }),
    );
    const n = `${i + 1} / ${total}`;
    page.drawText(n, { x: MARGIN.left + WIDTH - measure(regular, n, 7.5), y: MARGIN.bottom - 22 - foot.length * 9.5, size: 7.5, font: regular, color: GREY });
  });
  return doc.save();
}
