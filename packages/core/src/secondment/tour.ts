/**
 * A secondment under the tour rules (core/tour): the extensions it used, the service its person has
 * accumulated (their secondments summed: the same name, nationality and sending state), and the
 * last day each limit allows. An extension beyond a limit needs an override naming the decision.
 */
import * as z from "zod";
import * as Clock from "../clock";
import { queryRecords, type EntityItem } from "../entity";
import { VisibleError } from "../error";
import { Post } from "../post";
import { sameName } from "../recommendation";
import { TourRules } from "../tour";
import { SecondmentEntity } from "./secondment.entity";

type Stored = EntityItem<typeof SecondmentEntity>;

export const Info = z.object({
  extensionsUsed: z.number(),
  /** The longest tour on the post (its category's, or its grade's own), in months, and the last day it allows. */
  maxTourMonths: z.number(),
  tourEndsBy: z.string(),
  /** The longest service of one person in all, in months, and the last day it allows this tour. */
  cumulativeMonths: z.number(),
  cumulativeEndsBy: z.string(),
  /** This person's secondments, this one with them: how many, days served to today, days to their last days. */
  secondments: z.number(),
  servedDays: z.number(),
  plannedDays: z.number(),
  /** The limits the secondment's last day already goes beyond (under an override, or recorded so). */
  beyond: z.array(z.enum(["tour", "cumulative"])),
});
export type Info = z.infer<typeof Info>;

/** The person's other secondments: one Query on the sending state's index. */
async function others(s: Stored): Promise<Stored[]> {
  const r = await queryRecords<Stored>("secondment", SecondmentEntity.query.byState({ sendingState: s.sendingState }).params(), { all: true });
  const name = sameName(s.personName);
  return r.items.filter((o) => o.id !== s.id && o.nationality === s.nationality && sameName(o.personName) === name);
}

async function measure(s: Stored, post?: Post.Stored) {
  const [rules, p, rest] = await Promise.all([TourRules.current(), post ? Promise.resolve(post) : Post.find(s.postId), others(s)]);
  const maxTourMonths = p ? TourRules.Rules.maxTourMonths(rules, p.category, p.grade) : Math.max(...Object.values(rules.categories));
  const elsewhere = TourRules.Rules.service(rest, "9999-12-31").plannedDays;
  return {
    rules,
    rest,
    maxTourMonths,
    elsewhere,
    tourEndsBy: TourRules.Rules.tourEndsBy(s.startOn, maxTourMonths),
    cumulativeEndsBy: TourRules.Rules.cumulativeEndsBy(s.startOn, rules.cumulativeMonths, elsewhere),
  };
}

/** The secondment's tour: the limits in force today, its extensions and its person's service. */
export async function of(s: Stored, post?: Post.Stored): Promise<Info> {
  const m = await measure(s, post);
  const service = TourRules.Rules.service([s, ...m.rest], Clock.today());
  return {
    extensionsUsed: s.extensions.length,
    maxTourMonths: m.maxTourMonths,
    tourEndsBy: m.tourEndsBy,
    cumulativeMonths: m.rules.cumulativeMonths,
    cumulativeEndsBy: m.cumulativeEndsBy,
    secondments: m.rest.length + 1,
    ...service,
    beyond: TourRules.Rules.beyond(s.lastOn, m),
  };
}

/**
 * An extension to `endOn` within the limits passes (undefined); beyond one it needs an override,
 * which is kept on the extension with the limits it set aside. 409 naming the first limit otherwise.
 */
export async function checkExtension(s: Stored, post: Post.Stored, endOn: string, override?: { decisionRef: string }) {
  const m = await measure(s, post);
  const over = TourRules.Rules.beyond(endOn, m);
  if (!over.length) return undefined;
  if (override) return { decisionRef: override.decisionRef, limits: over };
  if (over[0] === "tour") throw new VisibleError("conflict", "secondment.beyond_tour_limit", { months: m.maxTourMonths, date: m.tourEndsBy, endOn });
  throw new VisibleError("conflict", "secondment.beyond_cumulative_limit", {
    person: s.personName,
    months: m.rules.cumulativeMonths,
    served: m.elsewhere,
    date: m.cumulativeEndsBy,
    endOn,
  });
}
