/** The tour rules (HR): the longest tour by post category, a grade's own limit, and the longest service in all, in months. */
import { useState, type FormEvent } from "react";
import { api, ApiError, call } from "../api";
import { fieldErrors } from "../errors";
import { useI18n } from "../i18n";
import { useApiMutation, useApiQuery } from "../query";
import { ErrorNotice, LoadError, Loading, SelectField, SuccessNotice, TextField } from "../ui";

type Rules = NonNullable<ReturnType<typeof useRules>["data"]>;
type Category = keyof Rules["categories"];

function useRules() {
  return useApiQuery(["tour-rules"], () => call(api["tour-rules"].$get()));
}

export function TourRulesPage() {
  const { t } = useI18n();
  const q = useRules();
  const [savedVersion, setSavedVersion] = useState<number>();
  return (
    <section className="page" data-testid="tour-rules-page">
      <h1>{t("tour.rulesTitle")}</h1>
      <p className="muted">{t("tour.rulesIntro")}</p>
      {q.error ? (
        <LoadError error={q.error} retry={q.reload} />
      ) : !q.data ? (
        <Loading />
      ) : (
        <RulesForm
          key={q.data.version}
          rules={q.data}
          saved={savedVersion === q.data.version}
          onSaved={(r) => {
            setSavedVersion(r.version);
            q.setData(r);
          }}
          onReload={q.reload}
        />
      )}
    </section>
  );
}

/** Months as typed: a number when it reads as one (the server names anything else). */
const months = (v: string) => (v.trim() === "" ? Number.NaN : Number(v));

function RulesForm({ rules, saved, onSaved, onReload }: { rules: Rules; saved: boolean; onSaved: (r: Rules) => void; onReload: () => void }) {
  const { t } = useI18n();
  const categories = Object.keys(rules.categories) as Category[];
  const [byCategory, setByCategory] = useState(() => Object.fromEntries(categories.map((c) => [c, String(rules.categories[c])])) as Record<Category, string>);
  const [grades, setGrades] = useState(() => rules.grades.map((g) => ({ category: g.category, grade: g.grade, maxTourMonths: String(g.maxTourMonths) })));
  const [cumulative, setCumulative] = useState(String(rules.cumulativeMonths));
  const save = useApiMutation(
    () =>
      call(
        api["tour-rules"].$put({
          json: {
            categories: Object.fromEntries(categories.map((c) => [c, months(byCategory[c])])) as Record<Category, number>,
            grades: grades.map((g) => ({ category: g.category, grade: g.grade, maxTourMonths: months(g.maxTourMonths) })),
            cumulativeMonths: months(cumulative),
            version: rules.version,
          },
        }),
      ),
    onSaved,
  );
  const errors = fieldErrors(save.error);
  const conflict = save.error instanceof ApiError && save.error.status === 409;
  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (!save.busy) save.run(undefined);
  };
  const setGrade = (i: number, patch: Partial<(typeof grades)[number]>) => setGrades((gs) => gs.map((g, j) => (j === i ? { ...g, ...patch } : g)));
  const categoryOptions = categories.map((c) => ({ value: c, label: t(`category.${c}`) }));
  return (
    <form className="panel form" onSubmit={submit} noValidate data-testid="tour-rules-form">
      <p className="muted" data-testid="tour-rules-version">{t("organisation.version", { version: rules.version })}</p>
      {saved && <SuccessNotice>{t("tour.rulesSaved")}</SuccessNotice>}
      <ErrorNotice error={save.error}>
        {conflict && (
          <button type="button" className="button button--small" onClick={onReload} data-testid="reload">
            {t("common.reload")}
          </button>
        )}
      </ErrorNotice>
      <h2>{t("tour.byCategory")}</h2>
      <div className="grid">
        {categories.map((c) => (
          <TextField key={c} label={t(`category.${c}`)} name={`categories.${c}`} inputMode="numeric" value={byCategory[c]} onChange={(v) => setByCategory((b) => ({ ...b, [c]: v }))} error={errors[`categories.${c}`]} hint={t("tour.monthsHint")} />
        ))}
        <TextField label={t("tour.cumulative")} name="cumulativeMonths" inputMode="numeric" value={cumulative} onChange={setCumulative} error={errors.cumulativeMonths} hint={t("tour.monthsHint")} />
      </div>
      <h2>{t("tour.byGrade")}</h2>
      {grades.map((g, i) => (
        <div className="grid" key={i} data-testid="grade-row">
          <SelectField label={t("tour.gradeCategory")} name={`grades.${i}.category`} value={g.category} onChange={(v) => setGrade(i, { category: v as Category })} options={categoryOptions} error={errors[`grades.${i}.category`]} />
          <TextField label={t("tour.grade")} name={`grades.${i}.grade`} value={g.grade} onChange={(v) => setGrade(i, { grade: v })} error={errors[`grades.${i}.grade`]} maxLength={20} />
          <TextField label={t("tour.maxTour")} name={`grades.${i}.maxTourMonths`} inputMode="numeric" value={g.maxTourMonths} onChange={(v) => setGrade(i, { maxTourMonths: v })} error={errors[`grades.${i}.maxTourMonths`]} hint={t("tour.monthsHint")} />
          <button type="button" className="button button--small" onClick={() => setGrades((gs) => gs.filter((_, j) => j !== i))} data-testid="remove-grade">
            {t("tour.removeGrade")}
          </button>
        </div>
      ))}
      <button type="button" className="button button--small" onClick={() => setGrades((gs) => [...gs, { category: categories[0]!, grade: "", maxTourMonths: "" }])} data-testid="add-grade">
        {t("tour.addGrade")}
      </button>
      <div className="form-actions">
        <button type="submit" className="button button--primary" disabled={save.busy} data-testid="save-tour-rules">
          {t("tour.saveRules")}
        </button>
      </div>
    </form>
  );
}
