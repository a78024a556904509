// The bookings a service order carries (ORD-3, EMP-2): the vendor's time slots — where, when, how long and for how
// many — listed with the order, and added by the vendor's staff who handle the customer's orders.
import { z } from "zod";
import type { components } from "../api/client";
import { problemOf } from "../api/problems";
import { $api } from "../api/query";
import { Form, TextField } from "../forms/Form";
import { useApiForm } from "../forms/useApiForm";
import { formatDateTime } from "../format";
import { useI18n } from "../i18n";
import { DataTable, type ListColumn } from "../ui/DataTable";
import { notify } from "../ui/Toasts";

type Slot = components["schemas"]["Slot"];

const FORM_ID = "booking-slot";
const slotSchema = z.object({
  place: z.string().trim().min(1).max(200),
  starts_at: z.string().min(1),
  duration_minutes: z.string().regex(/^\d{1,3}$/),
  capacity: z.string().regex(/^\d{1,3}$/),
});
type SlotValues = z.input<typeof slotSchema>;
const EMPTY: SlotValues = { place: "", starts_at: "", duration_minutes: "30", capacity: "10" };

function AddSlot({ customerId, orderId }: { customerId: string; orderId: string }) {
  const { t } = useI18n();
  const add = $api.useMutation("post", "/customers/{customer_id}/service-orders/{order_id}/booking-slots");
  const form = useApiForm(slotSchema, EMPTY);

  async function submit(values: SlotValues) {
    try {
      // The field holds the staff member's wall-clock time; the API takes the moment with its offset.
      await add.mutateAsync({
        params: { path: { customer_id: customerId, order_id: orderId } },
        body: {
          place: values.place,
          starts_at: new Date(values.starts_at).toISOString(),
          duration_minutes: Number(values.duration_minutes),
          capacity: Number(values.capacity),
        },
      });
    } catch (refused) {
      return form.refuse(refused);
    }
    form.reset(EMPTY);
    notify(t("bookings.added"));
  }

  return (
    <Form form={form} id={FORM_ID} onSubmit={submit} label={t("bookings.add")}>
      <div className="grid">
        <TextField name="place" label={t("bookings.place")} required />
        <TextField name="starts_at" label={t("bookings.startsAt")} required type="datetime-local" />
        <TextField name="duration_minutes" label={t("bookings.duration")} required inputMode="numeric" />
        <TextField name="capacity" label={t("bookings.capacity")} required inputMode="numeric" />
      </div>
      <div className="actions"><button type="submit">{t("bookings.add")}</button></div>
    </Form>
  );
}

export function BookingSlots({ customerId, orderId, headingLevel = 3 }: { customerId: string; orderId: string; headingLevel?: 2 | 3 }) {
  const { t } = useI18n();
  const found = $api.useQuery("get", "/customers/{customer_id}/service-orders/{order_id}/booking-slots", {
    params: { path: { customer_id: customerId, order_id: orderId } },
  });
  const Heading = headingLevel === 2 ? "h2" : "h3";
  const headingId = `bookings-${orderId}`;
  const columns: ListColumn<Slot>[] = [
    { id: "starts", header: t("bookings.startsAt"), cell: (slot) => formatDateTime(slot.starts_at), rowHeader: true },
    { id: "ends", header: t("bookings.endsAt"), cell: (slot) => formatDateTime(slot.ends_at) },
    { id: "place", header: t("bookings.place"), cell: (slot) => slot.place },
    { id: "booked", header: t("bookings.booked"), cell: (slot) => t("bookings.of", { booked: slot.booked ?? 0, capacity: slot.capacity }) },
  ];
  return (
    <div className="bookings">
      <Heading id={headingId}>{t("service.bookings")}</Heading>
      {found.error ? <p className="error" role="alert">{t(problemOf(found.error).summary)}</p> : null}
      {found.data ? (
        <DataTable labelledBy={headingId} columns={columns} rows={found.data.items} rowId={(slot) => slot.slot_id}
          visibleColumns={columns.map((column) => column.id)} empty={t("service.noBookings")} />
      ) : null}
      {found.data?.may_add ? <AddSlot customerId={customerId} orderId={orderId} /> : null}
    </div>
  );
}
