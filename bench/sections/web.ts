/** 5. Web: first-load JavaScript and CSS of the production build, gzip. */
import { spawnSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { gzipSync } from "node:zlib";
import { details, log, root, row } from "../lib/context";
import { kb } from "../lib/stats";

function webSizes(buildSeconds: number) {
  const dist = join(root, "packages/web/dist");
  const html = readFileSync(join(dist, "index.html"), "utf8");
  const refs = [
    ...[...html.matchAll(/<script[^>]*\bsrc="([^"]+)"/g)].map((m) => ({ kind: "js", href: m[1]! })),
    ...[...html.matchAll(/<link[^>]*rel="modulepreload"[^>]*href="([^"]+)"/g)].map((m) => ({ kind: "js", href: m[1]! })),
    ...[...html.matchAll(/<link[^>]*rel="stylesheet"[^>]*href="([^"]+)"/g)].map((m) => ({ kind: "css", href: m[1]! })),
  ];
  const files = refs.map((r) => {
    const body = readFileSync(join(dist, r.href.replace(/^\//, "")));
    return { ...r, bytes: body.length, gzip: gzipSync(body).length };
  });
  const js = files.filter((f) => f.kind === "js");
  const css = files.filter((f) => f.kind === "css");
  const sum = (l: typeof files, k: "bytes" | "gzip") => l.reduce((s, f) => s + f[k], 0);
  const total = sum(files, "gzip");
  details.web = { buildSeconds, files };
  row({ id: "5.1", figure: "web first-load JS (gzip)", median: kb(sum(js, "gzip")), what: `${js.length} file(s) referenced by dist/index.html, ${kb(sum(js, "bytes"))} minified` });
  row({ id: "5.2", figure: "web first-load CSS (gzip)", median: kb(sum(css, "gzip")), what: `${css.length} file(s), ${kb(sum(css, "bytes"))} minified` });
  row({ id: "5.3", figure: "web first-load JS + CSS (gzip)", median: kb(total), goal: "≤ 150 KB", status: total <= 150 * 1024 ? "ok" : "MISSED", what: `what a first visit downloads besides index.html (vite build: ${buildSeconds.toFixed(1)} s)` });
}

/** Builds the web (npm run build:web) and measures it at once. */
export function web() {
  log("building the web (npm run build:web)");
  const t = performance.now();
  const build = spawnSync("npm", ["run", "build:web"], { cwd: root, encoding: "utf8" });
  const seconds = (performance.now() - t) / 1000;
  if (build.status !== 0) {
    row({ id: "5.1", figure: "web first-load JS + CSS (gzip)", status: "FAILED", goal: "≤ 150 KB", what: `npm run build:web failed: ${(build.stderr || build.stdout).trim().split("\n").slice(-3).join(" / ")}` });
    return;
  }
  try {
    webSizes(seconds);
  } catch (error) {
    row({ id: "5.1", figure: "web first-load JS + CSS (gzip)", status: "FAILED", goal: "≤ 150 KB", what: String(error) });
  }
}
