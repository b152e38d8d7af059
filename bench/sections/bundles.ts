/** 3. Lambda bundles: size, largest inputs, cold init. */
import { spawnSync } from "node:child_process";
import { randomBytes } from "node:crypto";
import { readFileSync, rmSync } from "node:fs";
import { createRequire } from "node:module";
import { join } from "node:path";
import { gzipSync } from "node:zlib";
import { details, log, resultsDir, root, row } from "../lib/context";
import { kb, median, ms } from "../lib/stats";

export async function bundles() {
  log("3. Lambda bundles");
  // The brief's build with the root esbuild; `sst deploy`'s with the esbuild SST itself bundles with.
  const esbuild = await import("esbuild");
  let sstEsbuild: typeof esbuild = esbuild;
  let sstEsbuildVersion = "";
  try {
    const fromSst = createRequire(join(root, "node_modules/sst/package.json"));
    sstEsbuild = fromSst("esbuild") as typeof esbuild;
    sstEsbuildVersion = (fromSst("esbuild/package.json") as { version: string }).version;
  } catch {}
  const out = join(resultsDir, "lambda");
  rmSync(out, { recursive: true, force: true });
  const banner = [
    `import { createRequire as topLevelCreateRequire } from 'module';`,
    `const require = topLevelCreateRequire(import.meta.url);`,
    `import { fileURLToPath as topLevelFileUrlToPath, URL as topLevelURL } from "url"`,
    `const __dirname = topLevelFileUrlToPath(new topLevelURL(".", import.meta.url))`,
  ].join("\n");
  const variants = {
    // What the brief measures: the SDK v3 from the Node.js 22 runtime.
    lambda: { target: "node22", external: ["sharp", "pg-native", "@aws-sdk/*"] },
    // What `sst deploy` (SST 2.49.8, nodejs.format esm) builds with this repository's sst.config.ts: the SDK is bundled.
    sst: { target: "esnext", external: ["sharp", "pg-native"] },
  } as const;
  const built: Record<string, { file: string; bytes: number; gzip: number; inputs: Array<[string, number]>; packages: Array<[string, number]> }> = {};
  for (const [variant, v] of Object.entries(variants))
    for (const name of ["api", "summaries"]) {
      const file = join(out, variant, `${name}.mjs`);
      const result = await (variant === "sst" ? sstEsbuild : esbuild).build({
        entryPoints: [join(root, `packages/functions/src/${name}.ts`)],
        outfile: file,
        bundle: true,
        platform: "node",
        format: "esm",
        target: v.target,
        mainFields: ["module", "main"],
        minify: true,
        keepNames: true,
        sourcemap: false,
        metafile: true,
        logLevel: "silent",
        external: [...v.external],
        banner: { js: banner },
      });
      const output = Object.values(result.metafile.outputs)[0]!;
      const body = readFileSync(file);
      const inputs = Object.entries(output.inputs).map(([k, i]) => [k, i.bytesInOutput] as [string, number]).sort((a, b) => b[1] - a[1]);
      const packages = new Map<string, number>();
      for (const [k, b] of inputs) {
        const m = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(k);
        const pkg = m ? m[1]! : k.startsWith("packages/") ? k.split("/").slice(0, 2).join("/") : k;
        packages.set(pkg, (packages.get(pkg) ?? 0) + b);
      }
      built[`${variant}/${name}`] = { file, bytes: body.length, gzip: gzipSync(body).length, inputs: inputs.slice(0, 10), packages: [...packages.entries()].sort((a, b) => b[1] - a[1]).slice(0, 10) };
    }

  const api = built["lambda/api"]!;
  const sum = built["lambda/summaries"]!;
  const sstApi = built["sst/api"]!;
  row({ id: "3.1", figure: "API Lambda bundle (minified)", median: `${kb(api.bytes)} (gzip ${kb(api.gzip)})`, goal: "≤ 400 KB", status: api.bytes <= 400 * 1024 ? "ok" : "MISSED", what: `packages/functions/src/api.ts, esbuild ${(await import("esbuild")).version} ESM, platform node, target node22, minify, keepNames, external @aws-sdk/* (runtime SDK v3)` });
  api.inputs.slice(0, 5).forEach(([k, b], i) => row({ id: `3.1.${i + 1}`, figure: `  API input #${i + 1}`, median: kb(b), what: k }));
  row({ id: "3.1.6", figure: "  API by package (top 5)", median: "", what: api.packages.slice(0, 5).map(([k, b]) => `${k} ${kb(b)}`).join(", ") });
  row({ id: "3.2", figure: "Summaries Lambda bundle (minified)", median: `${kb(sum.bytes)} (gzip ${kb(sum.gzip)})`, what: "packages/functions/src/summaries.ts, same options" });
  sum.inputs.slice(0, 5).forEach(([k, b], i) => row({ id: `3.2.${i + 1}`, figure: `  summaries input #${i + 1}`, median: kb(b), what: k }));
  row({
    id: "3.3",
    figure: "API bundle as `sst deploy` builds it",
    median: `${kb(sstApi.bytes)} (gzip ${kb(sstApi.gzip)})`,
    what: `SST 2.49.8's own build (esbuild ${sstEsbuildVersion || "(root)"}, format esm, target esnext) with this sst.config.ts does not mark @aws-sdk/* external: the SDK is bundled (summaries: ${kb(built["sst/summaries"]!.bytes)})`,
  });

  // Cold module initialisation: a fresh node importing the bundle, minus a bare node.
  const env = {
    PATH: process.env.PATH,
    HOME: process.env.HOME,
    AWS_REGION: "eu-central-1",
    AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: "true",
    SST_APP: "secretariat-tracker",
    SST_STAGE: "bench",
    SST_REGION: "eu-central-1",
    SST_Secret_value_SESSION_SECRET: randomBytes(48).toString("base64url"),
    SST_Table_tableName_Database: "tracker-bench",
    MAIL_TRANSPORT: "ses",
    MAIL_FROM: "CICA Secretariat <statements@example.org>",
  };
  const spawnMs = (args: string[]) => {
    const t = performance.now();
    const r = spawnSync(process.execPath, args, { env, encoding: "utf8" });
    const elapsedMs = performance.now() - t;
    if (r.status !== 0) throw new Error(`node ${args.join(" ")}: ${r.status}\n${r.stderr}`);
    return elapsedMs;
  };
  const importScript = (file: string) =>
    `const m = await import(${JSON.stringify(`file://${file}`)}); if (typeof m.handler !== "function") { console.error("no handler"); process.exit(3); }`;
  const RUNS = 10;
  const bare: number[] = [];
  const times: Record<string, number[]> = { "lambda/api": [], "lambda/summaries": [], "sst/api": [] };
  spawnMs(["-e", ""]);
  for (let i = 0; i < RUNS; i++) {
    bare.push(spawnMs(["-e", ""]));
    for (const k of Object.keys(times)) times[k]!.push(spawnMs(["--input-type=module", "-e", importScript(built[k]!.file)]));
  }
  const bareMedian = median(bare);
  // Where the API's cold init goes: the SDK clients it loads from the runtime, then the bundle's own code.
  const parts: Record<string, number[]> = { dynamodb: [], ssm: [], bundle: [] };
  const breakdown = [
    `let t = performance.now(); await import("@aws-sdk/client-dynamodb"); await import("@aws-sdk/lib-dynamodb"); const dynamodb = performance.now() - t;`,
    `t = performance.now(); await import("@aws-sdk/client-ssm"); const ssm = performance.now() - t;`,
    `t = performance.now(); await import(${JSON.stringify(`file://${built["lambda/api"]!.file}`)}); const bundle = performance.now() - t;`,
    `console.log(JSON.stringify({ dynamodb, ssm, bundle }));`,
  ].join("\n");
  for (let i = 0; i < 5; i++) {
    const r = spawnSync(process.execPath, ["--input-type=module", "-e", breakdown], { env, encoding: "utf8", cwd: out });
    if (r.status !== 0) throw new Error(`cold init breakdown: ${r.stderr}`);
    const p = JSON.parse(r.stdout.trim()) as Record<string, number>;
    for (const k of Object.keys(parts)) parts[k]!.push(p[k]!);
  }
  const part = (k: string) => median(parts[k]!);
  const cold = Object.fromEntries(Object.entries(times).map(([k, v]) => [k, median(v) - bareMedian]));
  row({ id: "3.4", figure: "API cold module init", median: ms(cold["lambda/api"]!, 0), goal: "≤ 150 ms", status: cold["lambda/api"]! <= 150 ? "ok" : "MISSED", what: `a fresh \`node\` importing the bundle (median of ${RUNS}; slowest ${ms(Math.max(...times["lambda/api"]!) - bareMedian, 0)}) minus a bare \`node -e ""\` (${ms(bareMedian, 0)}); the SDK loads from node_modules as the runtime's would` });
  row({
    id: "3.4.1",
    figure: "  API cold init: where it goes",
    median: "",
    what: `@aws-sdk/client-dynamodb + lib-dynamodb ${ms(part("dynamodb"), 0)}, @aws-sdk/client-ssm (imported by sst/node/config) ${ms(part("ssm"), 0)}, the bundle's own code ${ms(part("bundle"), 0)} (medians of 5, imported in this order)`,
  });
  row({ id: "3.5", figure: "Summaries cold module init", median: ms(cold["lambda/summaries"]!, 0), what: `same measure, statements Lambda (slowest ${ms(Math.max(...times["lambda/summaries"]!) - bareMedian, 0)})` });
  row({ id: "3.6", figure: "API cold init, SDK bundled (sst deploy)", median: ms(cold["sst/api"]!, 0), what: `same measure, the bundle of row 3.3 (slowest ${ms(Math.max(...times["sst/api"]!) - bareMedian, 0)})` });
  details.bundles = { built, cold, bare, times, breakdown: parts };
}
