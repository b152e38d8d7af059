import type { SSTConfig } from "sst";
import type { FunctionProps } from "sst/constructs";
import { Alarms } from "./stacks/Alarms";
import { Api } from "./stacks/Api";
import { Database } from "./stacks/Database";
import { Bounces } from "./stacks/Bounces";
import { Summaries } from "./stacks/Summaries";
import { Web } from "./stacks/Web";

/**
 * What the Lambda bundles leave out, each measured by `npm run bench` section 3 (README, Performance):
 * - hono-openapi's schema converter imports `zod/v4/core` whole (a dynamic import of the namespace), which
 *   keeps all of zod's locales (~265 KB) in the chunk loaded at init; it gets a module with the one
 *   function it reads.
 * - ElectroDB checks each entity's model with `jsonschema` when the entity is constructed; the models are
 *   fixed in code and checked by the tests (which run the real one), so the bundle gets a validator that
 *   accepts them.
 * - ElectroDB's client module does `require("@aws-sdk/lib-dynamodb")` at load, for the commands of an SDK v3
 *   client; it is handed core's own DynamoDB client (packages/core/src/ddb, a "v2" document client in
 *   ElectroDB's terms), which needs none of them, so that require gets an empty module and the AWS SDK's
 *   DynamoDB client is not in the bundles at all.
 * The replacements are in the functions package (`@tracker/functions/build/*`).
 * SST builds with esbuild's `keepNames`, which wraps every function and class to keep its `name`; nothing
 * here depends on those names (the errors the code tells apart set `name` themselves: DynamoDB's, the
 * client's TimeoutError, VisibleError), and without it the API loads 35 KB less and initialises ~12 % faster.
 */
type Plugin = NonNullable<NonNullable<NonNullable<FunctionProps["nodejs"]>["esbuild"]>["plugins"]>[number];
const lean: Plugin = {
  name: "lean-lambda",
  setup(build) {
    const swaps: Array<[module: RegExp, importer: RegExp, replacement: string]> = [
      [/^zod\/v4\/core$/, /@standard-community[\\/]standard-json[\\/]/, "zod-json-schema"],
      [/^jsonschema$/, /[\\/]electrodb[\\/]/, "jsonschema-stub"],
    ];
    build.onResolve({ filter: /^@aws-sdk\/lib-dynamodb$/ }, (args) => (/[\\/]electrodb[\\/]/.test(args.importer) ? { path: "lib-dynamodb", namespace: "lean-lambda" } : undefined));
    build.onLoad({ filter: /.*/, namespace: "lean-lambda" }, () => ({ loader: "js", contents: "module.exports = {};" }));
    for (const [module, importer, replacement] of swaps)
      build.onResolve({ filter: module }, (args) =>
        importer.test(args.importer) ? build.resolve(`@tracker/functions/build/${replacement}`, { kind: args.kind, resolveDir: args.resolveDir }) : undefined,
      );
  },
};

export default {
  config() {
    return {
      name: "secretariat-tracker",
      region: process.env.AWS_REGION ?? "eu-central-1",
    };
  },
  stacks(app) {
    app.setDefaultFunctionProps({
      // Lambda's newest Node.js runtime, the current LTS (Node 20 reached its end of life in April 2026).
      runtime: "nodejs24.x",
      architecture: "arm_64",
      memorySize: 1024,
      timeout: 20,
      // No AWS SDK on the request path: DynamoDB is reached by core's own client (packages/core/src/ddb), with
      // the role's credentials from the environment; the clients used only on demand (SSM, Lambda, SESv2) come
      // from the runtime, loaded on first use, as does the SDK's credential chain (used only off Lambda).
      // Code splitting: what a route imports on demand (the PDF note verbale with its fonts, ~2 MB) is a chunk
      // of its own, read only when a PDF is made, not at cold start.
      nodejs: { format: "esm", splitting: true, minify: true, sourcemap: false, esbuild: { external: ["@aws-sdk/client-ssm", "@aws-sdk/client-lambda", "@aws-sdk/client-sesv2", "@aws-sdk/credential-provider-node"], plugins: [lean], keepNames: false } },
    });
    app.stack(Database).stack(Bounces).stack(Api).stack(Summaries).stack(Alarms).stack(Web);
  },
} satisfies SSTConfig;
