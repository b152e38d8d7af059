import type { SSTConfig } from "sst";
import { Alarms } from "./stacks/Alarms";
import { Api } from "./stacks/Api";
import { Database } from "./stacks/Database";
import { Bounces } from "./stacks/Bounces";
import { Summaries } from "./stacks/Summaries";
import { Web } from "./stacks/Web";

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
      // The DynamoDB client is bundled (one minified file initialises faster than the runtime's SDK, measured
      // by `npm run bench` section 3); the clients used only on demand come from the runtime, loaded on first use.
      // Code splitting: what a route imports on demand (the PDF note verbale with its fonts, ~2 MB) is a chunk
      // of its own, read only when a PDF is made, not at cold start.
      nodejs: { format: "esm", splitting: true, minify: true, sourcemap: false, esbuild: { external: ["@aws-sdk/client-ssm", "@aws-sdk/client-lambda", "@aws-sdk/client-sesv2"] } },
    });
    app.stack(Database).stack(Bounces).stack(Api).stack(Summaries).stack(Alarms).stack(Web);
  },
} satisfies SSTConfig;
