/**
 * A filled vacancy's outcome note to each recommending state: the fill writes one outbox item per
 * state in its own transaction (the API sends nothing), and a run of the notices (the statements
 * function's hourly schedule) sends it to each of the state's focal points in their language,
 * exactly once: a repeated run sends nothing more. Real DynamoDB Local; the mail read back from
 * the outbox folder with mailparser.
 */
import "@tracker/core/mail";
import { MemberState, Notice } from "@tracker/core";
import { simpleParser, type ParsedMail } from "mailparser";
import { mkdtempSync, readdirSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { OutcomeNoteEntity } from "../packages/core/src/notice/notice.entity";
import { asSystem, call, userWith } from "./support/api";

const outbox = mkdtempSync(join(tmpdir(), "outcome-outbox-"));
process.env.MAIL_OUTBOX = outbox;
process.env.MAIL_TRANSPORT = "outbox";
process.env.MAIL_FROM = "CICA Secretariat <hr@secretariat.example.org>";

/** A day of no rotation alerts: the run sends outcome notes only. */
const TODAY = "2026-03-02";
let hr: string;

const emls = () => readdirSync(outbox).filter((f) => f.endsWith(".eml"));
const mails = async (): Promise<ParsedMail[]> => Promise.all(emls().map((f) => simpleParser(readFileSync(join(outbox, f)))));
const to = (m: ParsedMail) => (Array.isArray(m.to) ? m.to[0] : m.to)!.value[0]!.address;
const flat = (s: string | undefined) => (s ?? "").replace(/\s+/g, " ");

async function ok(res: { status: number; text: string; json: any }, status = 201) {
  if (res.status !== status) throw new Error(`${res.status} ${res.text}`);
  return res.json;
}

beforeAll(async () => {
  await asSystem(async () => {
    const state = (code: string, en: string, ru: string, contacts: MemberState.Contact[]) => MemberState.create({ code, name: { en, ru }, status: "member", contacts });
    await state("KZ", "Kazakhstan", "Казахстан", [
      { name: "KZ focal", email: "kz.en@example.org", language: "en" },
      { name: "Фокальная точка", email: "KZ.ru@example.org", language: "ru" },
    ]);
    await state("CN", "China", "Китай", [{ name: "CN focal", email: "cn@example.org", language: "ru" }]);
    await state("MN", "Mongolia", "Монголия", []);
    await state("TR", "Türkiye", "Турция", [{ name: "TR focal", email: "tr@example.org", language: "en" }]);
  });
  hr = (await userWith(["hr"])).cookie;
});

describe("the outcome notes of a filled vacancy", () => {
  let vacancyId: string;

  it("are written by the fill, in its transaction, one per recommending state; the API sends nothing", async () => {
    const post = await ok(await call("POST", "/api/posts", { cookie: hr, body: { number: "E-7", title: { en: "Expert", ru: "Эксперт" }, category: "expert", funding: "secondment" } }));
    const vacancy = await ok(await call("POST", "/api/vacancies", { cookie: hr, body: { postId: post.id, basis: "competitive", publishedOn: "2026-01-10", deadline: "2026-02-15" } }));
    vacancyId = vacancy.id;
    const recommend = async (stateCode: string, candidateName: string) =>
      ok(await call("POST", `/api/vacancies/${vacancy.id}/recommendations`, { cookie: hr, body: { stateCode, candidateName, receivedOn: "2026-02-01" } }));
    const chosen = await recommend("KZ", "Arman Bekov");
    await recommend("KZ", "Dana Akhmetova");
    await recommend("CN", "Wang Fang");
    await recommend("MN", "Bat-Erdene");
    await ok(await call("PATCH", `/api/vacancies/${vacancy.id}/recommendations/${chosen.id}`, { cookie: hr, body: { status: "shortlisted" } }), 200);
    const filled = await call("POST", `/api/vacancies/${vacancy.id}/fill`, { cookie: hr, body: { recommendationId: chosen.id, startOn: "2026-04-01" } });
    expect(filled.status).toBe(200);
    expect(emls()).toHaveLength(0);
    const pending = (await OutcomeNoteEntity.query.byQueue({ queue: "pending" }).go()).data;
    expect(pending.map((n) => [n.stateCode, n.candidates])).toEqual([
      ["CN", [{ name: "Wang Fang", selected: false }]],
      ["KZ", [{ name: "Arman Bekov", selected: true }, { name: "Dana Akhmetova", selected: false }]],
      ["MN", [{ name: "Bat-Erdene", selected: false }]],
    ]);
    // A state that recommended no one (TR) has no note.
    expect(pending.map((n) => n.vacancyId)).toEqual([vacancyId, vacancyId, vacancyId]);
  });

  it("go to each focal point once, in their language, selected and not selected worded apart; a repeated run sends nothing", async () => {
    const first = await asSystem(() => Notice.run({ today: TODAY }));
    expect(first.failed).toEqual([]);
    expect(first.sent.map((s) => [s.email, s.lang]).sort()).toEqual([
      ["cn@example.org", "ru"],
      ["kz.en@example.org", "en"],
      ["kz.ru@example.org", "ru"],
    ]);
    expect(first.skipped).toContainEqual({ kind: "vacancy_outcome", key: `${vacancyId}|MN`, reason: "no_contacts" });
    const got = await mails();
    expect(got).toHaveLength(3);
    const kzEn = got.find((m) => to(m) === "kz.en@example.org")!;
    expect(kzEn.subject).toBe('Vacancy "Expert": your candidate has been selected');
    expect(kzEn.headers.get("content-language")).toBe("en");
    expect(flat(kzEn.text)).toBe(
      'The Secretariat of the Conference on Interaction and Confidence Building Measures in Asia informs Kazakhstan that the vacancy "Expert" has been filled. ' +
        "We are pleased to inform you that the candidate recommended by Kazakhstan, Arman Bekov, has been selected; the appointment takes effect on 2026-04-01. " +
        "We regret to inform you that the candidate recommended by Kazakhstan, Dana Akhmetova, has not been selected. " +
        "The Secretariat thanks Kazakhstan for the recommendations. ",
    );
    const kzRu = got.find((m) => to(m) === "kz.ru@example.org")!;
    expect(kzRu.subject).toBe("Вакансия «Эксперт»: ваш кандидат отобран");
    expect(kzRu.headers.get("content-language")).toBe("ru");
    expect(flat(kzRu.text)).toContain("кандидат, рекомендованный государством Казахстан, Arman Bekov, отобран; назначение вступает в силу 2026-04-01.");
    expect(flat(kzRu.text)).toContain("Dana Akhmetova, не отобран.");
    const cn = got.find((m) => to(m) === "cn@example.org")!;
    expect(cn.subject).toBe("Вакансия «Эксперт»: итоги рассмотрения рекомендации");
    expect(flat(cn.text)).toBe(
      "Секретариат Совещания по взаимодействию и мерам доверия в Азии сообщает: вакансия «Эксперт» заполнена. " +
        "С сожалением сообщаем, что кандидат, рекомендованный государством Китай, Wang Fang, не отобран. " +
        "Секретариат благодарит государство Китай за рекомендацию. ",
    );
    expect(cn.html).toContain('<html lang="ru">');

    const again = await asSystem(() => Notice.run({ today: TODAY }));
    expect(again.sent).toEqual([]);
    expect(emls()).toHaveLength(3);
    // Each note left the queue once served.
    expect((await OutcomeNoteEntity.query.byQueue({ queue: "pending" }).go()).data).toEqual([]);
    expect((await OutcomeNoteEntity.query.byQueue({ queue: "done" }).go()).data).toHaveLength(3);
  });

  it("are not run by a signed-in user without admin", async () => {
    const { Actor } = await import("@tracker/core");
    await expect(Actor.provide({ type: "user", email: "hr@example.org", name: "HR", roles: ["hr"] }, () => Notice.run({ today: TODAY }))).rejects.toThrow(/admin/);
  });
});
