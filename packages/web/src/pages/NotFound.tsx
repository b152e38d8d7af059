/** The pages for an address that leads nowhere, and for a page the user may not see. */
import { useI18n } from "../i18n";
import { Link } from "../router";

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
