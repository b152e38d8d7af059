/**
 * Names for the ids of the trail: a record's name as people know it (a post's title, a state's
 * name, a contribution's number), and a user's name for the email an event was written by. GetItems
 * by key, one per distinct id, never a Scan. The kind of record ("Post") is the interface's word.
 */
import { REFERENCES, type EntityName } from "./readers";

export { REFERENCES };

export interface Name {
  en: string;
  ru: string;
}

const same = (s: string): Name => ({ en: s, ru: s });

async function nameOf(entity: EntityName, id: string): Promise<Name | undefined> {
  switch (entity) {
    case "memberState": {
      const { MemberState } = await import("../member-state");
      const s = await MemberState.find(id);
      return s ? { en: s.name.en, ru: s.name.ru } : undefined;
    }
    case "post": {
      const { Post } = await import("../post");
      const p = await Post.find(id);
      if (!p) return undefined;
      const Clock = await import("../clock");
      const title = Post.titleOn(p, Clock.today());
      return { en: `${p.number} ${title.en}`, ru: `${p.number} ${title.ru}` };
    }
    case "contribution": {
      const { Contribution } = await import("../contribution");
      const c = await Contribution.find(id);
      if (!c) return undefined;
      return same(`${c.number ?? c.reference ?? c.date} (${c.stateCode})`);
    }
    case "secondment": {
      const { Secondment } = await import("../secondment");
      const s = await Secondment.find(id);
      return s ? same(`${s.personName} (${s.sendingState})`) : undefined;
    }
    case "vacancy": {
      const { Vacancy } = await import("../vacancy");
      const v = await Vacancy.find(id);
      return v ? { en: v.title.en, ru: v.title.ru } : undefined;
    }
    case "user":
    case "auth": {
      const name = await personOf(id);
      return name === id ? same(id) : same(`${name} <${id}>`);
    }
    case "budget":
    case "exchangeRate":
    case "fiscalYear":
    case "standardCost":
      return same(id);
    case "organisation":
    case "tourRules":
      return undefined;
  }
}

/** A user's name for an email (as events are written), the email itself when there is no such user. */
export async function personOf(email: string): Promise<string> {
  if (!email.includes("@")) return email;
  const { UserEntity } = await import("../user/user.entity");
  const { getRecord } = await import("../entity");
  const u = await getRecord<{ name: string }>(UserEntity.get({ email: email.toLowerCase() }).params());
  return u?.name ?? email;
}

/** Names of records, keyed `entity:id`; an id that names nothing now (a deleted record) is left out. */
export async function names(refs: Iterable<readonly [EntityName, string]>): Promise<Record<string, Name>> {
  const keys = new Map<string, readonly [EntityName, string]>();
  for (const [entity, id] of refs) if (id) keys.set(`${entity}:${id}`, [entity, id]);
  const out: Record<string, Name> = {};
  await Promise.all(
    [...keys].map(async ([key, [entity, id]]) => {
      const n = await nameOf(entity, id);
      if (n) out[key] = n;
    }),
  );
  return out;
}

/** Names of the users behind emails, keyed by email. */
export async function people(emails: Iterable<string>): Promise<Record<string, string>> {
  const out: Record<string, string> = {};
  await Promise.all([...new Set(emails)].map(async (e) => (out[e] = await personOf(e))));
  return out;
}
