// Turns an API refusal into what a person reads: a summary and a message per field.
import type { MessageKey } from "../i18n/messages";
import { errorCode } from "./client";

type Detail = { field?: string; location?: string[]; message?: string };

export type Problem = { summary: MessageKey; fields: Record<string, string> };

const SUMMARIES = new Set([
  "version_mismatch", "conflict", "not_found", "forbidden", "missing_permission", "administrator_only",
  "search_too_short", "unavailable",
]);

// Refusals about one field that the UI words itself (the API's own message is English).
const FIELD_CODES: Record<string, [string, MessageKey]> = {
  invalid_organisation_number: ["organisation_number", "error.invalid_organisation_number"],
  invalid_customer_number: ["number", "error.invalid_customer_number"],
  conflict: ["number", "error.conflict"],
};

export function problemOf(error: unknown, t?: (key: MessageKey) => string): Problem {
  const code = errorCode(error);
  const details = ((error as { error?: { details?: Detail[] } })?.error?.details ?? []) as Detail[];
  const fields: Record<string, string> = {};
  for (const detail of details) {
    const field = detail.field ?? detail.location?.filter((part) => part !== "body").join(".");
    if (field && detail.message) fields[field] = detail.message;
  }
  const known = FIELD_CODES[code];
  if (known && t) fields[known[0]] = t(known[1]);
  if (code === "missing_permission" || code === "administrator_only") return { summary: "error.forbidden", fields };
  if (SUMMARIES.has(code)) return { summary: `error.${code}` as MessageKey, fields };
  if (Object.keys(fields).length || code.startsWith("invalid")) return { summary: "error.validation", fields };
  return { summary: "error.unknown", fields };
}
