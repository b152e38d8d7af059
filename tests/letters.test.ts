/**
 * How a statement looks and travels: the organisation's profile as data, the
 * states' formal names and the addressee, the PDF note verbale (parsed back
 * with pdf-parse), the collective picture, and mail that a spam filter and a
 * phone accept (read back with mailparser, measured in a real Chromium).
 */
import "@tracker/core/mail";
import { Budget, Contribution, MemberState, Organisation, Statement, Summary } from "@tracker/core";
import { simpleParser, type ParsedMail } from "mailparser";
import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { PDFDocument } from "pdf-lib";
import { pdfText, plain } from "./support/pdf";
import { chromium } from "playwright-core";
import { beforeAll, describe, expect, it } from "vitest";
import { MODULE, source } from "../scripts/fonts";
import { app, asSystem, call, userWith } from "./support/api";
import { CHROMIUM, chromiumAvailable, mustRun, seedStates } from "./support/browser";

const outbox = mkdtempSync(join(tmpdir(), "letters-outbox-"));
process.env.MAIL_OUTBOX = outbox;
process.env.MAIL_FROM = "CICA Secretariat <statements@secretariat.example.org>";

let admin: string;
let finance: string;
let viewer: string;



async function setContacts(code: string, contacts: MemberState.Contact[]) {
  const s = (await MemberState.find(code))!;
  await MemberState.update({ code, name: s.name, status: s.status, contacts, version: s.version });
}

async function profile() {
  return (await call("GET", "/api/organisation", { cookie: viewer })).json as Organisation.Info;
}
const fields = ({ version: _v, createdAt: _a, createdBy: _b, updatedAt: _c, updatedBy: _d, ...f }: Organisation.Info) => f;

async function getPdf(query: string, cookie = finance) {
  const res = await app.request(`http://localhost/api/summaries/preview.pdf?${query}`, { headers: { cookie } });
  const bytes = new Uint8Array(await res.arrayBuffer());
  // STATEMENT_PDF_DIR=dir keeps the PDFs, to look at them (pdftoppm -png -r 60).
  if (process.env.STATEMENT_PDF_DIR && res.ok) writeFileSync(join(process.env.STATEMENT_PDF_DIR, `${query.replace(/[^A-Za-z0-9-]+/g, "_")}.pdf`), bytes);
  return { res, bytes };
}

beforeAll(async () => {
  await asSystem(async () => {
    await MemberState.seed(seedStates());
    await setContacts("KR", [
      { name: "KR focal", email: "kr.en@example.org", language: "en" },
      { name: "KR фокальная точка", email: "kr.ru@example.org", language: "ru" },
    ]);
    await setContacts("RU", [
      { name: "RU focal", email: "ru@example.org", language: "ru", addressee: "Министерству иностранных дел Российской Федерации" },
    ]);
    await setContacts("MN", [{ name: "MN focal", email: "mn@example.org", language: "en", addressee: "the Ministry of Foreign Affairs of Mongolia" }]);
    const c = (x: Partial<Contribution.CreateInput>) =>
      Contribution.create({ stateCode: "KR", kind: "cash", status: "received", amount: "50000.00", currency: "USD", date: "2022-02-15", purpose: "regular_budget", ...x } as Contribution.CreateInput);
    await c({}); // KR: USD 50,000.00 in Q1
    await c({ stateCode: "CN", amount: "100000.00", date: "2022-06-10" }); // after Q1: USD 100,000.00
    await c({ kind: "in_kind", amount: "5000.00", description: "Interpretation", date: "2022-03-01" });
    await Budget.put({ year: 2022, status: "approved", decisionRef: "SOC/2021/12", lines: [{ code: "REG", name: "Regular budget", amountUsd: "400000.00" }], version: 0 });
  });
  admin = (await userWith(["admin"])).cookie;
  finance = (await userWith(["finance"])).cookie;
  viewer = (await userWith(["viewer"])).cookie;
});

describe("the organisation's profile", () => {
  it("is the seeded CICA profile (version 0) until an admin stores one", async () => {
    const p = await profile();
    expect(p.version).toBe(0);
    expect(p.secretariat).toEqual({
      en: "Secretariat of the Conference on Interaction and Confidence Building Measures in Asia",
      ru: "Секретариат Совещания по взаимодействию и мерам доверия в Азии",
    });
    expect(p.abbreviation).toEqual({ en: "CICA", ru: "СВМДА" });
    expect(p.referenceFormat).toBe("SEC/FIN/{period}/{state}");
    expect(p.showBudgetCoverage).toBe(true);
  });

  it("refuses other roles whatever the body, and a bad field by name, writing nothing", async () => {
    const p = await profile();
    for (const cookie of [finance, viewer]) {
      expect((await call("PUT", "/api/organisation", { cookie, body: { nonsense: true } })).status).toBe(403);
    }
    const bad = await call("PUT", "/api/organisation", {
      cookie: admin,
      body: { ...fields(p), referenceFormat: "SEC/FIN/{period}", financeContact: { name: "Finance", email: "not-an-address" }, version: 0 },
    });
    expect(bad.status).toBe(400);
    expect(bad.json.error.issues.map((i: { path: string }) => i.path).sort()).toEqual(["financeContact.email", "referenceFormat"]);
    expect((await profile()).version).toBe(0);
  });

  it("is replaced by an admin with the version read, audited, and a stale version is refused", async () => {
    const p = await profile();
    const body = {
      ...fields(p),
      bankDetails: { en: "Bank: Halyk Bank, Astana\nIBAN: KZ00 0000 0000 0000 0000\nSWIFT: HSBKKZKX", ru: "Банк: Halyk Bank, г. Астана\nIBAN: KZ00 0000 0000 0000 0000\nSWIFT: HSBKKZKX" },
      financeContact: { name: "Finance Unit", email: "finance@secretariat.example.org" },
      version: 0,
    };
    const put = await call("PUT", "/api/organisation", { cookie: admin, body });
    expect(put.status).toBe(200);
    expect(put.json).toMatchObject({ version: 1, financeContact: { email: "finance@secretariat.example.org" } });
    expect((await call("PUT", "/api/organisation", { cookie: admin, body })).status).toBe(409);
    const trail = (await call("GET", "/api/audit?entity=organisation", { cookie: admin })).json.items;
    expect(trail).toHaveLength(1);
    expect(trail[0]).toMatchObject({ id: "profile", action: "create" });
    expect(trail[0].changes.financeContact[1]).toEqual({ name: "Finance Unit", email: "finance@secretariat.example.org" });
  });
});

describe("formal names and the addressee", () => {
  it("the seed gives all 28 states a formal name; a PUT without one keeps it", async () => {
    const states = (await call("GET", "/api/states", { cookie: viewer })).json.items as MemberState.Info[];
    const members = states.filter((s) => seedStates().some((x) => x.code === s.code));
    expect(members).toHaveLength(28);
    expect(members.every((s) => s.formalName)).toBe(true);
    expect(states.find((s) => s.code === "KR")!.formalName).toEqual({
      en: "the Republic of Korea", ru: "Республика Корея", ruGenitive: "Республики Корея", ruDative: "Республике Корея",
    });
    expect(states.find((s) => s.code === "MN")!.formalName!.en).toBe("Mongolia");
    expect(states.find((s) => s.code === "BH")!.formalName!.en).toBe("the Kingdom of Bahrain");
    const kr = states.find((s) => s.code === "KR")!;
    const put = await call("PUT", "/api/states/KR", { cookie: admin, body: { name: kr.name, status: kr.status, contacts: kr.contacts, version: kr.version } });
    expect(put.status).toBe(200);
    expect(put.json.formalName.ruDative).toBe("Республике Корея");
  });

  it("the seed fills a missing formal name in an existing installation and changes nothing else", async () => {
    await asSystem(async () => {
      const s = (await MemberState.find("TH"))!;
      await MemberState.update({ code: "TH", name: s.name, status: s.status, contacts: s.contacts, formalName: null, version: s.version });
      expect((await MemberState.find("TH"))!.formalName).toBeUndefined();
      expect(await MemberState.seed(seedStates())).toBe(0);
      const after = (await MemberState.find("TH"))!;
      expect(after.formalName).toEqual({ en: "the Kingdom of Thailand", ru: "Королевство Таиланд", ruGenitive: "Королевства Таиланд", ruDative: "Королевству Таиланд" });
      expect(after.version).toBe(s.version + 2);
    });
  });

  it("addresses the competent authorities with the article, in Russian in the right case, without quotation marks", async () => {
    const en = (await call("GET", "/api/summaries/preview?state=KR&period=2022-Q1&lang=en", { cookie: finance })).json;
    const text = plain(en.text);
    expect(text).toContain(
      "presents its compliments to the competent authorities of the Republic of Korea and has the honour to transmit herewith the statement of the voluntary contributions of the Republic of Korea to the CICA budget for the fiscal year 2022, as at 31 March 2022.",
    );
    expect(text).toContain("deep appreciation to the Republic of Korea for its valuable contribution");
    expect(text).toContain("renew to the competent authorities of the Republic of Korea the assurances of its highest consideration.");
    const ru = plain((await call("GET", "/api/summaries/preview?state=KR&period=2022-Q1&lang=ru", { cookie: finance })).json.text);
    expect(ru).toContain("свидетельствует свое уважение компетентным органам Республики Корея и имеет честь препроводить настоящим выписку о добровольных взносах Республики Корея в бюджет СВМДА");
    expect(ru).toContain("Секретариат выражает глубокую признательность Республике Корея за ценный вклад");
    expect(ru).not.toMatch(/[«»]/);
  });

  it("a focal point's ministry is the addressee", async () => {
    await asSystem(() => Summary.run({ period: "2022-Q1", states: ["RU", "MN"] }));
    const mails = await parsedMails();
    const ru = mails.find((m) => m.subject?.includes("SEC/FIN/2022-Q1/RU"))!;
    expect(plain(ru.text!)).toContain("свидетельствует свое уважение Министерству иностранных дел Российской Федерации и имеет честь препроводить");
    expect(plain(ru.text!)).toContain("выписку о добровольных взносах Российской Федерации");
    expect(plain(ru.text!)).toContain("возобновить Министерству иностранных дел Российской Федерации уверения");
    expect(ru.text).not.toMatch(/[«»]/);
    const mn = mails.find((m) => m.subject?.includes("SEC/FIN/2022-Q1/MN"))!;
    expect(plain(mn.text!)).toContain("presents its compliments to the Ministry of Foreign Affairs of Mongolia");
    expect(plain(mn.text!)).toContain("The Secretariat would welcome any voluntary contribution to the CICA budget that Mongolia may wish to consider");
  });
});

async function parsedMails(): Promise<ParsedMail[]> {
  const files = readdirSync(outbox).filter((f) => f.endsWith(".eml")).sort();
  return Promise.all(files.map((f) => simpleParser(readFileSync(join(outbox, f)))));
}

describe("the collective picture", () => {
  it("says how much of the year's budget the contributions received cover, as at the period's end", async () => {
    const q1 = plain((await call("GET", "/api/summaries/preview?state=KR&period=2022-Q1&lang=en", { cookie: finance })).json.text);
    expect(q1).toContain("As at 31 March 2022, the financial contributions received from the Member States cover 12.5 per cent of the CICA budget for 2022.");
    const year = plain((await call("GET", "/api/summaries/preview?state=KR&period=2022&lang=ru", { cookie: finance })).json.text);
    expect(year).toContain("По состоянию на 31 декабря 2022 г. поступившие денежные взносы государств-членов покрывают 37,5 % бюджета СВМДА на 2022 год.");
  });
});

describe("the PDF note verbale", () => {
  it("is served to finance as A4 PDF with the letterhead in both languages, the reference, the table, the totals and the text", async () => {
    const { res, bytes } = await getPdf("state=KR&period=2022-Q1&lang=en");
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toBe("application/pdf");
    expect(res.headers.get("content-disposition")).toBe('inline; filename="SEC-FIN-2022-Q1-KR-en.pdf"');
    expect(Buffer.from(bytes.subarray(0, 5)).toString()).toBe("%PDF-");
    const doc = await PDFDocument.load(bytes);
    expect(doc.getPages().map((p) => p.getSize())).toEqual(doc.getPages().map(() => ({ width: 595.28, height: 841.89 })));
    expect(doc.getTitle()).toBe("Statement of voluntary contributions of Republic of Korea to the CICA budget, Q1 2022 (Ref. SEC/FIN/2022-Q1/KR)");
    const text = await pdfText(bytes);
    expect(text).toContain("SECRETARIAT OF THE CONFERENCE ON INTERACTION");
    expect(text).toContain("СЕКРЕТАРИАТ СОВЕЩАНИЯ ПО ВЗАИМОДЕЙСТВИЮ");
    expect(text).toContain("No. SEC/FIN/2022-Q1/KR");
    expect(text).toContain("USD 50,000.00");
    expect(text).toContain("USD 5,000.00");
    expect(text).toMatch(/Financial contributions received\s+USD 50,000.00/);
    expect(text).toContain("competent authorities of the Republic of Korea");
    expect(text).toContain("IBAN: KZ00 0000 0000 0000 0000");
    expect(text).toContain("COMPETENT AUTHORITIES OF THE REPUBLIC OF KOREA");
  });

  it("in Russian, with the Cyrillic text readable back", async () => {
    const { bytes } = await getPdf("state=KR&period=2022-Q1&lang=ru");
    const text = await pdfText(bytes);
    expect(text).toContain("№ SEC/FIN/2022-Q1/KR");
    expect(text).toMatch(/Поступившие денежные взносы\s+50 000,00 USD/);
    expect(text).toContain("Секретариат выражает глубокую признательность Республике Корея");
    expect(text).toContain("г. Астана");
    expect(text).toContain("КОМПЕТЕНТНЫМ ОРГАНАМ РЕСПУБЛИКИ КОРЕЯ");
  });

  it("gives back the arrears and a payment line with their exact figures", async () => {
    // Mongolia: 1,380,000.00 KZT pledged in 2020 at 460 (USD 3,000.00), 460,000.00 paid in 2021, 230,000.00 in February 2022.
    const mn = (x: Partial<Contribution.CreateInput>) =>
      asSystem(() => Contribution.create({ stateCode: "MN", kind: "cash", status: "received", currency: "KZT", exchangeRate: "460", purpose: "regular_budget", amount: "1.00", date: "2020-01-01", ...x } as Contribution.CreateInput));
    const pledge = await mn({ status: "pledged", amount: "1380000.00", date: "2020-05-10", reference: "MN-2020" });
    await mn({ amount: "460000.00", date: "2021-04-01", pledgeId: pledge.id });
    const payment = await mn({ amount: "230000.00", date: "2022-02-01", pledgeId: pledge.id, reference: "MN-PO-7" });
    const text = await pdfText((await getPdf("state=MN&period=2022-Q1&lang=en")).bytes);
    expect(text).toContain("Pledges of earlier years outstanding as at 31 March 2022");
    expect(text).toContain("Pledges of 2020: outstanding USD 1,500.00");
    expect(text).toContain(
      `– ${pledge.number} of 10 May 2020: pledged KZT 1,380,000.00 (USD 3,000.00); received KZT 690,000.00 (USD 1,500.00); outstanding KZT 690,000.00 (USD 1,500.00)`,
    );
    expect(text).toMatch(/Total outstanding from earlier years\s+USD 1,500.00/);
    expect(text).toContain(`${payment.number} 1 February 2022 financial, received; regular budget MN-PO-7 KZT 230,000.00 460 USD 500.00`);
    expect(text).toContain(`Payment of pledge ${pledge.number} of 10 May 2020; balance of the pledge after it: KZT 690,000.00`);
  });

  it("is refused to other roles", async () => {
    for (const cookie of [viewer, (await userWith(["hr"])).cookie]) expect((await getPdf("state=KR&period=2022&lang=en", cookie)).res.status).toBe(403);
  });

  it("ships its font inside the code: the generated module is the TTF files, with their licence beside them", () => {
    expect(readFileSync(MODULE, "utf8")).toBe(source());
    expect(readFileSync(join(import.meta.dirname, "../packages/core/assets/fonts/LICENSE.txt"), "utf8")).toContain("Bitstream Vera");
  });
});

describe("the organisation is data", () => {
  it("a changed profile changes the letter's names, references and coverage line; no CICA left in code", async () => {
    const p = await profile();
    const put = await call("PUT", "/api/organisation", {
      cookie: admin,
      body: {
        ...fields(p),
        name: { en: "Example Conference", ru: "Примерное совещание" },
        abbreviation: { en: "EXC", ru: "ПРС" },
        secretariat: { en: "Secretariat of the Example Conference", ru: "Секретариат Примерного совещания" },
        city: { en: "Almaty", ru: "г. Алматы" },
        referenceFormat: "EXC/{year}/{state}/{period}",
        signature: { en: "Example Secretariat", ru: "Секретариат ПРС" },
        showBudgetCoverage: false,
        version: p.version,
      },
    });
    expect(put.status).toBe(200);
    const en = (await call("GET", "/api/summaries/preview?state=KR&period=2022-Q1&lang=en", { cookie: finance })).json;
    expect(en.reference).toBe("EXC/2022/KR/2022-Q1");
    expect(en.subject).toBe("Statement of voluntary contributions of Republic of Korea to the EXC budget, Q1 2022 (Ref. EXC/2022/KR/2022-Q1)");
    expect(en.text).toContain("The Secretariat of the Example Conference (EXC) presents its compliments");
    expect(en.text).toContain("Almaty, ");
    expect(en.text).not.toContain("CICA");
    expect(en.text).not.toContain("per cent of the");
    const ru = (await call("GET", "/api/summaries/preview?state=KR&period=2022-Q1&lang=ru", { cookie: finance })).json;
    expect(ru.text).not.toContain("СВМДА");
    expect(ru.text).toContain("Секретариат Примерного совещания (ПРС) свидетельствует");
    const pdf = await pdfText((await getPdf("state=KR&period=2022-Q1&lang=ru")).bytes);
    expect(pdf).toContain("СЕКРЕТАРИАТ ПРИМЕРНОГО СОВЕЩАНИЯ");
    expect(pdf).not.toContain("СВМДА");
    // Back to the seeded profile for what follows.
    const now = await profile();
    expect((await call("PUT", "/api/organisation", { cookie: admin, body: { ...fields(now), ...fields(Organisation.defaults()), bankDetails: p.bankDetails, financeContact: p.financeContact, version: now.version } })).status).toBe(200);
  });
});

describe("statements by email", () => {
  it("CRLF throughout, a Message-ID on the sender's domain, Auto-Submitted, Reply-To the finance contact, the PDF attached", async () => {
    const result = await asSystem(() => Summary.run({ period: "2022", states: ["KR"] }));
    expect(result.sent.map((s) => s.email).sort()).toEqual(["kr.en@example.org", "kr.ru@example.org"]);
    const files = readdirSync(outbox).filter((f) => f.includes("2022.KR"));
    expect(files).toHaveLength(2);
    for (const f of files) {
      const raw = readFileSync(join(outbox, f));
      expect(raw.toString("latin1").match(/(?<!\r)\n/g)).toBeNull();
      expect(raw.toString("latin1").match(/\r(?!\n)/g)).toBeNull();
      const mail = await simpleParser(raw);
      expect(mail.messageId).toMatch(/^<statement\.2022\.KR\.[0-9a-f]{16}@secretariat\.example\.org>$/);
      expect(mail.headers.get("auto-submitted")).toBe("auto-generated");
      expect(mail.replyTo!.value).toEqual([{ address: "finance@secretariat.example.org", name: "Finance Unit" }]);
      expect(mail.html).toContain('<meta name="viewport" content="width=device-width, initial-scale=1">');
      expect(mail.attachments).toHaveLength(1);
      const [pdf] = mail.attachments;
      expect(pdf!.contentType).toBe("application/pdf");
      const lang = mail.headers.get("content-language") as "en" | "ru";
      expect(pdf!.filename).toBe(`SEC-FIN-2022-KR-${lang}.pdf`);
      const text = await pdfText(pdf!.content);
      expect(text).toContain(lang === "en" ? "No. SEC/FIN/2022/KR" : "№ SEC/FIN/2022/KR");
      expect(text).toContain(lang === "en" ? "USD 50,000.00" : "50 000,00 USD");
      if (lang === "ru") expect(text).toContain("Секретариат пользуется случаем, чтобы возобновить компетентным органам Республики Корея уверения");
    }
  });

  it.runIf(chromiumAvailable || mustRun)("the HTML fits a 390 px phone screen, in both languages", async () => {
    const browser = await chromium.launch({ executablePath: CHROMIUM, args: ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync"] });
    try {
      const page = await (await browser.newContext({ viewport: { width: 390, height: 844 } })).newPage();
      for (const lang of ["en", "ru"] as const) {
        const data = await asSystem(async () => Statement.gather((await MemberState.find("KR"))!, "2022"));
        await page.setContent(Statement.render(data, lang).html);
        const width = await page.evaluate(() => document.documentElement.scrollWidth);
        expect(width).toBeLessThanOrEqual(390);
      }
      // The same test catches a table that does not fit: the former five columns kept on one line.
      await page.setContent(`<meta name="viewport" content="width=device-width"><table><tr>${"<td style=\"white-space:nowrap\">USD 50,000.00</td>".repeat(5)}</tr></table>`);
      expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeGreaterThan(390);
    } finally {
      await browser.close();
    }
  });
});
