// Notes and coins as the pages name them. The API names each by its code (`note-500`, `coin-0.50`, portal.money),
// which holds its value; amounts are whole minor units.
import { formatAmount } from "../format";
import type { Values } from "../i18n";
import type { Language, MessageKey } from "../i18n/messages";

export type Currency = "NOK" | "SEK" | "EUR";

/** The value of a note or coin in minor units, read from its code. */
export function minorOf(code: string): number {
  const [, value = "0"] = code.split("-");
  const [whole, cents = "0"] = value.split(".");
  return Number(whole) * 100 + Number(cents.padEnd(2, "0").slice(0, 2));
}

/** "Seddel 500,00 kr", "Mynt 0,50 €". */
export function denominationName(code: string, currency: Currency, t: (key: MessageKey, values?: Values) => string, language: Language): string {
  return t(code.startsWith("note") ? "change.note" : "change.coin", { value: formatAmount(minorOf(code), currency, language) });
}
