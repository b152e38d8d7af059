/** /users and /users/:email (admin): accounts, roles, disable/enable, password reset, history. */
import * as Views from "@tracker/core/export/views";
import { useMemo, useState, type FormEvent } from "react";
import { api, ApiError, call, ROLES, seg, type Account, type Role } from "../api";
import { fieldErrors } from "../errors";
import { useI18n, type Key } from "../i18n";
import { Link, navigate } from "../router";
import { useApiMutation, useApiQuery, useStatesQuery } from "../query";
import { useSession } from "../session";
import { Confirm } from "../confirm";
import { ErrorNotice, FieldError, FormActions, Loaded, PageHead, RoleBadges, SelectField, SuccessNotice, TextField } from "../ui";
import { ExportLinks, Table, type Column } from "../table";
import { History } from "./History";

const userPath = (email: string) => `/users/${encodeURIComponent(email)}`;

function RolesField({ value, onChange, error, name = "roles" }: { value: Role[]; onChange: (roles: Role[]) => void; error?: string; name?: string }) {
  const { t } = useI18n();
  return (
    <fieldset className={`field roles-field${error ? " field--invalid" : ""}`} aria-invalid={error ? true : undefined}>
      <legend>{t("users.roles")}</legend>
      <div className="checks">
        {ROLES.map((r) => (
          <label key={r} className="check">
            <input
              type="checkbox"
              name={name}
              value={r}
              checked={value.includes(r)}
              onChange={(e) => onChange(e.target.checked ? withRole(value, r) : value.filter((x) => x !== r))}
            />
            {t(`role.${r}`)}
          </label>
        ))}
      </div>
      <FieldError path="roles" message={error} />
    </fieldset>
  );
}

/** Roles with one more checked: the member state role stands alone (checking it clears the staff roles, and the reverse). */
function withRole(value: readonly Role[], r: Role): Role[] {
  if (r === "state") return ["state"];
  return ROLES.filter((x) => x !== "state" && (x === r || value.includes(x)));
}

/** The member state a `state` user sees: shown while the roles are the member state role. */
function StateCodeField({ value, onChange, error }: { value: string; onChange: (code: string) => void; error?: string }) {
  const { t, lang } = useI18n();
  const states = useStatesQuery();
  const options = [
    { value: "", label: t("users.chooseState") },
    ...(states.data ?? []).map((s) => ({ value: s.code, label: `${s.code} · ${s.name[lang]}` })),
  ];
  return (
    <div>
      <SelectField label={t("users.state")} name="stateCode" value={value} onChange={onChange} options={options} error={error} data-testid="user-state" />
      <p className="muted small">{t("users.stateHint")}</p>
    </div>
  );
}

type Language = Account["language"];

/** The language the product writes to the user in (the weekly HR digest). */
function LanguageField({ value, onChange, error }: { value: Language; onChange: (lang: Language) => void; error?: string }) {
  const { t } = useI18n();
  const options = (["en", "ru"] as const).map((l) => ({ value: l, label: t(`lang.${l}`) }));
  return (
    <div>
      <SelectField label={t("users.language")} name="language" value={value} onChange={(v) => onChange(v === "ru" ? "ru" : "en")} options={options} error={error} data-testid="user-language" />
      <p className="muted small">{t("users.languageHint")}</p>
    </div>
  );
}

/** The binding sent with the roles: the state's code with the member state role, nothing otherwise. */
const binding = (roles: readonly Role[], stateCode: string) => (roles.includes("state") && stateCode ? { stateCode } : {});

function CreateUser({ onCreated, onCancel }: { onCreated: (user: Account) => void; onCancel: () => void }) {
  const { t } = useI18n();
  const [email, setEmail] = useState("");
  const [name, setName] = useState("");
  const [roles, setRoles] = useState<Role[]>(["viewer"]);
  const [stateCode, setStateCode] = useState("");
  const [language, setLanguage] = useState<Language>("en");
  const [password, setPassword] = useState("");
  const save = useApiMutation(() => call(api.users.$post({ json: { email: email.trim(), name, roles, ...binding(roles, stateCode), language, password } })), onCreated);
  const { error, busy } = save;
  const errors = fieldErrors(error);

  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (!busy) save.run();
  };

  return (
    <form className="panel form" onSubmit={submit} noValidate data-testid="user-create-form" aria-labelledby="new-user-title">
      <h2 id="new-user-title">{t("users.newTitle")}</h2>
      <ErrorNotice error={error} />
      <div className="grid">
        <TextField label={t("users.email")} name="email" type="email" value={email} onChange={setEmail} error={errors.email} autoComplete="off" required />
        <TextField label={t("users.name")} name="name" value={name} onChange={setName} error={errors.name} autoComplete="off" required />
        <RolesField value={roles} onChange={setRoles} error={errors.roles} />
        {roles.includes("state") && <StateCodeField value={stateCode} onChange={setStateCode} error={errors.stateCode} />}
        <LanguageField value={language} onChange={setLanguage} error={errors.language} />
        <TextField
          label={t("users.password")}
          name="password"
          type="password"
          value={password}
          onChange={setPassword}
          error={errors.password}
          hint={t("users.passwordHint")}
          autoComplete="new-password"
          required
        />
      </div>
      <FormActions label={t("users.create")} busy={busy} testId="create-user" onCancel={onCancel} />
    </form>
  );
}

/** While sign-ins to the account are refused: when they are allowed again, and an Unlock button that asks first. */
function Unlock({ user }: { user: Account }) {
  const { t, dateTime } = useI18n();
  const [confirming, setConfirming] = useState(false);
  const [done, setDone] = useState(false);
  const write = useApiMutation(
    () => call(api.users[":email"].unlock.$post({ param: { email: seg(user.email) } })),
    () => {
      setDone(true);
      setConfirming(false);
    },
  );
  const { error, busy } = write;
  const unlock = () => {
    if (!busy) write.run();
  };

  if (done) return <SuccessNotice testId="unlock-done">{t("users.unlockDone", { email: user.email })}</SuccessNotice>;
  if (!user.lockedUntil) return null;
  return (
    <div data-testid="user-lock">
      <ErrorNotice error={error} />
      <p>
        <span className="badge badge--locked">{t("users.locked")}</span> {t("users.lockedUntil", { time: dateTime(user.lockedUntil) })}
      </p>
      {confirming ? (
        <Confirm
          testId="unlock-confirm"
          title={t("users.unlockConfirm", { email: user.email })}
          confirmLabel={t("users.unlockYes")}
          busyLabel={t("common.saving")}
          busy={busy}
          danger={false}
          onConfirm={unlock}
          onCancel={() => setConfirming(false)}
          confirmTestId="confirm-unlock"
        />
      ) : (
        <button type="button" className="button" onClick={() => setConfirming(true)} data-testid="unlock">
          {t("users.unlock")}
        </button>
      )}
    </div>
  );
}

/** One PATCH with the version read; the caller gets the new record or the error. */
async function patchUser(user: Account, body: { name?: string; roles?: Role[]; stateCode?: string; language?: Language; disabled?: boolean; password?: string }) {
  return call(api.users[":email"].$patch({ param: { email: seg(user.email) }, json: { ...body, version: user.version } }));
}

type Part = "details" | "account" | "password";

function UserPanel({ user, onUpdated, onReload }: { user: Account; onUpdated: (user: Account) => void; onReload: () => void }) {
  const { t } = useI18n();
  const { user: me } = useSession();
  const [name, setName] = useState(user.name);
  const [roles, setRoles] = useState<Role[]>(user.roles);
  const [stateCode, setStateCode] = useState(user.stateCode ?? "");
  const [language, setLanguage] = useState<Language>(user.language);
  const [password, setPassword] = useState("");
  const [part, setPart] = useState<Part>();
  const [done, setDone] = useState<Key>();
  const save = useApiMutation(
    (args: { part: Part; body: Parameters<typeof patchUser>[1]; message: Key }) => patchUser(user, args.body),
    (updated, args) => {
      onUpdated(updated);
      if (args.part === "password") setPassword("");
      setDone(args.message);
    },
  );
  const busy = save.busy ? part : undefined;
  const error = save.error !== undefined && part ? { part, error: save.error } : undefined;

  const run = (which: Part, body: Parameters<typeof patchUser>[1], message: Key) => {
    if (save.busy) return;
    setPart(which);
    setDone(undefined);
    save.run({ part: which, body, message });
  };

  const errorsOf = (part: "details" | "account" | "password") => (error?.part === part ? fieldErrors(error.error) : {});
  const conflict = (part: "details" | "account" | "password") =>
    error?.part === part && error.error instanceof ApiError && error.error.status === 409 ? (
      <button type="button" className="button button--small" onClick={onReload} data-testid="reload">
        {t("common.reload")}
      </button>
    ) : null;

  const details = errorsOf("details");
  const account = errorsOf("account");
  const pass = errorsOf("password");

  return (
    <section className="panel user-panel" data-testid="user-panel" data-email={user.email} aria-labelledby="user-panel-title">
      <div className="panel-head">
        <h2 id="user-panel-title">
          {user.name} <span className="muted">· {user.email}</span>
        </h2>
        <Link to="/users" className="button button--secondary button--small" data-testid="close-user">
          {t("common.close")}
        </Link>
      </div>
      {done && <SuccessNotice>{t(done)}</SuccessNotice>}

      <form
        className="subform"
        noValidate
        data-testid="user-details-form"
        onSubmit={(e) => {
          e.preventDefault();
          run("details", { name, roles, ...binding(roles, stateCode), language }, "users.saved");
        }}
      >
        <h3>{t("users.detailsTitle")}</h3>
        {error?.part === "details" && <ErrorNotice error={error.error}>{conflict("details")}</ErrorNotice>}
        <div className="grid">
          <TextField label={t("users.name")} name="name" value={name} onChange={setName} error={details.name} autoComplete="off" />
          <RolesField value={roles} onChange={setRoles} error={details.roles} />
          {roles.includes("state") && <StateCodeField value={stateCode} onChange={setStateCode} error={details.stateCode} />}
          <LanguageField value={language} onChange={setLanguage} error={details.language} />
        </div>
        <div className="form-actions">
          <button type="submit" className="button" disabled={!!busy} data-testid="save-user">
            {busy === "details" ? t("common.saving") : t("common.save")}
          </button>
        </div>
      </form>

      <div className="subform" data-testid="user-account">
        <h3>{t("users.account")}</h3>
        {error?.part === "account" && <ErrorNotice error={error.error}>{conflict("account")}</ErrorNotice>}
        <p>
          <span className={`badge ${user.disabled ? "badge--disabled" : "badge--active"}`}>{user.disabled ? t("users.disabled") : t("users.active")}</span>{" "}
          {user.disabled ? t("users.accountDisabled") : t("users.accountActive")}
        </p>
        <Unlock user={user} />
        <FieldError path="disabled" message={account.disabled} />
        {!user.disabled && <p className="muted small">{t("users.disableHint")}</p>}
        {user.email !== me.email || user.disabled ? (
          <button
            type="button"
            className={`button ${user.disabled ? "" : "button--danger"}`}
            disabled={!!busy}
            onClick={() => run("account", { disabled: !user.disabled }, user.disabled ? "users.enabledDone" : "users.disabledDone")}
            data-testid="toggle-disabled"
          >
            {user.disabled ? t("users.enable") : t("users.disable")}
          </button>
        ) : null}
      </div>

      <form
        className="subform"
        noValidate
        data-testid="user-password-form"
        onSubmit={(e) => {
          e.preventDefault();
          run("password", { password }, "users.resetDone");
        }}
      >
        <h3>{t("users.resetTitle")}</h3>
        {error?.part === "password" && <ErrorNotice error={error.error}>{conflict("password")}</ErrorNotice>}
        <div className="grid">
          <TextField
            label={t("users.newPassword")}
            name="password"
            type="password"
            value={password}
            onChange={setPassword}
            error={pass.password}
            hint={t("users.resetHint")}
            autoComplete="new-password"
          />
        </div>
        <div className="form-actions">
          <button type="submit" className="button button--secondary" disabled={!!busy} data-testid="reset-password">
            {busy === "password" ? t("common.saving") : t("users.reset")}
          </button>
        </div>
      </form>
    </section>
  );
}

export function UsersPage({ email }: { email?: string }) {
  const { t, lang, dateTime } = useI18n();
  const { user: me } = useSession();
  const [reloads, setReloads] = useState(0);
  const users = useApiQuery(["users"], () => call(api.users.$get()).then((r) => r.items));
  const [creating, setCreating] = useState(false);
  const [created, setCreated] = useState<string>();
  const selected = email ? users.data?.find((u) => u.email === email.toLowerCase()) : undefined;

  const context = useMemo(() => ({ lang, stateName: (code: string) => code, postNumber: () => "" }), [lang]);
  const columns: Column<Account & { lockedUntil?: string }>[] = [
    {
      key: "email",
      header: t("users.col.email"),
      cell: (u) => (
        <>
          {u.email}
          {u.email === me.email && <span className="muted"> ({t("users.you")})</span>}
        </>
      ),
    },
    { key: "name", header: t("users.col.name"), cell: (u) => u.name },
    {
      key: "roles",
      header: t("users.col.roles"),
      cell: (u) => (
        <>
          <RoleBadges roles={u.roles} />
          {u.stateCode && <span className="code" data-testid="user-state-code"> {u.stateCode}</span>}
        </>
      ),
    },
    {
      key: "status",
      header: t("users.col.status"),
      cell: (u) => (
        <>
          <span className={`badge ${u.disabled ? "badge--disabled" : "badge--active"}`} data-testid="user-status">
            {u.disabled ? t("users.disabled") : t("users.active")}
          </span>
          {u.lockedUntil && (
            <>
              {" "}
              <span className="badge badge--locked" data-testid="user-locked" title={t("users.lockedUntil", { time: dateTime(u.lockedUntil) })}>
                {t("users.locked")}
              </span>
            </>
          )}
        </>
      ),
    },
    {
      key: "manage",
      header: <span className="visually-hidden">{t("users.manage")}</span>,
      className: "actions",
      cell: (u) => (
        <Link to={userPath(u.email)} className="button button--secondary button--small" onClick={(e) => e.stopPropagation()} data-testid="manage-user">
          {t("users.manage")}
        </Link>
      ),
    },
  ];

  const replace = (updated: Account) => {
    if (!users.data) return;
    const exists = users.data.some((u) => u.email === updated.email);
    users.setData(exists ? users.data.map((u) => (u.email === updated.email ? updated : u)) : [...users.data, updated].sort((a, b) => a.email.localeCompare(b.email)));
  };

  return (
    <div className="page">
      <PageHead title={t("users.title")} intro={t("users.intro")}>
        {!creating && (
          <button
            type="button"
            className="button"
            onClick={() => {
              setCreating(true);
              setCreated(undefined);
            }}
            data-testid="add-user"
          >
            {t("users.add")}
          </button>
        )}
      </PageHead>

      {created && <SuccessNotice>{t("users.created", { email: created })}</SuccessNotice>}
      {creating && (
        <CreateUser
          onCreated={(user) => {
            replace(user);
            setCreating(false);
            setCreated(user.email);
          }}
          onCancel={() => setCreating(false)}
        />
      )}

      <Loaded query={users}>
        {(rows) => (
          <>
            <div className="toolbar">
              <ExportLinks path="/api/exports/users" params={{}} testId="users-csv" />
            </div>
            <Table
              testId="users-table"
              label={t("users.title")}
              columns={columns}
              rows={rows}
              view={Views.users}
              context={context}
              rowKey={(u) => u.email}
              rowProps={(u) => ({
                "data-email": u.email,
                className: u.email === selected?.email ? "is-selected" : undefined,
                onClick: () => navigate(userPath(u.email)),
              })}
              empty={t("common.none")}
              searchHint={t("users.searchHint")}
            />
          </>
        )}
      </Loaded>

      {email && users.data && !selected && (
        <div className="notice notice--info" data-testid="user-not-found">
          {t("users.notFound", { email })}
        </div>
      )}
      {selected && (
        <UserPanel
          key={`panel-${selected.email}-${reloads}`}
          user={selected}
          onUpdated={replace}
          onReload={() =>
            // Fetch the current records first, then start the panel afresh from them.
            call(api.users.$get()).then(
              (r) => {
                users.setData(r.items);
                setReloads((n) => n + 1);
              },
              () => users.reload(),
            )
          }
        />
      )}

      <History entity="user" id={selected?.email} />
    </div>
  );
}
