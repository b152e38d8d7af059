/**
 * /reports/money-people: money and people side by side for a year. Each state's share of the
 * contributions (cash, in kind, and the secondments' value when the organisation recognises it) and
 * of the staff posts held by its nationals, its seconded person-months, the member states that give
 * neither, a bar chart of the two shares (the table is its data), and the CSV and XLSX exports.
 */
import { api, call } from "../api";
import { useMoney } from "../finance";
import { useI18n } from "../i18n";
import { useApiQuery } from "../query";
import { ExportLinks } from "../table";
import { figures, Loaded, PageHead, RecordTable } from "../ui";
import { useYear, YearSelect } from "../year";

type Report = Awaited<ReturnType<typeof load>>;
type Row = Report["rows"][number];

const load = (year: number) => call(api.reports["money-people"].$get({ query: { year: String(year) } }));

/** The table's columns of figures, in order: the data attribute a test reads, the heading, the field and how it is written. */
const COLUMNS = [
  { col: "contributionShare", label: "moneyPeople.contributionShare", field: "contributionShare", kind: "percent" },
  { col: "cash", label: "moneyPeople.cash", field: "cashUsd", kind: "money" },
  { col: "inKind", label: "moneyPeople.inKind", field: "inKindUsd", kind: "money" },
  { col: "secondmentValue", label: "moneyPeople.secondmentValue", field: "secondmentValueUsd", kind: "money" },
  { col: "posts", label: "moneyPeople.posts", field: "posts", kind: "count" },
  { col: "postShare", label: "moneyPeople.postShare", field: "postShare", kind: "percent" },
  { col: "personMonths", label: "moneyPeople.personMonths", field: "personMonths", kind: "money" },
] as const;

const BAR = 18;
const LABEL = 160;
const WIDTH = 560;

/** Two bars a state, its contribution share and its post share, on one 0–100 % scale. */
function SharesChart({ rows }: { rows: Row[] }) {
  const { t, lang } = useI18n();
  const { percent } = useMoney();
  const scale = (share: string) => ((WIDTH - LABEL - 60) * Number(share)) / 100;
  const height = rows.length * (BAR * 2 + 10) + 10;
  const summary = rows.map((r) => t("moneyPeople.chartRow", { state: r.name[lang], contribution: percent(r.contributionShare), posts: percent(r.postShare) })).join("; ");
  return (
    <figure className="chart" data-testid="money-people-chart">
      <svg role="img" aria-label={`${t("moneyPeople.chartTitle")}: ${summary}`} viewBox={`0 0 ${WIDTH} ${height}`} width="100%" style={{ maxWidth: WIDTH }}>
        {rows.map((r, i) => {
          const y = 10 + i * (BAR * 2 + 10);
          return (
            <g key={r.code}>
              <text x={LABEL - 8} y={y + BAR + 4} textAnchor="end" fontSize="12" fill="currentColor">
                {r.name[lang]}
              </text>
              <rect x={LABEL} y={y} width={scale(r.contributionShare)} height={BAR - 2} fill="#1f6f8b" />
              <text x={LABEL + scale(r.contributionShare) + 4} y={y + BAR - 5} fontSize="11" fill="currentColor">
                {percent(r.contributionShare)}
              </text>
              <rect x={LABEL} y={y + BAR} width={scale(r.postShare)} height={BAR - 2} fill="#b5651d" />
              <text x={LABEL + scale(r.postShare) + 4} y={y + BAR * 2 - 5} fontSize="11" fill="currentColor">
                {percent(r.postShare)}
              </text>
            </g>
          );
        })}
      </svg>
      <figcaption className="muted small">
        <span style={{ color: "#1f6f8b" }}>■</span> {t("moneyPeople.contributionShare")} · <span style={{ color: "#b5651d" }}>■</span> {t("moneyPeople.postShare")}
      </figcaption>
    </figure>
  );
}

export function MoneyPeoplePage() {
  const { t, lang, locale, date, number } = useI18n();
  const { decimal, percent } = useMoney();
  const [year, setYear, settled] = useYear();
  const report = useApiQuery(["reports", "money-people", year], () => load(year), { enabled: settled });
  return (
    <div className="page" data-testid="money-people-page" data-year={year}>
      <PageHead title={t("moneyPeople.title", { year })} intro={t("moneyPeople.intro")}>
        <div className="head-actions">
          <YearSelect value={year} onChange={setYear} />
          <ExportLinks path="/api/exports/reports/money-people" params={{ year }} testId="money-people-csv" report />
        </div>
      </PageHead>
      <Loaded query={report}>
        {(r) => (
          <>
            <p className="muted" data-testid="money-people-basis">
              {t(r.basis === "recognised" ? "moneyPeople.basisRecognised" : "moneyPeople.basisDisclosed")} {t("moneyPeople.asOf", { date: date(r.asOf) })}
            </p>
            <div className="money-people">
            <RecordTable
              label={t("moneyPeople.tableTitle")}
              testId="money-people-table"
              empty={{ testId: "money-people-none", text: t("moneyPeople.none", { year }) }}
              head={[t("moneyPeople.state"), ...COLUMNS.map((c) => figures(t(c.label)))]}
              rows={r.rows}
              row={(x) => (
                <tr key={x.code} data-state={x.code}>
                  <th scope="row">{x.name[lang]}</th>
                  {COLUMNS.map((c) => (
                    // On a phone each row is a block of label–figure lines: the label is the column's heading.
                    <td key={c.col} className="num" data-col={c.col} data-label={t(c.label)}>
                      {c.kind === "percent" ? percent(x[c.field]) : c.kind === "count" ? number(Number(x[c.field])) : decimal(String(x[c.field]))}
                    </td>
                  ))}
                </tr>
              )}
              below={
                <p className="muted" data-testid="money-people-totals">
                  {t("moneyPeople.totals", { cash: decimal(r.cashUsd), inKind: decimal(r.inKindUsd), value: decimal(r.secondmentValueUsd), posts: number(r.filledPosts), months: decimal(r.personMonths) })}
                </p>
              }
            />
            </div>
            {r.rows.length > 0 && <SharesChart rows={r.rows} />}
            <section className="panel" aria-labelledby="neither-title" data-testid="money-people-neither">
              <h2 id="neither-title">{t("moneyPeople.neither")}</h2>
              {r.neither.length === 0 ? (
                <p className="muted">{t("moneyPeople.neitherNone")}</p>
              ) : (
                <p>{r.neither.map((s) => s.name[lang]).sort((a, b) => a.localeCompare(b, locale)).join(", ")}</p>
              )}
            </section>
          </>
        )}
      </Loaded>
    </div>
  );
}
