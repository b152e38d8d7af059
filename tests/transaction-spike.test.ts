/**
 * Does ElectroDB's `Service.transaction.write` tell, on DynamoDB Local, which item of a cancelled
 * transaction failed and to which entity it belongs? The hand path (core/dynamo.ts `transact`)
 * maps a conflict by the failing item's position in the array; this shows what the Service gives.
 */
import { ContributionEntity } from "@tracker/core/contribution/contribution.entity";
import { MemberStateEntity } from "@tracker/core/member-state/member-state.entity";
import { Tracker } from "@tracker/core/service";
import { beforeAll, describe, expect, it } from "vitest";

const STAMP = { version: 1, createdAt: "2026-01-01T00:00:00.000Z", createdBy: "spike", updatedAt: "2026-01-01T00:00:00.000Z", updatedBy: "spike" };
const contribution = {
  id: "spike-1", stateCode: "KZ", kind: "cash", status: "received", amountMinor: 100, currency: "USD", exchangeRate: "1",
  amountUsdCents: 100, date: "2022-03-15", fiscalYear: 2022, purpose: "regular_budget", voided: false, ...STAMP,
} as const;
const state = { code: "KZ", name: { en: "Kazakhstan", ru: "Казахстан" }, status: "member", ...STAMP } as const;

beforeAll(async () => {
  await ContributionEntity.put(contribution).go();
  await MemberStateEntity.put(state).go();
});

describe("Service.transaction.write on DynamoDB Local", () => {
  it("answers a cancelled transaction item by item: the failed one with its code, entity and current item", async () => {
    const result = await Tracker.transaction
      .write(({ contribution: c, memberState: m }) => [
        m.patch({ code: "KZ" }).set({ updatedBy: "spike-2" }).where((a, { eq }) => eq(a.version, 1)).commit(),
        c.patch({ id: "spike-1" })
          .set({ updatedBy: "spike-2" })
          .where((a, { eq }) => eq(a.version, 7))
          .commit({ response: "all_old" }),
      ])
      .go();

    expect(result.canceled).toBe(true);
    const [first, second] = result.data;
    // The item that passed its condition is not rejected ("None"); the one that failed is, with its code.
    expect(first).toMatchObject({ rejected: false, code: "None" });
    expect(second).toMatchObject({ rejected: true, code: "ConditionalCheckFailed" });
    // With `response: "all_old"` DynamoDB Local returns the item as it stands, and ElectroDB
    // gives it back formatted by the entity it belongs to: the conflict can be named by entity.
    expect(second!.item).toMatchObject({ id: "spike-1", version: 1 });
    // Nothing was written.
    expect((await MemberStateEntity.get({ code: "KZ" }).go()).data?.updatedBy).toBe("spike");
  });

  it("commits both items when every condition holds", async () => {
    const result = await Tracker.transaction
      .write(({ contribution: c, memberState: m }) => [
        m.patch({ code: "KZ" }).set({ updatedBy: "spike-3" }).where((a, { eq }) => eq(a.version, 1)).commit(),
        c.patch({ id: "spike-1" }).set({ updatedBy: "spike-3" }).where((a, { eq }) => eq(a.version, 1)).commit(),
      ])
      .go();
    expect(result.canceled).toBe(false);
    expect((await ContributionEntity.get({ id: "spike-1" }).go()).data?.updatedBy).toBe("spike-3");
  });
});
