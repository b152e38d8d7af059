/** 2. DynamoDB requests per API call (SDK middleware on core's client); no Scan. */
import { countBy, shape, type Counter, type Recorded } from "../lib/ddb-counter";
import { details, log, row } from "../lib/context";
import { call, type Dataset, type Route } from "../lib/session";
import { int } from "../lib/stats";

export async function requestsPerCall(core: typeof import("@tracker/core"), counter: Counter, d: Dataset, routes: Route[]) {
  log("2. DynamoDB requests per API call");
  const extra: Route[] = [
    { key: "states", label: "GET /api/states", step: { method: "GET", path: "/api/states" } },
    { key: "budget", label: "GET /api/budgets/2022", step: { method: "GET", path: "/api/budgets/2022" } },
    { key: "preview", label: "GET /api/summaries/preview?state=KZ&period=2022&lang=en", step: { method: "GET", path: "/api/summaries/preview?state=KZ&period=2022&lang=en" } },
    { key: "history", label: "GET /api/reports/contributions/states/KZ", step: { method: "GET", path: "/api/reports/contributions/states/KZ" } },
    { key: "csv", label: "GET /api/contributions.csv?year=2022", step: { method: "GET", path: "/api/contributions.csv?year=2022" } },
  ];
  // The HR routes, when the app serves them.
  for (const [key, path] of [["posts", "/api/posts"], ["secondments", "/api/secondments?year=2022"]] as const) {
    const probe = await call({ method: "GET", path });
    if (probe.status === 200) extra.push({ key, label: `GET ${path}`, step: { method: "GET", path } });
  }
  const captured = new Map<string, Recorded[]>();
  const table: Record<string, unknown> = {};
  let n = 0;
  for (const route of [...routes, ...extra]) {
    const { result, requests } = await counter.capture(() => call(route.step, d));
    if (result.status >= 300) throw new Error(`${route.label}: ${result.status} ${result.body.slice(0, 300)}`);
    captured.set(route.key, requests);
    const counts = countBy(requests);
    const contributionItems = requests.reduce((s, q) => s + (q.byEntity.contribution ?? 0), 0);
    const itemsRead = requests.reduce((s, q) => s + q.items, 0);
    table[route.label] = { counts, shape: shape(requests), itemsRead, contributionItems, requests: requests.map((q) => ({ command: q.command, index: q.indexName, items: q.items, byEntity: q.byEntity, ms: +(q.end - q.start).toFixed(2) })) };
    n++;
    row({
      id: `2.${n}`,
      figure: `requests: ${route.label}`,
      median: `${requests.length}`,
      what: `${Object.entries(counts).map(([k, v]) => `${k} ${v}`).join(", ")} — ${shape(requests)}${itemsRead ? `; items read ${int(itemsRead)}` : ""}`,
    });
  }
  // The year report reads the year's totals items, not its contributions (O(states), section 8).
  const report = captured.get("report")!;
  const read = report.reduce((s, q) => s + (q.byEntity.contribution ?? 0), 0);
  const totalsRead = report.reduce((s, q) => s + (q.byEntity.totals ?? 0), 0);
  const stored = await core.Actor.provide({ type: "system", name: "bench" }, () => core.Contribution.query({ year: 2022, all: true }));
  const inYear = stored.items.length;
  row({
    id: `2.${++n}`,
    figure: "year report 2022: contribution items read",
    median: int(read),
    goal: "0",
    status: read === 0 ? "ok" : "MISSED",
    what: `contribution items its Queries return, of the ${int(inYear)} contributions of 2022 (it reads ${int(totalsRead)} totals items instead); the table holds ${int(d.contributions)} + the benchmark's writes`,
  });
  details.requestsPerCall = table;
  return captured;
}
