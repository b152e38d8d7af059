export * as MemberState from "./index";

import * as z from "zod";
import * as Actor from "../actor";
import { Audit } from "../audit";
import * as Clock from "../clock";
import { asTransactItem } from "../dynamo";
import { VisibleError } from "../error";
import { fn } from "../fn";
import { issue } from "../messages/zod";
import { Bilingual, EmailAddress, IsoDate, readBack, Stamps, Text, unchanged, Version } from "../schema";
import { firstStamps, getRecord, queryRecords } from "../entity";
import { MemberStateEntity } from "./member-state.entity";

export const STATUSES = ["member", "observer", "partner"] as const;
export const LANGUAGES = ["en", "ru"] as const;

/** ISO 3166-1 alpha-2, upper case. */
export const Code = z.string().regex(/^[A-Z]{2}$/, issue("state.code_form"));

export const Contact = z.strictObject({
  name: Text({ max: 200 }),
  email: EmailAddress,
  language: z.enum(LANGUAGES),
  /**
   * The ministry or mission the statements are addressed to, in the contact's language as the letter
   * names it ("the Ministry of Foreign Affairs of the Republic of Korea"; in Russian in the dative,
   * «Министерству иностранных дел Республики Корея»). Absent: "the competent authorities of ...".
   */
  addressee: z.string().trim().min(1, "Required.").max(300).optional(),
});
export type Contact = z.infer<typeof Contact>;

/**
 * The state's formal name as the letters use it: in English with the article where English needs
 * one ("the Republic of Korea", but "Mongolia"); in Russian in the nominative, and in the genitive
 * («компетентным органам Республики Корея») and dative («признательность Республике Корея») cases.
 */
export const FormalName = z.strictObject({
  en: z.string().trim().min(1, "Required.").max(300),
  ru: z.string().trim().min(1, "Required.").max(300),
  ruGenitive: z.string().trim().min(1, "Required.").max(300),
  ruDative: z.string().trim().min(1, "Required.").max(300),
});
export type FormalName = z.infer<typeof FormalName>;

/** What a caller sends to create a member state. */
export const CreateInput = z.strictObject({
  code: Code,
  name: Bilingual,
  status: z.enum(STATUSES),
  joinedOn: IsoDate.optional(),
  formalName: FormalName.optional(),
  /** The last day of membership of a state that left. */
  leftOn: IsoDate.optional(),
  contacts: z.array(Contact).max(20).default([]),
});
export type CreateInput = z.input<typeof CreateInput>;

/** What a caller sends to replace a member state (PUT): every field, and the version it read. */
export const UpdateInput = z.strictObject({
  code: Code,
  name: Bilingual,
  status: z.enum(STATUSES),
  joinedOn: IsoDate.nullable().optional(),
  /** Absent: the formal name stays as it is; null: removed. */
  formalName: FormalName.nullable().optional(),
  leftOn: IsoDate.nullable().optional(),
  contacts: z.array(Contact).max(20).default([]),
  version: Version,
});
export type UpdateInput = z.input<typeof UpdateInput>;

export const Info = z.object({
  code: z.string(),
  name: z.object({ en: z.string(), ru: z.string() }),
  status: z.enum(STATUSES),
  joinedOn: z.string().optional(),
  formalName: z.object({ en: z.string(), ru: z.string(), ruGenitive: z.string(), ruDative: z.string() }).optional(),
  leftOn: z.string().optional(),
  contacts: z.array(
    z.object({
      name: z.string(),
      email: z.string(),
      language: z.enum(LANGUAGES),
      addressee: z.string().optional(),
      /** SES reported a hard bounce or a complaint; statements skip it until the email is edited. */
      undeliverable: z.object({ reason: z.enum(["bounce", "complaint"]), at: z.string() }).optional(),
    }),
  ),
  ...Stamps.shape,
});
export type Info = z.infer<typeof Info>;


function notFound(code: string) {
  return new VisibleError("not_found", "state.not_found", { code });
}

export const get = fn(z.object({ code: Code }), async ({ code }): Promise<Info> => {
  Actor.assertCan("getState");
  Actor.assertSees(code, () => notFound(code));
  const found = await find(code);
  if (!found) throw notFound(code);
  return found;
});

/** A state by code, or undefined; for other modules that must check a state exists. */
export async function find(code: string): Promise<Info | undefined> {
  // The stored item is the record as the API gives it (Info): read raw, mapped once.
  return getRecord<Info>(MemberStateEntity.get({ code }).params());
}

/** Every member state, observer and partner, ordered by code (a Query on one index partition). */
export const list = fn(z.object({}), async (): Promise<Info[]> => {
  Actor.assertCan("listStates");
  return (await listAll()).filter((s) => Actor.sees(s.code));
});

export async function listAll(): Promise<Info[]> {
  return (await queryRecords<Info>("memberState", MemberStateEntity.query.all({}).params(), { all: true })).items;
}

export const create = fn(CreateInput, async (input): Promise<Info> => {
  Actor.assertCan("createState");
  const at = Clock.now().toISOString();
  const who = Actor.label();
  const record: Info = {
    code: input.code,
    name: input.name,
    status: input.status,
    ...(input.joinedOn ? { joinedOn: input.joinedOn } : {}),
    ...(input.formalName ? { formalName: input.formalName } : {}),
    ...(input.leftOn ? { leftOn: input.leftOn } : {}),
    contacts: input.contacts,
    ...firstStamps(at, who),
  };
  await Audit.commit({
    entity: "memberState",
    id: input.code,
    action: "create",
    before: null,
    after: record,
    items: [asTransactItem("Put", MemberStateEntity.create(record).params(), new VisibleError("conflict", "state.exists", { code: input.code }))],
  });
  return record;
});

/** PUT takes the record as read: its stamps may come back unchanged. */
const ReplaceInput = readBack(UpdateInput, Info);

export const update = fn(ReplaceInput, async (sent): Promise<Info> => {
  Actor.assertCan("replaceState");
  const before = await find(sent.code);
  if (!before) throw notFound(sent.code);
  if (before.version !== sent.version) throw stale(sent.code, before.version);
  const input = await unchanged(ReplaceInput, sent, before);
  const { joinedOn, leftOn, formalName, version: _v, ...rest } = input;
  const after: Info = {
    ...before,
    ...rest,
    ...(joinedOn ? { joinedOn } : {}),
    ...(formalName ? { formalName } : {}),
    ...(leftOn ? { leftOn } : {}),
    version: before.version + 1,
    updatedAt: Clock.now().toISOString(),
    updatedBy: Actor.label(),
  };
  if (!joinedOn) delete after.joinedOn;
  if (formalName === null) delete after.formalName;
  if (!leftOn) delete after.leftOn;
  // An address SES reported undeliverable stays marked until its email is edited.
  const marks = new Map(before.contacts.filter((c) => c.undeliverable).map((c) => [c.email.toLowerCase(), c.undeliverable]));
  after.contacts = after.contacts.map((c) => (marks.has(c.email.toLowerCase()) ? { ...c, undeliverable: marks.get(c.email.toLowerCase()) } : c));
  // Saved as it is: no new version, no event.
  if (Audit.same(before, after)) return before;
  await Audit.commit({
    entity: "memberState",
    id: input.code,
    action: "update",
    before,
    after,
    items: [
      asTransactItem(
        "Put",
        MemberStateEntity.put(after)
          .where((a, op) => op.eq(a.version, before.version))
          .params(),
        stale(input.code),
      ),
    ],
  });
  return after;
});

function stale(code: string, current?: number) {
  return new VisibleError("conflict", "state.version_conflict", { code, ...(current ? { current } : {}) });
}

/**
 * Seeds reference data as the system: creates the states that are missing, gives a formal name to
 * those that have none (an installation from before formal names), leaves the others alone.
 */
export async function seed(
  states: Array<{ code: string; en: string; ru: string; joinedOn?: string; status?: (typeof STATUSES)[number]; formalName?: FormalName }>,
) {
  let created = 0;
  for (const s of states) {
    const existing = await find(s.code);
    if (existing) {
      if (!existing.formalName && s.formalName) {
        const { createdAt: _a, createdBy: _b, updatedAt: _c, updatedBy: _d, joinedOn, ...kept } = existing;
        await update({ ...kept, ...(joinedOn ? { joinedOn } : {}), formalName: s.formalName });
      }
      continue;
    }
    await create({
      code: s.code,
      name: { en: s.en, ru: s.ru },
      status: s.status ?? "member",
      ...(s.joinedOn ? { joinedOn: s.joinedOn } : {}),
      ...(s.formalName ? { formalName: s.formalName } : {}),
      contacts: [],
    });
    created++;
  }
  return created;
}
