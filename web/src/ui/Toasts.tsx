// Short confirmations ("Saved") that screen readers announce: React Aria's toast region, one queue for the app.
import { flushSync } from "react-dom";
import { Button, UNSTABLE_Toast as Toast, UNSTABLE_ToastContent as ToastContent, UNSTABLE_ToastQueue as ToastQueue, UNSTABLE_ToastRegion as ToastRegion, Text } from "react-aria-components";
import { useI18n } from "../i18n";

type Note = { text: string; tone: "success" | "error" };

export const toasts = new ToastQueue<Note>({
  maxVisibleToasts: 3,
  // Without view transitions the region updates at once; flushSync keeps the announcement in step.
  wrapUpdate: (update) => flushSync(update),
});

/** Shows a confirmation for a few seconds (it stays while hovered or focused). */
export function notify(text: string, tone: Note["tone"] = "success"): void {
  toasts.add({ text, tone }, { timeout: 6000 });
}

export function Toasts() {
  const { t } = useI18n();
  return (
    <ToastRegion queue={toasts} className="toasts" aria-label={t("toast.region")}>
      {({ toast }) => (
        <Toast toast={toast} className={`toast ${toast.content.tone}`}>
          <ToastContent>
            <Text slot="title">{toast.content.text}</Text>
          </ToastContent>
          <Button slot="close" aria-label={t("toast.close")} className="toast-close">×</Button>
        </Toast>
      )}
    </ToastRegion>
  );
}
