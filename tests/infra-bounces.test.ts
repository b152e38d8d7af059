/**
 * Mail that bounces is noticed: the bounce handler, fed SES's documented
 * event bodies (as SNS delivers them), marks the address on its focal points;
 * the next statement run skips it; editing the email clears the mark.
 */
import "@tracker/core/mail";
import { Audit, MemberState, Summary } from "@tracker/core";
import { Bounce } from "@tracker/core/bounce/index";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { handler } from "../packages/functions/src/bounces";
import { asSystem } from "./support/api";

process.env.MAIL_OUTBOX = mkdtempSync(join(tmpdir(), "outbox-"));
process.env.MAIL_FROM = "CICA Secretariat <statements@secretariat.example.org>";

/** A Bounce event record as SES event publishing sends it to SNS (AWS SES developer guide, "Examples of event data that Amazon SES publishes to Amazon SNS"). */
const bounce = (address: string, bounceType = "Permanent") => ({
  eventType: "Bounce",
  bounce: {
    bounceType,
    bounceSubType: bounceType === "Permanent" ? "General" : "MailboxFull",
    bouncedRecipients: [{ emailAddress: address, action: "failed", status: "5.1.1", diagnosticCode: "smtp; 550 5.1.1 user unknown" }],
    timestamp: "2026-10-01T06:00:41.669Z",
    feedbackId: "01000157c44f053b-61b59c11-9236-11e6-8f96-7be8aexample-000000",
    reportingMTA: "dsn; mta.example.com",
  },
  mail: {
    timestamp: "2026-10-01T06:00:02.012Z",
    source: "CICA Secretariat <statements@secretariat.example.org>",
    sourceArn: "arn:aws:ses:eu-central-1:123456789012:identity/secretariat.example.org",
    sendingAccountId: "123456789012",
    messageId: "EXAMPLE7c191be45-e9aedb9a-02f9-4d12-a87d-dd0099a07f8a-000000",
    destination: [address],
    headersTruncated: false,
    headers: [{ name: "To", value: address }],
    commonHeaders: { from: ["CICA Secretariat <statements@secretariat.example.org>"], to: [address], subject: "Statement" },
    tags: { "ses:configuration-set": ["secretariat-tracker-prod"] },
  },
});

/** A Complaint event record (same page of the guide). */
const complaint = (address: string) => ({
  eventType: "Complaint",
  complaint: {
    feedbackId: "01000157c44f053b-61b59c11-9236-11e6-8f96-7be8aexample-000000",
    complaintSubType: null,
    complainedRecipients: [{ emailAddress: address }],
    timestamp: "2026-10-01T06:03:23.000Z",
    userAgent: "Mozilla/5.0 (Windows NT 10.0; Win64; x64)",
    complaintFeedbackType: "abuse",
    arrivalDate: "2026-10-01T06:03:20.000Z",
  },
  mail: {
    timestamp: "2026-10-01T06:00:02.012Z",
    source: "CICA Secretariat <statements@secretariat.example.org>",
    sendingAccountId: "123456789012",
    messageId: "EXAMPLE7c191be45-e9aedb9a-02f9-4d12-a87d-dd0099a07f8b-000000",
    destination: [address],
  },
});

/** What the Lambda receives from an SNS subscription. */
const sns = (message: object) => ({
  Records: [{ EventSource: "aws:sns", Sns: { Type: "Notification", MessageId: "95df01b4-ee98-5cb9-9903-4c221d41eb5e", Message: JSON.stringify(message) } }],
});

const contact = (state: string, email: string) => MemberState.find(state).then((s) => s!.contacts.find((c) => c.email === email));

async function setContacts(code: string, contacts: MemberState.Contact[]) {
  const s = (await MemberState.find(code))!;
  await MemberState.update({ code, name: s.name, status: s.status, contacts, version: s.version });
}

beforeAll(async () => {
  await asSystem(async () => {
    for (const [code, en] of [["KZ", "Kazakhstan"], ["TR", "Türkiye"], ["QA", "Qatar"]] as const) {
      await MemberState.create({ code, name: { en, ru: en }, status: "member", contacts: [] });
    }
    await setContacts("KZ", [
      { name: "Focal point", email: "kz.focal@example.org", language: "en" },
      { name: "Deputy", email: "kz.deputy@example.org", language: "ru" },
    ]);
    // The same person is focal point of two states.
    await setContacts("TR", [{ name: "Shared", email: "Shared.Focal@example.org", language: "en" }]);
    await setContacts("QA", [{ name: "Shared", email: "shared.focal@example.org", language: "en" }]);
  });
});

describe("SES bounces and complaints", () => {
  it("reads SES's documented bodies: a permanent bounce and a complaint are reported, a transient bounce and a delivery are not", () => {
    expect(Bounce.parse(JSON.stringify(bounce("a@example.org")))).toEqual({ reason: "bounce", addresses: ["a@example.org"], at: "2026-10-01T06:00:41.669Z" });
    expect(Bounce.parse(complaint("b@example.org"))).toEqual({ reason: "complaint", addresses: ["b@example.org"], at: "2026-10-01T06:03:23.000Z" });
    expect(Bounce.parse(bounce("a@example.org", "Transient"))).toBeUndefined();
    expect(Bounce.parse(bounce("a@example.org", "Undetermined"))).toBeUndefined();
    expect(Bounce.parse({ eventType: "Delivery", delivery: { recipients: ["a@example.org"] } })).toBeUndefined();
    expect(Bounce.parse("not json")).toBeUndefined();
    // An identity notification (no configuration set) names the type notificationType.
    const { eventType: _e, ...rest } = bounce("c@example.org");
    expect(Bounce.parse({ notificationType: "Bounce", ...rest })?.addresses).toEqual(["c@example.org"]);
  });

  it("a hard bounce marks the address on its focal point, with an audit event, and the next run skips it", async () => {
    const before = (await MemberState.find("KZ"))!;
    await handler(sns(bounce("kz.focal@example.org")));
    const after = (await MemberState.find("KZ"))!;
    expect(after.version).toBe(before.version + 1);
    expect(after.updatedBy).toBe("system:ses");
    expect(await contact("KZ", "kz.focal@example.org")).toEqual({
      name: "Focal point",
      email: "kz.focal@example.org",
      language: "en",
      undeliverable: { reason: "bounce", at: "2026-10-01T06:00:41.669Z" },
    });
    expect((await contact("KZ", "kz.deputy@example.org"))!.undeliverable).toBeUndefined();
    const events = await asSystem(() => Audit.list({ entity: "memberState", id: "KZ" }));
    expect(events.items[0]).toMatchObject({ action: "undeliverable", actor: after.updatedBy, id: "KZ" });
    expect(Object.keys(events.items[0]!.changes)).toEqual(["contacts", "version", "updatedAt", "updatedBy"].filter((k) => k in events.items[0]!.changes));
    expect(events.items[0]!.changes.contacts).toBeDefined();

    const run = await asSystem(() => Summary.run({ period: "2025", states: ["KZ"] }));
    expect(run.skipped).toEqual([{ state: "KZ", email: "kz.focal@example.org", reason: "undeliverable" }]);
    expect(run.sent.map((s) => s.email)).toEqual(["kz.deputy@example.org"]);
  });

  it("a complaint marks the address on every state that has it, whatever its case", async () => {
    await handler(sns(complaint("SHARED.focal@example.org")));
    expect((await contact("TR", "Shared.Focal@example.org"))!.undeliverable).toEqual({ reason: "complaint", at: "2026-10-01T06:03:23.000Z" });
    expect((await contact("QA", "shared.focal@example.org"))!.undeliverable).toEqual({ reason: "complaint", at: "2026-10-01T06:03:23.000Z" });
    const run = await asSystem(() => Summary.run({ period: "2025", states: ["TR", "QA"] }));
    expect(run.skipped.map((s) => [s.state, s.reason]).sort()).toEqual([["QA", "undeliverable"], ["TR", "undeliverable"]]);
    expect(run.sent).toEqual([]);
  });

  it("a transient bounce changes nothing, and a second report of a marked address writes nothing", async () => {
    const kz = (await MemberState.find("KZ"))!;
    await handler(sns(bounce("kz.deputy@example.org", "Transient")));
    await handler(sns(bounce("kz.focal@example.org")));
    expect((await MemberState.find("KZ"))!.version).toBe(kz.version);
  });

  it("an edit keeps the mark while the email stays, and editing the email clears it", async () => {
    const s = (await MemberState.find("KZ"))!;
    await asSystem(() =>
      setContacts("KZ", [
        { name: "Focal point (renamed)", email: "kz.focal@example.org", language: "en" },
        { name: "Deputy", email: "kz.deputy@example.org", language: "ru" },
      ]),
    );
    expect((await contact("KZ", "kz.focal@example.org"))!.undeliverable?.reason).toBe("bounce");
    await asSystem(() =>
      setContacts("KZ", [
        { name: "Focal point", email: "kz.focal.new@example.org", language: "en" },
        { name: "Deputy", email: "kz.deputy@example.org", language: "ru" },
      ]),
    );
    expect((await contact("KZ", "kz.focal.new@example.org"))!.undeliverable).toBeUndefined();
    expect((await MemberState.find("KZ"))!.version).toBe(s.version + 2);
    const run = await asSystem(() => Summary.run({ period: "2025", states: ["KZ"], dryRun: true }));
    expect(run.skipped).toEqual([{ state: "KZ", email: "kz.deputy@example.org", reason: "already_sent" }]);
    expect(run.sent.map((x) => x.email)).toEqual(["kz.focal.new@example.org"]);
  });
});
