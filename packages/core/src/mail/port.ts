/**
 * What sending statements needs from mail, without the mail code: the message and transport types and
 * the place where the mail module (./index: nodemailer's MIME builder and the transports) registers
 * itself when a process that sends imports it — the statements function, the local server, the CLI.
 * The API imports only this, so nodemailer stays out of its bundle.
 */
export interface Message {
  from: string;
  to: { name: string; address: string };
  subject: string;
  text: string;
  html: string;
  lang: "en" | "ru";
  /** Stable id: the same statement to the same recipient always has the same Message-ID. */
  messageId: string;
  /** Where answers go (the finance contact): "Name <address>". */
  replyTo?: string;
  headers?: Record<string, string>;
  /** Files carried with the message (the statement's PDF). */
  attachments?: Attachment[];
}

export interface Attachment {
  filename: string;
  content: Uint8Array;
  contentType: string;
}

export interface Sent {
  transport: string;
  messageId: string;
  /** Where it went: a file path (outbox), the provider's id (SES, SMTP). */
  location: string;
}

export interface Transport {
  name: string;
  send(raw: Buffer, message: Message): Promise<Sent>;
}

export interface Mailer {
  /** The raw RFC 5322 message. */
  compose(m: Message): Promise<Buffer>;
  /** The transport configured for this process. */
  configured(): Transport;
}

/** The domain of an address ("Name <x@secretariat.example.org>" gives secretariat.example.org), for Message-IDs. */
export function domainOf(from: string): string {
  const address = /<([^>]+)>/.exec(from)?.[1] ?? from;
  return address.split("@")[1]?.trim().toLowerCase() || "localhost";
}

export function sender(): string {
  return process.env.MAIL_FROM ?? "Secretariat <secretariat@localhost>";
}

let registered: Mailer | undefined;

export function register(mailer: Mailer) {
  registered = mailer;
}

export function mailer(): Mailer {
  if (!registered) throw new Error('No mail module in this process: import "@tracker/core/mail" where statements are sent.');
  return registered;
}
