/**
 * `npm run user:create -- --email a@b.org --name "A B" --role admin [--role finance]`
 * Asks for the password on a terminal, or reads USER_PASSWORD. Locally it uses
 * the running `npm start` database (or .data directly); on AWS set TABLE_NAME
 * (and AWS_REGION) to the deployed table.
 */
import { parseArgs } from "node:util";
import { createInterface } from "node:readline";
import { fail, useDatabase } from "./local-db";

const { values } = parseArgs({
  options: {
    email: { type: "string" },
    name: { type: "string" },
    role: { type: "string", multiple: true },
  },
});

function askHidden(question: string): Promise<string> {
  return new Promise((resolve) => {
    const rl = createInterface({ input: process.stdin, output: process.stdout, terminal: true });
    const write = (rl as unknown as { _writeToOutput: (s: string) => void })._writeToOutput.bind(rl);
    let asked = false;
    (rl as unknown as { _writeToOutput: (s: string) => void })._writeToOutput = (s: string) => {
      if (!asked) {
        asked = true;
        write(s);
      }
    };
    rl.question(question, (answer) => {
      rl.close();
      process.stdout.write("\n");
      resolve(answer);
    });
  });
}

async function main() {
  if (!values.email || !values.name || !values.role?.length) {
    fail('Usage: npm run user:create -- --email someone@example.org --name "Full Name" --role admin [--role finance]');
  }
  let password = process.env.USER_PASSWORD;
  if (!password) {
    if (!process.stdin.isTTY) fail("Set USER_PASSWORD, or run this on a terminal to be asked for the password.");
    password = await askHidden("Password (12 characters or more): ");
    const again = await askHidden("Again: ");
    if (password !== again) fail("The two passwords differ.");
  }
  const stop = await useDatabase();
  try {
    const { Actor, User, VisibleError } = await import("@tracker/core");
    const { ZodError } = await import("zod");
    try {
      const user = await Actor.provide({ type: "system", name: "user-create" }, () =>
        User.create({ email: values.email!, name: values.name!, roles: values.role as never, password: password! }),
      );
      console.log(`Created ${user.email} (${user.roles.join(", ")})`);
    } catch (error) {
      if (error instanceof ZodError) fail(error.issues.map((i) => `${i.path.join(".") || "input"}: ${i.message}`).join("\n"));
      if (error instanceof VisibleError) fail(error.message);
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
