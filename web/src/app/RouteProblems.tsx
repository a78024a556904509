import { Link } from "@tanstack/react-router";
import { useI18n } from "../i18n";

/** A page that failed to show (a defect, or a part that could not load): said in words, with a way on. */
export function PageFailed({ reset }: { reset: () => void }) {
  const { t } = useI18n();
  return (
    <section className="card" role="alert">
      <h1 tabIndex={-1}>{t("page.failed")}</h1>
      <p>{t("page.failedHint")}</p>
      <div className="actions">
        <button type="button" onClick={() => { reset(); window.location.reload(); }}>{t("conflict.reload")}</button>
        <Link to="/">{t("page.home")}</Link>
      </div>
    </section>
  );
}

/** An address the portal does not have (mistyped, or from an old bookmark). */
export function PageNotFound() {
  const { t } = useI18n();
  return (
    <section className="card">
      <h1 tabIndex={-1}>{t("page.notFound")}</h1>
      <p><Link to="/">{t("page.home")}</Link></p>
    </section>
  );
}
