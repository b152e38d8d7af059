/**
 * The draft of the Secretary General's report, management part, for the page's year: a panel of
 * download links (DOCX to edit, PDF to read, in English and in Russian), shown to whoever may get
 * it (finance, hr, admin). The text is made by the server from the records (core: draft/).
 */
import { useI18n } from "../i18n";
import { withQuery } from "../router";
import { useSession } from "../session";

const LANGS = ["en", "ru"] as const;
const FORMATS = ["docx", "pdf"] as const;

export function ReportDraftPanel({ year }: { year: number }) {
  const { t } = useI18n();
  const session = useSession();
  if (!session.can("getReportDraft")) return null;
  return (
    <section className="panel" aria-labelledby="report-draft-title" data-testid="report-draft">
      <div className="panel-head">
        <h2 id="report-draft-title">{t("reportDraft.title", { year })}</h2>
        <div className="head-actions">
          {LANGS.flatMap((lang) =>
            FORMATS.map((format) => (
              <a
                key={`${lang}-${format}`}
                className="button button--secondary button--small"
                href={withQuery("/api/reports/draft", { year, lang, format })}
                download
                hrefLang={lang}
                data-testid={`report-draft-${format}-${lang}`}
              >
                {t(`reportDraft.${format}.${lang}`)}
              </a>
            )),
          )}
        </div>
      </div>
      <p className="muted">{t("reportDraft.intro", { year })}</p>
    </section>
  );
}
