import { useI18n } from "./i18n";
import { languages, type Language } from "./i18n/messages";

export function LanguagePicker() {
  const { language, setLanguage, t } = useI18n();
  return (
    <label className="language">
      <span>{t("language.label")}</span>
      <select value={language} onChange={(event) => setLanguage(event.target.value as Language)}>
        {languages.map((option) => (
          <option key={option} value={option}>
            {t(`language.${option}`)}
          </option>
        ))}
      </select>
    </label>
  );
}
