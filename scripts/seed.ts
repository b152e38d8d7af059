/** Reference data (and, later, demonstration data) loaded on a first local start. */
import { Actor, Auth, Clock, Contribution, MemberState, Organisation, Totals, User } from "@tracker/core";
import { readFileSync } from "node:fs";
import { join } from "node:path";

export async function firstStart(root: string) {
  await Actor.provide({ type: "system", name: "seed" }, async () => {
    const seed = JSON.parse(readFileSync(join(root, "seed/member-states-2022.json"), "utf8")) as {
      states: Array<{ code: string; en: string; ru: string; joinedOn?: string; formalName?: MemberState.FormalName }>;
    };
    if (await Organisation.seed()) console.log("Seeded the organisation's profile (seed/organisation.json)");
    const existing = await MemberState.listAll();
    if (existing.length > 0) {
      // An installation from before formal names gets them; nothing else changes.
      await MemberState.seed(seed.states.filter((s) => existing.some((e) => e.code === s.code)));
    }
    if (existing.length === 0) {
      const created = await MemberState.seed(seed.states);
      console.log(`Seeded ${created} member states`);
      if (process.env.SEED_DEMO !== "0") {
        const { seedDemo, seedDemoStaff } = await import("./demo");
        const demo = await seedDemo();
        const staff = await seedDemoStaff();
        console.log(
          `Loaded demonstration data (budgets 2021-2022, ${demo.contributions} contributions, focal points, ${staff.posts} posts with secondments and two open expert positions); SEED_DEMO=0 skips it`,
        );
      }
    }
    // Records made before contributions were numbered get their number on the next start.
    const thisYear = Contribution.fiscalYear(Clock.today());
    const numbered = await Contribution.assignNumbers(Array.from({ length: thisYear - 2015 + 1 }, (_, i) => 2015 + i));
    if (numbered) console.log(`Numbered ${numbered} contributions recorded before numbering`);
    // A table written before the contribution totals existed gets them, rebuilt from the records (npm run verify -- --fix).
    const totals = await Totals.verify({ fix: true });
    if (totals.fixed) console.log(`Rebuilt the contribution totals from ${totals.records} records (${totals.fixed} figures written)`);
    if (await User.none()) {
      const password = process.env.ADMIN_PASSWORD ?? Auth.Password.generate();
      // The first user of a local start does everything at first: users, contributions, staffing.
      await User.create({ email: "admin@localhost", name: "Administrator", roles: ["admin", "finance", "hr"], password });
      console.log(
        process.env.ADMIN_PASSWORD
          ? "Created the first admin: admin@localhost (password from ADMIN_PASSWORD)"
          : `\nCreated the first admin. Sign in with\n  email:    admin@localhost\n  password: ${password}\nThis password is shown only once: change it under Users.\n`,
      );
    }
  });
}
