export * as User from "./index";

import * as z from "zod";
import * as Actor from "../actor";
import { ROLES } from "../actor";
import { Audit } from "../audit";
import * as Lockout from "../auth/lockout";
import * as Password from "../auth/password";
import * as Clock from "../clock";
import { asTransactItem } from "../dynamo";
import { VisibleError } from "../error";
import { fn } from "../fn";
import { fieldIssue, issue } from "../messages/zod";
import { EmailAddress, readBack, Stamps, Text, UNSAFE_MESSAGE, UNSAFE_TEXT, unchanged, Version } from "../schema";
import { firstStamps, getRecord, queryRecords, type EntityItem } from "../entity";
import { MemberState } from "../member-state";
import { UserEntity } from "./user.entity";

export const Email = EmailAddress.transform((e) => e.toLowerCase());

/** Local accounts such as admin@localhost are allowed too (the generated first admin). */
export const LoginEmail = z
  .string()
  .trim()
  .normalize("NFC")
  .refine((v) => !UNSAFE_TEXT.test(v), UNSAFE_MESSAGE)
  .min(3, issue("field.required"))
  .max(254)
  .regex(/^[^\s@]+@[^\s@]+$/, issue("email.invalid"))
  .transform((e) => e.toLowerCase());

export const NewPassword = z
  .string()
  .min(Password.MIN_LENGTH)
  .max(200);

export const Roles = z.array(z.enum(ROLES)).min(1, issue("user.roles_required")).max(ROLES.length);

/** The member state a `state` user is bound to: with the `state` role alone (a focal point holds no staff role). */
export const StateCode = MemberState.Code.meta({ description: "The member state a `state` user sees (with the `state` role only)" });

export const LANGUAGES = ["en", "ru"] as const;
export const Language = z.enum(LANGUAGES).meta({ description: "The language the product writes to the user in (the weekly HR digest); default en" });

export const CreateInput = z.strictObject({
  email: LoginEmail,
  name: Text({ max: 200 }),
  roles: Roles,
  stateCode: StateCode.optional(),
  language: Language.optional(),
  password: NewPassword,
});
export type CreateInput = z.input<typeof CreateInput>;

export const UpdateInput = z.strictObject({
  email: LoginEmail,
  name: Text({ max: 200 }).optional(),
  roles: Roles.optional(),
  /** Kept when the roles stay `state`; dropped when they change to staff roles. */
  stateCode: StateCode.optional(),
  language: Language.optional(),
  password: NewPassword.optional(),
  disabled: z.boolean().optional(),
  version: Version,
});
export type UpdateInput = z.input<typeof UpdateInput>;

export const Info = z.object({
  email: z.string(),
  name: z.string(),
  roles: z.array(z.enum(ROLES)),
  stateCode: z.string().optional(),
  language: z.enum(LANGUAGES),
  disabled: z.boolean(),
  ...Stamps.shape,
});
export type Info = z.infer<typeof Info>;

/** A user in the list: with `lockedUntil` while sign-ins to it are refused (derived from the sign-in counters). */
export const Listed = Info.extend({ lockedUntil: z.string().optional() });
export type Listed = z.infer<typeof Listed>;

/** A user item as stored, with its hash and session version (never answered). */
type Item = EntityItem<typeof UserEntity>;
/** The stored user with today's roles only (a role since removed is left out). */
type Stored = Omit<Item, "roles"> & { roles: Actor.Role[] };

/** The roles of a stored user that are roles today (a role since removed is left out). */
function rolesOf(user: { roles: readonly string[] }): Actor.Role[] {
  return user.roles.filter((r): r is Actor.Role => (ROLES as readonly string[]).includes(r));
}

export function toInfo(user: Item): Info {
  return {
    email: user.email,
    name: user.name,
    roles: rolesOf(user),
    ...(user.stateCode ? { stateCode: user.stateCode } : {}),
    language: user.language ?? "en",
    disabled: user.disabled,
    version: user.version,
    createdAt: user.createdAt,
    createdBy: user.createdBy,
    updatedAt: user.updatedAt,
    updatedBy: user.updatedBy,
  };
}

/** The stored user with its hash; for sign-in and session checks only. */
export async function findStored(email: string): Promise<Stored | undefined> {
  const user = await getRecord<Item>(UserEntity.get({ email: email.toLowerCase() }).params());
  return user && { ...user, roles: rolesOf(user) };
}

/**
 * The binding of roles to a member state: the `state` role alone, with a known state's code; staff
 * roles with none. A code sent back as read is ignored when the roles leave the `state` role.
 * The state's code kept, or undefined.
 */
async function binding(roles: readonly Actor.Role[], sent: string | undefined, before?: string): Promise<string | undefined> {
  if (!roles.includes("state")) {
    if (sent !== undefined && sent !== before)
      throw new VisibleError("input", "user.state_without_role", {}, [fieldIssue("stateCode", "user.state_without_role")]);
    return undefined;
  }
  if (roles.length > 1) throw new VisibleError("input", "user.state_alone", {}, [fieldIssue("roles", "user.state_alone")]);
  const code = sent ?? before;
  if (!code) throw new VisibleError("input", "user.state_required", {}, [fieldIssue("stateCode", "user.state_required")]);
  if (code !== before && !(await MemberState.find(code)))
    throw new VisibleError("input", "user.state_unknown", { code }, [fieldIssue("stateCode", "user.state_unknown", { code })]);
  return code;
}

function notFound(email: string) {
  return new VisibleError("not_found", "user.not_found", { email });
}

export const list = fn(z.object({}), async (): Promise<Listed[]> => {
  Actor.assertCan("listUsers");
  const result = await queryRecords<Item>("user", UserEntity.query.all({}).params(), { all: true });
  const users = result.items.map(toInfo);
  // One Query of each user's counters, all at once (a secretariat has tens of users).
  const locks = await Promise.all(users.map((u) => Lockout.lockedUntil(u.email)));
  return users.map((u, i) => (locks[i] ? { ...u, lockedUntil: locks[i] } : u));
});

/** True when no user exists yet (first start). */
export async function none(): Promise<boolean> {
  const result = await UserEntity.query.all({}).go({ limit: 1 });
  return result.data.length === 0;
}

export const create = fn(CreateInput, async (input): Promise<Info> => {
  Actor.assertCan("createUser");
  const at = Clock.now().toISOString();
  const who = Actor.label();
  const roles = [...new Set(input.roles)];
  const stateCode = await binding(roles, input.stateCode);
  const user: Stored = {
    email: input.email,
    name: input.name,
    roles,
    ...(stateCode ? { stateCode } : {}),
    language: input.language ?? "en",
    disabled: false,
    passwordHash: await Password.hash(input.password),
    sessionVersion: 1,
    ...firstStamps(at, who),
  };
  await Audit.commit({
    entity: "user",
    id: user.email,
    action: "create",
    before: null,
    after: user,
    items: [asTransactItem("Put", UserEntity.create(user).params(), new VisibleError("conflict", "user.exists", { email: user.email }))],
  });
  return toInfo(user);
});

/** PATCH takes the user as read: the stamps may come back unchanged. */
const ChangeInput = readBack(UpdateInput, Info);

export const update = fn(ChangeInput, async (sent): Promise<Info> => {
  const actor = Actor.assertCan("updateUser");
  const before = await findStored(sent.email);
  if (!before) throw notFound(sent.email);
  if (before.version !== sent.version) throw stale(sent.email);
  const input = await unchanged(ChangeInput, sent, before);
  if (actor.type === "user" && actor.email === before.email) {
    if (input.disabled === true)
      throw new VisibleError("input", "user.self_disable", {}, [fieldIssue("disabled", "user.self_disable")]);
    if (input.roles && !input.roles.includes("admin") && before.roles.includes("admin"))
      throw new VisibleError("input", "user.self_demote", {}, [fieldIssue("roles", "user.self_demote")]);
  }
  const roles = input.roles !== undefined ? [...new Set(input.roles)] : before.roles;
  const stateCode = await binding(roles, input.stateCode, before.stateCode);
  // The scope is read with the user on each request: a new binding holds from the next one.
  const endsSessions = input.password !== undefined || (input.disabled === true && !before.disabled);
  const { stateCode: _before, ...rest } = before;
  const after: Stored = {
    ...rest,
    ...(stateCode ? { stateCode } : {}),
    ...(input.name !== undefined ? { name: input.name } : {}),
    // A user of before has no language stored: English, and English sent back changes nothing.
    ...(input.language !== undefined && input.language !== (before.language ?? "en") ? { language: input.language } : {}),
    roles,
    ...(input.disabled !== undefined ? { disabled: input.disabled } : {}),
    ...(input.password !== undefined ? { passwordHash: await Password.hash(input.password) } : {}),
    sessionVersion: before.sessionVersion + (endsSessions ? 1 : 0),
    version: before.version + 1,
    updatedAt: Clock.now().toISOString(),
    updatedBy: Actor.label(),
  };
  // Saved as it is (no new password, nothing else different): no new version, no event.
  if (input.password === undefined && Audit.same(before, after)) return toInfo(before);
  const changes = Audit.diff(before, after);
  if (input.password !== undefined) changes.password = ["(hidden)", "(reset)"];
  // Password resets, role changes and disabling are also sign-in events (entity auth), in the same transaction.
  const authEvents: Array<{ entity: "auth"; id: string; action: string; changes: Audit.Changes }> = [];
  if (input.password !== undefined) authEvents.push({ entity: "auth", id: before.email, action: "password_reset", changes: {} });
  if (changes.roles) authEvents.push({ entity: "auth", id: before.email, action: "role_change", changes: { roles: changes.roles } });
  if (changes.disabled) authEvents.push({ entity: "auth", id: before.email, action: after.disabled ? "disable" : "enable", changes: {} });
  await Audit.commit({
    more: authEvents,
    entity: "user",
    id: before.email,
    action: "update",
    before,
    after,
    changes,
    items: [
      asTransactItem(
        "Put",
        UserEntity.put(after)
          .where((a, op) => op.eq(a.version, before.version))
          .params(),
        stale(before.email),
      ),
    ],
  });
  return toInfo(after);
});

function stale(email: string) {
  return new VisibleError("conflict", "user.version_conflict", { email });
}
