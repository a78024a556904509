import { Link } from "@tanstack/react-router";
import { useId, useState } from "react";
import { useI18n } from "../i18n";
import { guides, type GuideId } from "./guides";

const OPEN_KEY = "kp.help.open";

/** A guide's introduction and its explained terms. */
export function GuideText({ guide }: { guide: GuideId }) {
  const { t } = useI18n();
  const { intro, entries } = guides[guide];
  return (
    <>
      <p>{t(intro)}</p>
      <dl>
        {entries.map((entry) => (
          <div key={entry.term}>
            <dt>{t(entry.term)}</dt>
            <dd>{t(entry.text)}</dd>
          </div>
        ))}
      </dl>
    </>
  );
}

/**
 * The page's guide beside it, printable on a page of its own. Whether it is open is the user's last choice; before
 * any choice it is open where there is room beside the page (`openUnlessChosen` may say otherwise).
 */
export function HelpPanel({ guide, openUnlessChosen }: { guide: GuideId; openUnlessChosen?: boolean }) {
  const { t } = useI18n();
  const headingId = useId();
  const [open, setOpen] = useState(() => {
    const stored = window.localStorage.getItem(OPEN_KEY);
    if (stored !== null) return stored === "true";
    return openUnlessChosen ?? window.matchMedia("(min-width: 80rem)").matches;
  });
  return (
    <aside className="help" aria-labelledby={headingId}>
      <details
        open={open}
        onToggle={(event) => {
          const next = event.currentTarget.open;
          window.localStorage.setItem(OPEN_KEY, String(next));
          setOpen(next);
        }}
      >
        <summary id={headingId}>{t("help.heading")}</summary>
        <GuideText guide={guide} />
        <Link to="/help/$guide" params={{ guide }}>{t("help.print")}</Link>
      </details>
    </aside>
  );
}
