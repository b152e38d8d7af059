import { MemberState } from "@tracker/core/member-state/index";
import { StatePicture } from "@tracker/core/picture/index";
import { Hono } from "hono";
import * as z from "zod";
import { atPath } from "../version";
import { op } from "../op";
import { v } from "../validate";
import { Page } from "./page";

export const CodeParam = z.object({ code: MemberState.Code });
/** The state as read may be sent back: its code (the path's) and stamps are ignored when unchanged. */
export const UpdateBody = MemberState.update.schema.extend({
  code: MemberState.Code.optional(),
  version: MemberState.UpdateInput.shape.version.optional(),
});

export const states = new Hono()
  .get("/", op("listStates", { summary: "List member states, observers and partners", response: Page(MemberState.Info) }), async (c) =>
    c.json({ items: await MemberState.list({}) }, 200),
  )
  .get("/:code", op("getState", { summary: "One member state", response: MemberState.Info }), v("param", CodeParam), async (c) =>
    c.json(await MemberState.get(c.req.valid("param")), 200),
  )
  .get(
    "/:code/picture",
    op("getStatePicture", {
      summary: "A member state's whole picture: contributions by year, open pledges and arrears, persons seconded, candidates recommended, statements sent",
      description: "Each part only for a caller whose roles may read it (money: contributions; people: secondments and recommendations; statements: finance and admin); a part left out is absent. A `state` user reads its own state's only.",
      response: StatePicture.Picture,
    }),
    v("param", CodeParam),
    async (c) => c.json(await StatePicture.get(c.req.valid("param")), 200),
  )
  .post(
    "/",
    op("createState", { summary: "Add a member state", status: 201, response: MemberState.Info, errors: [409] }),
    v("json", MemberState.CreateInput),
    async (c) => c.json(await MemberState.create(c.req.valid("json")), 201),
  )
  .put(
    "/:code",
    op("replaceState", { summary: "Replace a member state (send the version you read)", response: MemberState.Info, errors: [409] }),
    v("param", CodeParam),
    v("json", UpdateBody),
    async (c) => c.json(await MemberState.update(atPath(c, c.req.valid("json"), "code", c.req.valid("param").code)), 200),
  );
