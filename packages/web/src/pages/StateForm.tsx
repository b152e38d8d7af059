/** Create or edit a member state (admin): names, formal names, status, joined and left on, focal-point contacts. */
import { useRef, useState, type FormEvent } from "react";
import { api, ApiError, call, seg, STATUSES, type Contact, type MemberState, type StateStatus } from "../api";
import { fieldErrors, withoutIssues } from "../errors";
import { useApiMutation } from "../query";
import { useI18n } from "../i18n";
import { ErrorNotice, FieldError, FormActions, SelectField, TextField } from "../ui";
import { DateField, refuseUnreadable } from "../fields";

interface DraftContact extends Contact {
  key: number;
}

interface Draft {
  code: string;
  en: string;
  ru: string;
  status: StateStatus;
  joinedOn: string;
  leftOn: string;
  formalName: FormalNameDraft;
  contacts: DraftContact[];
}

type FormalNameDraft = NonNullable<MemberState["formalName"]>;
const FORMAL_KEYS = ["en", "ru", "ruGenitive", "ruDative"] as const satisfies ReadonlyArray<keyof FormalNameDraft>;
const FORMAL_LANG = { en: "en", ru: "ru", ruGenitive: "ru", ruDative: "ru" } as const;

type Props =
  | { mode: "create"; onSaved: (state: MemberState) => void; onCancel: () => void }
  | { mode: "edit"; state: MemberState; onSaved: (state: MemberState) => void; onCancel: () => void; onReload: () => void };

export function StateForm(props: Props) {
  const { t, lang } = useI18n();
  const nextKey = useRef(1);
  const initial = props.mode === "edit" ? props.state : undefined;
  const [draft, setDraft] = useState<Draft>(() => ({
    code: initial?.code ?? "",
    en: initial?.name.en ?? "",
    ru: initial?.name.ru ?? "",
    status: initial?.status ?? "member",
    joinedOn: initial?.joinedOn ?? "",
    leftOn: initial?.leftOn ?? "",
    formalName: initial?.formalName ?? { en: "", ru: "", ruGenitive: "", ruDative: "" },
    contacts: (initial?.contacts ?? []).map((c) => ({ ...c, key: nextKey.current++ })),
  }));
  const save = useApiMutation(() => {
    // Every field of a contact as read goes back (its addressee too); the undeliverable mark is the
    // server's own and stays with the address until its email is edited.
    const contacts = draft.contacts.map(({ key: _k, undeliverable: _u, addressee, ...c }) => ({ ...c, ...(addressee?.trim() ? { addressee } : {}) }));
    const name = { en: draft.en, ru: draft.ru };
    const anyFormal = FORMAL_KEYS.some((k) => draft.formalName[k].trim() !== "");
    if (props.mode === "create")
      return call(
        api.states.$post({
          json: {
            code: draft.code.trim(),
            name,
            status: draft.status,
            contacts,
            ...(draft.joinedOn ? { joinedOn: draft.joinedOn } : {}),
            ...(draft.leftOn ? { leftOn: draft.leftOn } : {}),
            ...(anyFormal ? { formalName: draft.formalName } : {}),
          },
        }),
      );
    // A formal name emptied is removed; one never set stays absent.
    const formalName = anyFormal ? draft.formalName : props.state.formalName ? null : undefined;
    return call(
      api.states[":code"].$put({
        param: { code: seg(props.state.code) },
        json: {
          name,
          status: draft.status,
          joinedOn: draft.joinedOn || null,
          leftOn: draft.leftOn || null,
          ...(formalName !== undefined ? { formalName } : {}),
          contacts,
          version: props.state.version,
        },
      }),
    );
  }, props.onSaved);
  const busy = save.busy;
  const [contactsRemoved, setContactsRemoved] = useState(false);
  const error = contactsRemoved ? withoutIssues(save.error, "contacts.") : save.error;
  const errors = fieldErrors(error);

  const set = <K extends keyof Draft>(key: K, value: Draft[K]) => setDraft((d) => ({ ...d, [key]: value }));
  const setContact = (index: number, patch: Partial<Contact>) =>
    setDraft((d) => ({ ...d, contacts: d.contacts.map((c, i) => (i === index ? { ...c, ...patch } : c)) }));
  const addContact = () =>
    setDraft((d) => ({ ...d, contacts: [...d.contacts, { key: nextKey.current++, name: "", email: "", language: lang }] }));
  const removeContact = (index: number) => {
    setDraft((d) => ({ ...d, contacts: d.contacts.filter((_, i) => i !== index) }));
    // Positions shift: messages about contacts no longer point at the right row.
    setContactsRemoved(true);
  };

  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    if (refuseUnreadable(event)) return;
    if (busy) return;
    setContactsRemoved(false);
    save.run();
  };

  const conflict = error instanceof ApiError && error.status === 409 && error.code !== "state.exists";
  const shownPaths = new Set(["code", "name.en", "name.ru", "status", "joinedOn", "leftOn", "contacts", "formalName", ...FORMAL_KEYS.map((k) => `formalName.${k}`)]);
  draft.contacts.forEach((_, i) => ["name", "email", "language", "addressee"].forEach((f) => shownPaths.add(`contacts.${i}.${f}`)));
  const otherIssues = error instanceof ApiError ? error.issues.filter((i) => !shownPaths.has(i.path)) : [];

  // A new record's form is its page: its title is the page's heading.
  const Heading = props.mode === "create" ? "h1" : "h2";
  return (
    <form className="panel form" onSubmit={submit} noValidate data-testid="state-form" aria-labelledby="state-form-title">
      <Heading id="state-form-title">
        {props.mode === "create" ? t("stateForm.newTitle") : t("stateForm.editTitle", { name: props.state.name[lang] })}
      </Heading>

      <ErrorNotice error={error}>
        {conflict && props.mode === "edit" && (
          <button type="button" className="button button--small" onClick={props.onReload} data-testid="reload">
            {t("common.reload")}
          </button>
        )}
      </ErrorNotice>
      {otherIssues.map((i) => (
        <FieldError key={i.path} path={i.path || "(body)"} message={`${i.path ? `${i.path}: ` : ""}${i.message}`} />
      ))}

      <div className="grid">
        {props.mode === "create" && (
          <TextField
            label={t("stateForm.code")}
            name="code"
            value={draft.code}
            onChange={(v) => set("code", v.toUpperCase())}
            error={errors.code}
            hint={t("stateForm.codeHint")}
            maxLength={2}
            autoComplete="off"
            className="field--short"
            required
          />
        )}
        <TextField label={t("stateForm.nameEn")} name="name.en" value={draft.en} onChange={(v) => set("en", v)} error={errors["name.en"] ?? errors.name} lang="en" required />
        <TextField label={t("stateForm.nameRu")} name="name.ru" value={draft.ru} onChange={(v) => set("ru", v)} error={errors["name.ru"]} lang="ru" required />
        <SelectField
          label={t("stateForm.status")}
          name="status"
          value={draft.status}
          onChange={(v) => set("status", STATUSES.find((s) => s === v) ?? draft.status)}
          options={STATUSES.map((s) => ({ value: s, label: t(`status.${s}`) }))}
          error={errors.status}
        />
        <DateField
          label={t("stateForm.joinedOn")}
          name="joinedOn"
          value={draft.joinedOn}
          onChange={(v) => set("joinedOn", v)}
          error={errors.joinedOn}
          hint={t("stateForm.joinedOnHint")}
        />
        <DateField
          label={t("stateForm.leftOn")}
          name="leftOn"
          value={draft.leftOn}
          onChange={(v) => set("leftOn", v)}
          error={errors.leftOn}
          hint={t("stateForm.leftOnHint")}
        />
      </div>

      <fieldset className="formal-name-edit">
        <legend>{t("stateForm.formalName")}</legend>
        <p className="muted">{t("stateForm.formalNameIntro")}</p>
        <FieldError path="formalName" message={errors.formalName} />
        <div className="grid">
          {FORMAL_KEYS.map((k) => (
            <TextField
              key={k}
              label={t(`stateForm.formalName.${k}`)}
              name={`formalName.${k}`}
              value={draft.formalName[k]}
              onChange={(v) => set("formalName", { ...draft.formalName, [k]: v })}
              error={errors[`formalName.${k}`]}
              hint={t(`stateForm.formalName.${k}Hint`)}
              lang={FORMAL_LANG[k]}
              autoComplete="off"
            />
          ))}
        </div>
      </fieldset>

      <fieldset className="contacts-edit">
        <legend>{t("stateForm.contacts")}</legend>
        <FieldError path="contacts" message={errors.contacts} />
        {draft.contacts.length === 0 && <p className="muted">{t("stateForm.noContacts")}</p>}
        {draft.contacts.map((c, i) => (
          <div className="contact-row" key={c.key} data-testid="contact-row" data-index={i}>
            <p className="contact-row-title">{t("stateForm.contactN", { n: i + 1 })}</p>
            <TextField label={t("contact.name")} name={`contacts.${i}.name`} value={c.name} onChange={(v) => setContact(i, { name: v })} error={errors[`contacts.${i}.name`]} autoComplete="off" />
            <TextField
              label={t("contact.email")}
              name={`contacts.${i}.email`}
              type="email"
              value={c.email}
              onChange={(v) => setContact(i, { email: v })}
              error={errors[`contacts.${i}.email`]}
              autoComplete="off"
            />
            <SelectField
              label={t("contact.language")}
              name={`contacts.${i}.language`}
              value={c.language}
              onChange={(v) => setContact(i, { language: v === "ru" ? "ru" : "en" })}
              options={[
                { value: "en", label: t("lang.en") },
                { value: "ru", label: t("lang.ru") },
              ]}
              error={errors[`contacts.${i}.language`]}
            />
            <TextField
              label={t("contact.addressee")}
              name={`contacts.${i}.addressee`}
              value={c.addressee ?? ""}
              onChange={(v) => setContact(i, { addressee: v })}
              error={errors[`contacts.${i}.addressee`]}
              hint={t("contact.addresseeHint")}
              autoComplete="off"
            />
            <button type="button" className="button button--secondary button--small contact-remove" onClick={() => removeContact(i)} data-testid="remove-contact">
              {t("stateForm.removeContact")}
            </button>
          </div>
        ))}
        <button type="button" className="button button--secondary" onClick={addContact} data-testid="add-contact">
          {t("stateForm.addContact")}
        </button>
      </fieldset>

      <FormActions label={props.mode === "create" ? t("stateForm.create") : t("common.save")} busy={busy} testId="save-state" onCancel={props.onCancel} cancelTestId="cancel" />
    </form>
  );
}
