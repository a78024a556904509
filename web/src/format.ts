// Dates as dd.mm.yyyy in every language, and amounts with the language's separators and the currency.
import type { Language } from "./i18n/messages";

const locales: Record<Language, string> = { nb: "nb-NO", sv: "sv-SE", en: "en-GB" };

function pad(value: number): string {
  return String(value).padStart(2, "0");
}

export function formatDate(value: string | Date): string {
  // A calendar date (yyyy-mm-dd) is the same day everywhere; only instants go through the local time zone.
  const calendar = typeof value === "string" ? /^(\d{4})-(\d{2})-(\d{2})$/.exec(value) : null;
  if (calendar) return `${calendar[3]}.${calendar[2]}.${calendar[1]}`;
  const date = typeof value === "string" ? new Date(value) : value;
  return `${pad(date.getDate())}.${pad(date.getMonth() + 1)}.${date.getFullYear()}`;
}

export function formatDateTime(value: string | Date): string {
  const date = typeof value === "string" ? new Date(value) : value;
  return `${formatDate(date)} ${pad(date.getHours())}:${pad(date.getMinutes())}`;
}

/** Money arrives as integer minor units (øre, öre, cent) and is never a float on the way. */
/** Any ISO 4217 currency: a deposit lists foreign currency as it came. A sum the page works out itself (a quote's
 * lines) may come as a BigInt, exact however large. */
export function formatAmount(minorUnits: number | bigint, currency: string, language: Language): string {
  const format = new Intl.NumberFormat(locales[language], { style: "currency", currency, minimumFractionDigits: 2 });
  if (typeof minorUnits === "bigint") {
    const absolute = minorUnits < 0n ? -minorUnits : minorUnits;
    const parts = format.formatToParts(absolute / 100n);
    const cents = pad(Number(absolute % 100n));
    return (minorUnits < 0n ? "-" : "") + parts.map((part) => (part.type === "fraction" ? cents : part.value)).join("");
  }
  const negative = minorUnits < 0;
  const absolute = Math.abs(minorUnits);
  const parts = format.formatToParts(Math.trunc(absolute / 100));
  const cents = pad(absolute % 100);
  return (negative ? "-" : "") + parts.map((part) => (part.type === "fraction" ? cents : part.value)).join("");
}

/** An exact decimal from the API ("1500000", "-12.5") with the language's grouping and decimal sign, never via a float. */
export function formatDecimal(value: string, language: Language): string {
  const match = /^(-?)(\d+)(?:\.(\d+))?$/.exec(value.trim());
  if (!match) return value;
  const [, sign, whole, fraction] = match;
  const format = new Intl.NumberFormat(locales[language]);
  const decimal = format.formatToParts(1.5).find((part) => part.type === "decimal")?.value ?? ",";
  return `${sign}${format.format(BigInt(whole))}${fraction ? decimal + fraction : ""}`;
}

/** An exact decimal amount from a document ("2475.00", "-0.5") as money in its currency, with the language's
 * separators: the whole part grouped by Intl (as a BigInt), the decimals written as they came, never via a float. */
export function formatDecimalAmount(value: string, currency: string | null | undefined, language: Language): string {
  const match = /^(-?)(\d+)(?:\.(\d+))?$/.exec(value.trim());
  if (!match) return value;
  if (!currency) return formatDecimal(value, language);
  const [, sign, whole, fraction = ""] = match;
  let format: Intl.NumberFormat;
  try {
    format = new Intl.NumberFormat(locales[language], { style: "currency", currency });
  } catch {
    return `${formatDecimal(value, language)} ${currency}`; // not an ISO 4217 code: the number, then the code as written
  }
  const digits = Math.max(fraction.length, format.resolvedOptions().minimumFractionDigits ?? 2);
  const exact = new Intl.NumberFormat(locales[language], { style: "currency", currency, minimumFractionDigits: digits, maximumFractionDigits: digits });
  const decimals = fraction.padEnd(digits, "0");
  const negative = sign === "-" && /[1-9]/.test(whole + fraction);
  return (negative ? "-" : "") + exact.formatToParts(BigInt(whole)).map((part) => (part.type === "fraction" ? decimals : part.value)).join("");
}

/** A date typed as d.m.yyyy (or yyyy-mm-dd) as the API's yyyy-mm-dd; anything else as typed, for the API to refuse. */
export function isoDate(typed: string): string {
  const match = /^(\d{1,2})\.(\d{1,2})\.(\d{4})$/.exec(typed.trim());
  return match ? `${match[3]}-${match[2].padStart(2, "0")}-${match[1].padStart(2, "0")}` : typed.trim();
}

/** An organisation number as people write it: 923 609 016 in Norway, 556036-0793 in Sweden; else as stored. */
export function formatOrganisationNumber(number: string | null | undefined, country: string | null | undefined): string {
  if (!number) return "";
  const digits = number.replace(/\D/g, "");
  if (country === "NO" && digits.length === 9) return `${digits.slice(0, 3)} ${digits.slice(3, 6)} ${digits.slice(6)}`;
  if (country === "SE" && digits.length === 10) return `${digits.slice(0, 6)}-${digits.slice(6)}`;
  return number;
}

/** Money as a person types it ("250 000", "1 500,50", "1,500.00", "12.5") in minor units, exactly (no float on the
 * way); null when it is not an amount. A lone separator followed by three digits groups thousands ("1.500" is
 * 1500); followed by one or two digits it is the decimal sign. */
export function minorUnits(typed: string): number | null {
  const text = typed.replace(/[\s\u00a0\u202f]/g, "");
  if (!/^\d[\d.,]*$/.test(text)) return null;
  const separators = [...text.matchAll(/[.,]/g)];
  let whole = text;
  let fraction = "";
  const last = separators.at(-1);
  if (last?.index !== undefined) {
    const after = text.slice(last.index + 1);
    const lastIsDecimal = new Set(separators.map((match) => match[0])).size === 2 || (separators.length === 1 && after.length <= 2);
    if (lastIsDecimal) {
      whole = text.slice(0, last.index);
      fraction = after;
    }
    if (/[.,]/.test(whole) && !/^\d{1,3}([.,]\d{3})*$/.test(whole)) return null;
    whole = whole.replace(/[.,]/g, "");
  }
  if (!/^\d+$/.test(whole) || !/^\d{0,2}$/.test(fraction)) return null;
  const minor = Number(whole) * 100 + Number(fraction.padEnd(2, "0") || "0");
  return Number.isSafeInteger(minor) ? minor : null;
}

/** An amount as a person types it ("1 250,50", "-99,5", "1,250.00") as the exact decimal the API takes ("1250.50",
 * "-99.50"), at most twelve whole digits; null when it is not an amount. */
export function exactAmount(typed: string): string | null {
  const text = typed.trim();
  const negative = /^[-\u2212]/.test(text);
  const minor = minorUnits(negative ? text.slice(1).trimStart() : text);
  if (minor === null) return null;
  const whole = String(Math.trunc(minor / 100));
  if (whole.length > 12) return null;
  return `${negative && minor !== 0 ? "-" : ""}${whole}.${pad(minor % 100)}`;
}

const KIBI = 1024;

/** A file's size as people read it, with the language's decimal sign: bytes below a kilobyte, whole kilobytes
 * (at least 1) below a megabyte, megabytes with one decimal above (1024-based, as the 20 MB limit is). */
export function formatFileSize(bytes: number, language: Language): string {
  const locale = locales[language];
  if (bytes < KIBI) return new Intl.NumberFormat(locale, { style: "unit", unit: "byte", unitDisplay: "long" }).format(bytes);
  if (bytes < KIBI * KIBI) {
    return new Intl.NumberFormat(locale, { style: "unit", unit: "kilobyte", maximumFractionDigits: 0 }).format(Math.max(1, Math.round(bytes / KIBI)));
  }
  return new Intl.NumberFormat(locale, { style: "unit", unit: "megabyte", maximumFractionDigits: 1 }).format(bytes / KIBI / KIBI);
}
