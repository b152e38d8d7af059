/** Pages with little in them: areas still being prepared, not found, not allowed. */
import { useI18n, type Key } from "../i18n";
import { Link } from "../router";

export type Area = "contributions" | "budget" | "staff" | "secondments" | "vacancies" | "statements";

export function PlaceholderPage({ area }: { area: Area }) {
  const { t } = useI18n();
  return (
    <div className="page" data-testid="placeholder" data-area={area}>
      <h1>{t(`nav.${area}` as Key)}</h1>
      <section className="panel placeholder">
        <div className="placeholder-icon" aria-hidden="true">
          ◔
        </div>
        <div>
          <p className="placeholder-text">{t("placeholder.text")}</p>
          <p className="muted">{t(`about.${area}` as Key)}</p>
          <p className="muted">{t("placeholder.more")}</p>
        </div>
      </section>
    </div>
  );
}

export function NotFoundPage() {
  const { t } = useI18n();
  return (
    <div className="page" data-testid="not-found">
      <h1>{t("notFound.title")}</h1>
      <p>{t("notFound.text")}</p>
      <p>
        <Link to="/states">{t("notFound.home")}</Link>
      </p>
    </div>
  );
}

export function ForbiddenPage() {
  const { t } = useI18n();
  return (
    <div className="page" data-testid="forbidden">
      <h1>{t("forbidden.title")}</h1>
      <p>{t("forbidden.text")}</p>
      <p>
        <Link to="/states">{t("notFound.home")}</Link>
      </p>
    </div>
  );
}
