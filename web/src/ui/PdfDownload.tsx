// A receipt, an order confirmation or a work order's service protocol as a PDF (DEP-2, ORD-4, seed 003): asked for,
// made in the background, then offered as a download through a link valid for a few minutes. Asking again for the
// same page gives the file made before (a service protocol is made when its work order closes).
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

export function PdfDownload({ customerId, document, subjectId, caseId, label, downloadLabel, about }: {
  customerId: string;
  document: Document;
  subjectId: string;
  /** Service protocols: the case of the work order. */
  caseId?: string;
  /** The button's words, when not "Make PDF". */
  label?: string;
  /** The download link's words for its size in kB, when not "Download PDF (n kB)". */
  downloadLabel?: (kilobytes: number) => string;
  /** What the PDF is of, added to the button's and the link's names where a page has several. */
  about?: string;
}) {
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
      body: { document, subject_id: subjectId, ...(caseId ? { case_id: caseId } : {}), language },
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
  const named = (words: string) => (about ? `${words}, ${about}` : undefined);
  const kilobytes = Math.max(1, Math.round((ready?.size ?? 0) / 1024));
  const downloadWords = downloadLabel ? downloadLabel(kilobytes) : t("printout.download", { size: kilobytes });
  const buttonWords = label ?? t("printout.make");
  return (
    <span className="pdf-download">
      {ready ? (
        <a ref={link} className="button secondary-outline" href={ready.download_url ?? undefined} onClick={(event) => void download(event)}
          aria-label={named(downloadWords)}>
          {downloadWords}
        </a>
      ) : (
        <button type="button" className="secondary-outline" disabled={working} onClick={() => void ask()} aria-label={named(buttonWords)}>
          {buttonWords}
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
