/** The line of a statement whose fiscal year is closed: provisionally (figures may still be adjusted) or finally. */
import type { Lang } from "./text";

export function closeLine(status: "open" | "provisional" | "final" | undefined, year: number, lang: Lang): string | undefined {
  if (!status || status === "open") return undefined;
  if (lang === "ru")
    return status === "final"
      ? `Счета ${year} финансового года закрыты окончательно.`
      : `Счета ${year} финансового года закрыты предварительно: показатели ещё могут быть скорректированы.`;
  return status === "final"
    ? `The accounts of fiscal year ${year} are closed finally.`
    : `The accounts of fiscal year ${year} are closed provisionally: figures may still be adjusted.`;
}
