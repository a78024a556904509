// EMP-2 (seed 004 "Tilgang til å legge inn ansatte på forhåndsdefinerte bookinger/timeavtaler"): the employees booked
// into one of the vendor's slots — who, their e-mail, who booked them and when — and, for the customer's employee
// administrators, "Legg til ansatt" (an active employee found by name) and "Fjern" until the slot's cut-off. After it
// the vendor makes the changes. Staff who see the customer read the list. Where the slot asks for a self-declaration,
// everyone reading the list sees whether each employee sent it; only the vendor's health personnel read the answers.
import { useState } from "react";
import { Controller } from "react-hook-form";
import { z } from "zod";
import { problemOf, word } from "../api/problems";
import { $api, refusalOf } from "../api/query";
import { Form, inputIdOf } from "../forms/Form";
import { decode, encode } from "../forms/messages";
import { useApiForm } from "../forms/useApiForm";
import { formatDate, formatDateTime } from "../format";
import { useI18n } from "../i18n";
import { ConfirmButton } from "../ui/ConfirmButton";
import { DataTable, type ListColumn } from "../ui/DataTable";
import { SearchComboBox, type Choice } from "../ui/SearchComboBox";
import { notify } from "../ui/Toasts";
import {
  answerRows, asksForDeclaration, beforeCutOff, declarationState, hasStarted, isFull, SLOT_FIELD_LABELS, slotName, slotProblem, type Booking, type Slot,
} from "./BookingParts";
import { fullName } from "./EmployeeParts";

const BOOKINGS_PATH = "/customers/{customer_id}/service-orders/{order_id}/booking-slots/{slot_id}/bookings" as const;
/** The employee search's shortest word (portal.search.MIN_TERM_LENGTH) and how many it offers at once. */
const MIN_SEARCH = 2;
const CHOICES = 10;

const bookSchema = z.object({ employee_id: z.string().min(1, { message: encode({ key: "bookings.chooseEmployee" }) }) });
type BookValues = z.input<typeof bookSchema>;

function pathOf(slot: Slot) {
  return { customer_id: slot.customer_id, order_id: slot.order_id, slot_id: slot.slot_id };
}

/** "Legg til ansatt": an active employee of the customer, found by words of the name or e-mail, not booked already. */
function AddEmployee({ slot, booked, onBooked }: { slot: Slot; booked: Set<string>; onBooked: () => void }) {
  const { t } = useI18n();
  const book = $api.useMutation("post", BOOKINGS_PATH);
  const form = useApiForm(bookSchema, { employee_id: "" });
  const [typed, setTyped] = useState("");
  const text = typed.trim();
  const searching = text.length >= MIN_SEARCH;
  const found = $api.useQuery("get", "/customers/{customer_id}/employees", {
    params: { path: { customer_id: slot.customer_id }, query: { q: text, status: "active", limit: CHOICES } },
  }, { enabled: searching, retry: false });
  const choices: Choice[] = searching
    ? (found.data?.items ?? []).filter((employee) => !booked.has(employee.employee_id))
      .map((employee) => ({ id: employee.employee_id, label: `${fullName(employee)} (${employee.email})` }))
    : [];
  const searchRefusal = found.error ? problemOf(found.error) : null;
  const noMatches = found.isFetching ? t("loading")
    : searchRefusal ? (searchRefusal.fields.q ? word(searchRefusal.fields.q, t) : t(searchRefusal.summary))
      : t("bookings.noEmployeeMatches");
  const formId = `book-${slot.slot_id}`;

  async function submit(values: BookValues) {
    let made: Booking;
    try {
      made = await book.mutateAsync({ params: { path: pathOf(slot) }, body: { employee_id: values.employee_id } });
    } catch (refused) {
      return form.refuse(slotProblem(refused));
    }
    notify(t("bookings.employeeAdded", { name: made.employee_name, email: made.email }));
    onBooked();
  }

  return (
    <Form form={form} id={formId} onSubmit={submit} label={t("bookings.addEmployee")} labelOf={(field) => t(SLOT_FIELD_LABELS[field] ?? "bookings.employee")}>
      <div className="member-row">
        <Controller control={form.control} name="employee_id" render={({ field, fieldState }) => {
          const problem = decode(fieldState.error?.message);
          return (
            <SearchComboBox id={inputIdOf(formId, "employee_id")} label={`${t("bookings.employee")} *`} hint={t("bookings.employeeHint")}
              error={problem ? word(problem, t) : null} choices={choices} noMatches={noMatches}
              onSearch={setTyped} onChoose={(choice) => field.onChange(choice?.id ?? "")} />
          );
        }} />
        <button type="submit">{t("bookings.addEmployee")}</button>
      </div>
    </Form>
  );
}

function RemoveBooking({ slot, booking }: { slot: Slot; booking: Booking }) {
  const { t } = useI18n();
  const remove = $api.useMutation("delete", "/customers/{customer_id}/service-orders/{order_id}/booking-slots/{slot_id}/bookings/{employee_id}");
  const [refusal, setRefusal] = useState<unknown>(null);
  const name = booking.employee_name;

  async function run() {
    const refused = await refusalOf(remove.mutateAsync({ params: { path: { ...pathOf(slot), employee_id: booking.employee_id } } }));
    setRefusal(refused);
    if (!refused) notify(t("bookings.removed", { name }));
  }

  return (
    <>
      <ConfirmButton className="button secondary-outline small" label={t("bookings.remove")} ariaLabel={t("bookings.removeOf", { name })}
        title={t("bookings.removeTitle", { name })} confirmLabel={t("bookings.remove")} onConfirm={run}>
        <p>{t("bookings.removeConfirm", { name, email: booking.email })}</p>
      </ConfirmButton>
      {refusal ? <p className="error" role="alert">{t(slotProblem(refusal).summary)}</p> : null}
    </>
  );
}

/** "Les egenerklæring" (the health personnel): one employee's answers, read when the panel opens — each reading is
 * recorded in the employee's history, and the answers are not kept in the page's cache once it closes. Under the
 * bookings, its heading at theirs' level (the style sheet words no deeper heading). */
function DeclarationPanel({ slot, booking, id, headingLevel, onClose }: {
  slot: Slot; booking: Booking; id: string; headingLevel: 3 | 4; onClose: () => void;
}) {
  const { t } = useI18n();
  const read = $api.useQuery("get", `${BOOKINGS_PATH}/{employee_id}/self-declaration`, {
    params: { path: { ...pathOf(slot), employee_id: booking.employee_id } },
  }, { retry: false, staleTime: 0, gcTime: 0 });
  const Heading = headingLevel === 3 ? "h3" : "h4";
  const headingId = `${id}-heading`;
  const name = booking.employee_name;
  return (
    <section className="work-order" id={id} aria-labelledby={headingId}>
      <Heading id={headingId}>{t("bookings.declarationOf", { name })}</Heading>
      {read.error ? <p className="error" role="alert">{t(problemOf(read.error).summary)}</p> : null}
      {!read.data && !read.error ? <p role="status">{t("loading")}</p> : null}
      {read.data ? (
        <>
          <p className="muted">{t("bookings.declarationRead", { at: formatDateTime(read.data.submitted_at) })}</p>
          <dl className="facts compact">
            {answerRows(read.data.answers, t).map((row) => (
              <div key={row.field}><dt>{row.label}:</dt><dd className="prewrap">{row.text}</dd></div>
            ))}
          </dl>
        </>
      ) : null}
      <div className="actions">
        <button type="button" className="secondary-outline small" onClick={onClose}>{t("bookings.declarationClose")}</button>
      </div>
    </section>
  );
}

/** One slot's bookings, shown under the slot list when its "Påmeldte" is pressed. */
export function BookingEmployees({ slot, id, headingLevel }: { slot: Slot; id: string; headingLevel: 3 | 4 }) {
  const { t } = useI18n();
  const found = $api.useQuery("get", BOOKINGS_PATH, { params: { path: pathOf(slot) } }, { retry: false });
  // A new form after each booking: the search field starts empty for the next employee.
  const [round, setRound] = useState(0);
  // The employee whose self-declaration the health personnel read under the list, if any.
  const [reading, setReading] = useState<string | null>(null);
  const Heading = headingLevel === 3 ? "h3" : "h4";
  const headingId = `${id}-heading`;
  const bookings = found.data?.items ?? [];
  const mayBook = found.data?.may_book ?? false;
  const removable = mayBook && beforeCutOff(slot);
  const cutOff = formatDateTime(slot.cancel_until);
  const mayRead = found.data?.may_read_declarations ?? false;
  const declarationId = `${id}-declaration`;
  const read = bookings.find((booking) => booking.employee_id === reading && declarationState(booking) === "sent");

  const columns: ListColumn<Booking>[] = [
    { id: "name", header: t("employees.column.name"), cell: (booking) => <span className="long-text">{booking.employee_name}</span>, rowHeader: true },
    { id: "email", header: t("employees.column.email"), cell: (booking) => <span className="long-text">{booking.email}</span> },
    {
      id: "by", header: t("bookings.column.bookedBy"),
      cell: (booking) => <>{booking.booked_by_name}<div className="muted nowrap">{formatDateTime(booking.booked_at)}</div></>,
    },
    ...(asksForDeclaration(slot) ? [{
      id: "declaration", header: t("bookings.column.declaration"),
      cell: (booking: Booking) => {
        const shown = reading === booking.employee_id;
        const state = declarationState(booking);
        return (
          <>
            <span className="nowrap">
              {state === "not_sent" ? t("bookings.declarationNotSent")
                : t("bookings.declarationSent", { at: formatDateTime(booking.declaration_submitted_at ?? "") })}
            </span>
            {state === "deleted" ? (
              <div className="muted">{t("bookings.declarationDeleted", { at: formatDate(booking.declaration_kept_until ?? "") })}</div>
            ) : null}
            {mayRead && state === "sent" ? (
              <div className="actions compact">
                <button type="button" className={shown ? "small" : "secondary-outline small"} aria-expanded={shown}
                  aria-controls={shown ? declarationId : undefined} aria-label={t("bookings.readDeclarationOf", { name: booking.employee_name })}
                  onClick={() => setReading(shown ? null : booking.employee_id)}>
                  {t("bookings.readDeclaration")}
                </button>
              </div>
            ) : null}
          </>
        );
      },
    }] : []),
    ...(removable ? [{ id: "remove", header: t("bookings.column.actions"), cell: (booking: Booking) => <RemoveBooking slot={slot} booking={booking} /> }] : []),
  ];

  let adding = null;
  if (mayBook) {
    if (hasStarted(slot)) adding = <p>{t("bookings.started")}</p>;
    else if (isFull(slot)) adding = <p><strong>{t("bookings.full", { capacity: slot.capacity })}</strong></p>;
    else {
      adding = (
        <AddEmployee key={`${slot.slot_id}-${round}`} slot={slot} booked={new Set(bookings.map((booking) => booking.employee_id))}
          onBooked={() => setRound((previous) => previous + 1)} />
      );
    }
  }

  return (
    <section className="work-order" id={id} aria-labelledby={headingId}>
      <Heading id={headingId}>{t("bookings.bookedHeading", { when: slotName(slot), place: slot.place })}</Heading>
      {found.data ? (
        <p>
          {t("bookings.count", { booked: slot.booked ?? 0, capacity: slot.capacity })}{" "}
          {mayBook ? t(beforeCutOff(slot) ? "bookings.removableUntil" : "bookings.cutOffPassed", { at: cutOff }) : t("bookings.readOnly")}
        </p>
      ) : null}
      {found.error ? <p className="error" role="alert">{t(problemOf(found.error).summary)}</p> : null}
      {!found.data && !found.error ? <p role="status">{t("loading")}</p> : null}
      {found.data ? (
        <DataTable labelledBy={headingId} columns={columns} rows={bookings} rowId={(booking) => booking.booking_id}
          visibleColumns={columns.map((column) => column.id)} empty={t("bookings.noneBooked")} />
      ) : null}
      {read ? (
        <DeclarationPanel key={read.employee_id} slot={slot} booking={read} id={declarationId} headingLevel={headingLevel}
          onClose={() => setReading(null)} />
      ) : null}
      {found.data ? adding : null}
    </section>
  );
}
