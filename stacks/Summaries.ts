import { Cron, use, type StackContext } from "sst/constructs";
import { Schedule } from "../packages/core/src/summary";
import { Database } from "./Database";
import { TABLE_ACCESS, tableAccess } from "./dynamo";
import { sesMail } from "./mail";
import { accept, acceptStackHandlers, LOGS_ROLE, TABLE_INDEXES, XRAY } from "./nag";

/**
 * The statement schedule: by default 06:00 UTC on the first day of each
 * quarter, for the quarter just ended (STATEMENT_PERIOD, STATEMENT_HOUR_UTC at
 * deploy time). The job reaches only the table and sends only from the
 * configured SES identity.
 */
export function Summaries({ stack }: StackContext) {
  const { table } = use(Database);
  const schedule = Schedule.config();
  const mail = sesMail(stack);
  const data = tableAccess(table, TABLE_ACCESS.statements);
  const cron = new Cron(stack, "Statements", {
    schedule: Schedule.cronExpression(schedule) as `cron(${string})`,
    enabled: schedule.cadence !== "off",
    job: {
      function: {
        handler: "packages/functions/src/summaries.handler",
        timeout: 900,
        environment: { ...data.environment, ...mail.environment, STATEMENT_PERIOD: schedule.cadence, STATEMENT_HOUR_UTC: String(schedule.hourUtc) },
        permissions: [...data.permissions, ...mail.permissions],
      },
    },
  });
  accept(cron.jobFunction, [LOGS_ROLE, XRAY, TABLE_INDEXES]);
  acceptStackHandlers(stack);
  stack.addOutputs({ StatementSchedule: Schedule.cronExpression(schedule) });
  return { cron };
}
