// An action that needs its reason written first (reject, confirm on a customer's behalf, reverse a slip): a modal
// dialog with the reason, which stays open with the refusal when the action is refused.
import type { ReactNode } from "react";
import { Button, Dialog, DialogTrigger, Heading, Modal, ModalOverlay } from "react-aria-components";
import { useI18n } from "../i18n";

export function ReasonButton({ id, label, title, className, refusal, onOpen, onSubmit }: {
  /** Makes the reason field's id unique on the page. */
  id: string;
  label: string;
  title: string;
  className: string;
  /** What refused the last attempt, shown in the dialog. */
  refusal: ReactNode;
  onOpen: () => void;
  onSubmit: (reason: string | null, close: () => void) => void;
}) {
  const { t } = useI18n();
  return (
    <DialogTrigger onOpenChange={onOpen}>
      <Button className={className}>{label}</Button>
      <ModalOverlay className="modal-overlay" isDismissable>
        <Modal className="modal">
          <Dialog className="dialog">
            {({ close }) => (
              <form onSubmit={(event) => {
                event.preventDefault();
                const reason = String(new FormData(event.currentTarget).get("reason") ?? "").trim();
                onSubmit(reason || null, close);
              }}>
                <Heading slot="title">{title}</Heading>
                {refusal}
                <div className="field">
                  <label htmlFor={`reason-${id}`}>{t("field.reason")} *</label>
                  <textarea id={`reason-${id}`} name="reason" rows={3} maxLength={1000} required />
                </div>
                <div className="actions">
                  <button type="submit">{label}</button>
                  <Button className="button secondary-outline" onPress={close}>{t("dialog.cancel")}</Button>
                </div>
              </form>
            )}
          </Dialog>
        </Modal>
      </ModalOverlay>
    </DialogTrigger>
  );
}
