/**
 * The lists' exports over HTTP: CSV and XLSX, in English and Russian, with the
 * list's filters, search and sort, exact values and totals; XLSX read back with
 * exceljs, CSV with csv-parse.
 */
import { MemberState } from "@tracker/core";
import { parse } from "csv-parse/sync";
import ExcelJS from "exceljs";
import { beforeAll, describe, expect, it } from "vitest";
import { app, asSystem, call, userWith } from "./support/api";
import { seedStates } from "./support/browser";

let finance: string;
let viewer: string;
let hr: string;
let admin: string;
const ids: Record<string, string> = {};

async function post(cookie: string, path: string, body: unknown) {
  const res = await call("POST", path, { cookie, body });
  if (res.status !== 201) throw new Error(`${path}: ${res.status} ${res.text}`);
  return res.json;
}

async function bytes(path: string, cookie: string) {
  const res = await app.request(`http://localhost${path}`, { headers: { cookie } });
  return { status: res.status, type: res.headers.get("content-type"), disposition: res.headers.get("content-disposition"), body: Buffer.from(await res.arrayBuffer()) };
}

/** The first sheet as rows of cell values (exceljs: numbers, Dates, strings). */
async function sheet(path: string, cookie = viewer) {
  const res = await bytes(path, cookie);
  expect(res.status).toBe(200);
  expect(res.type).toBe("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");
  const book = new ExcelJS.Workbook();
  await book.xlsx.load(res.body as unknown as ArrayBuffer);
  const ws = book.worksheets[0]!;
  const rows: unknown[][] = [];
  ws.eachRow({ includeEmpty: false }, (row) => {
    const values: unknown[] = [];
    for (let i = 1; i <= ws.columnCount; i++) values.push(row.getCell(i).value ?? null);
    rows.push(values);
  });
  return { name: ws.name, rows, ws };
}

function csvRows(text: string, delimiter: string) {
  expect(text.startsWith("\uFEFF")).toBe(true);
  return parse(text, { bom: true, delimiter, relax_column_count: false }) as string[][];
}

const TODAY = new Date().toISOString().slice(0, 10);
const day = (iso: string) => new Date(`${iso}T00:00:00Z`);

beforeAll(async () => {
  await asSystem(() => MemberState.seed(seedStates()));
  finance = (await userWith(["finance"])).cookie;
  viewer = (await userWith(["viewer"])).cookie;
  hr = (await userWith(["hr"])).cookie;
  admin = (await userWith(["admin"], "admin-exports@example.org")).cookie;
  const base = { kind: "cash", status: "received", purpose: "regular_budget" };
  ids.kz1 = (await post(finance, "/api/contributions", { ...base, stateCode: "KZ", amount: "46025000.00", currency: "KZT", exchangeRate: "460.25", date: "2013-03-15", reference: "PO-17" })).id;
  ids.kz2 = (await post(finance, "/api/contributions", { ...base, stateCode: "KZ", amount: "230125.00", currency: "KZT", exchangeRate: "460.25", date: "2013-04-02", reference: "PO-18" })).id;
  ids.qa = (await post(finance, "/api/contributions", { ...base, stateCode: "QA", amount: "50000.00", currency: "USD", date: "2013-06-01", reference: "Wire 88" })).id;
  ids.cn = (await post(finance, "/api/contributions", { ...base, kind: "in_kind", stateCode: "CN", amount: "1000.00", currency: "USD", date: "2013-07-01", description: "Conference hall" })).id;
  ids.ru = (await post(finance, "/api/contributions", { ...base, status: "pledged", stateCode: "RU", amount: "2500.00", currency: "EUR", exchangeRate: "0.8", date: "2013-02-01" })).id;
  ids.void = (await post(finance, "/api/contributions", { ...base, stateCode: "QA", amount: "10.00", currency: "USD", date: "2013-08-01", reference: "Mistake" })).id;
  const voided = await call("POST", `/api/contributions/${ids.void}/void`, { cookie: finance, body: { reason: "Entered twice", version: 1 } });
  expect(voided.status).toBe(200);

  const p1 = await post(hr, "/api/posts", { number: "2", title: { en: "Expert on economy", ru: "Эксперт по экономике" }, category: "expert", funding: "secondment", grade: "E-1" });
  const p2 = await post(hr, "/api/posts", { number: "10", title: { en: "Finance officer", ru: "Финансовый сотрудник" }, category: "professional", funding: "regular_budget" });
  ids.p1 = p1.id;
  ids.p2 = p2.id;
  await post(hr, "/api/secondments", { personName: "Aigerim Sadykova", sendingState: "KZ", postId: p1.id, startOn: "2020-01-01", endOn: "2030-12-31", decisionRef: "No. 45" });
  await post(hr, "/api/vacancies", { postId: p2.id, basis: "competitive", publishedOn: "2022-01-10", deadline: "2022-02-15" });
});

const EN_HEAD = ["Number", "Date", "Member state", "Kind", "Status", "Purpose", "Earmark", "Amount", "Currency", "Rate per 1 USD", "Amount, USD",
  "Outstanding, USD", "Reference", "Description", "Voided", "Reason voided", "Recorded by"];
const RU_HEAD = ["Номер", "Дата", "Государство-член", "Форма", "Статус", "Назначение", "Целевое назначение", "Сумма", "Валюта", "Курс за 1 долл. США",
  "Сумма, долл. США", "Остаток, долл. США", "Ссылка", "Описание", "Аннулирован", "Причина аннулирования", "Кем внесён"];

describe("contributions", () => {
  it("CSV in English: `,`, headers in words, the kind and status filters honoured, totals per currency and in USD", async () => {
    const res = await call("GET", "/api/exports/contributions?year=2013&kind=cash&status=received&sort=date", { cookie: viewer });
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toBe("text/csv; charset=utf-8");
    expect(res.headers.get("content-disposition")).toBe('attachment; filename="contributions-2013-en.csv"');
    const rows = csvRows(res.text, ",");
    expect(rows[0]).toEqual(EN_HEAD);
    const body = rows.slice(1).map((r) => [r[1], r[2], r[3], r[4], r[7], r[8], r[9], r[10], r[12], r[14]]);
    expect(body).toEqual([
      ["2013-03-15", "Kazakhstan", "Cash", "Received", "46025000.00", "KZT", "460.25", "100000.00", "PO-17", "No"],
      ["2013-04-02", "Kazakhstan", "Cash", "Received", "230125.00", "KZT", "460.25", "500.00", "PO-18", "No"],
      ["2013-06-01", "Qatar", "Cash", "Received", "50000.00", "USD", "1", "50000.00", "Wire 88", "No"],
      ["2013-08-01", "Qatar", "Cash", "Received", "10.00", "USD", "1", "10.00", "Mistake", "Yes"],
      // Totals: per currency (voided left out), then USD; never KZT and USD added together.
      ["", "", "", "", "46255125.00", "KZT", "", "", "", ""],
      ["", "", "", "", "50000.00", "USD", "", "", "", ""],
      ["", "", "", "", "", "", "", "150500.00", "", ""],
    ]);
    expect(rows.slice(-3).map((r) => r[0])).toEqual(["Total in KZT", "Total in USD", "Total"]);
  });

  it("CSV in Russian: `;`, decimal comma, DD.MM.YYYY, Russian words", async () => {
    const res = await call("GET", "/api/exports/contributions?year=2013&state=KZ&lang=ru&sort=-date", { cookie: viewer });
    expect(res.headers.get("content-disposition")).toBe('attachment; filename="contributions-2013-KZ-ru.csv"');
    const rows = csvRows(res.text, ";");
    expect(rows[0]).toEqual(RU_HEAD);
    expect(rows.slice(1).map((r) => [r[1], r[2], r[3], r[4], r[5], r[7], r[9], r[10], r[14]])).toEqual([
      ["02.04.2013", "Казахстан", "В денежной форме", "Поступил", "Регулярный бюджет", "230125,00", "460,25", "500,00", "Нет"],
      ["15.03.2013", "Казахстан", "В денежной форме", "Поступил", "Регулярный бюджет", "46025000,00", "460,25", "100000,00", "Нет"],
      ["", "", "", "", "", "46255125,00", "", "", ""],
      ["", "", "", "", "", "", "", "100500,00", ""],
    ]);
    expect(rows.slice(-2).map((r) => r[0])).toEqual(["Итого в KZT", "Итого"]);
  });

  it("XLSX in English: numbers as numbers, dates as dates, search and sort honoured", async () => {
    const { name, rows } = await sheet("/api/exports/contributions?year=2013&format=xlsx&q=kazakh&sort=-amount");
    expect(name).toBe("Contributions");
    expect(rows[0]).toEqual(EN_HEAD);
    expect(rows.slice(1).map((r) => [r[1], r[2], r[7], r[8], r[10], r[12]])).toEqual([
      [day("2013-03-15"), "Kazakhstan", 46025000, "KZT", 100000, "PO-17"],
      [day("2013-04-02"), "Kazakhstan", 230125, "KZT", 500, "PO-18"],
      [null, null, 46255125, "KZT", null, null],
      [null, null, null, null, 100500, null],
    ]);
    expect(rows.slice(-2).map((r) => r[0])).toEqual(["Total in KZT", "Total"]);
  });

  it("XLSX in Russian: Russian headers and words, the pledge's outstanding amount, number formats", async () => {
    const { name, rows, ws } = await sheet("/api/exports/contributions?year=2013&format=xlsx&lang=ru&status=pledged");
    expect(name).toBe("Взносы");
    expect(rows[0]).toEqual(RU_HEAD);
    expect(rows.slice(1, 2).map((r) => [r[1], r[2], r[3], r[4], r[7], r[8], r[9], r[10], r[11], r[14]])).toEqual([
      [day("2013-02-01"), "Россия", "В денежной форме", "Объявлен", 2500, "EUR", 0.8, 3125, 3125, "Нет"],
    ]);
    expect(rows.slice(2).map((r) => [r[0], r[7], r[8], r[10], r[11]])).toEqual([
      ["Итого в EUR", 2500, "EUR", null, null],
      ["Итого", null, null, 3125, 3125],
    ]);
    expect(ws.getCell("H2").numFmt).toBe("#,##0.00");
    expect(ws.getCell("B2").numFmt).toBe("mm-dd-yy");
  });

  it("a search that finds a description, and words that find nothing, give only the totals", async () => {
    const found = csvRows((await call("GET", "/api/exports/contributions?year=2013&q=conference", { cookie: viewer })).text, ",");
    expect(found.slice(1, -2).map((r) => [r[2], r[3], r[13]])).toEqual([["China", "In kind", "Conference hall"]]);
    const none = csvRows((await call("GET", "/api/exports/contributions?year=2013&q=nowhere", { cookie: viewer })).text, ",");
    expect(none.slice(1).map((r) => [r[0], r[10], r[11]])).toEqual([["Total", "0.00", "0.00"]]);
  });

  it("a bad format, language or sort is a 400 naming it", async () => {
    for (const [query, field] of [["format=pdf", "format"], ["lang=fr", "lang"], ["sort=colour", "sort"]] as const) {
      const res = await call("GET", `/api/exports/contributions?year=2013&${query}`, { cookie: viewer });
      expect(res.status).toBe(400);
      expect(JSON.stringify(res.json)).toContain(`"${field}"`);
    }
  });
});

describe("staff, secondments, vacancies, users", () => {
  it("the staff matrix in Russian, filtered by status, as XLSX", async () => {
    const { rows } = await sheet("/api/exports/posts?format=xlsx&lang=ru&status=vacant");
    expect(rows).toEqual([
      ["Номер должности", "Наименование", "Категория", "Класс", "Подразделение", "Финансирование", "Статус", "Сотрудник", "Гражданство", "С", "По", "По состоянию на"],
      ["10", "Финансовый сотрудник", "Сотрудники", null, null, "Регулярный бюджет", "Вакантна", null, null, null, null, day(TODAY)],
    ]);
  });

  it("the staff matrix in English, sorted by number descending, as CSV", async () => {
    const rows = csvRows((await call("GET", "/api/exports/posts?sort=-number", { cookie: viewer })).text, ",");
    expect(rows.map((r) => r.slice(0, 9))).toEqual([
      ["Post number", "Title", "Category", "Grade", "Unit", "Funding", "Status", "Incumbent", "Nationality"],
      ["10", "Finance officer", "Officers", "", "", "Regular budget", "Vacant", "", ""],
      ["2", "Expert on economy", "Experts", "E-1", "", "Secondment", "Filled", "Aigerim Sadykova", "Kazakhstan"],
    ]);
  });

  it("secondments in Russian as CSV, and a state filter that leaves none", async () => {
    const rows = csvRows((await call("GET", "/api/exports/secondments?lang=ru&state=KZ", { cookie: viewer })).text, ";");
    expect(rows).toEqual([
      ["Прикомандированный сотрудник", "Направляющее государство", "Гражданство", "Должность", "Начало", "Плановое окончание", "Последний день", "Статус", "Продления", "Номер решения", "Примечание"],
      ["Aigerim Sadykova", "Казахстан", "Казахстан", "2", "01.01.2020", "31.12.2030", "31.12.2030", "Действует", "0", "No. 45", ""],
    ]);
    expect(csvRows((await call("GET", "/api/exports/secondments?state=QA", { cookie: viewer })).text, ",")).toHaveLength(1);
  });

  it("vacancies in English as XLSX", async () => {
    const { rows } = await sheet("/api/exports/vacancies?format=xlsx&status=open");
    expect(rows).toEqual([
      ["Vacancy", "Post", "Basis", "Published", "Deadline", "Recommendations", "Status"],
      ["Finance officer", "10", "Competitive", day("2022-01-10"), day("2022-02-15"), 0, "Open"],
    ]);
  });

  it("users for an admin, in Russian; 403 for any other role, 401 signed out", async () => {
    const { rows } = await sheet("/api/exports/users?format=xlsx&lang=ru&q=admin-exports", admin);
    expect(rows).toEqual([
      ["Электронная почта", "Имя", "Роли", "Статус", "Вход заблокирован до"],
      ["admin-exports@example.org", "Test admin", "Администратор", "Активна", null],
    ]);
    for (const cookie of [viewer, finance, hr]) expect((await bytes("/api/exports/users?format=xlsx", cookie)).status).toBe(403);
    expect((await call("GET", "/api/exports/users?format=nonsense", { cookie: viewer })).status).toBe(403);
    expect((await call("GET", "/api/exports/contributions")).status).toBe(401);
  });
});

describe("the year reports", () => {
  it("the contribution report in English as CSV, at the new address and at the old .csv one", async () => {
    const expected = [
      ["State code", "Member state", "Received, USD", "In kind, USD", "Pledged outstanding, USD", "Contributions"],
      ["KZ", "Kazakhstan", "100500.00", "0.00", "0.00", "2"],
      ["QA", "Qatar", "50000.00", "0.00", "0.00", "1"],
      ["CN", "China", "0.00", "1000.00", "0.00", "1"],
      ["RU", "Russia", "0.00", "0.00", "3125.00", "1"],
      ["", "Total", "150500.00", "1000.00", "3125.00", "5"],
      ["", "Budget", "0.00", "", "", ""],
      ["", "Funding gap", "-150500.00", "", "", ""],
    ];
    const res = await call("GET", "/api/exports/reports/contributions?year=2013", { cookie: viewer });
    expect(res.headers.get("content-disposition")).toBe('attachment; filename="contributions-report-2013-en.csv"');
    expect(csvRows(res.text, ",")).toEqual(expected);
    const old = await call("GET", "/api/reports/contributions.csv?year=2013", { cookie: viewer });
    expect(old.status).toBe(200);
    expect(old.headers.get("content-type")).toBe("text/csv; charset=utf-8");
    expect(csvRows(old.text, ",")).toEqual(expected);
  });

  it("the contribution report in Russian: `;` and a decimal comma in CSV, numbers as numbers in XLSX", async () => {
    const old = await call("GET", "/api/reports/contributions.csv?year=2013&lang=ru", { cookie: viewer });
    const rows = csvRows(old.text, ";");
    expect(rows[0]).toEqual(["Код государства", "Государство-член", "Поступило, долл. США", "В натуральной форме, долл. США", "Объявлено и не поступило, долл. США", "Взносов"]);
    expect(rows[1]).toEqual(["KZ", "Казахстан", "100500,00", "0,00", "0,00", "2"]);
    expect(rows.slice(-3).map((r) => [r[1], r[2]])).toEqual([["Итого", "150500,00"], ["Бюджет", "0,00"], ["Дефицит финансирования", "-150500,00"]]);

    const { name, rows: cells, ws } = await sheet("/api/exports/reports/contributions?year=2013&format=xlsx&lang=ru");
    expect(name).toBe("Взносы 2013");
    expect(cells.slice(1).map((r) => [r[0], r[1], r[2], r[3], r[4], r[5]])).toEqual([
      ["KZ", "Казахстан", 100500, 0, 0, 2],
      ["QA", "Катар", 50000, 0, 0, 1],
      ["CN", "Китай", 0, 1000, 0, 1],
      ["RU", "Россия", 0, 0, 3125, 1],
      [null, "Итого", 150500, 1000, 3125, 5],
      [null, "Бюджет", 0, null, null, null],
      [null, "Дефицит финансирования", -150500, null, null, null],
    ]);
    expect(ws.getCell("C2").numFmt).toBe("#,##0.00");
    expect(ws.getCell("C6").font?.bold).toBe(true);
  });

  it("the staffing report in Russian as XLSX and CSV, in English at the old .csv address", async () => {
    const year = Number(TODAY.slice(0, 4));
    const { name, rows } = await sheet(`/api/exports/reports/staffing?year=${year}&format=xlsx&lang=ru`);
    expect(name).toBe(`Кадры ${year}`);
    expect(rows[0]).toEqual(["Раздел", "Код", "Имя", "Показатель", "Значение", "Дата"]);
    const find = (section: string, figure: string, code: string | null = null) => rows.find((r) => r[0] === section && r[3] === figure && r[1] === code);
    expect(find("Сводка", "Должности")?.[4]).toBe(2);
    expect(find("Сводка", "Штатное расписание на")?.[5]).toEqual(day(TODAY));
    expect(find("Сводка", "Вакантна")?.[4]).toBe(1);
    expect(find("Должности по категориям", "Должности", "expert")?.slice(2, 5)).toEqual(["Эксперты", "Должности", 1]);
    expect(find("Сотрудники по гражданству", "Сотрудников", "KZ")?.slice(2, 5)).toEqual(["Казахстан", "Сотрудников", 1]);
    expect(find("Прикомандирования по направляющим государствам", "Человек", "KZ")?.[4]).toBe(1);

    const csv = csvRows((await call("GET", `/api/exports/reports/staffing?year=${year}&lang=ru`, { cookie: viewer })).text, ";");
    expect(csv.find((r) => r[0] === "Сводка" && r[3] === "Штатное расписание на")?.[5]).toBe(TODAY.split("-").reverse().join("."));
    expect(csv.find((r) => r[0] === "Сводка" && r[3] === "Доля вакантных должностей, %")?.[4]).toBe("50,0");

    const en = csvRows((await call("GET", `/api/reports/staffing.csv?year=${year}`, { cookie: viewer })).text, ",");
    expect(en[0]).toEqual(["Section", "Code", "Name", "Figure", "Value", "Date"]);
    expect(en.find((r) => r[0] === "Summary" && r[3] === "Vacancy rate, %")?.[4]).toBe("50.0");
  });

  it("a bad format or language is a 400 naming it; signed out is 401", async () => {
    const bad = await call("GET", "/api/exports/reports/contributions?year=2013&format=pdf", { cookie: viewer });
    expect(bad.status).toBe(400);
    expect(bad.json.error.issues.map((i: { path: string }) => i.path)).toEqual(["format"]);
    const lang = await call("GET", "/api/reports/staffing.csv?lang=kk", { cookie: viewer });
    expect(lang.status).toBe(400);
    expect(lang.json.error.issues.map((i: { path: string }) => i.path)).toEqual(["lang"]);
    expect((await call("GET", "/api/exports/reports/staffing")).status).toBe(401);
  });
});
