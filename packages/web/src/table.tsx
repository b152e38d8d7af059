/**
 * The lists' table: a search field, sortable columns (`aria-sort` on the header
 * cells, a button inside each), rows in pages ("Show more", never a silent cut),
 * a totals row over every matching row, and the scroller as a focusable region.
 * What a search matches and how a column sorts come from the core's views
 * (`@tracker/core/export/views`), which the server's exports apply too; the
 * search and the sort live in the address (`?q=`, `?sort=`), beside the page's
 * own filters, and go with its export links.
 */
import { useMemo, useState, type HTMLAttributes, type ReactNode } from "react";
import { apply, sortOf, type Context, type View } from "@tracker/core/export/views";
import { useI18n } from "./i18n";
import { setQuery, useSearch, withQuery } from "./router";
import { scrollRegion } from "./ui";

const PAGE_SIZE = 50;

export interface Column<R> {
  /** The column's name; a sortable column's name is its sort key in the view. */
  key: string;
  header: ReactNode;
  cell: (row: R) => ReactNode;
  /** Classes of the header and the data cells ("num", "nowrap", …). */
  className?: string;
  /** Sortable unless false, when the view has a sort key of this name. */
  sortable?: boolean;
  /** Extra attributes of the data cell (a test id). */
  cellProps?: HTMLAttributes<HTMLTableCellElement> & { "data-testid"?: string };
}

type RowProps = HTMLAttributes<HTMLTableRowElement> & Record<`data-${string}`, string | undefined>;

export interface TableProps<R> {
  /** The table's test id and the base of its parts' test ids. */
  testId: string;
  /** The region's accessible name and the table's caption. */
  label: string;
  columns: Column<R>[];
  /** Every row of the list (all pages loaded). */
  rows: readonly R[];
  view: View<R>;
  context: Context;
  rowKey: (row: R) => string;
  rowProps?: (row: R) => RowProps;
  /** What to say when the list itself has no rows. */
  empty: ReactNode;
  /** The totals row(s) over the rows that match (every page, not only those shown). */
  totals?: (rows: R[]) => ReactNode;
  /** Rows in groups, in this order, a heading row above each. */
  groups?: { of: (row: R) => string; order: readonly string[]; label: (group: string, count: number) => ReactNode };
  /** The search field's hint: what it looks in. */
  searchHint: string;
  className?: string;
}

/** The list's search and sort as the address gives them, for export links. */
function useListQuery(): { q?: string; sort?: string } {
  const search = useSearch();
  return { q: search.get("q") || undefined, sort: search.get("sort") || undefined };
}

/**
 * The CSV and XLSX links of a list: its filters, search, sort and the interface language. A report
 * (`report`) has no search or sort of its own: only its parameters and the language go, and the
 * links say "report".
 */
export function ExportLinks({ path, params, testId, report = false }: { path: string; params: Record<string, string | number | undefined>; testId: string; report?: boolean }) {
  const { t, lang } = useI18n();
  const list = useListQuery();
  const href = (format: "csv" | "xlsx") => withQuery(path, { ...params, ...(report ? {} : list), lang, format });
  const kind = report ? "button button--secondary button--small" : "button button--secondary";
  return (
    <span className={report ? "export-links" : "export-links toolbar-end"}>
      <a className={kind} href={href("csv")} download data-testid={testId}>
        {t(report ? "dashboard.csv" : "table.csv")}
      </a>
      <a className={kind} href={href("xlsx")} download data-testid={`${testId.replace(/-csv$/, "")}-xlsx`}>
        {t(report ? "dashboard.xlsx" : "table.xlsx")}
      </a>
    </span>
  );
}

export function Table<R>(props: TableProps<R>) {
  const { columns, rows, view, context, groups, testId } = props;
  const { t, number } = useI18n();
  const search = useSearch();
  const q = search.get("q") ?? "";
  const sortParam = search.get("sort");
  const sort = sortOf(view as View<never>, sortParam);
  const [shown, setShown] = useState(PAGE_SIZE);

  const matching = useMemo(() => {
    const found = apply(view, rows, { q, sort: sortParam }, context);
    if (!groups) return found;
    const rank = new Map(groups.order.map((g, i) => [g, i]));
    return found.map((r, i) => ({ r, i, g: rank.get(groups.of(r)) ?? groups.order.length })).sort((a, b) => a.g - b.g || a.i - b.i).map((x) => x.r);
  }, [view, rows, q, sortParam, context, groups]);
  const page = matching.slice(0, shown);
  const more = matching.length - page.length;

  const toggle = (key: string) => {
    const next = sort.key === key ? (sort.desc ? key : `-${key}`) : key;
    setQuery({ sort: next });
  };

  const header = (
    <thead>
      <tr>
        {columns.map((c) => {
          const sortable = c.sortable !== false && c.key in view.sort;
          const active = sortable && sort.key === c.key;
          return (
            <th
              key={c.key}
              scope="col"
              className={c.className}
              aria-sort={sortable ? (active ? (sort.desc ? "descending" : "ascending") : "none") : undefined}
              data-column={c.key}
            >
              {sortable ? (
                <button type="button" className="sort-button" onClick={() => toggle(c.key)} data-testid={`sort-${c.key}`}>
                  {c.header}
                  <span className="sort-mark" aria-hidden="true">
                    {active ? (sort.desc ? "▼" : "▲") : "↕"}
                  </span>
                </button>
              ) : (
                c.header
              )}
            </th>
          );
        })}
      </tr>
    </thead>
  );

  const line = (r: R) => (
    <tr key={props.rowKey(r)} {...props.rowProps?.(r)}>
      {columns.map((c) => (
        <td key={c.key} className={c.className} {...c.cellProps}>
          {c.cell(r)}
        </td>
      ))}
    </tr>
  );

  const emptyRow = (
    <tbody>
      <tr className="empty-row">
        <td colSpan={columns.length} data-testid={`${testId.replace(/-table$/, "")}-empty`}>
          {rows.length === 0 ? props.empty : t("table.noMatch", { q })}
        </td>
      </tr>
    </tbody>
  );

  const body = (() => {
    if (page.length === 0) return emptyRow;
    if (!groups) return <tbody>{page.map(line)}</tbody>;
    const parts: { group: string; rows: R[] }[] = [];
    for (const r of page) {
      const g = groups.of(r);
      if (parts.at(-1)?.group !== g) parts.push({ group: g, rows: [] });
      parts.at(-1)!.rows.push(r);
    }
    return parts.map((p) => (
      <tbody key={p.group} data-category={p.group}>
        <tr className="group-row">
          <th scope="colgroup" colSpan={columns.length}>
            {groups.label(p.group, matching.filter((r) => groups.of(r) === p.group).length)}
          </th>
        </tr>
        {p.rows.map(line)}
      </tbody>
    ));
  })();

  return (
    <div className="list" data-testid={`${testId}-list`}>
      <div className="list-tools">
        <div className="field field--inline list-search">
          <label htmlFor={`${testId}-search`}>{t("table.search")}</label>
          <input
            id={`${testId}-search`}
            type="search"
            name="q"
            value={q}
            onChange={(e) => {
              setShown(PAGE_SIZE);
              setQuery({ q: e.target.value });
            }}
            aria-describedby={`${testId}-search-hint`}
            data-testid="list-search"
          />
          <span id={`${testId}-search-hint`} className="muted small">
            {props.searchHint}
          </span>
        </div>
        <p className="muted small list-count" aria-live="polite" data-testid="list-count">
          {t("table.shown", { shown: number(page.length), total: number(matching.length) })}
          {q && matching.length !== rows.length ? ` · ${t("table.ofAll", { n: number(rows.length) })}` : ""}
        </p>
      </div>
      <div className="table-wrap" {...scrollRegion(props.label)}>
        <table className={`table table--clickable ${props.className ?? ""}`} data-testid={testId}>
          <caption className="visually-hidden">{props.label}</caption>
          {header}
          {body}
          {props.totals && matching.length > 0 && <tfoot data-testid="list-totals">{props.totals(matching)}</tfoot>}
        </table>
      </div>
      {more > 0 && (
        <div className="list-more">
          <button type="button" className="button button--secondary" onClick={() => setShown((n) => n + PAGE_SIZE)} data-testid="show-more">
            {t("table.showMore", { n: number(Math.min(PAGE_SIZE, more)) })}
          </button>
          <button type="button" className="button button--secondary" onClick={() => setShown(matching.length)} data-testid="show-all">
            {t("table.showAll", { n: number(matching.length) })}
          </button>
        </div>
      )}
    </div>
  );
}
