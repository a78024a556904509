import type { components } from "../api/client";
import { byCursor, usePages } from "../api/query";
import { formatDate } from "../format";
import { useI18n } from "../i18n";
import { textOr, type MessageKey } from "../i18n/messages";
import { HistoryCard, valueText, type Reader, type ShownLine } from "./CustomerHistory";
import type { Definition } from "./customFields";

type EmployeeHistoryEntry = components["schemas"]["EmployeeHistoryEntry"];

// Entries that record what happened rather than what changed: the employee added (its name), the number revealed
// (the reason given), booked into or out of a slot (its place and start).
const FACTS = new Set<EmployeeHistoryEntry["action"]>(["employee_created", "national_id_revealed", "booked", "unbooked"]);

// Fields named by a word of their own; the rest as on the employee's form (employees.field.*) or the common field.*.
const LABELS: Record<string, MessageKey> = {
  national_id: "employees.nationalId",
  language: "employees.history.language",
  place: "bookings.place",
  starts_at: "bookings.startsAt",
};

// The catalogue prefix a field's codes are worded under.
const CODES: Record<string, string> = { gender: "employees.gender", language: "language" };

// What a person typed: shown as written, never mistaken for a code, an amount or a period.
const TYPED = new Set(["first_name", "last_name", "name", "email", "mobile", "national_id", "reason", "place"]);

function labelOf(t: Reader["t"], field: string): string {
  const own = LABELS[field];
  return own ? t(own) : textOr(t, `employees.field.${field}`, textOr(t, `field.${field}`, field));
}

/** A value of a field of an employee as a person reads it: dates and times formatted, codes and departments in words,
 * the national identity number masked as recorded. `company` names the customer itself (no department). */
function employeeValue(field: string, value: unknown, reader: Reader, departments: Record<string, string>, company?: string): string {
  if (field === "department_id") {
    if ((value === null || value === undefined) && company) return company;
    if (typeof value === "string" && Object.hasOwn(departments, value)) return departments[value];
  }
  if (typeof value === "string" && value !== "") {
    if (field === "birth_date") return formatDate(value);
  }
  const typed: Definition | undefined = TYPED.has(field) ? { key: field, label: field, type: "text" } : undefined;
  return valueText(value, reader, typed, CODES[field]);
}

/** The lines of one entry of an employee's history (EMP-1). */
export function employeeHistoryLines(
  entry: EmployeeHistoryEntry, reader: Reader, departments: Record<string, string> = {}, company?: string,
): ShownLine[] {
  const fact = FACTS.has(entry.action);
  return entry.changes.map((change) => ({
    field: change.field,
    label: labelOf(reader.t, change.field),
    before: fact ? null : employeeValue(change.field, change.before, reader, departments, company),
    after: employeeValue(change.field, change.after, reader, departments, company),
  }));
}

const PAGE = 25;

/** EMP-1: what was done with an employee, by whom and when — added, changed, deactivated, its number revealed (with
 * the reason), booked, its self-declaration sent and read — newest first, older entries a page at a time. */
export function EmployeeHistory({ customerId, employeeId, departments, company }: {
  customerId: string; employeeId: string; departments: Record<string, string>; company?: string;
}) {
  const { t, language } = useI18n();
  const history = usePages("get", "/customers/{customer_id}/employees/{employee_id}/history", {
    params: { path: { customer_id: customerId, employee_id: employeeId }, query: { limit: PAGE } },
  }, byCursor);
  return (
    <HistoryCard headingId="employee-history-heading" heading={t("employees.history")} history={history}
      linesOf={(entry) => employeeHistoryLines(entry, { t, language }, departments, company)} />
  );
}
