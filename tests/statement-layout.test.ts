/**
 * The note verbale's table as a ministry reads it: read back with pdf.js (the text items and where
 * they stand), no word runs into the next column, and an amount with its currency stays whole on
 * its line; a long Russian word of a heading is divided with a hyphen.
 */
import { Contribution, MemberState } from "@tracker/core";
import { getDocument } from "pdfjs-dist/legacy/build/pdf.mjs";
import { beforeAll, describe, expect, it } from "vitest";
import { app, asSystem, userWith } from "./support/api";
import { seedStates } from "./support/browser";

let finance: string;

beforeAll(async () => {
  await asSystem(async () => {
    await MemberState.seed(seedStates());
    const c = (x: Partial<Contribution.CreateInput>) =>
      Contribution.create({ stateCode: "KZ", kind: "cash", status: "received", currency: "KZT", exchangeRate: "460.25", purpose: "regular_budget", ...x } as Contribution.CreateInput);
    await c({ amount: "115062500.00", date: "2022-02-15", reference: "PO-2022-007" });
    await c({ kind: "in_kind", amount: "23012500.00", date: "2022-10-12", description: "Venue and logistics for the Sixth CICA Summit" });
  });
  finance = (await userWith(["finance"])).cookie;
});

interface Run { text: string; x: number; y: number; width: number; size: number; page: number }

/** Every run of text in the PDF, with its page, baseline and extent, no-break spaces made plain. */
async function runs(bytes: Uint8Array): Promise<Run[]> {
  const pdf = await getDocument({ data: bytes, useSystemFonts: false }).promise;
  const out: Run[] = [];
  for (let n = 1; n <= pdf.numPages; n++) {
    const content = await (await pdf.getPage(n)).getTextContent();
    for (const item of content.items) {
      if (!("str" in item) || !item.str.trim()) continue;
      out.push({ text: item.str.replace(/[\u00a0\u202f]/g, " "), x: item.transform[4], y: item.transform[5], width: item.width, size: Math.hypot(item.transform[0], item.transform[1]), page: n });
    }
  }
  await pdf.destroy();
  return out;
}

describe("the statement's table in the PDF", () => {
  for (const lang of ["ru", "en"] as const) {
    it(`keeps each cell inside its column (${lang})`, async () => {
      const res = await app.request(`http://localhost/api/summaries/preview.pdf?state=KZ&period=2022&lang=${lang}`, { headers: { cookie: finance } });
      expect(res.status).toBe(200);
      const all = await runs(new Uint8Array(await res.arrayBuffer()));
      const amount = lang === "ru" ? "115 062 500,00 KZT" : "KZT 115,062,500.00";
      expect(all.map((r) => r.text)).toContain(amount);
      if (lang === "ru") expect(all.map((r) => r.text).join(" ")).toMatch(/валюти\S*- \S*рования/);
      // The table's cells are set in 8.5 pt (its notes, below a row, smaller): the columns are the
      // stretches of the page their text covers, and a word that runs into the next column joins two.
      const cells = all.filter((r) => Math.abs(r.size - 8.5) < 0.01).sort((a, b) => a.x - b.x);
      const columns: Array<[number, number]> = [];
      for (const r of cells) {
        const last = columns.at(-1);
        if (last && r.x <= last[1] + 1) last[1] = Math.max(last[1], r.x + r.width);
        else columns.push([r.x, r.x + r.width]);
      }
      expect(columns).toHaveLength(7);
    });
  }
});

describe("the fonts' layouts kept per process", () => {
  it("give the very glyphs fontkit lays out for the whole text, in both languages", async () => {
    const fontkit = (await import("@pdf-lib/fontkit")).default;
    const { SHARED_FONTKIT } = await import("@tracker/core/statement/pdf");
    const fonts = await import("@tracker/core/statement/fonts.generated");
    const texts = [
      "Office of the Secretariat", "affiliated official offices", "fi fl ffl", "115\u202f062\u202f500,00 KZT", "1,234,567.89 USD",
      "Conference on Interaction and Confidence Building Measures in Asia", "Республика Казахстан", "валютирования",
      "Совещание по взаимодействию и мерам доверия в Азии", "Türkiye", "№ 12/2022-FIN", "e\u0301te\u0301", "Й й ё",
    ];
    for (const key of ["regular", "bold"] as const) {
      const bytes = Buffer.from(fonts[key], "base64");
      const plain = fontkit.create(bytes);
      const kept = SHARED_FONTKIT.create(bytes);
      for (const text of texts) {
        const ids = (run: { glyphs: Array<{ id: number; advanceWidth: number }> }) => run.glyphs.map((g) => `${g.id}:${g.advanceWidth}`).join(" ");
        // Twice: the first lays the text out, the second answers from what was kept.
        expect(ids(kept.layout(text)), `${key} ${text}`).toBe(ids(plain.layout(text)));
        expect(ids(kept.layout(text)), `${key} ${text}`).toBe(ids(plain.layout(text)));
      }
    }
  });
});
