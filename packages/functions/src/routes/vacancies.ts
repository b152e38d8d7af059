import { Recommendation } from "@tracker/core/recommendation/index";
import { Vacancy } from "@tracker/core/vacancy/index";
import { ALWAYS, samePath } from "@tracker/core/schema";
import { Hono } from "hono";
import * as z from "zod";
import { ifMatch } from "../version";
import { op } from "../op";
import { v } from "../validate";
import { Page } from "./page";

export const VacancyIdParam = z.object({ id: z.string().min(1).max(100) });
export const RecommendationParam = z.object({ id: z.string().min(1).max(100), rid: z.string().min(1).max(100) });
/** The vacancy as read may be sent back: its id (the path's), post, recommendations and stamps are ignored when unchanged. */
export const PatchBody = Vacancy.update.schema.extend({ id: z.string().min(1).max(100).optional(), version: Vacancy.PatchInput.shape.version.optional() });
export const RecommendBody = Recommendation.CreateInput.omit({ vacancyId: true });
export const RecommendationPatchBody = Recommendation.PatchInput.omit({ vacancyId: true, id: true });
export const FillBody = Vacancy.FillFields.omit({ id: true }).superRefine(Vacancy.checkFillDates, ALWAYS);

export const vacancies = new Hono()
  .get(
    "/",
    op("listVacancies", { summary: "Vacancies (open positions) by status or post, with their recommendations", response: Page(Vacancy.Info) }),
    v("query", Vacancy.ListInput),
    async (c) => c.json(await Vacancy.list(c.req.valid("query")), 200),
  )
  .post(
    "/",
    op("createVacancy", { summary: "Publish a vacancy on a post", status: 201, response: Vacancy.Info, errors: [409] }),
    v("json", Vacancy.CreateInput),
    async (c) => c.json(await Vacancy.create(await c.req.json()), 201),
  )
  .get("/:id", op("getVacancy", { summary: "One vacancy with its recommendations", response: Vacancy.Info }), v("param", VacancyIdParam), async (c) =>
    c.json(await Vacancy.get(c.req.valid("param")), 200),
  )
  .patch(
    "/:id",
    op("updateVacancy", { summary: "Change a vacancy, close, reopen or cancel it (send the version you read)", response: Vacancy.Info, errors: [409] }),
    v("param", VacancyIdParam),
    v("json", PatchBody),
    async (c) => {
      const body = samePath(c.req.valid("json"), "id", c.req.valid("param").id);
      return c.json(await Vacancy.update({ ...body, id: c.req.valid("param").id, version: body.version ?? ifMatch(c)! }), 200);
    },
  )
  .post(
    "/:id/recommendations",
    op("recommendCandidate", {
      summary: "Record a member state's recommendation (after the deadline only with late: true)",
      description: "The same candidate recommended again by the same state is 409 recommendation.likely_duplicate unless the body says confirmDuplicate: true.",
      status: 201,
      response: Recommendation.Info,
      errors: [409],
    }),
    v("param", VacancyIdParam),
    v("json", RecommendBody),
    async (c) => c.json(await Recommendation.create({ ...c.req.valid("json"), vacancyId: c.req.valid("param").id }), 201),
  )
  .patch(
    "/:id/recommendations/:rid",
    op("updateRecommendation", {
      summary: "Shortlist, select or not select a recommended candidate",
      response: Recommendation.Info,
      errors: [409],
    }),
    v("param", RecommendationParam),
    v("json", RecommendationPatchBody),
    async (c) => {
      const body = c.req.valid("json");
      const { id, rid } = c.req.valid("param");
      return c.json(await Recommendation.update({ ...body, vacancyId: id, id: rid, version: body.version ?? ifMatch(c) }), 200);
    },
  )
  .post(
    "/:id/fill",
    op("fillVacancy", {
      summary: "Fill the vacancy with a shortlisted or selected candidate: vacancy, recommendation and post in one transaction",
      response: Vacancy.Info,
      errors: [409],
    }),
    v("param", VacancyIdParam),
    v("json", FillBody),
    async (c) => {
      const body = c.req.valid("json");
      return c.json(await Vacancy.fill({ ...body, id: c.req.valid("param").id, version: body.version ?? ifMatch(c) }), 200);
    },
  );

/** Recommendations across vacancies: by state (?state=KZ) or by vacancy (?vacancyId=). */
export const recommendations = new Hono().get(
  "/",
  op("listRecommendations", {
    summary: "Recommendations of a member state (?state=) or of a vacancy (?vacancyId=)",
    response: Page(Recommendation.Info),
  }),
  v("query", Recommendation.ListInput),
  async (c) => c.json(await Recommendation.list(c.req.valid("query")), 200),
);
