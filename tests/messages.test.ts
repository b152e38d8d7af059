/**
 * Messages are codes: the API answers with a code and its parameters (English text for integrators),
 * and the web's catalogues, one file per language in ICU MessageFormat, give every code and UI key.
 */
import { en as api } from "@tracker/core/messages/en";
import { MemberState } from "@tracker/core";
import { IntlMessageFormat } from "intl-messageformat";
import { beforeAll, describe, expect, it } from "vitest";
import { en } from "../packages/web/src/i18n/en";
import { ru } from "../packages/web/src/i18n/ru";
import { loadCatalogue, translate } from "../packages/web/src/i18n";
import { asSystem, call, userWith } from "./support/api";
import { seedStates } from "./support/browser";

const catalogues = { en, ru } as const;

/** An element of the parsed message (intl-messageformat's AST): literals, arguments, plural and select with options, tags. */
interface Element {
  type: number;
  value?: unknown;
  options?: Record<string, { value: Element[] }>;
  children?: Element[];
}
const LITERAL = 0;
const POUND = 7;

/** The parameter names a message uses, however deep (plural, select). */
function argumentsOf(elements: Element[], out = new Set<string>()): Set<string> {
  for (const e of elements) {
    if (e.type !== LITERAL && e.type !== POUND && typeof e.value === "string") out.add(e.value);
    for (const option of Object.values(e.options ?? {})) argumentsOf(option.value, out);
    if (e.children) argumentsOf(e.children, out);
  }
  return out;
}
const argsOf = (text: string, locale: string) => [...argumentsOf(new IntlMessageFormat(text, locale).getAst() as Element[])].sort();

describe("the catalogues", () => {
  it("have the same keys in every language, and the English one gives every API code", () => {
    const keys = Object.keys(en).sort();
    expect(Object.keys(ru).sort()).toEqual(keys);
    for (const code of Object.keys(api)) expect(keys, code).toContain(code);
  });

  it("hold only messages that parse as ICU MessageFormat, with the parameters of the English text", () => {
    for (const [lang, catalogue] of Object.entries(catalogues)) {
      for (const [key, text] of Object.entries(catalogue)) {
        expect(() => new IntlMessageFormat(text, lang), `${lang} ${key}`).not.toThrow();
      }
    }
    for (const [code, text] of Object.entries(api)) {
      // A translation of an API code may leave a parameter out, never use one the API does not send.
      const sent = argsOf(text, "en");
      for (const name of argsOf(ru[code as keyof typeof ru], "ru")) expect(sent, `ru ${code} uses {${name}}`).toContain(name);
    }
    // The web may word an API code for the screen, but only with the parameters the API sends.
    for (const [code, text] of Object.entries(api)) {
      const sent = argsOf(text, "en");
      for (const name of argsOf(en[code as keyof typeof en], "en")) expect(sent, `en ${code} uses {${name}}`).toContain(name);
    }
  });

  it("write Russian counts with the right plural form", async () => {
    await loadCatalogue("ru");
    const soon = (days: number | string) => translate("ru", "secondments.onlyEndingSoon", { days });
    expect([1, 2, 5, 21, 22, 25, 111].map(soon)).toEqual([
      "Только завершающиеся в ближайшие 1 день",
      "Только завершающиеся в ближайшие 2 дня",
      "Только завершающиеся в ближайшие 5 дней",
      "Только завершающиеся в ближайшие 21 день",
      "Только завершающиеся в ближайшие 22 дня",
      "Только завершающиеся в ближайшие 25 дней",
      "Только завершающиеся в ближайшие 111 дней",
    ]);
    // A count the page has already written as digits counts the same.
    expect(soon("21")).toBe("Только завершающиеся в ближайшие 21 день");
    const wait = (minutes: number) => translate("ru", "auth.too_many_attempts", { minutes });
    expect([1, 3, 11, 21].map(wait)).toEqual([
      "Слишком много неудачных попыток входа с этим адресом. Повторите через 1 минуту.",
      "Слишком много неудачных попыток входа с этим адресом. Повторите через 3 минуты.",
      "Слишком много неудачных попыток входа с этим адресом. Повторите через 11 минут.",
      "Слишком много неудачных попыток входа с этим адресом. Повторите через 21 минуту.",
    ]);
    const chars = (minimum: number) => translate("ru", "field.too_small", { origin: "string", minimum });
    expect([2, 5, 21].map(chars)).toEqual(["Не менее 2 символов.", "Не менее 5 символов.", "Не менее 21 символа."]);
  });

  it("translate an API code with its parameters, dates written out", async () => {
    await Promise.all([loadCatalogue("en"), loadCatalogue("ru")]);
    expect(translate("ru", "secondment.extend_after", { date: "2026-12-31" })).toBe("Новый срок должен быть позже текущего — 31 декабря 2026 г.");
    expect(translate("en", "amount.decimals", { currency: "JPY", digits: 0 })).toBe("JPY has no minor unit: give a whole number.");
    expect(translate("en", "amount.decimals", { currency: "KWD", digits: 3 })).toBe("KWD allows at most 3 decimals.");
    expect(translate("ru", "amount.decimals", { currency: "KWD", digits: 3 })).toBe("Для KWD допускается не более 3 знаков после точки.");
  });
});

describe("the API's error answers", () => {
  let finance: string;
  let viewer: string;
  let hr: string;

  beforeAll(async () => {
    await asSystem(() => MemberState.seed(seedStates()));
    finance = (await userWith(["finance"])).cookie;
    viewer = (await userWith(["viewer"])).cookie;
    hr = (await userWith(["hr"])).cookie;
  });

  const cash = (over: Record<string, unknown> = {}) => ({
    stateCode: "KZ", kind: "cash", status: "received", amount: "46025000.00", currency: "KZT",
    exchangeRate: "460.25", date: "2022-03-15", purpose: "regular_budget", ...over,
  });

  it("say what type was expected: amount 5 is not a string", async () => {
    const res = await call("POST", "/api/contributions", { cookie: finance, body: cash({ amount: 5 }) });
    expect(res.status).toBe(400);
    expect(res.json.error).toMatchObject({ code: "request.invalid", message: "Some fields are not valid: amount.", params: { fields: "amount" } });
    expect(res.json.error.issues).toEqual([
      { path: "amount", code: "field.invalid_type", params: { expected: "string" }, message: "Expected a string." },
    ]);
  });

  it("say what type was expected: year=notayear is not a number", async () => {
    const res = await call("GET", "/api/reports/staffing?year=notayear", { cookie: viewer });
    expect(res.status).toBe(400);
    expect(res.json.error.issues).toEqual([{ path: "year", code: "field.invalid_type", params: { expected: "number" }, message: "Expected a number." }]);
  });

  it("call an absent field and an empty one required, never zod's own text", async () => {
    const { amount: _a, ...noAmount } = cash();
    const absent = await call("POST", "/api/contributions", { cookie: finance, body: noAmount });
    expect(absent.json.error.issues).toEqual([{ path: "amount", code: "field.required", params: {}, message: "Required." }]);

    const empty = await call("POST", "/api/secondments", {
      cookie: hr,
      body: { personName: "Aigerim Nurlanovna", sendingState: "KZ", postId: "", startOn: "2026-01-01", endOn: "2026-12-31" },
    });
    expect(empty.status).toBe(400);
    expect(empty.json.error.issues).toEqual([{ path: "postId", code: "field.required", params: {}, message: "Required." }]);

    const noKind = await call("POST", "/api/contributions", { cookie: finance, body: cash({ kind: "" }) });
    expect(noKind.json.error.issues).toEqual([{ path: "kind", code: "field.required", params: {}, message: "Required." }]);
  });

  it("give limits, options, unknown fields and refinements as codes with their parameters", async () => {
    const res = await call("POST", "/api/contributions", {
      cookie: finance,
      body: cash({ kind: "gift", amount: "100.123", reference: "x".repeat(201), colour: "red" }),
    });
    expect(res.status).toBe(400);
    const byPath = Object.fromEntries(res.json.error.issues.map((i: { path: string }) => [i.path, i]));
    expect(byPath.colour).toEqual({ path: "colour", code: "field.unknown", params: {}, message: "Unknown field." });
    expect(byPath.kind).toMatchObject({ code: "field.invalid_option", params: { options: "cash, in_kind" } });
    expect(byPath.reference).toEqual({ path: "reference", code: "field.too_big", params: { origin: "string", maximum: 200 }, message: "At most 200 characters." });

    const decimals = await call("POST", "/api/contributions", { cookie: finance, body: cash({ amount: "100.123" }) });
    expect(decimals.json.error.issues).toEqual([
      { path: "amount", code: "amount.decimals", params: { currency: "KZT", digits: 2 }, message: "KZT allows at most 2 decimals." },
    ]);
  });

  it("carry the code's parameters on an error too", async () => {
    const res = await call("GET", "/api/states/XX", { cookie: viewer });
    expect(res.status).toBe(404);
    expect(res.json.error).toEqual({ code: "state.not_found", message: "No member state with code XX.", params: { code: "XX" } });
  });
});
