/**
 * `npm start`: DynamoDB Local persisted to .data/dynamodb, the table, the
 * reference data on first start, and the API with the web on
 * http://localhost:3000 (PORT to change). Ctrl-C stops everything, data kept.
 */
import { randomBytes } from "node:crypto";
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { localHost, portInUse } from "../packages/core/src/dev/dynamo-local";
import { dataDir, fail, privateDataDir, root, useDatabase } from "./local-db";

const port = Number(process.env.PORT ?? 3000);
/** The app and DynamoDB Local listen on the loopback only, unless HOST says otherwise. */
const host = localHost();

async function main() {
  if (!Number.isInteger(port) || port < 1 || port > 65535) fail(`PORT must be a number from 1 to 65535, not "${process.env.PORT}".`);
  if (await portInUse(port)) {
    fail(`Port ${port} is already in use. Stop what runs there, or start on another port: PORT=${port + 1} npm start`);
  }
  privateDataDir();

  // The session signing key: SESSION_SECRET, or one generated once into .data/.
  if (!process.env.SESSION_SECRET) {
    const file = join(dataDir, "session-secret");
    if (!existsSync(file)) writeFileSync(file, randomBytes(48).toString("base64url"), { mode: 0o600 });
    process.env.SESSION_SECRET = readFileSync(file, "utf8").trim();
  }

  const stopDatabase = await useDatabase({ own: true, port: process.env.DYNAMODB_PORT ? Number(process.env.DYNAMODB_PORT) : undefined });
  console.log(`DynamoDB on ${process.env.DYNAMODB_ENDPOINT}, table ${process.env.TABLE_NAME}, data in .data/dynamodb`);

  // Imported only now: the core reads its database settings from the environment set above.
  const { firstStart } = await import("./seed");
  await firstStart(root);
  const { startServer, PortInUseError } = await import("../packages/functions/src/local");
  const server = await startServer({ port, hostname: host, webRoot: join(root, "packages/web/dist") }).catch(async (error) => {
    await stopDatabase();
    if (error instanceof PortInUseError) fail(error.message);
    throw error;
  });
  // The statement schedule, in-process (the same definition as the SST Cron on AWS).
  process.env.MAIL_OUTBOX ??= join(dataDir, "outbox");
  const { Actor, Clock, Notice, Statement, Summary } = await import("@tracker/core");
  const schedule = Summary.Schedule.config();
  const stopSchedule = Summary.Schedule.startTimer(schedule, async () => {
    const period = Statement.Period.justEnded(schedule.cadence === "off" ? "quarter" : schedule.cadence, Clock.today());
    const r = await Actor.provide({ type: "system", name: "schedule" }, () => Summary.run({ period: period.id }, { trigger: "schedule" }));
    console.log(`Statements for ${period.id}: ${r.sent.length} sent, ${r.skipped.length} skipped, ${r.failed.length} failed`);
  });
  // The notices, hourly as on AWS (stacks/Summaries.ts): vacancy outcome notes, then the week's HR digest, each sent once.
  const notices = async () => {
    try {
      const r = await Actor.provide({ type: "system", name: "schedule" }, () => Notice.run());
      if (r.sent.length || r.failed.length) console.log(`Notices for ${r.week}: ${r.sent.length} sent, ${r.failed.length} failed`);
    } catch (error) {
      console.error(`Notices not sent: ${(error as Error).message}`);
    }
  };
  const noticeTimer = setInterval(notices, 60 * 60 * 1000);
  noticeTimer.unref();
  void notices();
  const nextRun = Summary.Schedule.next(schedule, new Date());
  console.log(nextRun ? `Statements are sent every ${schedule.cadence}; next run ${nextRun.toISOString()} (outbox: .data/outbox)` : "Statement schedule is off");

  const shown = host === "127.0.0.1" || host === "0.0.0.0" || host === "::" ? "localhost" : host.includes(":") ? `[${host}]` : host;
  console.log(`\nThe tracker is running: http://${shown}:${port}${host === "127.0.0.1" ? "" : ` (listening on ${host})`}\nPress Ctrl-C to stop.`);

  let stopping = false;
  const stop = async () => {
    if (stopping) return;
    stopping = true;
    console.log("\nStopping…");
    stopSchedule();
    clearInterval(noticeTimer);
    server.close();
    await stopDatabase();
    console.log("Stopped. Data kept in .data/");
    process.exit(0);
  };
  process.on("SIGINT", stop);
  process.on("SIGTERM", stop);
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
