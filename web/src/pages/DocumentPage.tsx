import { Link } from "@tanstack/react-router";
import type { ReactNode } from "react";
import type { components } from "../api/client";
import { problemOf } from "../api/problems";
import { $api } from "../api/query";
import { documentRoute } from "../app/router";
import { hasRole } from "../app/sections";
import { usePrincipal } from "../app/session";
import { formatDate, formatDateTime, formatDecimalAmount } from "../format";
import { useI18n } from "../i18n";
import { textOr, type MessageKey } from "../i18n/messages";
import { CORRECTABLE, CorrectionForm, RefusalForm } from "./DocumentCorrection";
import { TROUBLE, channelKey, directionKey, statusKey, typeKey } from "./DocumentsHeader";
import { Content, Parties, RuleList } from "./documentParts";
import { ViewingCopies } from "./ViewingCopies";

type DocumentView = components["schemas"]["DocumentView"];
type StepKind = components["schemas"]["StepKind"];

const TROUBLE_STEPS: readonly StepKind[] = ["stopped", "undeliverable", "not_accepted"];

/** A file's size as people read it: kilobytes with one decimal. */
function kilobytes(bytes: number, locale: string): string {
  return new Intl.NumberFormat(locale, { maximumFractionDigits: 1, minimumFractionDigits: 1 }).format(bytes / 1024);
}

/** DOC-5: why the document was stopped (or refused), each broken rule in the reader's language with its id and where
 * it is broken, and who can mend it. `children`: what the reader can do about it on this page. */
function StoppedPanel({ document, children }: { document: DocumentView; children?: ReactNode }) {
  const { t } = useI18n();
  const stopped = document.status === "stopped";
  const reasons = document.reasons ?? [];
  // A business term the recipient named, in words with its id: "Kontraktsreferanse (BT-12)".
  const termName = (term: string) => {
    const known = CORRECTABLE.find((correctable) => correctable.term === term);
    return known ? `${t(`field.${known.field}`)} (${term})` : term;
  };
  return (
    <section className="card alert-panel" aria-labelledby="stopped-heading">
      <h2 id="stopped-heading">{t(stopped ? "documents.stoppedHeading" : "documents.notAcceptedHeading")}</h2>
      <p>{t(stopped ? "documents.stoppedIntro" : "documents.notAcceptedIntro")}</p>
      {stopped && document.stopped_by ? <p>{t(`documents.stoppedBy.${document.stopped_by}` as MessageKey)}</p> : null}
      <RuleList reasons={reasons} />
      {document.rejection ? (
        <blockquote className="rejection">
          <p className="rule-message">{document.rejection.reason}</p>
          <p className="rule-facts">
            {document.rejection.terms.length ? <span>{t("documents.where", { where: document.rejection.terms.map(termName).join(", ") })}</span> : null}
            <span>{t("documents.rejectedBy", { at: formatDateTime(document.rejection.at), by: document.rejection.by })}</span>
          </p>
        </blockquote>
      ) : null}
      <p>
        {document.direction === "outgoing"
          ? t("documents.weMayCorrect")
          : t("documents.senderMayCorrect", { partner: document.partner_name })}
      </p>
      {children}
    </section>
  );
}

/** Every step the document went through, oldest first: what happened, when, on which channel, and why. */
function Timeline({ document }: { document: DocumentView }) {
  const { t } = useI18n();
  return (
    <section className="card" aria-labelledby="timeline-heading">
      <h2 id="timeline-heading">{t("documents.timeline")}</h2>
      <ol className="steps">
        {(document.timeline ?? []).map((step, index) => (
          <li key={index} className={TROUBLE_STEPS.includes(step.kind) ? "trouble" : undefined}>
            <strong>{t(`documents.step.${step.kind}` as MessageKey)}</strong>
            <div className="step-facts">
              <time dateTime={step.at}>{formatDateTime(step.at)}</time>
              {step.channel ? <span>{t("documents.stepVia", { channel: t(channelKey(step.channel)) })}</span> : null}
              {step.actor ? <span>{t("documents.stepBy", { actor: step.actor })}</span> : null}
            </div>
            {step.note ? <div className="step-detail">{t(`documents.note.${step.note}` as MessageKey)}</div> : null}
            {step.fields?.length ? (
              <div className="step-detail">
                {t("documents.stepFields", { fields: step.fields.map((field) => t(`field.${field}` as MessageKey)).join(", ") })}
              </div>
            ) : null}
            {step.detail ? <div className="step-detail">{step.detail}</div> : null}
          </li>
        ))}
      </ol>
    </section>
  );
}

/** The XML as it came and as each correction made it, kept unchanged (DOC-6 keeps the original beside the correction). */
function Files({ document }: { document: DocumentView }) {
  const { t, intl } = useI18n();
  const files = document.files ?? [];
  if (!files.length) return null;
  return (
    <section className="card" aria-labelledby="files-heading">
      <h2 id="files-heading">{t("documents.files")}</h2>
      <p className="muted">{t("documents.filesIntro")}</p>
      <div className="table-wrap">
        <table className="amounts document-table files">
          <caption className="visually-hidden">{t("documents.files")}</caption>
          <thead>
            <tr>
              <th scope="col">{t("documents.file.number")}</th>
              <th scope="col">{t("documents.file.at")}</th>
              <th scope="col">{t("documents.file.by")}</th>
              <th scope="col" className="number">{t("documents.file.size")}</th>
              <th scope="col">{t("documents.file.sha256")}</th>
              <th scope="col">{t("documents.file.change")}</th>
            </tr>
          </thead>
          <tbody>
            {files.map((file) => (
              <tr key={file.number}>
                <th scope="row">{file.number}</th>
                <td className="text">{formatDateTime(file.at)}</td>
                <td className="text">{file.actor}</td>
                <td>{t("documents.kilobytes", { size: kilobytes(file.size, intl.locale) })}</td>
                <td className="text"><code title={t("documents.sha256Of", { number: file.number, sha256: file.sha256 })}>{file.sha256.slice(0, 12)}…</code></td>
                <td className="text">
                  {file.corrected?.length
                    ? t("documents.file.corrected", { fields: file.corrected.map((field) => textOr(t, `field.${field}`, field)).join(", ") })
                    : t("documents.file.original")}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </section>
  );
}

/** DOC-1, DOC-5, DOC-6: one business document — its status, why it was stopped (and, for its document handlers, the
 * correction that mends it, or the refusal of a delivered one), each step of its delivery, the parties, what it says,
 * and the versions of its file. */
export function DocumentPage() {
  const { t, language } = useI18n();
  const me = usePrincipal();
  const { customerId, documentId } = documentRoute.useParams();
  const handles = me.kind !== "staff" && hasRole(me, customerId, "document_handler");
  const found = $api.useQuery("get", "/customers/{customer_id}/documents/{document_id}", {
    params: { path: { customer_id: customerId, document_id: documentId } },
  });
  const document = found.data;
  const reload = () => void found.refetch();
  const back = <Link to="/documents" search={{ customer: customerId }}>{t("documents.backToOverview")}</Link>;
  if (!document) {
    return (
      <section className="card">
        {back}
        <h1 tabIndex={-1}>{t("documents.heading")}</h1>
        {found.error ? <p className="error" role="alert">{t(problemOf(found.error).summary)}</p> : <p role="status">{t("loading")}</p>}
      </section>
    );
  }
  const content = document.content;
  const type = t(typeKey(content.document_type));
  const status = document.status ?? "received";
  const channel = document.channel
    ? `${t(channelKey(document.channel))}, ${t(document.channel_chosen ? "documents.channelChosen" : "documents.channelByMultichannel")}`
    : t("documents.multichannel");
  const facts: [string, string | null | undefined][] = [
    [t("documents.column.type"), type],
    [t("field.direction"), t(directionKey(document.direction))],
    [t("field.channel"), channel],
    [t("field.issue_date"), content.issue_date ? formatDate(content.issue_date) : null],
    [t("field.due_date"), content.due_date ? formatDate(content.due_date) : null],
    [t("field.buyer_reference"), content.buyer_reference],
    [t("field.order_reference"), content.order_reference],
    [t("field.currency"), content.currency],
    [t("documents.receivedAt"), formatDateTime(document.received_at)],
    // Smartmail (DOC-7): an e-mailed document not opened by then is printed and posted.
    [t("documents.postAfter"), document.post_after && (status === "sent" || status === "delivered") ? formatDateTime(document.post_after) : null],
  ];

  return (
    <>
      <section className="card" aria-labelledby="document-heading">
        {back}
        <h1 id="document-heading" tabIndex={-1}>{t("documents.open", { type, number: content.number })}</h1>
        <p className="document-status">
          {TROUBLE.includes(status) ? <span className="badge">{t(statusKey(status))}</span> : <strong>{t(statusKey(status))}</strong>}
          <span>{t(document.direction === "outgoing" ? "documents.sentTo" : "documents.receivedFrom", { partner: document.partner_name })}</span>
          {content.totals?.payable ? <span>{formatDecimalAmount(content.totals.payable, content.currency, language)}</span> : null}
        </p>
        <dl className="facts">
          {facts.filter(([, value]) => value).map(([label, value]) => <div key={label}><dt>{label}</dt><dd>{value}</dd></div>)}
        </dl>
      </section>
      {/* DOC-6: the correction of a stopped document belongs in this panel, under the rules it mends. */}
      {status === "stopped" || status === "not_accepted" ? (
        <StoppedPanel document={document}>
          {handles && document.direction === "outgoing" && document.correctable?.length
            // A new key once the document is read again (after a reload or a correction): the form starts from it.
            ? <CorrectionForm key={document.version ?? 0} document={document} onReload={reload} />
            : null}
        </StoppedPanel>
      ) : null}
      {/* DOC-6, the recipient's side: a delivered document from a customer of the network may be refused. */}
      {handles && document.direction === "incoming" && (status === "delivered" || status === "opened") && document.counterpart
        ? <RefusalForm key={document.version ?? 0} document={document} onReload={reload} />
        : null}
      <Timeline document={document} />
      <ViewingCopies customerId={document.customer_id} documentId={document.document_id} />
      <Parties content={content} />
      <Content content={content} />
      <Files document={document} />
    </>
  );
}
