// DOC-3: the document as its recipient sees it on each channel — on paper, in an e-mail, in the online bank — in the
// sender's layout, made as a PDF in the background and offered through a link valid for a few minutes. Asking again
// for the same version gives the copy made before.
import { useEffect, useRef, useState } from "react";
import type { components } from "../api/client";
import { api } from "../api/client";
import { $api } from "../api/query";
import { useI18n } from "../i18n";
import type { MessageKey } from "../i18n/messages";

type Copy = components["schemas"]["ViewingCopyView"];
type CopyChannel = components["schemas"]["CopyRequest"]["channel"];

const CHANNELS: CopyChannel[] = ["post", "email", "bank"];
const POLL_MS = 1000;

function finished(copy: Copy | undefined | null): boolean {
  return copy?.status === "ready" || copy?.status === "failed";
}

function CopyDownload({ customerId, documentId, channel }: { customerId: string; documentId: string; channel: CopyChannel }) {
  const { t } = useI18n();
  const [asked, setAsked] = useState<Copy | null>(null);
  const [asking, setAsking] = useState(false);
  const [refused, setRefused] = useState(false);
  const link = useRef<HTMLAnchorElement>(null);
  const path = { customer_id: customerId, document_id: documentId, copy_id: asked?.copy_id ?? "" };
  const polled = $api.useQuery("get", "/customers/{customer_id}/documents/{document_id}/viewing-copies/{copy_id}", { params: { path } }, {
    enabled: asked !== null && !finished(asked),
    refetchInterval: (query) => (finished(query.state.data) ? false : POLL_MS),
    staleTime: 0,
  });
  const copy = finished(asked) ? asked : (polled.data ?? asked);
  const ready = copy?.status === "ready" && copy.download_url ? copy : null;

  useEffect(() => {
    if (ready) link.current?.focus();
  }, [ready]);

  // Straight through the client: asking for a copy changes nothing the page shows, so no query is refreshed.
  async function ask(): Promise<Copy | null> {
    setAsking(true);
    const { data, error } = await api.POST("/customers/{customer_id}/documents/{document_id}/viewing-copies", {
      params: { path: { customer_id: customerId, document_id: documentId } },
      body: { channel },
    });
    setAsking(false);
    setRefused(Boolean(error));
    setAsked(data ?? null);
    return data ?? null;
  }

  async function download(event: React.MouseEvent<HTMLAnchorElement>) {
    if (!ready?.download_expires_at || Date.parse(ready.download_expires_at) > Date.now() + 5_000) return;
    event.preventDefault();
    const fresh = await ask();
    if (fresh?.download_url) window.location.assign(fresh.download_url);
  }

  const label = t(`documents.copy.${channel}` as MessageKey);
  const working = asking || (copy !== null && !finished(copy));
  return (
    <li>
      {ready ? (
        <a ref={link} className="button secondary-outline" href={ready.download_url ?? undefined} onClick={(event) => void download(event)}>
          {t("documents.copy.download", { channel: label, size: Math.max(1, Math.round((ready.size ?? 0) / 1024)) })}
        </a>
      ) : (
        <button type="button" className="secondary-outline" disabled={working} onClick={() => void ask()}>
          {t("documents.copy.make", { channel: label })}
        </button>
      )}
      <span role="status" className="muted">
        {working ? t("printout.working") : null}
        {copy?.status === "failed" || refused ? t("printout.failed") : null}
      </span>
    </li>
  );
}

export function ViewingCopies({ customerId, documentId }: { customerId: string; documentId: string }) {
  const { t } = useI18n();
  return (
    <section className="card" aria-labelledby="copies-heading">
      <h2 id="copies-heading">{t("documents.copy.heading")}</h2>
      <p className="muted">{t("documents.copy.intro")}</p>
      <ul className="copy-list">
        {CHANNELS.map((channel) => <CopyDownload key={channel} customerId={customerId} documentId={documentId} channel={channel} />)}
      </ul>
    </section>
  );
}
