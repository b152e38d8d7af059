/**
 * `npm run statements -- --period 2026-Q4 [--state KZ] [--dry-run]`
 * Sends the statements of a period now (to .data/outbox locally, or SMTP/SES
 * as configured), with a line per state; a second run sends nothing new.
 */
import { join } from "node:path";
import { parseArgs } from "node:util";
import { dataDir, fail, useDatabase } from "./local-db";

const { values } = parseArgs({
  options: {
    period: { type: "string" },
    state: { type: "string", multiple: true },
    "dry-run": { type: "boolean", default: false },
  },
});

async function main() {
  if (!values.period) fail("Usage: npm run statements -- --period 2026-Q4 [--state KZ] [--dry-run]   (period: 2026, 2026-Q4 or 2026-11)");
  process.env.MAIL_OUTBOX ??= join(dataDir, "outbox");
  const stop = await useDatabase();
  try {
    const { Actor, Summary } = await import("@tracker/core");
    await import("@tracker/core/mail");
    const { ZodError } = await import("zod");
    const dryRun = values["dry-run"];
    console.log(`${dryRun ? "Dry run: statements that would be sent" : "Sending statements"} for ${values.period}`);
    try {
      const result = await Actor.provide({ type: "system", name: "cli" }, () =>
        Summary.run(
          { period: values.period!, states: values.state?.map((s) => s.toUpperCase()), dryRun },
          {
            trigger: "cli",
            onState: (state, o) =>
              console.log(`  ${state}  ${dryRun ? "would send" : "sent"} ${o.sent}  skipped ${o.skipped}  failed ${o.failed}`),
          },
        ),
      );
      for (const f of result.failed) console.log(`  FAILED ${f.state} ${f.email ?? ""}: ${f.error}`);
      console.log(
        `Done (run ${result.runId}): ${result.sent.length} ${dryRun ? "to send" : "sent"}, ${result.skipped.length} skipped, ${result.failed.length} failed.` +
          (!dryRun && process.env.MAIL_TRANSPORT !== "ses" && !process.env.SMTP_URL ? ` Messages are in ${process.env.MAIL_OUTBOX}` : ""),
      );
      if (result.failed.length) process.exitCode = 2;
    } catch (error) {
      if (error instanceof ZodError) fail(error.issues.map((i) => `${i.path.join(".") || "input"}: ${i.message}`).join("\n"));
      throw error;
    }
  } finally {
    await stop();
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
