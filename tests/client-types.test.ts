/**
 * The typed client keeps its types through the routes' `op()` and validators: answers are typed
 * from the handlers, not `any` or `unknown` (checked by the type-check), and the client works
 * against the real app.
 */
import type { AppType } from "@tracker/functions/app";
import { hc, type InferRequestType, type InferResponseType } from "hono/client";
import { describe, expect, expectTypeOf, it } from "vitest";
import { app, userWith } from "./support/api";

describe("the typed client", () => {
  it("infers answers and requests from the routes, and calls them", async () => {
    const { cookie } = await userWith(["viewer"]);
    const client = hc<AppType>("http://localhost", { fetch: (input: RequestInfo | URL, init?: RequestInit) => app.request(input, init), headers: { cookie } });

    type List = InferResponseType<typeof client.api.contributions.$get, 200>;
    expectTypeOf<List>().not.toBeAny();
    expectTypeOf<List>().not.toBeUnknown();
    expectTypeOf<List["items"][number]["amountUsd"]>().toEqualTypeOf<string>();
    type State = InferResponseType<(typeof client.api.states)[":code"]["$get"], 200>;
    expectTypeOf<State["name"]["en"]>().toEqualTypeOf<string>();
    type Patch = InferRequestType<(typeof client.api.contributions)[":id"]["$patch"]>["json"];
    expectTypeOf<Patch>().not.toBeAny();
    expectTypeOf<Patch>().toHaveProperty("amount");

    const res = await client.api.states.$get();
    expect(res.status).toBe(200);
    const body = await res.json();
    expect(Array.isArray(body.items)).toBe(true);
  });
});
