/**
 * /states/:code — one member state, its whole picture, its focal points, and (for admins) the edit
 * form and history. A member state's user lands here on its own state: read-only, no way to the list.
 */
import { lazy, Suspense, useState } from "react";
import { api, ApiError, call, seg } from "../api";
import { useI18n } from "../i18n";
import { justCreated, Link, navigate } from "../router";
import { useApiQuery } from "../query";
import { useSession } from "../session";
import { LoadError, Loading, RecordTable, scrollRegion, StatusBadge, SuccessNotice } from "../ui";
import { History, usePeople } from "./History";
import { StateForm } from "./StateForm";
import { OverdueInstalments } from "./YearClose";

/** The state's picture (contributions, pledges, people, statements) loads with the page, in its own chunk. */
const StatePicture = lazy(() => import("./StatePicture").then((m) => ({ default: m.StatePicture })));

export function StatePage({ code }: { code: string }) {
  const { t, lang, date, dateTime, number } = useI18n();
  const person = usePeople("memberState", code);
  const session = useSession();
  const state = useApiQuery(["states", code], () => call(api.states[":code"].$get({ param: { code: seg(code) } })));
  const [editing, setEditing] = useState(false);
  const [saved, setSaved] = useState<"saved" | "created" | undefined>(
    () => justCreated(code) ? "created" : undefined,
  );

  const back = session.scope ? null : (
    <p className="back">
      <Link to="/states" data-testid="back-to-states">
        ← {t("state.back")}
      </Link>
    </p>
  );

  if (state.error && !state.data) {
    const notFound = state.error instanceof ApiError && (state.error.status === 404 || state.error.status === 400);
    return (
      <div className="page">
        {back}
        {notFound ? (
          <div className="notice notice--info" data-testid="state-not-found">
            {t("state.notFound", { code })}
          </div>
        ) : (
          <LoadError error={state.error} retry={state.reload} />
        )}
      </div>
    );
  }
  if (!state.data) {
    return (
      <div className="page">
        {back}
        <Loading />
      </div>
    );
  }

  const s = state.data;
  const other = lang === "en" ? "ru" : "en";
  return (
    <div className="page" data-testid="state-page" data-code={s.code}>
      {back}
      <div className="page-head">
        <div>
          <h1>
            <span className="code code--title">{s.code}</span> <span data-testid="state-title">{s.name[lang]}</span>
          </h1>
          <p className="subtitle" lang={other}>
            {s.name[other]}
          </p>
        </div>
        {session.can("replaceState") && !editing && (
          <button
            type="button"
            className="button"
            onClick={() => {
              setEditing(true);
              setSaved(undefined);
            }}
            data-testid="edit-state"
          >
            {t("state.edit")}
          </button>
        )}
      </div>

      {session.scope && (
        <p className="notice notice--info" data-testid="state-read-only">
          {t("picture.readOnly")}
        </p>
      )}

      {saved && <SuccessNotice>{saved === "created" ? t("state.created") : t("state.saved")}</SuccessNotice>}

      {editing ? (
        <StateForm
          key={`form-${s.version}`}
          mode="edit"
          state={s}
          onSaved={(next) => {
            state.setData(next);
            setEditing(false);
            setSaved("saved");
          }}
          onCancel={() => setEditing(false)}
          onReload={state.reload}
        />
      ) : (
        <>
          <section className="panel" aria-labelledby="details-title">
            <h2 id="details-title">{t("state.details")}</h2>
            <dl className="details" data-testid="state-details">
              <div>
                <dt>{t("state.code")}</dt>
                <dd>{s.code}</dd>
              </div>
              <div>
                <dt>{t("state.nameEn")}</dt>
                <dd lang="en" data-testid="name-en">{s.name.en}</dd>
              </div>
              <div>
                <dt>{t("state.nameRu")}</dt>
                <dd lang="ru" data-testid="name-ru">{s.name.ru}</dd>
              </div>
              <div>
                <dt>{t("state.status")}</dt>
                <dd>
                  <StatusBadge status={s.status} />
                </dd>
              </div>
              <div>
                <dt>{t("state.joinedOn")}</dt>
                <dd data-testid="joined-on">{s.joinedOn ? date(s.joinedOn) : <span className="muted">{t("common.notRecorded")}</span>}</dd>
              </div>
              {s.leftOn && (
                <div>
                  <dt>{t("stateForm.leftOn")}</dt>
                  <dd data-testid="left-on">{date(s.leftOn)}</dd>
                </div>
              )}
              <div>
                <dt>{t("state.formalName")}</dt>
                <dd data-testid="formal-name">
                  {s.formalName ? (
                    <>
                      <span lang="en">{s.formalName.en}</span>
                      <br />
                      <span lang="ru">{s.formalName.ru}</span>
                      <br />
                      <span className="muted small" lang="ru">
                        {t("state.formalNameCases", { genitive: s.formalName.ruGenitive, dative: s.formalName.ruDative })}
                      </span>
                    </>
                  ) : (
                    <span className="muted">{t("common.notRecorded")}</span>
                  )}
                </dd>
              </div>
            </dl>
            {s.updatedAt && (
              <p className="muted small">
                {t("state.updated", { when: dateTime(s.updatedAt), who: person(s.updatedBy) })} · {t("state.version", { n: number(s.version) })}
              </p>
            )}
          </section>

          <section className="panel" aria-labelledby="contacts-title">
            <h2 id="contacts-title">{t("state.contacts")}</h2>
            <RecordTable
              label={t("state.contacts")}
              testId="contacts-table"
              empty={{ testId: "no-contacts", text: t("state.noContacts") }}
              head={[t("contact.name"), t("contact.email"), t("contact.language"), t("state.addressee")]}
              rows={s.contacts}
              row={(c, i) => (
                <tr key={`${c.email}-${i}`} data-email={c.email}>
                  <td>{c.name}</td>
                  <td>
                    <a href={`mailto:${c.email}`}>{c.email}</a>
                  </td>
                  <td>{t(`lang.${c.language}`)}</td>
                  <td data-col="addressee">{c.addressee ?? <span className="muted">{t("state.defaultAddressee")}</span>}</td>
                </tr>
              )}
            />
          </section>

          <OverdueInstalments state={s.code} />
          <Suspense fallback={<Loading />}>
            <StatePicture code={s.code} />
          </Suspense>
        </>
      )}

      <History entity="memberState" id={s.code} />
    </div>
  );
}

/** /states/new — admins add a member state, then land on its page. */
export function NewStatePage() {
  const { t } = useI18n();
  return (
    <div className="page">
      <p className="back">
        <Link to="/states">← {t("state.back")}</Link>
      </p>
      <StateForm
        mode="create"
        onSaved={(created) => {
          navigate(`/states/${created.code}`, { state: { created: created.code } });
        }}
        onCancel={() => navigate("/states")}
      />
    </div>
  );
}
