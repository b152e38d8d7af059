/**
 * The zod-free rules that core and the web share (post, vacancy, secondment), with exact dates:
 * the web shows what these say, the API enforces the same.
 */
import { describe, expect, it } from "vitest";
import * as PostRules from "../packages/core/src/post/rules";
import * as SecondmentRules from "../packages/core/src/secondment/rules";
import * as VacancyRules from "../packages/core/src/vacancy/rules";

describe("the post rules", () => {
  const titles = [
    { effectiveOn: "2026-03-01", recordedAt: "2026-02-10T09:00:00.000Z", en: "Renamed" },
    { recordedAt: "2025-01-05T09:00:00.000Z", en: "Original" },
    { effectiveOn: "2026-03-01", recordedAt: "2026-02-20T09:00:00.000Z", en: "Renamed again the same day" },
    { effectiveOn: "2027-01-01", recordedAt: "2026-02-21T09:00:00.000Z", en: "Scheduled" },
  ];

  it("gives the title in force on a date: the latest recorded of those effective by then", () => {
    expect(PostRules.inForce(titles, "2026-02-28")?.en).toBe("Original");
    expect(PostRules.inForce(titles, "2026-03-01")?.en).toBe("Renamed again the same day");
    expect(PostRules.inForce(titles, "2026-12-31")?.en).toBe("Renamed again the same day");
    expect(PostRules.inForce(titles, "2027-01-01")?.en).toBe("Scheduled");
    expect(PostRules.inForce([{ effectiveOn: "2026-03-01", en: "Only later" }], "2026-01-01")?.en).toBe("Only later");
    expect(PostRules.inForce([], "2026-01-01")).toBeUndefined();
  });

  it("calls an entry scheduled only when it takes effect after the date", () => {
    expect(PostRules.scheduled({ effectiveOn: "2027-01-01" }, "2026-12-31")).toBe(true);
    expect(PostRules.scheduled({ effectiveOn: "2027-01-01" }, "2027-01-01")).toBe(false);
    expect(PostRules.scheduled({}, "2026-12-31")).toBe(false);
  });

  it("counts vacant and filled posts as open, and offers a vacancy only for a vacant one", () => {
    expect((["vacant", "filled", "frozen", "abolished"] as const).map(PostRules.isOpen)).toEqual([true, true, false, false]);
    expect((["vacant", "filled", "frozen", "abolished"] as const).map(PostRules.lifecycleOf)).toEqual(["open", "open", "frozen", "abolished"]);
    expect((["vacant", "filled", "frozen", "abolished"] as const).map(PostRules.mayAnnounce)).toEqual([true, false, false, false]);
  });

  it("offers the status changes the API accepts: none on a filled post, reopening a frozen or abolished one", () => {
    expect(PostRules.STATUS_CHANGES).toEqual({
      vacant: ["frozen", "abolished"],
      filled: [],
      frozen: ["vacant", "abolished"],
      abolished: ["vacant", "frozen"],
    });
  });
});

describe("the vacancy rules", () => {
  it("marks a recommendation late only when received after the deadline day", () => {
    expect(VacancyRules.isLate("2026-04-30", "2026-04-30")).toBe(false);
    expect(VacancyRules.isLate("2026-05-01", "2026-04-30")).toBe(true);
    expect(VacancyRules.deadlinePassed("2026-04-30", "2026-04-30")).toBe(false);
    expect(VacancyRules.deadlinePassed("2026-04-30", "2026-05-01")).toBe(true);
  });

  it("takes recommendations only while open, and offers the status changes of each status", () => {
    expect((["open", "closed", "filled", "cancelled"] as const).map(VacancyRules.takesRecommendations)).toEqual([true, false, false, false]);
    expect(VacancyRules.STATUS_CHANGES).toEqual({ open: ["closed", "cancelled"], closed: ["open", "cancelled"], cancelled: ["open"], filled: [] });
  });
});

describe("the secondment rules", () => {
  it("raises the rotation alert for an active secondment whose last day is within 90 days", () => {
    expect(SecondmentRules.endingSoon({ status: "active", lastOn: "2026-06-30" }, "2026-04-01")).toBe(true);
    expect(SecondmentRules.endingSoon({ status: "active", lastOn: "2026-06-30" }, "2026-03-31")).toBe(false);
    expect(SecondmentRules.endingSoon({ status: "planned", lastOn: "2026-06-30" }, "2026-04-01")).toBe(false);
  });

  it("counts the days left to the last day on the server's date", () => {
    expect(SecondmentRules.daysLeft("2026-03-01", "2026-02-01")).toBe(28);
    expect(SecondmentRules.daysLeft("2026-03-01", "2026-03-01")).toBe(0);
    expect(SecondmentRules.daysLeft("2027-01-01", "2026-12-31")).toBe(1);
  });

  it("lets a secondment be extended or ended only while it has not ended", () => {
    expect(SecondmentRules.mayChange({ status: "active" })).toBe(true);
    expect(SecondmentRules.mayChange({ status: "planned" })).toBe(true);
    expect(SecondmentRules.mayChange({ status: "ended" })).toBe(false);
    expect(SecondmentRules.mayChange({ status: "active", endedOn: "2026-03-01" })).toBe(false);
  });
});
