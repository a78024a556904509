// The catalogues (ICU message format) and how they are loaded: bokmål with the app, the others when chosen.
import { nb, type Catalogue, type MessageKey } from "./nb";

export const languages = ["nb", "sv", "en"] as const;
export type Language = (typeof languages)[number];
export type { Catalogue, MessageKey };

/** The locale behind each language: Intl formats numbers, money and plurals by it. */
export const locales: Record<Language, string> = { nb: "nb-NO", sv: "sv-SE", en: "en-GB" };

const loaders: Record<Language, () => Promise<Catalogue>> = {
  nb: () => Promise.resolve(nb),
  sv: () => import("./sv").then((module) => module.default),
  en: () => import("./en").then((module) => module.default),
};

export function loadCatalogue(language: Language): Promise<Catalogue> {
  return loaders[language]();
}

export function isLanguage(value: unknown): value is Language {
  return (languages as readonly unknown[]).includes(value);
}

/** Whether a key built from an API code (an action, a field, a reason) has a text; if not, the code is shown. */
export function hasText(key: string): key is MessageKey {
  return key in nb;
}

/** The text for a key built from an API code, or `fallback` (usually the code) when there is none. */
export function textOr(t: (key: MessageKey) => string, key: string, fallback: string): string {
  return hasText(key) ? t(key) : fallback;
}
