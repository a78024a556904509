// A receipt or an order confirmation as a PDF (DEP-2, ORD-4): asked for, made in the background, then offered as a
// download through a link valid for a few minutes. Asking again for the same page gives the file made before.
import { useEffect, useRef, useState } from "react";
import type { components } from "../api/client";
import { api } from "../api/client";
import { problemOf } from "../api/problems";
import { $api } from "../api/query";
import { useI18n } from "../i18n";

type Printout = components["schemas"]["PrintoutView"];
type Document = components["schemas"]["PrintoutDocument"];

const POLL_MS = 1000;

function finished(printout: Printout | undefined): boolean {
  return printout?.status === "ready" || printout?.status === "failed";
}

export function PdfDownload({ customerId, document, subjectId }: { customerId: string; document: Document; subjectId: string }) {
  const { t, language } = useI18n();
  const [asked, setAsked] = useState<Printout | null>(null);
  const [refusal, setRefusal] = useState<unknown>(null);
  const [asking, setAsking] = useState(false);
  const link = useRef<HTMLAnchorElement>(null);
  const polled = $api.useQuery(
    "get",
    "/customers/{customer_id}/printouts/{printout_id}",
    { params: { path: { customer_id: customerId, printout_id: asked?.printout_id ?? "" } } },
    {
      enabled: asked !== null && !finished(asked),
      refetchInterval: (query) => (finished(query.state.data) ? false : POLL_MS),
      staleTime: 0,
    },
  );
  const printout = finished(asked ?? undefined) ? asked : (polled.data ?? asked);
  const ready = printout?.status === "ready" && printout.download_url ? printout : null;

  useEffect(() => {
    if (ready) link.current?.focus();
  }, [ready]);

  // Straight through the client rather than a mutation: every accepted mutation refreshes all the page's queries
  // (api/query.ts), and asking for a PDF changes nothing the page shows.
  async function ask(): Promise<Printout | null> {
    setAsking(true);
    setRefusal(null);
    const { data, error } = await api.POST("/customers/{customer_id}/printouts", {
      params: { path: { customer_id: customerId } },
      body: { document, subject_id: subjectId, language },
    });
    setAsking(false);
    setRefusal(error ?? null);
    setAsked(data ?? null);
    return data ?? null;
  }

  // A page left open past the link's few minutes asks again: the file is found, with a fresh link.
  async function download(event: React.MouseEvent<HTMLAnchorElement>) {
    if (!ready?.download_expires_at || Date.parse(ready.download_expires_at) > Date.now() + 5_000) return;
    event.preventDefault();
    const fresh = await ask();
    if (fresh?.download_url) window.location.assign(fresh.download_url);
  }

  const working = asking || (printout !== null && !finished(printout));
  return (
    <span className="pdf-download">
      {ready ? (
        <a ref={link} className="button secondary-outline" href={ready.download_url ?? undefined} onClick={(event) => void download(event)}>
          {t("printout.download", { size: Math.max(1, Math.round((ready.size ?? 0) / 1024)) })}
        </a>
      ) : (
        <button type="button" className="secondary-outline" disabled={working} onClick={() => void ask()}>
          {t("printout.make")}
        </button>
      )}
      <span role="status" className="muted">
        {working ? t("printout.working") : null}
        {printout?.status === "failed" ? t("printout.failed") : null}
      </span>
      {refusal ? <span className="error" role="alert">{t(problemOf(refusal).summary)}</span> : null}
    </span>
  );
}
