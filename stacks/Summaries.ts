import { Cron, use, type App, type StackContext } from "sst/constructs";
import { Schedule } from "../packages/core/src/summary";
import { Database } from "./Database";
import { sesMail } from "./mail";

/** The statements function's name, known before it exists: the API invokes it for "run now". */
export const statementsFunctionName = (app: App) => `${app.stage}-${app.name}-statements`.slice(0, 64);

/**
 * The statement schedule: by default 06:00 UTC on the first day of each
 * quarter, for the quarter just ended (STATEMENT_PERIOD, STATEMENT_HOUR_UTC at
 * deploy time). The job reaches only the table and sends only from the
 * configured SES identity.
 */
export function Summaries({ stack, app }: StackContext) {
  const { table } = use(Database);
  const schedule = Schedule.config();
  const mail = sesMail(stack);
  const cron = new Cron(stack, "Statements", {
    schedule: Schedule.cronExpression(schedule) as `cron(${string})`,
    enabled: schedule.cadence !== "off",
    job: {
      function: {
        handler: "packages/functions/src/summaries.handler",
        functionName: statementsFunctionName(app),
        timeout: 900,
        bind: [table],
        environment: { ...mail.environment, STATEMENT_PERIOD: schedule.cadence, STATEMENT_HOUR_UTC: String(schedule.hourUtc) },
        permissions: mail.permissions,
      },
    },
  });
  stack.addOutputs({ StatementSchedule: Schedule.cronExpression(schedule) });
  return { cron };
}
