// Turns an API refusal into what a person reads: a summary, and a message per field with what is allowed.
// Messages are kept as catalogue keys with their values, and worded when shown, so a language switch rewords them.
import { hasText, type MessageKey } from "../i18n/messages";
import type { Values } from "../i18n";
import { errorCode } from "./client";

/** A text to show: a catalogue key and its ICU values, or (for a reason the UI has no words for) the API's own. */
export type Text = { key: MessageKey; values?: Values } | { raw: string };

// `reason`/`code` is the domain's word for a field's problem, `type` pydantic's (request validation).
type Detail = {
  field?: string; location?: string[]; message?: string; reason?: string; code?: string; type?: string;
  allowed?: Record<string, unknown>;
};

export type Problem = { code: string; summary: MessageKey; fields: Record<string, Text> };

const SUMMARIES = new Set([
  "version_mismatch", "transaction_conflict", "conflict", "not_found", "forbidden", "search_too_short", "unavailable",
  "throttled", "payload_too_large", "unsupported_media_type", "customer_number_taken", "email_taken",
]);
const FORBIDDEN = new Set(["forbidden", "missing_permission", "administrator_only", "missing_role"]);

// Refusals about one field that carry no details: the field they concern.
const FIELD_OF_CODE: Record<string, string> = {
  customer_number_taken: "number",
  email_taken: "email",
};

// Pydantic's types that mean the same as one of the domain's reasons.
const REASON_OF_TYPE: Record<string, string> = {
  missing: "required", string_too_short: "required", int_parsing: "not_a_number", bool_parsing: "not_boolean",
  string_pattern_mismatch: "invalid_format", value_error: "invalid_format", enum: "not_a_choice", literal_error: "not_a_choice",
};

function valuesOf(allowed: Record<string, unknown> | undefined): Values {
  const values: Values = {};
  for (const [name, value] of Object.entries(allowed ?? {})) {
    if (typeof value === "string" || typeof value === "number") values[name] = value;
    else if (Array.isArray(value)) values[name] = value.join(", ");
  }
  return values;
}

/** A field's problem in the catalogue's words; the API's own (English) words only for a reason without a text. */
export function fieldText(detail: Detail, field: string): Text {
  const code = detail.reason ?? detail.code ?? detail.type ?? "";
  let reason = REASON_OF_TYPE[code] ?? code;
  if (reason === "string_too_short" && Number(detail.allowed?.min_length ?? 1) > 1) reason = "too_short";
  if (reason === "invalid_format" && field.endsWith("email")) reason = "invalid_email";
  const key = `fieldError.${reason}`;
  if (hasText(key)) return { key, values: valuesOf(detail.allowed) };
  if (hasText(`error.${reason}`)) return { key: `error.${reason}` as MessageKey, values: valuesOf(detail.allowed) };
  return { raw: detail.message ?? code };
}

/** The field a detail is about, as the form names it: `custom_fields.segment`, `email`, `objects.0.name`. */
function fieldOf(detail: Detail): string | undefined {
  return detail.field || detail.location?.filter((part) => !["body", "query", "path"].includes(part)).join(".") || undefined;
}

export function problemOf(error: unknown): Problem {
  const code = errorCode(error);
  const details = ((error as { error?: { details?: Detail[] } })?.error?.details ?? []) as Detail[];
  const fields: Record<string, Text> = {};
  for (const detail of details) {
    const field = fieldOf(detail);
    if (field) fields[field] = fieldText(detail, field);
  }
  const onlyField = FIELD_OF_CODE[code];
  if (onlyField && !fields[onlyField] && hasText(`error.${code}`)) fields[onlyField] = { key: `error.${code}` as MessageKey };
  if (FORBIDDEN.has(code)) return { code, summary: "error.forbidden", fields };
  if (SUMMARIES.has(code)) return { code, summary: `error.${code}` as MessageKey, fields };
  if (Object.keys(fields).length) return { code, summary: "error.validation", fields };
  // Every code the API answers has words (tests/unit/test_error_texts.py); the fallbacks are for a newer API.
  if (hasText(`error.${code}`)) return { code, summary: `error.${code}` as MessageKey, fields };
  if (code.startsWith("invalid")) return { code, summary: "error.validation", fields };
  return { code, summary: "error.unknown", fields };
}

/** The words of a Text in the current language. */
export function word(text: Text, t: (key: MessageKey, values?: Values) => string): string {
  return "raw" in text ? text.raw : t(text.key, text.values);
}
