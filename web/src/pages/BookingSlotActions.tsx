// What the vendor's staff do with a slot once it is on the order (EMP-2): "Flytt" (its time, place and length; everyone
// booked gets the invitation again, updated) and "Avlys" (asked first; everyone booked gets the cancellation).
import { useState } from "react";
import { Button, Dialog, DialogTrigger, Heading, Modal, ModalOverlay } from "react-aria-components";
import { $api, refusalOf } from "../api/query";
import { Form, TextField } from "../forms/Form";
import { useApiForm } from "../forms/useApiForm";
import { useI18n } from "../i18n";
import { ConfirmButton } from "../ui/ConfirmButton";
import { notify } from "../ui/Toasts";
import { changesOf, localInput, moveSchema, SLOT_FIELD_LABELS, slotName, slotProblem, type MoveValues, type Slot } from "./BookingParts";

const SLOT_PATH = "/customers/{customer_id}/service-orders/{order_id}/booking-slots/{slot_id}" as const;

function valuesOf(slot: Slot): MoveValues {
  return { place: slot.place, starts_at: localInput(slot.starts_at), duration_minutes: String(slot.duration_minutes) };
}

function pathOf(slot: Slot) {
  return { customer_id: slot.customer_id, order_id: slot.order_id, slot_id: slot.slot_id };
}

function MoveSlot({ slot }: { slot: Slot }) {
  const { t } = useI18n();
  const move = $api.useMutation("patch", SLOT_PATH);
  const form = useApiForm(moveSchema, valuesOf(slot));
  const when = slotName(slot);
  const formId = `move-slot-${slot.slot_id}`;

  async function submit(values: MoveValues, close: () => void) {
    const changes = changesOf(slot, values);
    if (Object.keys(changes).length === 0) return close();
    let moved: Slot;
    try {
      moved = await move.mutateAsync({ params: { path: pathOf(slot) }, body: { version: slot.version ?? 1, ...changes } });
    } catch (refused) {
      return form.refuse(slotProblem(refused));
    }
    close();
    notify(t("bookings.moved", { when: slotName(moved) }));
  }

  return (
    <DialogTrigger onOpenChange={(open) => { if (open) { form.reset(valuesOf(slot)); form.clearProblem(); } }}>
      <Button className="button secondary-outline small" aria-label={t("bookings.moveOf", { when })}>{t("bookings.move")}</Button>
      <ModalOverlay className="modal-overlay" isDismissable>
        <Modal className="modal">
          <Dialog className="dialog">
            {({ close }) => (
              <>
                <Heading slot="title">{t("bookings.moveOf", { when })}</Heading>
                <p className="muted">{t("bookings.moveHint", { booked: slot.booked ?? 0 })}</p>
                <Form form={form} id={formId} onSubmit={(values) => submit(values, close)} label={t("bookings.moveOf", { when })}
                  labelOf={(field) => t(SLOT_FIELD_LABELS[field] ?? "bookings.place")}>
                  <TextField name="place" label={t("bookings.place")} required autoComplete="off" />
                  <TextField name="starts_at" label={t("bookings.startsAt")} required type="datetime-local" />
                  <TextField name="duration_minutes" label={t("bookings.duration")} required inputMode="numeric" autoComplete="off" />
                  <div className="actions">
                    <button type="submit">{t("bookings.moveSave")}</button>
                    <Button className="button secondary-outline" onPress={close}>{t("dialog.cancel")}</Button>
                  </div>
                </Form>
              </>
            )}
          </Dialog>
        </Modal>
      </ModalOverlay>
    </DialogTrigger>
  );
}

function CancelSlot({ slot }: { slot: Slot }) {
  const { t } = useI18n();
  const cancel = $api.useMutation("delete", SLOT_PATH);
  const [refusal, setRefusal] = useState<unknown>(null);
  const when = slotName(slot);

  async function run() {
    const refused = await refusalOf(cancel.mutateAsync({ params: { path: pathOf(slot), query: { version: slot.version ?? 1 } } }));
    setRefusal(refused);
    if (!refused) notify(t("bookings.cancelled", { when }));
  }

  return (
    <>
      <ConfirmButton className="button secondary-outline small" label={t("bookings.cancel")} ariaLabel={t("bookings.cancelOf", { when })}
        title={t("bookings.cancelTitle", { when })} confirmLabel={t("bookings.cancelButton")} onConfirm={run}>
        <p>{t("bookings.cancelConfirm", { place: slot.place, booked: slot.booked ?? 0 })}</p>
      </ConfirmButton>
      {refusal ? (
        <p className="error" role="alert">{t(slotProblem(refusal).summary)}</p>
      ) : null}
    </>
  );
}

/** The staff's actions on one slot, in its row of the slot list. */
export function BookingSlotActions({ slot }: { slot: Slot }) {
  return (
    <>
      <MoveSlot slot={slot} />
      <CancelSlot slot={slot} />
    </>
  );
}
