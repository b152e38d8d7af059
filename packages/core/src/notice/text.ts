/**
 * The words of the notices, in English and Russian: the HR digest of rotation alerts (in each HR
 * user's language) and a vacancy's outcome note to a recommending state (in each focal point's
 * language).
 */
export type Lang = "en" | "ru";

const ruPlural = new Intl.PluralRules("ru");
const enPlural = new Intl.PluralRules("en");

/** "1 day", "90 days"; «1 день», «2 дня», «5 дней», «21 день». */
export function days(n: number, lang: Lang): string {
  if (lang === "en") return `${n} ${enPlural.select(n) === "one" ? "day" : "days"}`;
  const form = ruPlural.select(n);
  return `${n} ${form === "one" ? "день" : form === "few" ? "дня" : "дней"}`;
}

export interface Alert {
  /** 90, 60, 30 or 0: the days before the last day that this alert marks. */
  threshold: number;
  personName: string;
  state: { en: string; ru: string };
  post: string;
  lastOn: string;
}

const DIGEST = {
  en: {
    subject: (week: string) => `Rotation alerts, week ${week}`,
    intro: (week: string, n: number) => `Secondments reaching a rotation alert in week ${week} (${n} in all):`,
    threshold: (t: number) => (t === 0 ? "Last day" : `${days(t, "en")} before the last day`),
    line: (a: Alert) => `${a.personName} (${a.state.en}), post ${a.post}: last day ${a.lastOn}`,
    outro: "The staff matrix and the dashboard show the same alerts.",
  },
  ru: {
    subject: (week: string) => `Ротация: оповещения, неделя ${week}`,
    intro: (week: string, n: number) => `Прикомандирования, по которым на неделе ${week} наступает срок оповещения (всего ${n}):`,
    threshold: (t: number) => (t === 0 ? "Последний день" : `За ${days(t, "ru")} до последнего дня`),
    line: (a: Alert) => `${a.personName} (${a.state.ru}), должность ${a.post}: последний день ${a.lastOn}`,
    outro: "Те же оповещения — в штатном расписании и на главной странице.",
  },
};

const escape = (s: string) => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

/** The digest of a week in one language (the recipient's); each alert under its threshold (90, 60, 30, last day). */
export function digest(week: string, alerts: Alert[], lang: Lang): { subject: string; text: string; html: string } {
  const w = DIGEST[lang];
  const groups = [90, 60, 30, 0]
    .map((t) => ({ t, items: alerts.filter((a) => a.threshold === t) }))
    .filter((g) => g.items.length);
  const text = [w.intro(week, alerts.length), "", ...groups.flatMap((g) => [`${w.threshold(g.t)}:`, ...g.items.map((a) => `- ${w.line(a)}`), ""]), w.outro, ""].join("\n");
  const html =
    `<!doctype html><html lang="${lang}"><body><p>${escape(w.intro(week, alerts.length))}</p>` +
    groups.map((g) => `<h3>${escape(w.threshold(g.t))}</h3><ul>${g.items.map((a) => `<li>${escape(w.line(a))}</li>`).join("")}</ul>`).join("") +
    `<p>${escape(w.outro)}</p></body></html>`;
  return { subject: w.subject(week), text, html };
}

export interface Outcome {
  secretariat: string;
  state: string;
  title: string;
  startOn: string;
  candidates: { name: string; selected: boolean }[];
}

/** A vacancy's outcome note to one recommending state, in one language. */
export function outcome(o: Outcome, lang: Lang): { subject: string; text: string; html: string } {
  const selected = o.candidates.filter((c) => c.selected).map((c) => c.name);
  const not = o.candidates.filter((c) => !c.selected).map((c) => c.name);
  const lines: string[] = [];
  if (lang === "en") {
    lines.push(`The ${o.secretariat} informs ${o.state} that the vacancy "${o.title}" has been filled.`);
    for (const name of selected) lines.push(`We are pleased to inform you that the candidate recommended by ${o.state}, ${name}, has been selected; the appointment takes effect on ${o.startOn}.`);
    for (const name of not) lines.push(`We regret to inform you that the candidate recommended by ${o.state}, ${name}, has not been selected.`);
    lines.push(`The Secretariat thanks ${o.state} for the recommendation${o.candidates.length > 1 ? "s" : ""}.`);
  } else {
    lines.push(`${o.secretariat} сообщает: вакансия «${o.title}» заполнена.`);
    for (const name of selected) lines.push(`С удовлетворением сообщаем, что кандидат, рекомендованный государством ${o.state}, ${name}, отобран; назначение вступает в силу ${o.startOn}.`);
    for (const name of not) lines.push(`С сожалением сообщаем, что кандидат, рекомендованный государством ${o.state}, ${name}, не отобран.`);
    lines.push(`Секретариат благодарит государство ${o.state} за ${o.candidates.length > 1 ? "рекомендации" : "рекомендацию"}.`);
  }
  const subject =
    lang === "en"
      ? `Vacancy "${o.title}": ${selected.length ? "your candidate has been selected" : "outcome of your recommendation"}`
      : `Вакансия «${o.title}»: ${selected.length ? "ваш кандидат отобран" : "итоги рассмотрения рекомендации"}`;
  return {
    subject,
    text: lines.join("\n\n") + "\n",
    html: `<!doctype html><html lang="${lang}"><body>${lines.map((l) => `<p>${escape(l)}</p>`).join("")}</body></html>`,
  };
}
