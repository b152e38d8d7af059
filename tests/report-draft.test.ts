/**
 * The management part of the Secretary General's report, drafted from the demo's records (the seed
 * report's 2022): the seven contributors thanked by their formal names, the two Senior Officers
 * from Kazakhstan welcomed on rotation, the two open expert positions, the renamed post; in English
 * and in Russian; as JSON, as a DOCX read back with a zip reader, as a PDF parsed back. A year with
 * no records gives a draft that says so; a lacking role gets 403; a bad query 400 naming the fields.
 */
import JSZip from "jszip";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { pdfText, plain } from "./support/pdf";
import { beforeAll, describe, expect, it } from "vitest";
import { app, call, userWith } from "./support/api";

process.env.MAIL_OUTBOX = mkdtempSync(join(tmpdir(), "draft-outbox-"));

let finance: string;
let hr: string;
let viewer: string;

/** Intl's no-break spaces made plain, so the text reads as written here. */

beforeAll(async () => {
  process.env.ADMIN_PASSWORD = "demo admin password";
  const { firstStart } = await import("../scripts/seed");
  await firstStart(resolve(import.meta.dirname, ".."));
  finance = (await userWith(["finance"])).cookie;
  hr = (await userWith(["hr"])).cookie;
  viewer = (await userWith(["viewer"])).cookie;
});

async function json(query: string, cookie = finance) {
  const res = await call("GET", `/api/reports/draft?${query}`, { cookie });
  expect(res.status, res.text).toBe(200);
  return res.json as { paragraphs: string[]; notes: { title: string; sections: Array<{ title: string; lines: string[] }> }; facts: any; asOf: string };
}

async function file(query: string, cookie = finance) {
  const res = await app.request(`http://localhost/api/reports/draft?${query}`, { headers: { cookie } });
  expect(res.status).toBe(200);
  return { type: res.headers.get("content-type"), disposition: res.headers.get("content-disposition"), bytes: new Uint8Array(await res.arrayBuffer()) };
}

/** The words of a DOCX: word/document.xml read with a zip reader, the runs' text joined. */
async function docxText(bytes: Uint8Array): Promise<string> {
  const zip = await JSZip.loadAsync(bytes);
  const xml = await zip.file("word/document.xml")!.async("string");
  const paragraphs = [...xml.matchAll(/<w:p[ >][\s\S]*?<\/w:p>/g)].map((p) =>
    [...p[0].matchAll(/<w:t(?: [^>]*)?>([^<]*)<\/w:t>/g)].map((t) => t[1]).join(""),
  );
  const unescape = (s: string) => s.replace(/&lt;/g, "<").replace(/&gt;/g, ">").replace(/&quot;/g, '"').replace(/&apos;/g, "'").replace(/&amp;/g, "&");
  return plain(unescape(paragraphs.join("\n")));
}


const EN = {
  thanks:
    "On management related issues, the Secretariat expresses deep appreciation to the Republic of Kazakhstan, the People's Republic of China, the State of Qatar, the Republic of Korea, the State of Israel, the Republic of Türkiye and the Republic of Tajikistan for their voluntary contributions to the CICA budget in 2022.",
  welcomed: "In 2022, following the scheduled rotation, the Secretariat welcomed two new Senior Officers from the Republic of Kazakhstan and a new Senior Officer from the Republic of Türkiye.",
  open: "Furthermore, as at 31 December 2022 the Secretariat still has two open positions of experts for hiring: Expert (confidence-building measures) on a competitive basis and Expert (economic dimension) on a contractual basis. Recommendations of candidates from Member States are welcome.",
  renamed: "In the Staff Matrix of the Secretariat, the position of Deputy Executive Director is renamed Deputy Secretary General with effect from 1 January 2023 (SOC, 14 December 2022 (demo)).",
};
const RU = {
  thanks:
    "По вопросам управления Секретариат выражает глубокую признательность Республике Казахстан, Китайской Народной Республике, Государству Катар, Республике Корея, Государству Израиль, Турецкой Республике и Республике Таджикистан за добровольные взносы в бюджет СВМДА в 2022 году.",
  welcomed:
    "В 2022 году в соответствии с плановой ротацией в Секретариат прибыли новые прикомандированные сотрудники: от Республики Казахстан — два старших сотрудника; от Турецкой Республики — один старший сотрудник.",
  open: "Кроме того, по состоянию на 31 декабря 2022 г. в Секретариате остаются открытыми две должности экспертов для найма: «Эксперт (меры доверия)» (на конкурсной основе) и «Эксперт (экономическое измерение)» (на контрактной основе). Рекомендации кандидатов от государств-членов приветствуются.",
  renamed:
    "В штатном расписании Секретариата должность «Заместитель исполнительного директора» переименовывается в «Заместитель Генерального секретаря» с 1 января 2023 г. (SOC, 14 December 2022 (demo)).",
};

describe("the 2022 draft of the demo", () => {
  it("in English: the seven contributors, the two Senior Officers from Kazakhstan, the two open expert positions, the renamed post", async () => {
    const d = await json("year=2022&lang=en");
    expect(d.asOf).toBe("2022-12-31");
    const text = d.paragraphs.map(plain);
    expect(text[0]).toBe(`${EN.thanks} The Secretary General kindly invites other Member States to follow the example of those partners who demonstrate their commitment to the principles and goals of the CICA family through regular contribution of financial resources.`);
    expect(text[1]).toContain(EN.welcomed);
    // Russia's Deputy, China's officer until 14 January, Kazakhstan's and Türkiye's officers; Kuwait a member from October.
    expect(text[1]).toContain("In 2022, four of the 28 Member States had personnel seconded to the Secretariat.");
    expect(text[1]).toContain("in particular those who have not yet done so, to contribute human resources to the Secretariat by secondment of professional personnel");
    expect(text[2]).toBe(EN.open);
    expect(text[3]).toBe(EN.renamed);
    expect(text).toHaveLength(4);

    expect(d.facts.contributors).toEqual([
      { code: "KZ", receivedUsd: "250000.00", inKindUsd: "50000.00" },
      { code: "CN", receivedUsd: "100000.00", inKindUsd: "0.00" },
      { code: "QA", receivedUsd: "60000.00", inKindUsd: "0.00" },
      { code: "KR", receivedUsd: "50000.00", inKindUsd: "0.00" },
      { code: "IL", receivedUsd: "20000.00", inKindUsd: "0.00" },
      { code: "TR", receivedUsd: "0.00", inKindUsd: "20000.00" },
      { code: "TJ", receivedUsd: "10000.00", inKindUsd: "0.00" },
    ]);
    const notes = Object.fromEntries(d.notes.sections.map((s) => [s.title, s.lines.map(plain)]));
    expect(notes["Voluntary contributions received in 2022, USD equivalent"]![0]).toBe("Kazakhstan: financial USD 250,000.00; in kind USD 50,000.00");
    expect(notes["Secondments that started in 2022"]).toEqual([
      "Demo Senior Officer D, Senior Officer (SO-03), seconded by Türkiye, from 1 February 2022",
      "Demo Senior Officer A, Senior Officer (SO-01), seconded by Kazakhstan, from 1 March 2022",
      "Demo Senior Officer B, Senior Officer (SO-02), seconded by Kazakhstan, from 1 September 2022",
    ]);
    // The candidates were recommended after 2022 (on the day the demo was loaded): none by its end.
    expect(notes["Open positions as at 31 December 2022"]!.map((l) => l.replace(/deadline .*:/, "deadline …:"))).toEqual([
      "Expert (confidence-building measures) (EX-01), competitive basis, published 1 November 2022, deadline …: recommendations received 0",
      "Expert (economic dimension) (EX-02), contractual basis, published 1 November 2022, deadline …: recommendations received 0",
    ]);
    expect(notes["Member States with no personnel seconded in 2022 (24)"]![0]).toMatch(/^Afghanistan, Azerbaijan, Bahrain, /);
    expect(notes["Member States with no contribution received in 2022 (21)"]![0]).not.toContain("Kazakhstan");
  });

  it("in Russian: the same, formal names in the case the sentence needs, counts agreeing with their nouns", async () => {
    const d = await json("year=2022&lang=ru", hr);
    const text = d.paragraphs.map(plain);
    expect(text[0]).toBe(
      `${RU.thanks} Генеральный секретарь предлагает другим государствам-членам последовать примеру тех партнёров, которые демонстрируют свою приверженность принципам и целям семьи СВМДА путём регулярного предоставления финансовых ресурсов.`,
    );
    expect(text[1]).toContain(RU.welcomed);
    expect(text[1]).toContain("Число государств-членов, персонал которых был прикомандирован в Секретариат в 2022 году: 4 из 28.");
    expect(text[2]).toBe(RU.open);
    expect(text[3]).toBe(RU.renamed);
    const notes = Object.fromEntries(d.notes.sections.map((s) => [s.title, s.lines.map(plain)]));
    expect(notes["Прикомандирования, начавшиеся в 2022 году"]).toContain(
      "Demo Senior Officer A, «Старший сотрудник» (SO-01), направляющее государство: Казахстан, с 1 марта 2022 г.",
    );
    expect(notes["Добровольные взносы, поступившие в 2022 году, в долларовом эквиваленте"]![0]).toBe("Казахстан: финансовые — 250 000,00 USD; в натуральной форме — 50 000,00 USD");
  });

  it("as DOCX in both languages: a real zip whose document holds the same sentences", async () => {
    for (const [lang, words] of [["en", EN], ["ru", RU]] as const) {
      const f = await file(`year=2022&lang=${lang}&format=docx`, hr);
      expect(f.type).toBe("application/vnd.openxmlformats-officedocument.wordprocessingml.document");
      expect(f.disposition).toBe(`attachment; filename="CICA-SG-report-2022-management-draft-${lang}.docx"`);
      const text = await docxText(f.bytes);
      for (const sentence of Object.values(words)) expect(text).toContain(sentence);
      expect(text).toContain("Demo Senior Officer A");
      expect(text).toContain("Demo Senior Officer B");
      expect(text).toContain(lang === "en" ? "DRAFT" : "ПРОЕКТ");
    }
  });

  it("as PDF in both languages: the text parsed back holds the names", async () => {
    for (const [lang, words] of [["en", EN], ["ru", RU]] as const) {
      const f = await file(`year=2022&lang=${lang}&format=pdf`);
      expect(f.type).toBe("application/pdf");
      const text = await pdfText(f.bytes);
      for (const sentence of Object.values(words)) expect(text).toContain(sentence);
      expect(text).toContain("Demo Senior Officer B");
    }
  });
});

describe("any year", () => {
  it("a year with no records says there was nothing, in both languages", async () => {
    const en = await json("year=2015&lang=en");
    expect(en.paragraphs.map(plain)).toEqual([
      "On management related issues, no voluntary contribution to the CICA budget was received in 2015. The Secretary General kindly invites the Member States to demonstrate their commitment to the principles and goals of the CICA family through regular contribution of financial resources.",
      expect.stringMatching(/^In 2015, no new personnel was seconded to the Secretariat\. The Secretary General .* In 2015, no Member State had personnel seconded to the Secretariat\.$/),
      "As at 31 December 2015, the Secretariat has no open position awaiting recommendations of candidates.",
    ]);
    expect(en.notes.sections.find((s) => s.title === "Secondments that started in 2015")!.lines).toEqual(["None."]);
    const ru = await json("year=2015&lang=ru");
    expect(ru.paragraphs.map(plain)[0]).toMatch(/^По вопросам управления: в 2015 году добровольные взносы в бюджет СВМДА не поступали\./);
    expect(ru.paragraphs.map(plain)[2]).toBe("По состоянию на 31 декабря 2015 г. в Секретариате нет открытых должностей, ожидающих рекомендаций кандидатов.");
    const pdf = await file("year=2015&lang=ru&format=pdf");
    expect(await pdfText(pdf.bytes)).toContain("В 2015 году новый персонал в Секретариат не прикомандировывался.");
  });

  it("a role lacking gets 403 whatever the query; no session 401", async () => {
    for (const q of ["year=2022", "year=2022&format=docx", "year=nope&format=odt"]) {
      const res = await call("GET", `/api/reports/draft?${q}`, { cookie: viewer });
      expect(res.status).toBe(403);
      expect(res.json.error.code).toBe("auth.forbidden");
    }
    expect((await call("GET", "/api/reports/draft?year=2022")).status).toBe(401);
  });

  it("a bad query is 400 naming year, lang and format", async () => {
    const bad = await call("GET", "/api/reports/draft?year=20x2&lang=fr&format=odt", { cookie: finance });
    expect(bad.status).toBe(400);
    expect(bad.json.error.issues.map((i: { path: string }) => i.path).sort()).toEqual(["format", "lang", "year"]);
    const missing = await call("GET", "/api/reports/draft?lang=ru", { cookie: finance });
    expect(missing.status).toBe(400);
    expect(missing.json.error.issues.map((i: { path: string }) => i.path)).toEqual(["year"]);
    const range = await call("GET", "/api/reports/draft?year=1989", { cookie: finance });
    expect(range.json.error.issues[0].code).toBe("year.range");
  });
});
