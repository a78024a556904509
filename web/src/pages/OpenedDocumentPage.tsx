import { useQuery } from "@tanstack/react-query";
import { useParams } from "@tanstack/react-router";
import { api, errorCode, type components } from "../api/client";
import { problemOf } from "../api/problems";
import { formatDate, formatDateTime, formatDecimalAmount } from "../format";
import { useI18n } from "../i18n";
import { typeKey } from "./DocumentsHeader";
import { Content, Parties } from "./documentParts";

type OpenedDocument = components["schemas"]["OpenedDocument"];

/** Opening the link is what tells Smartmail the document arrived: asked once per page, never again by itself. */
function useOpenedDocument(token: string) {
  return useQuery({
    queryKey: ["opened-document", token],
    queryFn: async (): Promise<OpenedDocument> => {
      const { data, error } = await api.POST("/opened-documents", { body: { token } });
      if (data) return data;
      throw error ?? new Error("unavailable");
    },
    enabled: Boolean(token),
    retry: false,
    staleTime: Infinity,
    gcTime: Infinity,
  });
}

/** DOC-7 (Smartmail), for the recipient of an e-mailed document, without logging in: the link in the e-mail opens
 * the document — who sent it, what it says and the file itself — and opening it means it is not posted on paper. */
export function OpenedDocumentPage() {
  const { t, language } = useI18n();
  const { token } = useParams({ from: "/open/$token" });
  const opened = useOpenedDocument(token);
  const code = !token ? "not_found" : opened.error ? errorCode(opened.error) : null;

  if (code === "not_found" || code === "invalid_request") {
    return (
      <section className="card narrow" aria-labelledby="opened-heading">
        <h1 id="opened-heading" tabIndex={-1}>{t("opened.notFound")}</h1>
        <p>{t("opened.notFoundText")}</p>
      </section>
    );
  }
  const document = opened.data;
  if (!document) {
    return (
      <section className="card narrow" aria-labelledby="opened-heading">
        <h1 id="opened-heading" tabIndex={-1}>{t("opened.heading")}</h1>
        {opened.error ? <p className="error" role="alert">{t(problemOf(opened.error).summary)}</p> : <p role="status">{t("loading")}</p>}
      </section>
    );
  }
  const content = document.content;
  const type = t(typeKey(content.document_type));
  const facts: [string, string | null | undefined][] = [
    [t("field.issue_date"), content.issue_date ? formatDate(content.issue_date) : null],
    [t("field.due_date"), content.due_date ? formatDate(content.due_date) : null],
    [t("field.buyer_reference"), content.buyer_reference],
    [t("field.order_reference"), content.order_reference],
    [t("documents.total.payable"), content.totals?.payable ? formatDecimalAmount(content.totals.payable, content.currency, language) : null],
    [t("opened.openedAt"), document.opened_at ? formatDateTime(document.opened_at) : null],
  ];
  return (
    <>
      <section className="card" aria-labelledby="opened-heading">
        <h1 id="opened-heading" tabIndex={-1}>{t("opened.title", { type, number: content.number, sender: document.sender })}</h1>
        <p>
          {t("opened.intro", { recipient: document.recipient })}
          {document.opened_at ? <> {t("opened.notPosted")}</> : null}
        </p>
        <dl className="facts">
          {facts.filter(([, value]) => value).map(([label, value]) => <div key={label}><dt>{label}</dt><dd>{value}</dd></div>)}
        </dl>
        <div className="actions">
          {/* A presigned address, valid for a few minutes: opening the page again gives a fresh one. */}
          <a className="button" href={document.file.url} download={document.file.file_name}>{t("opened.download")}</a>
        </div>
        <p className="hint">{t("opened.downloadHint")}</p>
      </section>
      <Parties content={content} />
      <Content content={content} />
    </>
  );
}
