// ORG-3: what a register file may be before it is sent (a .csv or .txt file of at most 10 MiB), and the words for
// an upload's status, its failure and each reason a row was rejected for.
import type { components } from "../api/client";
import { fieldText } from "../api/problems";
import type { Translate } from "../i18n";
import { hasText, textOr, type Language, type MessageKey } from "../i18n/messages";
import { nb } from "../i18n/nb";
import { labelIn, type Definition } from "./customFields";

export type CustomerImport = components["schemas"]["CustomerImportView"];
export type ImportStatus = components["schemas"]["ImportStatus"];
export type RejectedRow = components["schemas"]["RejectedRow"];
export type RowReason = components["schemas"]["RowReason"];

/** The largest file the API takes (CustomerImportInput.size): 10 MiB. */
export const MAX_IMPORT_MB = 10;
export const MAX_IMPORT_BYTES = MAX_IMPORT_MB * 1024 * 1024;
/** What the file input offers: a sheet saved as CSV (some systems name it .txt). */
export const ACCEPTED_IMPORT_FILES = ".csv,.txt,text/csv,text/plain";

/** Why a chosen file is not sent at all (the catalogue key of the reason), or null when it may be. */
export function importFileProblem(file: { name: string; size: number }): MessageKey | null {
  if (!/\.(csv|txt)$/i.test(file.name.trim())) return "customerImport.notCsv";
  if (file.size === 0) return "customerImport.emptyFile";
  if (file.size > MAX_IMPORT_BYTES) return "customerImport.tooLarge";
  return null;
}

/** Whether the upload has ended, one way or the other (nothing more to wait for). */
export function isFinished(status: ImportStatus | undefined): boolean {
  return status === "done" || status === "failed";
}

export function importStatusKey(status: ImportStatus): MessageKey {
  return `customerImport.status.${status}` as MessageKey;
}

/** Why a whole file was not read, in the catalogue's words (error.<code>), or the API's own for a newer code. */
export function failureText(upload: Pick<CustomerImport, "error_code" | "error_message">, t: Translate): string {
  const key = `error.${upload.error_code ?? "unknown"}`;
  return hasText(key) ? t(key) : (upload.error_message ?? t("error.unknown"));
}

/** A column of the file as the portal names the field it fills: a custom field by its label in the reader's language. */
export function reasonField(field: string, definitions: Definition[] | undefined, language: Language, t: Translate): string {
  if (field === "row") return t("customerImport.field.row");
  if (field.startsWith("custom_fields.")) {
    const key = field.slice("custom_fields.".length);
    const definition = definitions?.find((candidate) => candidate.key === key);
    return definition ? labelIn(definition, language) : key;
  }
  return textOr(t, `field.${field}`, field);
}

/** Why a row was rejected, in the catalogue's words where there are some, else the API's (English) message. A row's
 * reason carries no limits (max_length, digits …), so a text that needs them is not used. */
export function reasonText(reason: RowReason, t: Translate): string {
  const own = `customerImport.reason.${reason.code}`;
  if (hasText(own)) return t(own);
  const text = fieldText({ field: reason.field, code: reason.code, message: reason.message }, reason.field);
  if ("key" in text && !nb[text.key].includes("{")) return t(text.key);
  return reason.message;
}
