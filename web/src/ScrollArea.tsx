import type { ReactNode } from "react";

/**
 * A wide table that scrolls sideways inside its card on a narrow screen, never the page. Focusable, so it can be
 * scrolled with the keyboard (WCAG 2.1.1), and named by the heading it belongs to.
 */
export function ScrollArea({ labelledBy, children }: { labelledBy: string; children: ReactNode }) {
  return (
    <div className="table-wrap" role="group" aria-labelledby={labelledBy} tabIndex={0}>
      {children}
    </div>
  );
}
