/**
 * One cold module init, run as `node --import ./count-network.mjs cold-init.mjs [bundle.mjs] [options JSON]`:
 * imports the bundle (nothing without one: the bare baseline) and checks it exports a handler.
 * Options: {"settle": ms} waits that long after the import for calls started but not awaited;
 * {"first": [packages]} imports those packages first and times each (where the init goes);
 * {"request": {"path", "cookie", "headers"}} then answers one GET as API Gateway (HTTP API, payload 2.0) hands it to
 * the handler, and times it (parts.request; its status in status).
 * The bundle's import is timed in wall time (parts.bundle) and in CPU time (parts.bundleCpu: user + system of
 * the whole process, every thread), which a loaded machine inflates far less.
 * Prints one JSON line: {ok, error?, calls, parts?, status?}.
 */
const [file, raw] = process.argv.slice(2);
const options = raw ? JSON.parse(raw) : {};
const parts = {};
let ok = true;
let error;
let status;
try {
  for (const pkg of options.first ?? []) {
    const t = performance.now();
    await import(pkg);
    parts[pkg] = performance.now() - t;
  }
  if (file) {
    const t = performance.now();
    const cpu = process.cpuUsage();
    const m = await import(new URL(`file://${file}`).href);
    parts.bundle = performance.now() - t;
    const used = process.cpuUsage(cpu);
    parts.bundleCpu = (used.user + used.system) / 1000;
    if (typeof m.handler !== "function") throw new Error("the bundle exports no handler");
    if (options.request) {
      const { path, cookie, headers = {} } = options.request;
      const [rawPath, rawQueryString = ""] = path.split("?");
      const host = "tracker.example.org";
      const event = {
        version: "2.0",
        routeKey: "ANY /api/{proxy+}",
        rawPath,
        rawQueryString,
        cookies: [cookie],
        headers: { host, "x-forwarded-proto": "https", accept: "application/json", ...headers },
        queryStringParameters: Object.fromEntries(new URLSearchParams(rawQueryString)),
        requestContext: { domainName: host, http: { method: "GET", path: rawPath, protocol: "HTTP/1.1", sourceIp: "192.0.2.1", userAgent: "bench" }, requestId: "bench", routeKey: "ANY /api/{proxy+}", stage: "$default", timeEpoch: Date.now() },
        isBase64Encoded: false,
      };
      const t2 = performance.now();
      const res = await m.handler(event, { awsRequestId: "bench", getRemainingTimeInMillis: () => 20_000 });
      parts.request = performance.now() - t2;
      status = res?.statusCode;
      if (status !== 200) throw new Error(`GET ${path}: ${status} ${String(res?.body ?? "").slice(0, 200)}`);
    }
  }
  if (options.settle) await new Promise((r) => setTimeout(r, options.settle));
} catch (e) {
  ok = false;
  error = String(e?.message ?? e).split("\n")[0];
}
console.log(JSON.stringify({ ok, error, calls: globalThis.__networkCalls ?? [], parts, status }));
