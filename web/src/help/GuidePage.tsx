import { useParams, useRouter } from "@tanstack/react-router";
import { useI18n } from "../i18n";
import type { GuideId } from "./guides";
import { guides } from "./guides";
import { GuideText } from "./HelpPanel";

/** A guide alone on its page, laid out for paper: the browser prints it or saves it as a PDF. */
export function GuidePage({ guide }: { guide: GuideId | null }) {
  const { t } = useI18n();
  const router = useRouter();
  if (!guide) {
    return (
      <div className="card">
        <h1 tabIndex={-1}>{t("help.unknown")}</h1>
      </div>
    );
  }
  return (
    <article className="card guide">
      <h1 tabIndex={-1}>{t(guides[guide].title)}</h1>
      <GuideText guide={guide} />
      <div className="actions">
        <button type="button" onClick={() => window.print()}>{t("help.printNow")}</button>
        <button type="button" className="secondary" onClick={() => router.history.back()}>{t("help.back")}</button>
      </div>
    </article>
  );
}

/** The printable guide's route: `/help/<guide>`, open to anyone (the login page has a guide too). */
export function GuideRoute() {
  const { guide } = useParams({ from: "/help/$guide" });
  return <GuidePage guide={guide} />;
}
