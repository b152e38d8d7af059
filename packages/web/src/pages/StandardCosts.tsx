/**
 * /standard-costs: HR's standard-cost table, what a month of a post costs in USD by category, grade
 * (or * for every grade) and effective date, by component. HR enters a row or changes one (the
 * version read is sent back); the server's errors show by code, next to their fields.
 */
import { useState, type FormEvent } from "react";
import { api, call } from "../api";
import { fieldErrors } from "../errors";
import { AmountField, DateField, refuseUnreadable } from "../fields";
import { CATEGORIES, CategoryField } from "../hr";
import { useI18n } from "../i18n";
import { useApiMutation, useApiQuery } from "../query";
import { useSession } from "../session";
import { ErrorNotice, figures, FormActions, Loaded, PageHead, RecordTable, SuccessNotice, TextField } from "../ui";

type Row = Awaited<ReturnType<typeof load>>["items"][number];
type Category = Row["category"];

const load = () => call(api["standard-costs"].$get({ query: {} }));

const COMPONENTS = ["salaryUsd", "allowancesUsd", "insuranceUsd", "travelUsd"] as const;

function CostForm({ editing, onDone }: { editing: Row | undefined; onDone: (r: Row) => void }) {
  const { t } = useI18n();
  const [category, setCategory] = useState<Category>(editing?.category ?? "expert");
  const [grade, setGrade] = useState(editing?.grade ?? "*");
  const [effectiveOn, setEffectiveOn] = useState(editing?.effectiveOn ?? "");
  const [amounts, setAmounts] = useState<Record<(typeof COMPONENTS)[number], string>>(() => ({
    salaryUsd: editing?.salaryUsd ?? "",
    allowancesUsd: editing?.allowancesUsd ?? "0",
    insuranceUsd: editing?.insuranceUsd ?? "0",
    travelUsd: editing?.travelUsd ?? "0",
  }));
  const save = useApiMutation(
    () =>
      call(
        api["standard-costs"].$put({
          json: { category, grade: grade.trim() || "*", effectiveOn, ...amounts, ...(editing ? { version: editing.version } : {}) },
        }),
      ),
    onDone,
  );
  const errors = fieldErrors(save.error);
  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    if (save.busy || refuseUnreadable(event)) return;
    save.run();
  };
  return (
    <form className="panel form" onSubmit={submit} noValidate data-testid="standard-cost-form" aria-labelledby="standard-cost-form-title">
      <h2 id="standard-cost-form-title">{editing ? t("standardCosts.changeTitle") : t("standardCosts.enterTitle")}</h2>
      <ErrorNotice error={save.error} />
      <div className="grid">
        <CategoryField value={category} onChange={(v) => setCategory(CATEGORIES.find((c) => c === v) ?? category)} error={errors.category} />
        <TextField label={t("standardCosts.grade")} name="grade" value={grade} onChange={setGrade} error={errors.grade} hint={t("standardCosts.gradeHint")} maxLength={20} autoComplete="off" disabled={!!editing} />
        <DateField label={t("standardCosts.effectiveOn")} name="effectiveOn" value={effectiveOn} onChange={setEffectiveOn} error={errors.effectiveOn} disabled={!!editing} required />
        {COMPONENTS.map((c) => (
          <AmountField key={c} label={t(`standardCosts.${c}`)} name={c} value={amounts[c]} onChange={(v) => setAmounts((a) => ({ ...a, [c]: v }))} error={errors[c]} digits={2} required />
        ))}
      </div>
      <FormActions label={t("standardCosts.save")} busy={save.busy} testId="save-standard-cost" />
    </form>
  );
}

export function StandardCostsPage() {
  const { t, date } = useI18n();
  const session = useSession();
  const rows = useApiQuery(["standard-costs"], load);
  const [editing, setEditing] = useState<Row | undefined>();
  const [formKey, setFormKey] = useState(0);
  const [saved, setSaved] = useState<Row | undefined>();
  const mayWrite = session.can("putStandardCost");
  return (
    <div className="page" data-testid="standard-costs-page">
      <PageHead title={t("standardCosts.title")} intro={t("standardCosts.intro")} />
      {saved && <SuccessNotice testId="standard-cost-saved">{t("standardCosts.saved", { category: t(`category.${saved.category}`), grade: saved.grade, date: date(saved.effectiveOn), total: saved.totalUsd })}</SuccessNotice>}
      {mayWrite && (
        <CostForm
          key={formKey}
          editing={editing}
          onDone={(r) => {
            setSaved(r);
            setEditing(undefined);
            setFormKey((k) => k + 1);
          }}
        />
      )}
      <Loaded query={rows}>
        {(d) => (
          <RecordTable
            label={t("standardCosts.title")}
            testId="standard-costs-table"
            empty={{ testId: "standard-costs-none", text: t("standardCosts.none") }}
            head={[
              t("post.category"),
              t("standardCosts.grade"),
              t("standardCosts.effectiveOn"),
              ...COMPONENTS.map((c) => figures(t(`standardCosts.${c}`))),
              figures(t("standardCosts.totalUsd")),
              mayWrite && { key: "change", label: <span className="visually-hidden">{t("standardCosts.change")}</span>, className: "" },
            ]}
            rows={d.items}
            row={(r) => (
              <tr key={`${r.category} ${r.grade} ${r.effectiveOn}`} data-row={`${r.category} ${r.grade} ${r.effectiveOn}`}>
                <td>{t(`category.${r.category}`)}</td>
                <td className="code">{r.grade}</td>
                <td>{date(r.effectiveOn)}</td>
                {COMPONENTS.map((c) => (
                  <td key={c} className="num">{r[c]}</td>
                ))}
                <td className="num" data-col="total">{r.totalUsd}</td>
                {mayWrite && (
                  <td>
                    <button
                      type="button"
                      className="button button--small button--secondary"
                      onClick={() => {
                        setEditing(r);
                        setFormKey((k) => k + 1);
                      }}
                    >
                      {t("standardCosts.change")}
                    </button>
                  </td>
                )}
              </tr>
            )}
          />
        )}
      </Loaded>
    </div>
  );
}
