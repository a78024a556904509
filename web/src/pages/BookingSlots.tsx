// The bookings a service order carries (ORD-3, EMP-2): the vendor's time slots — where, when, how long, how many are
// booked of how many places, and until when bookings may be removed — listed with the order. The customer's employee
// administrators open a slot's bookings and book the customer's employees into it (BookingEmployees); the vendor's
// staff who handle the customer's orders add slots, and move or cancel them (BookingSlotActions).
import { useEffect, useState } from "react";
import { problemOf } from "../api/problems";
import { $api } from "../api/query";
import { hasRole } from "../app/sections";
import { usePrincipal } from "../app/session";
import { CheckboxField, Form, TextField } from "../forms/Form";
import { useApiForm } from "../forms/useApiForm";
import { formatDateTime } from "../format";
import { useI18n } from "../i18n";
import { DataTable, type ListColumn } from "../ui/DataTable";
import { notify } from "../ui/Toasts";
import { BookingEmployees } from "./BookingEmployees";
import { asksForDeclaration, EMPTY_SLOT, instantOf, isFull, MAX_CAPACITY, MAX_CUT_OFF_HOURS, SLOT_FIELD_LABELS, slotName, slotSchema, type Slot, type SlotValues } from "./BookingParts";
import { BookingSlotActions } from "./BookingSlotActions";

const FORM_ID = "booking-slot";

function AddSlot({ customerId, orderId, headingLevel }: { customerId: string; orderId: string; headingLevel: 3 | 4 }) {
  const { t } = useI18n();
  const add = $api.useMutation("post", "/customers/{customer_id}/service-orders/{order_id}/booking-slots");
  const form = useApiForm(slotSchema, EMPTY_SLOT);

  async function submit(values: SlotValues) {
    try {
      // The field holds the staff member's wall-clock time; the API takes the moment with its offset.
      await add.mutateAsync({
        params: { path: { customer_id: customerId, order_id: orderId } },
        body: {
          place: values.place.trim(),
          starts_at: instantOf(values.starts_at),
          duration_minutes: Number(values.duration_minutes),
          capacity: Number(values.capacity),
          cancel_until_hours: Number(values.cancel_until_hours),
          self_declaration: values.self_declaration === true,
        },
      });
    } catch (refused) {
      return form.refuse(refused);
    }
    form.reset(EMPTY_SLOT);
    notify(t("bookings.added"));
  }

  const Heading = headingLevel === 3 ? "h3" : "h4";
  return (
    <div className="work-order">
      <Heading>{t("bookings.newSlot")}</Heading>
      <Form form={form} id={FORM_ID} onSubmit={submit} label={t("bookings.add")} labelOf={(field) => t(SLOT_FIELD_LABELS[field] ?? "bookings.place")}>
      <div className="grid">
        <TextField name="place" label={t("bookings.place")} required />
        <TextField name="starts_at" label={t("bookings.startsAt")} required type="datetime-local" />
        <TextField name="duration_minutes" label={t("bookings.duration")} required inputMode="numeric" />
        <TextField name="capacity" label={t("bookings.capacity")} required inputMode="numeric" hint={t("bookings.capacityHint", { max: MAX_CAPACITY })} />
        <TextField name="cancel_until_hours" label={t("bookings.cutOffHours")} required inputMode="numeric"
          hint={t("bookings.cutOffHoursHint", { max: MAX_CUT_OFF_HOURS })} />
      </div>
      <CheckboxField name="self_declaration" label={t("bookings.selfDeclaration")} hint={t("bookings.selfDeclarationHint")} />
      <div className="actions"><button type="submit">{t("bookings.add")}</button></div>
      </Form>
    </div>
  );
}

export function BookingSlots({ customerId, orderId, headingLevel = 3 }: { customerId: string; orderId: string; headingLevel?: 2 | 3 }) {
  const { t } = useI18n();
  const me = usePrincipal();
  const found = $api.useQuery("get", "/customers/{customer_id}/service-orders/{order_id}/booking-slots", {
    params: { path: { customer_id: customerId, order_id: orderId } },
  });
  // The slot whose bookings are shown under the list, if any.
  const [open, setOpen] = useState<string | null>(null);
  const Heading = headingLevel === 2 ? "h2" : "h3";
  const headingId = `bookings-${orderId}`;
  const panelId = `booked-${orderId}`;
  const slots = found.data?.items ?? [];
  const mayAdd = found.data?.may_add ?? false;
  // The customer's employee administrators book (the API says so again with the bookings); staff who see the
  // customer read who is booked. Other readers of the order see how many.
  const readsBookings = me.kind === "staff" || hasRole(me, customerId, "employee_administrator");
  const opened = slots.find((slot) => slot.slot_id === open);

  useEffect(() => {
    // The bookings open under the list: brought into view, the button that opened them keeps the focus.
    if (open) document.getElementById(panelId)?.scrollIntoView({ block: "nearest" });
  }, [open, panelId]);

  const columns: ListColumn<Slot>[] = [
    { id: "starts", header: t("bookings.startsAt"), cell: (slot) => <span className="nowrap">{formatDateTime(slot.starts_at)}</span>, rowHeader: true },
    { id: "ends", header: t("bookings.endsAt"), cell: (slot) => <span className="nowrap">{formatDateTime(slot.ends_at)}</span> },
    {
      id: "place", header: t("bookings.place"),
      cell: (slot) => (
        <>
          <span className="long-text">{slot.place}</span>
          {asksForDeclaration(slot) ? <div className="muted">{t("bookings.selfDeclarationAsked")}</div> : null}
        </>
      ),
    },
    {
      id: "booked", header: t("bookings.booked"),
      cell: (slot) => (
        <span className="nowrap">
          {t("bookings.of", { booked: slot.booked ?? 0, capacity: slot.capacity })}
          {isFull(slot) ? <> <span className="badge">{t("bookings.fullBadge")}</span></> : null}
        </span>
      ),
    },
    { id: "cutOff", header: t("bookings.cutOff"), cell: (slot) => <span className="nowrap">{formatDateTime(slot.cancel_until)}</span> },
  ];
  if (readsBookings || mayAdd) {
    columns.push({
      id: "actions", header: t("bookings.column.actions"),
      cell: (slot) => {
        const shown = open === slot.slot_id;
        return (
          <div className="actions compact">
            {readsBookings ? (
              <button type="button" className={shown ? "small" : "secondary-outline small"} aria-expanded={shown} aria-controls={shown ? panelId : undefined}
                aria-label={t("bookings.showOf", { when: slotName(slot) })} onClick={() => setOpen(shown ? null : slot.slot_id)}>
                {t("bookings.show")}
              </button>
            ) : null}
            {mayAdd ? <BookingSlotActions slot={slot} /> : null}
          </div>
        );
      },
    });
  }

  return (
    <div className="bookings">
      <Heading id={headingId}>{t("service.bookings")}</Heading>
      {found.error ? <p className="error" role="alert">{t(problemOf(found.error).summary)}</p> : null}
      {found.data ? (
        <DataTable labelledBy={headingId} columns={columns} rows={slots} rowId={(slot) => slot.slot_id}
          visibleColumns={columns.map((column) => column.id)} empty={t("service.noBookings")} />
      ) : null}
      {opened ? <BookingEmployees key={opened.slot_id} slot={opened} id={panelId} headingLevel={headingLevel === 2 ? 3 : 4} /> : null}
      {mayAdd ? <AddSlot customerId={customerId} orderId={orderId} headingLevel={headingLevel === 2 ? 3 : 4} /> : null}
    </div>
  );
}
