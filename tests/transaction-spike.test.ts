/**
 * Does ElectroDB's `Service.transaction.write` tell, on DynamoDB Local, which item of a cancelled
 * transaction failed and to which entity it belongs? It does: it answers item by item, in the
 * order of the items, with each one's code. So `transact` (core/service.ts) maps a cancellation by
 * item: each item carries the conflict it stands for (core/dynamo.ts `asTransactItem(kind, params,
 * conflict)`), and the write throws the failed item's own, whatever its place; no caller counts
 * positions.
 */
import { ContributionEntity } from "@tracker/core/contribution/contribution.entity";
import { asTransactItem } from "@tracker/core/dynamo";
import { VisibleError } from "@tracker/core/error";
import { MemberStateEntity } from "@tracker/core/member-state/member-state.entity";
import { Tracker, transact } from "@tracker/core/service";
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

describe("transact", () => {
  const statePut = (version: number, conflict?: VisibleError) =>
    asTransactItem("Put", MemberStateEntity.put({ ...state, updatedBy: "transact" }).where((a, { eq }) => eq(a.version, version)).params(), conflict);
  const contributionPut = (version: number, conflict?: VisibleError) =>
    asTransactItem("Put", ContributionEntity.put({ ...contribution, updatedBy: "transact" }).where((a, { eq }) => eq(a.version, version)).params(), conflict);
  const stateStale = new VisibleError("conflict", "state.version_conflict", { code: "KZ" });
  const contributionStale = new VisibleError("conflict", "contribution.version_conflict", { id: "spike-1" });

  it("throws the conflict of the item whose condition failed, wherever it stands, and writes nothing", async () => {
    const before = (await MemberStateEntity.get({ code: "KZ" }).go()).data?.updatedBy;
    expect(before).not.toBe("transact");
    await expect(transact([statePut(1, stateStale), contributionPut(9, contributionStale)])).rejects.toBe(contributionStale);
    await expect(transact([statePut(9, stateStale), contributionPut(1, contributionStale)])).rejects.toBe(stateStale);
    await expect(transact([contributionPut(9, contributionStale), statePut(1, stateStale)])).rejects.toBe(contributionStale);
    expect((await MemberStateEntity.get({ code: "KZ" }).go()).data?.updatedBy).toBe(before);
  });

  it("answers the fallback for a failed item that carries no conflict, and the cancellation itself without one", async () => {
    const fallback = new VisibleError("conflict", "contribution.pledge_changed");
    await expect(transact([statePut(1, stateStale), contributionPut(9)], fallback)).rejects.toBe(fallback);
    await expect(transact([statePut(1, stateStale), contributionPut(9)])).rejects.toMatchObject({ name: "TransactionCanceledException" });
  });
});
