import type { components } from "../api/client";
import { problemOf } from "../api/problems";
import { byCursor, usePages } from "../api/query";
import { formatAmount, formatDate, formatDateTime, formatDecimal } from "../format";
import { useI18n, type Values } from "../i18n";
import { textOr, type Language, type MessageKey } from "../i18n/messages";
import { definitionOf, labelIn, type Definition } from "./customFields";
import { ScrollArea } from "../ScrollArea";
import { LoadMore, type Pages } from "../ui/LoadMore";

type HistoryEntry = components["schemas"]["HistoryEntry"];
type Translate = (key: MessageKey, values?: Values) => string;
/** What turning a value into text needs: the words and the language's number format. */
export type Reader = { t: Translate; language: Language };

export type ChangeLine = { field: string; label: string; before: string; after: string };

const MONEY = /^(-?\d+)\.(\d{2}) (NOK|SEK|EUR)$/;
const PERIOD = /^(\d{4}-\d{2}-\d{2})–(\d{4}-\d{2}-\d{2})$/;
const MOMENT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})$/;

/** A value as a person reads it: dates as dd.mm.yyyy, yes/no, codes translated, lists joined. `codes` is the
 * catalogue prefix a code is worded under (its field's name, or the name its field's codes go by). */
export function valueText(value: unknown, { t, language }: Reader, definition?: Definition, codes?: string): string {
  if (value === null || value === undefined || value === "") return t("history.empty");
  if (typeof value === "boolean") return t(value ? "value.true" : "value.false");
  if (Array.isArray(value)) {
    return value.length ? value.map((item) => valueText(item, { t, language }, definition, codes)).join(", ") : t("history.empty");
  }
  if (typeof value === "object") return JSON.stringify(value);
  const text = String(value);
  // Money is recorded exactly, with its currency ("20000.00 NOK"), and read in the language's format; a sum in
  // several currencies (an invoice specification's) lists them with commas.
  const sums = text.split(", ").map((part) => MONEY.exec(part));
  if (!definition && sums.every((money) => money !== null)) {
    return sums.map((money) => {
      const [, whole, cents, currency] = money as RegExpExecArray;
      const minor = Number(whole) * 100 + (whole.startsWith("-") ? -1 : 1) * Number(cents);
      return formatAmount(minor, currency, language);
    }).join(", ");
  }
  // A period is recorded as its first and last day.
  const period = PERIOD.exec(text);
  if (period && !definition) return `${formatDate(period[1])}–${formatDate(period[2])}`;
  // A moment (a booking slot's start) is recorded in ISO 8601 with its offset, and read on the reader's clock.
  if (MOMENT.test(text) && !definition) return formatDateTime(text);
  if (definition?.type === "date") return formatDate(text);
  if (definition?.type === "number") return formatDecimal(text, language);
  if (definition) return text; // what the person typed or chose, never mistaken for a code
  // A code is read in its field's words (country.NO) before the common ones (value.active).
  const common = textOr(t, `value.${text}`, text);
  return codes ? textOr(t, `${codes}.${text}`, common) : common;
}

// Fields whose codes are worded under another name (a delivery weekday is a weekday, a case's type a case type).
const CODES_OF_FIELD: Record<string, string> = { delivery_weekdays: "weekday", type: "cases.type" };

// The entries of a customer's service cases (CASE-1..3) name the case's own fields; so do those of its quotes and
// invoice specifications (seed 003, CASE-4), whose status is a quote's or a specification's.
const CASE_ACTIONS = new Set(["case_created", "case_changed", "work_order_added", "work_order_closed", "article_row_added"]);
const QUOTE_ACTIONS = new Set(["quote_created", "quote_accepted", "quote_declined"]);
const SPECIFICATION_ACTIONS = new Set(["invoice_specification_published", "invoice_specification_approved", "invoice_specification_commented"]);
// A file's entries (CASE-5) name the file, what it was put on (the customer, an object, a case) and that object or case.
const FILE_ACTIONS = new Set(["file_uploaded", "file_deleted"]);
// A support ticket's entries (DOC-8) name the ticket: its number, subject and status.
const TICKET_ACTIONS = new Set(["ticket_opened", "ticket_replied", "ticket_status_changed"]);

/** The catalogue prefix the codes of a field of an entry are worded under. */
function codesOf(action: string, field: string): string {
  if (field === "status" && QUOTE_ACTIONS.has(action)) return "quotes.status";
  if (field === "status" && SPECIFICATION_ACTIONS.has(action)) return "specifications.status";
  if (field === "linked_to" && FILE_ACTIONS.has(action)) return "files.linkedTo";
  if (field === "status" && TICKET_ACTIONS.has(action)) return "tickets.status";
  return CODES_OF_FIELD[field] ?? field;
}

/** Objects, departments, cases and quotes have numbers of their own; every other field is named as on the customer. */
function fieldLabel(t: Translate, action: string, field: string): string {
  if (CASE_ACTIONS.has(action)) return textOr(t, `cases.history.${field}`, textOr(t, `field.${field}`, field));
  if (QUOTE_ACTIONS.has(action)) return textOr(t, `quotes.history.${field}`, textOr(t, `field.${field}`, field));
  if (SPECIFICATION_ACTIONS.has(action)) return textOr(t, `specifications.history.${field}`, textOr(t, `field.${field}`, field));
  if (FILE_ACTIONS.has(action)) return textOr(t, `files.history.${field}`, textOr(t, `field.${field}`, field));
  if (TICKET_ACTIONS.has(action)) return textOr(t, `tickets.history.${field}`, textOr(t, `field.${field}`, field));
  if (field === "number" && action.startsWith("object_")) return t("objects.number");
  if (field === "number" && action.startsWith("department_")) return t("departments.number");
  if (field === "number" && action.startsWith("order_")) return t("orders.number");
  return textOr(t, `field.${field}`, field);
}

/** The lines of one history entry; a change of custom fields becomes one line per field that changed. */
export function historyLines(
  entry: HistoryEntry, definitions: Definition[], reader: Reader, names: Record<string, string> = {},
): ChangeLine[] {
  const { t } = reader;
  return entry.changes.flatMap((change): ChangeLine[] => {
    if (change.field === "custom_fields") {
      const before = (change.before ?? {}) as Record<string, unknown>;
      const after = (change.after ?? {}) as Record<string, unknown>;
      return [...new Set([...Object.keys(after), ...Object.keys(before)])]
        .filter((key) => before[key] !== after[key])
        .map((key) => {
          const definition = definitionOf(definitions, key);
          return {
            field: `custom_fields.${key}`,
            label: labelIn(definition, reader.language),
            before: valueText(before[key], reader, definition),
            after: valueText(after[key], reader, definition),
          };
        });
    }
    // A reference to another record (the group, the staff assigned) is shown by its name when the page knows it.
    const name = (value: unknown) => (typeof value === "string" && Object.hasOwn(names, value) ? names[value] : value);
    const named = (value: unknown) => (Array.isArray(value) ? value.map(name) : name(value));
    return [{
      field: change.field,
      label: fieldLabel(t, entry.action, change.field),
      before: valueText(named(change.before), reader, undefined, codesOf(entry.action, change.field)),
      after: valueText(named(change.after), reader, undefined, codesOf(entry.action, change.field)),
    }];
  });
}

/** A line of an entry as shown: "label: before → after", or "label: value" for a fact recorded (`before` null). */
export type ShownLine = { field: string; label: string; before: string | null; after: string };

type Entry = { entry_id: string; at: string; actor: string; action: string };
/** A history read a page at a time (`usePages` with `byCursor`). */
type HistoryPages<E> = Pages & { data?: { pages: { items: E[] }[] }; error: unknown };

/** Who did what and when, newest first, older entries a page at a time: the card every history (a customer's, an
 * employee's) is shown in; each page says only how its entries' lines read. */
export function HistoryCard<E extends Entry>({ headingId, heading, history, linesOf }: {
  headingId: string; heading: string; history: HistoryPages<E>; linesOf: (entry: E) => ShownLine[];
}) {
  const { t } = useI18n();
  const entries = history.data?.pages.flatMap((page) => page.items) ?? null;
  return (
    <section className="card" aria-labelledby={headingId}>
      <h2 id={headingId}>{heading}</h2>
      {history.error ? <p className="error" role="alert">{t(problemOf(history.error).summary)}</p>
        : entries === null ? <p role="status">{t("loading")}</p>
        : entries.length === 0 ? <p>{t("customer.noHistory")}</p>
        : <HistoryTable labelledBy={headingId} entries={entries} linesOf={linesOf} />}
      <LoadMore pages={history} label="history.older" />
    </section>
  );
}

function HistoryTable<E extends Entry>({ labelledBy, entries, linesOf }: {
  labelledBy: string; entries: E[]; linesOf: (entry: E) => ShownLine[];
}) {
  const { t } = useI18n();
  return (
    <ScrollArea labelledBy={labelledBy}>
      <table className="stacked">
        <thead>
          <tr>
            <th scope="col">{t("history.when")}</th>
            <th scope="col">{t("history.who")}</th>
            <th scope="col">{t("history.what")}</th>
          </tr>
        </thead>
        <tbody>
          {entries.map((entry) => {
            const lines = linesOf(entry);
            return (
              <tr key={entry.entry_id}>
                <td>{formatDateTime(entry.at)}</td>
                <td>{entry.actor}</td>
                <td>
                  <strong>{textOr(t, `history.action.${entry.action}`, entry.action)}</strong>
                  {lines.length ? (
                    <ul className="changes">
                      {lines.map((line) => (
                        <li key={line.field}>
                          {line.label}: {line.before === null ? line.after : `${line.before} → ${line.after}`}
                        </li>
                      ))}
                    </ul>
                  ) : null}
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </ScrollArea>
  );
}

const PAGE = 25;

/** ORG-3: who changed what in a customer and when, newest first, older entries a page at a time. */
export function CustomerHistory({ customerId, definitions, names }: {
  customerId: string; definitions: Definition[]; names: Record<string, string>;
}) {
  const { t, language } = useI18n();
  const history = usePages("get", "/customers/{customer_id}/history", {
    params: { path: { customer_id: customerId }, query: { limit: PAGE } },
  }, byCursor);
  return (
    <HistoryCard headingId="history-heading" heading={t("customer.history")} history={history}
      linesOf={(entry) => historyLines(entry, definitions, { t, language }, names)} />
  );
}
