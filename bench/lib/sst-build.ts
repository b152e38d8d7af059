/**
 * The Lambda artifacts exactly as `sst deploy` builds them, without AWS: SST 2.49.8's own code loads
 * sst.config.ts, the stacks are constructed in an App in deploy mode (so every function carries the
 * props SST merges from setDefaultFunctionProps and the stack), and SST's runtime handler builds each
 * function (runtime/handlers.js → handlers/node.js, esbuild as SST calls it). Nothing is deployed and no
 * AWS call is made: the App gets a placeholder account, and the deferred tasks (web build, assets) are
 * not run.
 *
 * Run in a process of its own (SST sets SST_STAGE, reads .env files, changes directory):
 *   node --import tsx bench/lib/sst-build.ts <out dir>
 * Writes <out dir>/builds.json: per function and variant, the bundle file, its options and esbuild's metafile.
 * Variant "deployed" is the config as it is; "sdk-bundled" / "sdk-external" is the same build with
 * `@aws-sdk/*` removed from / added to nodejs.esbuild.external, for the comparison of cold inits.
 */
import { cpSync, existsSync, mkdirSync, rmSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { basename, join, resolve } from "node:path";

interface Metafile {
  inputs: Record<string, { bytes: number; imports: Array<{ path: string; external?: boolean }> }>;
  outputs: Record<string, { bytes: number; inputs: Record<string, { bytesInOutput: number }> }>;
}
interface FunctionProps {
  handler: string;
  runtime?: string;
  architecture?: string;
  memorySize?: number;
  timeout?: number;
  nodejs?: { format?: string; minify?: boolean; sourcemap?: boolean; esbuild?: { external?: string[] } };
}
export interface BuiltFunction {
  name: string;
  functionId: string;
  handler: string;
  variant: string;
  /** The bundle's .mjs file (copied out of .sst/artifacts). */
  file: string;
  dir: string;
  external: string[];
  props: { runtime?: string; architecture?: string; memorySize?: number; timeout?: number; nodejs?: unknown };
  esbuild: { version: string; options: Record<string, unknown> };
  metafile: Metafile;
  seconds: number;
}

const root = resolve(import.meta.dirname, "../..");
const outDir = resolve(process.argv[2] ?? join(root, "bench/results/lambda"));
const SDK = "@aws-sdk/*";

process.chdir(root);
const sst = createRequire(join(root, "node_modules/sst/package.json"));
// SST's own esbuild (the one its node handler imports), for its version.
const esbuild = sst("esbuild") as { version: string };
/**
 * The build observed through SST's own extension point: nodejs.esbuild (other than `external`) is spread
 * last into the options SST gives esbuild, so an observing plugin sees SST's initial options and the
 * result's metafile without changing the output.
 */
function observer(seen: { options?: Record<string, unknown>; metafile?: Metafile }) {
  return {
    name: "bench-observe",
    setup(build: { initialOptions: Record<string, unknown>; onEnd(cb: (result: { metafile?: Metafile }) => void): void }) {
      seen.options = { ...build.initialOptions };
      build.onEnd((result) => {
        seen.metafile = result.metafile;
      });
    },
  };
}

const { initProject, useProject } = (await import("sst/project.js")) as {
  initProject(globals: { root?: string; stage?: string }): Promise<void>;
  useProject(): { config: { name: string; region: string; stage: string }; paths: { config: string; artifacts: string } };
};
await initProject({ root, stage: process.env.BENCH_SST_STAGE ?? "bench" });
const project = useProject();
const { Stacks } = (await import("sst/stacks/index.js")) as unknown as { Stacks: { load(file: string): Promise<[unknown, { stacks(app: unknown): unknown }]> } };
const { App } = (await import("sst/constructs/App.js")) as { App: new (deploy: object, props: object) => unknown };
const { useFunctions } = (await import("sst/constructs/Function.js")) as { useFunctions(): { all: Record<string, FunctionProps> } };
const { useRuntimeHandlers } = (await import("sst/runtime/handlers.js")) as {
  useRuntimeHandlers(): { build(id: string, mode: "deploy"): Promise<{ type: string; handler?: string; out?: string; errors?: string[] }> };
};

const [, config] = await Stacks.load(project.paths.config);
const cdkOut = join(outDir, ".cdk.out");
const app = new App(
  { account: "000000000000", stage: project.config.stage, name: project.config.name, region: project.config.region, mode: "deploy" },
  { outdir: cdkOut },
);
await config.stacks(app);

rmSync(outDir, { recursive: true, force: true });
mkdirSync(outDir, { recursive: true });
const functions = useFunctions().all;
const built: BuiltFunction[] = [];

async function build(functionId: string, variant: string) {
  const props = functions[functionId]!;
  const name = basename(props.handler).split(".")[0]!;
  const t = performance.now();
  const observed: { options?: Record<string, unknown>; metafile?: Metafile } = {};
  const nodejs = props.nodejs ?? {};
  // The config's own plugins stay; the observer comes last.
  const own = ((nodejs.esbuild as { plugins?: unknown[] } | undefined)?.plugins ?? []) as unknown[];
  props.nodejs = { ...nodejs, esbuild: { ...nodejs.esbuild, plugins: [...own, observer(observed)] } as never };
  const result = await useRuntimeHandlers().build(functionId, "deploy").finally(() => (props.nodejs = nodejs));
  if (result.type !== "success" || !result.out || !result.handler) throw new Error(`SST could not build ${props.handler}: ${(result.errors ?? []).join("\n")}`);
  if (!observed.options || !observed.metafile) throw new Error(`no esbuild build observed for ${props.handler}`);
  const dir = join(outDir, variant, name);
  cpSync(result.out, dir, { recursive: true });
  const file = join(dir, `${result.handler.replace(/\.[^.]+$/, "")}.mjs`);
  if (!existsSync(file)) throw new Error(`${file} not built`);
  const { entryPoints, outfile, plugins, banner, ...options } = observed.options;
  void [entryPoints, outfile, plugins, banner];
  built.push({
    name,
    functionId,
    handler: props.handler,
    variant,
    file,
    dir,
    external: (observed.options.external as string[]) ?? [],
    props: { runtime: props.runtime, architecture: props.architecture, memorySize: props.memorySize, timeout: props.timeout, nodejs: props.nodejs },
    esbuild: { version: esbuild.version, options },
    metafile: observed.metafile,
    seconds: (performance.now() - t) / 1000,
  });
}

for (const id of Object.keys(functions)) await build(id, "deployed");
// The other choice for the AWS SDK, for the comparison: the same props with @aws-sdk/* flipped.
for (const [id, props] of Object.entries(functions)) {
  const nodejs = props.nodejs ?? {};
  const external = nodejs.esbuild?.external ?? [];
  const bundled = external.includes(SDK);
  props.nodejs = { ...nodejs, esbuild: { ...nodejs.esbuild, external: bundled ? external.filter((x) => x !== SDK) : [...external, SDK] } };
  await build(id, bundled ? "sdk-bundled" : "sdk-external");
  props.nodejs = nodejs;
}
rmSync(cdkOut, { recursive: true, force: true });
rmSync(project.paths.artifacts, { recursive: true, force: true });
writeFileSync(join(outDir, "builds.json"), JSON.stringify({ sst: (sst("sst/package.json") as { version: string }).version, stage: project.config.stage, functions: built }));
process.exit(0);
