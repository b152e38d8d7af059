/**
 * One log line: a JSON object alone on its line, written to stdout. Not console.log: on Lambda the
 * Node.js runtime prefixes every console line with the time, the request id and the level, and a
 * CloudWatch JSON filter pattern (`{ $.field = value }`, as the statement failures metric uses)
 * matches only a log event that is JSON as a whole. So the request id goes inside the object.
 */
export function logLine(fields: Record<string, unknown>): void {
  process.stdout.write(`${JSON.stringify(fields)}\n`);
}
