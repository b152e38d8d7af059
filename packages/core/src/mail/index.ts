/**
 * One MIME builder (nodemailer's MailComposer) and the transports that carry
 * its bytes: Amazon SES v2 on AWS, SMTP when SMTP_URL is set, and locally an
 * outbox folder of .eml files. Imported (`@tracker/core/mail`) only where
 * statements are sent: importing it registers it for Summary.run (./port).
 */
export * as Mail from "./index";

import { mkdir, writeFile } from "node:fs/promises";
import { join, resolve } from "node:path";
import MailComposer from "nodemailer/lib/mail-composer";
import { register, type Message, type Transport } from "./port";

export type { Attachment, Message, Sent, Transport } from "./port";
export { domainOf, sender } from "./port";

const crlf = (s: string) => s.replace(/\r?\n/g, "\r\n");

/**
 * The raw RFC 5322 message, text and HTML alternatives (and attachments), UTF-8, every line ending
 * CRLF, so each transport (SES, SMTP, the outbox's .eml files) carries the same bytes.
 */
export function compose(m: Message): Promise<Buffer> {
  const composer = new MailComposer({
    from: m.from,
    to: { name: m.to.name, address: m.to.address },
    ...(m.replyTo ? { replyTo: m.replyTo } : {}),
    subject: m.subject,
    text: crlf(m.text),
    html: crlf(m.html),
    messageId: m.messageId,
    date: new Date(),
    headers: { "Content-Language": m.lang, ...(m.headers ?? {}) },
    textEncoding: "quoted-printable",
    ...(m.attachments?.length
      ? { attachments: m.attachments.map((a) => ({ filename: a.filename, content: Buffer.from(a.content), contentType: a.contentType })) }
      : {}),
  });
  return new Promise((ok, fail) => composer.compile().build((error, raw) => (error ? fail(error) : ok(raw))));
}

/** Local: each message an .eml file in MAIL_OUTBOX (default .data/outbox). */
export function outbox(dir = process.env.MAIL_OUTBOX ?? resolve(process.cwd(), ".data/outbox")): Transport {
  return {
    name: "outbox",
    async send(raw, m) {
      await mkdir(dir, { recursive: true });
      const safe = (s: string) => s.replace(/[^A-Za-z0-9._-]+/g, "_");
      const file = join(dir, `${safe(m.messageId.replace(/[<>]/g, ""))}.eml`);
      await writeFile(file, raw, { flag: "wx" }).catch(async (error: NodeJS.ErrnoException) => {
        if (error.code === "EEXIST") await writeFile(join(dir, `${safe(m.messageId.replace(/[<>]/g, ""))}.${Date.now()}.eml`), raw);
        else throw error;
      });
      return { transport: "outbox", messageId: m.messageId, location: file };
    },
  };
}

/** SMTP, e.g. SMTP_URL=smtps://user:pass@smtp.example.org:465 */
export function smtp(url: string): Transport {
  let transporter: Promise<{ sendMail(o: object): Promise<{ messageId: string; response: string }> }> | undefined;
  return {
    name: "smtp",
    async send(raw, m) {
      transporter ??= import("nodemailer").then((n) => n.createTransport(url) as never);
      const address = /<([^>]+)>/.exec(m.from)?.[1] ?? m.from;
      const info = await (await transporter).sendMail({ envelope: { from: address, to: [m.to.address] }, raw });
      return { transport: "smtp", messageId: m.messageId, location: info.response };
    },
  };
}

/** Amazon SES v2 (the raw message as built above). */
export function ses(): Transport {
  let client: Promise<{ send(c: unknown): Promise<{ MessageId?: string }> }> | undefined;
  let Command: (new (input: object) => unknown) | undefined;
  return {
    name: "ses",
    async send(raw, m) {
      if (!client) {
        const sdk = await import("@aws-sdk/client-sesv2");
        Command = sdk.SendEmailCommand as never;
        client = Promise.resolve(new sdk.SESv2Client({ ...(process.env.SES_ENDPOINT ? { endpoint: process.env.SES_ENDPOINT } : {}) }) as never);
      }
      const out = await (await client).send(
        new Command!({
          FromEmailAddress: m.from,
          Destination: { ToAddresses: [m.to.address] },
          Content: { Raw: { Data: raw } },
          ...(process.env.SES_CONFIGURATION_SET ? { ConfigurationSetName: process.env.SES_CONFIGURATION_SET } : {}),
        }),
      );
      return { transport: "ses", messageId: m.messageId, location: out.MessageId ?? "" };
    },
  };
}

/** The transport configured for this process: MAIL_TRANSPORT, else SMTP when SMTP_URL is set, else the outbox. */
export function configured(): Transport {
  const kind = process.env.MAIL_TRANSPORT ?? (process.env.SMTP_URL ? "smtp" : "outbox");
  if (kind === "ses") return ses();
  if (kind === "smtp") {
    if (!process.env.SMTP_URL) throw new Error("MAIL_TRANSPORT=smtp needs SMTP_URL");
    return smtp(process.env.SMTP_URL);
  }
  return outbox();
}

register({ compose, configured });
