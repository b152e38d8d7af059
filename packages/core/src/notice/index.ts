/**
 * Notices that the mail function sends, each exactly once by the statements' machinery (a delivery
 * claimed with a conditional write before sending, marked sent after; a failed or unfinished claim
 * is retried by the next run, past its lease):
 *
 * - the weekly HR digest: the rotation alerts (90, 60, 30 and 0 days before a secondment's last day)
 *   whose day falls in an ISO week, one email to each HR user per week, in the user's language;
 * - the outcome notes of filled vacancies: the fill writes one outbox item per recommending state
 *   (./outbox.ts), and a run sends it to each of the state's focal points in their language.
 *
 * Only the notices function (packages/functions/src/notices.ts) and the local server send: a run
 * needs the mail module registered (core/mail), which the API does not load.
 */
export * as Notice from "./index";

import { createHash, randomUUID } from "node:crypto";
import * as Actor from "../actor";
import * as Clock from "../clock";
import { queryRecords, type EntityItem } from "../entity";
import * as Mail from "../mail/port";
import { MemberState } from "../member-state";
import { Organisation } from "../organisation";
import { Post } from "../post";
import { Secondment } from "../secondment";
import { LEASE_MS } from "../summary";
import { UserEntity } from "../user/user.entity";
import { NoticeDeliveryEntity, OutcomeNoteEntity } from "./notice.entity";
import * as Text from "./text";

export { outcomeItems } from "./outbox";
export * as Text from "./text";

/** The alert thresholds: days before a secondment's last day. */
export const THRESHOLDS = [90, 60, 30, 0] as const;

type Kind = "hr_digest" | "vacancy_outcome";
type Key = { kind: Kind; key: string; recipient: string };
type Delivery = EntityItem<typeof NoticeDeliveryEntity>;
type Note = EntityItem<typeof OutcomeNoteEntity>;

export interface Sent { kind: Kind; key: string; email: string; lang: "en" | "ru"; messageId: string }
export interface Skipped { kind: Kind; key: string; email?: string; reason: "already_sent" | "in_progress" | "undeliverable" | "no_contacts" | "no_alerts" | "no_hr_users" | "unknown_state" }
export interface Failed { kind: Kind; key: string; email?: string; error: string; attempts?: number }
export interface RunResult { week: string; sent: Sent[]; skipped: Skipped[]; failed: Failed[] }

/** The ISO 8601 week of a day ("2026-W10") and its Monday and Sunday. */
export function isoWeek(day: string): { id: string; monday: string; sunday: string } {
  const d = new Date(`${day}T00:00:00Z`);
  const weekday = (d.getUTCDay() + 6) % 7; // Monday 0
  const monday = Post.Dates.addDays(day, -weekday);
  const thursday = Post.Dates.addDays(monday, 3);
  const year = Number(thursday.slice(0, 4));
  const week = Math.floor((Date.parse(`${thursday}T00:00:00Z`) - Date.parse(`${year}-01-01T00:00:00Z`)) / 86_400_000 / 7) + 1;
  return { id: `${year}-W${String(week).padStart(2, "0")}`, monday, sunday: Post.Dates.addDays(monday, 6) };
}

function messageId(k: Key) {
  const h = createHash("sha256").update(`${k.kind}|${k.key}|${k.recipient}`).digest("hex").slice(0, 16);
  return `<${k.kind.replace("_", "-")}.${h}@${Mail.domainOf(Mail.sender())}>`;
}

/** Claims a delivery (compare-and-swap on the claim token); a reason when it is sent or held by another run. */
async function claim(k: Key, lang: "en" | "ru", reference: string): Promise<{ token: string; attempts: number } | "already_sent" | "in_progress"> {
  const now = Clock.nowMs();
  const existing = (await NoticeDeliveryEntity.get(k).go({ consistent: true })).data as Delivery | null;
  if (existing?.status === "sent") return "already_sent";
  if (existing?.status === "claimed" && existing.leaseUntil > now) return "in_progress";
  const token = randomUUID();
  const attempts = (existing?.attempts ?? 0) + 1;
  try {
    await NoticeDeliveryEntity.put({
      ...k,
      lang,
      status: "claimed",
      attempts,
      ...(existing?.lastError ? { lastError: existing.lastError } : {}),
      leaseUntil: now + LEASE_MS,
      claimToken: token,
      reference,
      messageId: messageId(k),
      updatedAt: new Date(now).toISOString(),
    })
      .where((a, op) => (existing ? op.eq(a.claimToken, existing.claimToken) : op.notExists(a.claimToken)))
      .go();
  } catch (error) {
    if ((error as { cause?: { name?: string } }).cause?.name === "ConditionalCheckFailedException") return "in_progress";
    throw error;
  }
  return { token, attempts };
}

/** Claims, sends and settles one notice to one recipient; what happened, for the run's result. */
async function deliver(
  k: Key,
  lang: "en" | "ru",
  reference: string,
  build: (id: string) => Mail.Message,
  transport: Mail.Transport,
  result: RunResult,
): Promise<"sent" | "skipped" | "failed"> {
  const claimed = await claim(k, lang, reference);
  if (typeof claimed === "string") {
    result.skipped.push({ kind: k.kind, key: k.key, email: k.recipient, reason: claimed });
    return claimed === "already_sent" ? "skipped" : "failed";
  }
  const message = build(messageId(k));
  const at = () => Clock.now().toISOString();
  try {
    const sent = await transport.send(await Mail.mailer().compose(message), message);
    await NoticeDeliveryEntity.patch(k)
      .set({ status: "sent", transport: sent.transport, location: sent.location.slice(0, 500), sentAt: at(), updatedAt: at() })
      .where((a, op) => op.eq(a.claimToken, claimed.token))
      .go();
    result.sent.push({ kind: k.kind, key: k.key, email: k.recipient, lang, messageId: message.messageId });
    return "sent";
  } catch (error) {
    const text = (error instanceof Error ? error.message : String(error)).slice(0, 500);
    await NoticeDeliveryEntity.patch(k)
      .set({ status: "failed", lastError: text, leaseUntil: 0, updatedAt: at() })
      .where((a, op) => op.eq(a.claimToken, claimed.token))
      .go()
      .catch(() => undefined);
    result.failed.push({ kind: k.kind, key: k.key, email: k.recipient, error: text, attempts: claimed.attempts });
    return "failed";
  }
}

/** The rotation alerts whose day (the last day less 90, 60, 30 or 0 days) falls from `monday` to `sunday`. */
export async function alertsOf(monday: string, sunday: string): Promise<Text.Alert[]> {
  const found = await Secondment.endingFrom(monday, Post.Dates.addDays(sunday, THRESHOLDS[0]));
  const states = new Map((await MemberState.listAll()).map((s) => [s.code, s.name]));
  const posts = new Map<string, string>();
  const alerts: Text.Alert[] = [];
  for (const s of found) {
    for (const t of THRESHOLDS) {
      const day = Post.Dates.addDays(s.lastOn, -t);
      if (day < monday || day > sunday || day < s.startOn) continue;
      if (!posts.has(s.postId)) posts.set(s.postId, (await Post.find(s.postId))?.number ?? s.postId);
      alerts.push({ threshold: t, personName: s.personName, state: states.get(s.sendingState) ?? { en: s.sendingState, ru: s.sendingState }, post: posts.get(s.postId)!, lastOn: s.lastOn });
    }
  }
  return alerts.sort((a, b) => a.lastOn.localeCompare(b.lastOn) || a.personName.localeCompare(b.personName));
}

/** HR users who may sign in (a Query on the users' index). */
async function hrUsers() {
  const r = await queryRecords<EntityItem<typeof UserEntity>>("user", UserEntity.query.all({}).params(), { all: true });
  return r.items.filter((u) => !u.disabled && u.roles.includes("hr"));
}

/** This week's digest to each HR user, once per week and user. */
async function sendDigest(today: string, transport: Mail.Transport, result: RunResult) {
  const week = isoWeek(today);
  const alerts = await alertsOf(week.monday, week.sunday);
  if (!alerts.length) {
    result.skipped.push({ kind: "hr_digest", key: week.id, reason: "no_alerts" });
    return;
  }
  const users = await hrUsers();
  if (!users.length) result.skipped.push({ kind: "hr_digest", key: week.id, reason: "no_hr_users" });
  for (const u of users) {
    const email = u.email.toLowerCase();
    // Users of before keep no language: English.
    const lang = u.language ?? "en";
    const body = Text.digest(week.id, alerts, lang);
    await deliver({ kind: "hr_digest", key: week.id, recipient: email }, lang, week.id, (id) => ({
      from: Mail.sender(),
      to: { name: u.name, address: email },
      subject: body.subject,
      text: body.text,
      html: body.html,
      lang,
      messageId: id,
      headers: { "X-Rotation-Week": week.id, "Auto-Submitted": "auto-generated" },
    }), transport, result);
  }
}

/** The pending outcome notes (a Query on the outbox's index), each to its state's focal points. */
async function sendOutcomes(transport: Mail.Transport, result: RunResult) {
  const pending = await queryRecords<Note>("outcomeNote", OutcomeNoteEntity.query.byQueue({ queue: "pending" }).params(), { all: true });
  if (!pending.items.length) return;
  const org = await Organisation.current();
  for (const note of pending.items) {
    const key = `${note.vacancyId}|${note.stateCode}`;
    const state = await MemberState.find(note.stateCode);
    let open = 0;
    if (!state) result.skipped.push({ kind: "vacancy_outcome", key, reason: "unknown_state" });
    else if (!state.contacts.length) result.skipped.push({ kind: "vacancy_outcome", key, reason: "no_contacts" });
    else
      for (const contact of state.contacts) {
        const email = contact.email.toLowerCase();
        if (contact.undeliverable) {
          result.skipped.push({ kind: "vacancy_outcome", key, email, reason: "undeliverable" });
          continue;
        }
        const lang = contact.language;
        const body = Text.outcome({ secretariat: org.secretariat[lang], state: state.name[lang], title: note.title[lang], startOn: note.startOn, candidates: note.candidates }, lang);
        const outcome = await deliver({ kind: "vacancy_outcome", key, recipient: email }, lang, key, (id) => ({
          from: Mail.sender(),
          to: { name: contact.name, address: email },
          subject: body.subject,
          text: body.text,
          html: body.html,
          lang,
          messageId: id,
          headers: { "X-Vacancy": note.vacancyId, "Auto-Submitted": "auto-generated" },
        }), transport, result);
        if (outcome === "failed") open++;
      }
    // Every focal point served (or none to serve): the note leaves the queue.
    if (!open) await OutcomeNoteEntity.put({ ...note, queue: "done", doneAt: Clock.now().toISOString() }).go();
  }
}

/** One run of the notices: the pending outcome notes, then this week's HR digest (as the system, or an admin). */
export async function run(options: { transport?: Mail.Transport; today?: string } = {}): Promise<RunResult> {
  // No route runs it: the schedule does, as the system (an admin may, from the command line).
  Actor.assertRole("admin");
  const today = options.today ?? Clock.today();
  const transport = options.transport ?? Mail.mailer().configured();
  const result: RunResult = { week: isoWeek(today).id, sent: [], skipped: [], failed: [] };
  await sendOutcomes(transport, result);
  await sendDigest(today, transport, result);
  return result;
}
