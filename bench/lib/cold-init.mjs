/**
 * One cold module init, run as `node --import ./count-network.mjs cold-init.mjs [bundle.mjs] [options JSON]`:
 * imports the bundle (nothing without one: the bare baseline) and checks it exports a handler.
 * Options: {"settle": ms} waits that long after the import for calls started but not awaited;
 * {"first": [packages]} imports those packages first and times each (where the init goes).
 * Prints one JSON line: {ok, error?, calls, parts?}.
 */
const [file, raw] = process.argv.slice(2);
const options = raw ? JSON.parse(raw) : {};
const parts = {};
let ok = true;
let error;
try {
  for (const pkg of options.first ?? []) {
    const t = performance.now();
    await import(pkg);
    parts[pkg] = performance.now() - t;
  }
  if (file) {
    const t = performance.now();
    const m = await import(new URL(`file://${file}`).href);
    parts.bundle = performance.now() - t;
    if (typeof m.handler !== "function") throw new Error("the bundle exports no handler");
  }
  if (options.settle) await new Promise((r) => setTimeout(r, options.settle));
} catch (e) {
  ok = false;
  error = String(e?.message ?? e).split("\n")[0];
}
console.log(JSON.stringify({ ok, error, calls: globalThis.__networkCalls ?? [], parts }));
