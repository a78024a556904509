// Turns an API refusal into what a person reads: a summary and a message per field.
import { hasText, type MessageKey } from "../i18n/messages";
import { errorCode } from "./client";

// `reason` is the domain's word for a field's problem, `type` pydantic's (request validation).
type Detail = { field?: string; location?: string[]; message?: string; reason?: string; type?: string };

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
  nested_group: ["group_number", "error.nested_group"],
};

const REASON_OF_TYPE: Record<string, string> = {
  missing: "required", string_too_short: "required", string_too_long: "too_long",
  string_pattern_mismatch: "invalid_format", int_parsing: "not_a_number", bool_parsing: "not_boolean",
};

/** A field's problem in the user's language; the API's own (English) words only for a reason the UI has no text for. */
function fieldMessage(detail: Detail, field: string, t?: (key: MessageKey) => string): string | undefined {
  let reason = detail.reason ?? REASON_OF_TYPE[detail.type ?? ""];
  if (reason === "invalid_format" && field.endsWith("email")) reason = "invalid_email";
  const key = `fieldError.${reason}`;
  return t && reason && hasText(key) ? t(key) : detail.message;
}

export function problemOf(error: unknown, t?: (key: MessageKey) => string): Problem {
  const code = errorCode(error);
  const details = ((error as { error?: { details?: Detail[] } })?.error?.details ?? []) as Detail[];
  const fields: Record<string, string> = {};
  for (const detail of details) {
    const field = detail.field ?? detail.location?.filter((part) => part !== "body").join(".");
    const message = field ? fieldMessage(detail, field, t) : undefined;
    if (field && message) fields[field] = message;
  }
  const known = FIELD_CODES[code];
  if (known && t) fields[known[0]] = t(known[1]);
  if (code === "missing_permission" || code === "administrator_only") return { summary: "error.forbidden", fields };
  if (SUMMARIES.has(code)) return { summary: `error.${code}` as MessageKey, fields };
  if (Object.keys(fields).length || code.startsWith("invalid")) return { summary: "error.validation", fields };
  return { summary: "error.unknown", fields };
}
