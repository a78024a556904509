import { useI18n } from "../i18n";
import { tel, useSupportContacts } from "./support";

/** How to reach customer service, on every page and before login (set by an administrator). */
export function SupportFooter() {
  const { t, language } = useI18n();
  const data = useSupportContacts();
  if (!data) return null;
  return (
    <footer className="support" aria-labelledby="support-heading">
      <h2 id="support-heading">{t("support.heading")}</h2>
      <p>
        <a href={tel(data.phone)}>{data.phone}</a>
        {" · "}
        <a href={`mailto:${data.email}`}>{data.email}</a>
        {" · "}
        {t("support.open", { hours: data.opening_hours[language] })}
      </p>
    </footer>
  );
}
