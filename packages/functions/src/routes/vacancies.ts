import { Vacancy } from "@tracker/core";
import { Hono } from "hono";
import * as z from "zod";
import { ifMatch } from "../version";
import { v } from "../validate";

export const VacancyIdParam = z.object({ id: z.string().min(1).max(100) });
export const RecommendationParam = z.object({ id: z.string().min(1).max(100), rid: z.string().min(1).max(100) });
export const PatchBody = Vacancy.PatchInput.omit({ id: true, version: true }).extend({ version: Vacancy.PatchInput.shape.version.optional() });
export const RecommendBody = Vacancy.RecommendInput.omit({ vacancyId: true });
export const RecommendationPatchBody = Vacancy.RecommendationPatchInput.omit({ vacancyId: true, id: true });
export const FillBody = Vacancy.FillFields.omit({ id: true }).superRefine(Vacancy.checkFillDates);

export const vacancies = new Hono()
  .get("/", v("query", Vacancy.ListInput), async (c) => c.json(await Vacancy.list(c.req.valid("query")), 200))
  .post("/", v("json", Vacancy.CreateInput), async (c) => c.json(await Vacancy.create(await c.req.json()), 201))
  .get("/:id", v("param", VacancyIdParam), async (c) => c.json(await Vacancy.get(c.req.valid("param")), 200))
  .patch("/:id", v("param", VacancyIdParam), v("json", PatchBody), async (c) => {
    const body = c.req.valid("json");
    return c.json(await Vacancy.update({ ...body, id: c.req.valid("param").id, version: body.version ?? ifMatch(c)! }), 200);
  })
  .post("/:id/recommendations", v("param", VacancyIdParam), v("json", RecommendBody), async (c) =>
    c.json(await Vacancy.recommend({ ...c.req.valid("json"), vacancyId: c.req.valid("param").id }), 201),
  )
  .patch("/:id/recommendations/:rid", v("param", RecommendationParam), v("json", RecommendationPatchBody), async (c) => {
    const body = c.req.valid("json");
    const { id, rid } = c.req.valid("param");
    return c.json(await Vacancy.updateRecommendation({ ...body, vacancyId: id, id: rid, version: body.version ?? ifMatch(c) }), 200);
  })
  .post("/:id/fill", v("param", VacancyIdParam), v("json", FillBody), async (c) => {
    const body = c.req.valid("json");
    return c.json(await Vacancy.fill({ ...body, id: c.req.valid("param").id, version: body.version ?? ifMatch(c) }), 200);
  });

/** Recommendations across vacancies: by state (?state=KZ) or by vacancy (?vacancyId=). */
export const recommendations = new Hono().get("/", v("query", Vacancy.RecommendationListInput), async (c) =>
  c.json(await Vacancy.recommendations(c.req.valid("query")), 200),
);
