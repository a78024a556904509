// A destructive or binding action asks first: a modal alert dialog (focus trapped, Escape cancels, focus returns).
import type { ReactNode } from "react";
import { Button, Dialog, DialogTrigger, Heading, Modal, ModalOverlay } from "react-aria-components";
import { useI18n } from "../i18n";

export function ConfirmButton({ label, title, children, confirmLabel, onConfirm, className, ariaLabel, tone = "danger" }: {
  label: string;
  title: string;
  children: ReactNode;
  confirmLabel: string;
  onConfirm: () => void | Promise<void>;
  className?: string;
  ariaLabel?: string;
  /** The confirming button: red for what removes or stops something, the usual colour for a binding yes (accepting a quote). */
  tone?: "danger" | "primary";
}) {
  const { t } = useI18n();
  return (
    <DialogTrigger>
      <Button className={className ?? "button secondary-outline"} aria-label={ariaLabel}>{label}</Button>
      <ModalOverlay className="modal-overlay" isDismissable>
        <Modal className="modal">
          <Dialog role="alertdialog" className="dialog">
            {({ close }) => (
              <>
                <Heading slot="title">{title}</Heading>
                <div>{children}</div>
                <div className="actions">
                  <Button className={tone === "danger" ? "button danger" : "button"} onPress={() => { close(); void onConfirm(); }}>{confirmLabel}</Button>
                  <Button className="button secondary-outline" onPress={close} autoFocus>{t("dialog.cancel")}</Button>
                </div>
              </>
            )}
          </Dialog>
        </Modal>
      </ModalOverlay>
    </DialogTrigger>
  );
}
