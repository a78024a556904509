// Translations through FormatJS (react-intl): ICU messages with plurals, numbers and dates by the language's rules.
import { createContext, useCallback, useContext, useEffect, useMemo, useState, type ReactNode } from "react";
import { createIntl, createIntlCache, IntlProvider, useIntl, type IntlShape } from "react-intl";
import { isLanguage, loadCatalogue, locales, type Catalogue, type Language, type MessageKey } from "./messages";
import { nb } from "./nb";

const STORAGE_KEY = "kp.language";

export type Values = Record<string, string | number | Date | null | undefined>;
export type Translate = (key: MessageKey, values?: Values) => string;

function storedLanguage(): Language {
  const stored = window.localStorage.getItem(STORAGE_KEY);
  return isLanguage(stored) ? stored : "nb";
}

const cache = createIntlCache();

/** An Intl instance outside React (tests, e-mail previews): the same messages and rules as the pages use. */
export function intlFor(language: Language, messages: Catalogue): IntlShape {
  return createIntl({ locale: locales[language], messages, defaultLocale: locales.nb, onError: reportMissing }, cache);
}

export function translator(intl: IntlShape): Translate {
  return (key, values) => intl.formatMessage({ id: key }, values as Record<string, string | number | Date>);
}

// A missing text is a defect the catalogue test catches; in the running app it shows the key, loudly in the console.
function reportMissing(error: Error): void {
  console.error(error.message);
}

type LanguageChoice = { language: Language; setLanguage: (language: Language) => void };
const LanguageContext = createContext<LanguageChoice | null>(null);

export function I18nProvider({ children }: { children: ReactNode }) {
  const [language, setLanguageState] = useState<Language>(storedLanguage);
  const [loaded, setLoaded] = useState<{ language: Language; messages: Catalogue } | null>(() =>
    language === "nb" ? { language, messages: nb } : null,
  );

  useEffect(() => {
    let current = true;
    void loadCatalogue(language).then((messages) => {
      if (current) setLoaded({ language, messages });
    });
    return () => {
      current = false;
    };
  }, [language]);

  const setLanguage = useCallback((next: Language) => {
    window.localStorage.setItem(STORAGE_KEY, next);
    setLanguageState(next);
  }, []);

  useEffect(() => {
    if (!loaded) return;
    document.documentElement.lang = loaded.language;
    document.title = loaded.messages["app.title"];
  }, [loaded]);

  const shown = loaded?.language ?? language;
  const choice = useMemo(() => ({ language: shown, setLanguage }), [shown, setLanguage]);
  // Until the stored language's catalogue has arrived nothing is shown, so no page flashes in another language;
  // on a later switch the page stays (with what was typed) and re-renders once the new catalogue is there.
  if (!loaded) return null;
  return (
    <LanguageContext.Provider value={choice}>
      <IntlProvider locale={locales[loaded.language]} messages={loaded.messages} defaultLocale={locales.nb} onError={reportMissing}>
        {children}
      </IntlProvider>
    </LanguageContext.Provider>
  );
}

export type I18n = LanguageChoice & { t: Translate; intl: IntlShape };

export function useI18n(): I18n {
  const choice = useContext(LanguageContext);
  const intl = useIntl();
  if (!choice) throw new Error("useI18n outside I18nProvider");
  const t = useMemo(() => translator(intl), [intl]);
  return { ...choice, t, intl };
}
