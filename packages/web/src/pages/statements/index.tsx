/**
 * /statements (finance, admin): preview a member state's statement as its recipients will see it,
 * send the statements of the period previewed (a dry run first), the statements a correction has
 * affected with their revision, and the history of runs and of each recipient's delivery. The
 * period is the page's (in the address); by default the quarter just ended, by core's UTC rule.
 */
import { useState } from "react";
import { useStates } from "../../finance";
import { useI18n } from "../../i18n";
import { lastQuarter, parsePeriod } from "../../period";
import { setQuery, useSearch } from "../../router";
import { PageHead } from "../../ui";
import { Affected } from "./Affected";
import { Deliveries } from "./Deliveries";
import { Preview } from "./Preview";
import { RunForm } from "./RunForm";
import { Runs } from "./Runs";

export function StatementsPage() {
  const { t } = useI18n();
  const states = useStates();
  const search = useSearch();
  const period = parsePeriod(search.get("period")) ? search.get("period")! : lastQuarter();
  const setPeriod = (p: string) => setQuery({ period: p });
  // Bumped after a run: the runs and deliveries load again.
  const [version, setVersion] = useState(0);
  const [deliveriesPeriod, setDeliveriesPeriod] = useState(period);

  return (
    <div className="page" data-testid="statements-page">
      <PageHead title={t("statements.title")} intro={t("statements.intro")} />
      <Preview states={states} period={period} setPeriod={setPeriod} />
      <RunForm
        states={states}
        period={period}
        setPeriod={setPeriod}
        onRun={(r) => {
          setDeliveriesPeriod(r.period);
          setVersion((n) => n + 1);
        }}
      />
      <Affected states={states} onSent={(p) => {
        setDeliveriesPeriod(p);
        setVersion((n) => n + 1);
      }} />
      <section className="panel" aria-labelledby="statements-history-title" data-testid="statements-history">
        <h2 id="statements-history-title">{t("statements.history.title")}</h2>
        <Runs
          states={states}
          version={version}
          onPeriod={(p) => {
            setDeliveriesPeriod(p);
            document.getElementById("deliveries")?.scrollIntoView({ block: "start" });
          }}
        />
        <Deliveries states={states} period={deliveriesPeriod} setPeriod={setDeliveriesPeriod} version={version} />
      </section>
    </div>
  );
}
