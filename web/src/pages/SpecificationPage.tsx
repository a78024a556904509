import { Link } from "@tanstack/react-router";
import { useRef, useState, type ReactNode } from "react";
import { z } from "zod";
import type { components } from "../api/client";
import { problemOf } from "../api/problems";
import { $api, isConflict, refusalOf } from "../api/query";
import { customerSpecificationRoute, specificationRoute } from "../app/router";
import { usePrincipal } from "../app/session";
import { Form, TextField } from "../forms/Form";
import { encode } from "../forms/messages";
import { useApiForm } from "../forms/useApiForm";
import { formatAmount, formatDate, formatDateTime, formatDecimal } from "../format";
import { useI18n } from "../i18n";
import { notify } from "../ui/Toasts";
import { articleTypeKey } from "./caseParts";
import {
  periodText, reviewsSpecificationsOf, specificationStatusKey, type InvoiceSpecification,
} from "./specificationParts";

type Work = components["schemas"]["SpecifiedWork"];
type Line = components["schemas"]["SpecificationLine"];

/** One work order's lines, in the columns of a case's article rows. */
function LinesTable({ work }: { work: Work }) {
  const { t, language } = useI18n();
  const money = (minor: number, line: Line) => formatAmount(minor, line.currency, language);
  return (
    <div className="table-wrap">
      <table className="amounts document-table lines">
        <caption className="visually-hidden">{t("specifications.linesOf", { number: work.work_order_number })}</caption>
        <thead>
          <tr>
            <th scope="col">{t("cases.articleColumn.article")}</th>
            <th scope="col">{t("cases.articleColumn.article_type")}</th>
            <th scope="col">{t("cases.articleColumn.action_code")}</th>
            <th scope="col" className="number">{t("cases.articleColumn.quantity")}</th>
            <th scope="col" className="number">{t("cases.articleColumn.unit_price")}</th>
            <th scope="col" className="number">{t("cases.articleColumn.vat")}</th>
            <th scope="col" className="number">{t("cases.articleColumn.amount")}</th>
          </tr>
        </thead>
        <tbody>
          {work.lines.map((line, index) => (
            <tr key={index}>
              <th scope="row">{line.article}{line.article_number ? <div className="muted">{line.article_number}</div> : null}</th>
              <td className="text">{t(articleTypeKey(line.article_type))}</td>
              <td className="text">{line.action_code ?? ""}</td>
              <td>{formatDecimal(line.quantity, language)}</td>
              <td>{money(line.unit_price_minor, line)}</td>
              <td>
                {money(line.vat_minor, line)}
                <div className="muted">{t("cases.percent", { percent: formatDecimal(line.vat_rate, language) })}</div>
              </td>
              <td>{money(line.amount_minor, line)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

/** The work of the period by case, each work order with its lines. */
function WorkDone({ specification }: { specification: InvoiceSpecification }) {
  const { t } = useI18n();
  const cases = new Map<number, Work[]>();
  for (const work of specification.work) cases.set(work.case_number, [...(cases.get(work.case_number) ?? []), work]);
  return (
    <section className="card" aria-labelledby="specification-work-heading">
      <h2 id="specification-work-heading">{t("specifications.work")}</h2>
      {[...cases.entries()].map(([number, works]) => {
        const headingId = `specification-case-${number}`;
        const objects = [...new Set(works.map((work) => work.object_name).filter(Boolean))].join(", ");
        return (
          <article key={number} className="work-order" aria-labelledby={headingId}>
            <h3 id={headingId} className="long-text">{t("cases.caseHeading", { number, title: works[0].case_title })}</h3>
            {objects ? <p className="muted">{t("specifications.object", { object: objects })}</p> : null}
            {works.map((work) => (
              <div key={work.work_order_number}>
                <h4>{t("specifications.workOrder", { number: work.work_order_number, date: formatDate(work.closed_on) })}</h4>
                <LinesTable work={work} />
              </div>
            ))}
          </article>
        );
      })}
      <Totals specification={specification} />
    </section>
  );
}

function Totals({ specification }: { specification: InvoiceSpecification }) {
  const { t, language } = useI18n();
  return (
    <div className="table-wrap">
      <table className="amounts document-table totals-table">
        <caption><h3>{t("specifications.totals")}</h3></caption>
        <thead>
          <tr>
            <th scope="col">{t("cases.total.currency")}</th>
            <th scope="col" className="number">{t("cases.total.amount")}</th>
            <th scope="col" className="number">{t("cases.total.vat")}</th>
            <th scope="col" className="number">{t("cases.total.inclusive")}</th>
          </tr>
        </thead>
        <tbody>
          {specification.totals.map((total) => (
            <tr key={total.currency}>
              <th scope="row">{total.currency}</th>
              <td>{formatAmount(total.amount_minor, total.currency, language)}</td>
              <td>{formatAmount(total.vat_minor, total.currency, language)}</td>
              <td><strong>{formatAmount(total.total_minor, total.currency, language)}</strong></td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

// -- the customer's review -------------------------------------------------------------------------------------------

const REVIEW_FORM = "specification-review";
const MAX_COMMENT = 2000;
const reviewSchema = z.object({ comment: z.string().trim().max(MAX_COMMENT) });

/** Approved, or commented on, once: a comment is needed when not approving (the API says so too). */
function ReviewForm({ specification, onReload }: { specification: InvoiceSpecification; onReload: () => void }) {
  const { t } = useI18n();
  const review = $api.useMutation("post", "/customers/{customer_id}/invoice-specifications/{specification_id}/review");
  const form = useApiForm(reviewSchema, { comment: "" });
  // Which of the two buttons sent the form: pressed before the form's submit event comes.
  const approving = useRef(true);
  const [refusal, setRefusal] = useState<unknown>(null);
  const period = periodText(specification.period_from, specification.period_to);

  async function submit(values: z.infer<typeof reviewSchema>) {
    const approve = approving.current;
    const comment = values.comment.trim();
    if (!approve && !comment) {
      form.setError("comment", { type: "client", message: encode({ key: "specifications.commentNeeded" }) });
      return;
    }
    const refused = await refusalOf(review.mutateAsync({
      params: { path: { customer_id: specification.customer_id, specification_id: specification.specification_id } },
      body: { version: specification.version, approve, comment: comment || null },
    }));
    setRefusal(refused);
    if (refused) return form.refuse(refused);
    notify(t(approve ? "toast.specificationApproved" : "toast.specificationCommented", { period }));
  }

  const code = refusal ? problemOf(refusal).code : "";
  return (
    <Form form={form} id={REVIEW_FORM} onSubmit={submit} label={t("specifications.review")} labelOf={() => t("specifications.comment")}>
      {isConflict(refusal) || code === "already_reviewed" ? (
        <p className="notice">
          {t("specifications.changedMeanwhile")}{" "}
          <button type="button" className="secondary-outline small" onClick={onReload}>{t("conflict.reload")}</button>
        </p>
      ) : null}
      <TextField name="comment" label={t("specifications.comment")} multiline hint={t("specifications.commentHint")} />
      <div className="actions">
        <button type="submit" onClick={() => { approving.current = true; }}>{t("specifications.approve")}</button>
        <button type="submit" className="secondary-outline" onClick={() => { approving.current = false; }}>{t("specifications.sendComment")}</button>
      </div>
    </Form>
  );
}

function Review({ specification, onReload }: { specification: InvoiceSpecification; onReload: () => void }) {
  const { t } = useI18n();
  const me = usePrincipal();
  const waiting = specification.status === "published";
  const reviews = reviewsSpecificationsOf(me, specification.customer_id);
  const by = { at: specification.reviewed_at ? formatDateTime(specification.reviewed_at) : "", name: specification.reviewed_by_name ?? "" };
  return (
    <section className="card" aria-labelledby="specification-review-heading">
      <h2 id="specification-review-heading">{t("specifications.review")}</h2>
      {waiting ? (
        reviews ? (
          <>
            <p>{t("specifications.reviewIntro")}</p>
            {/* A new key once read again: the form starts from the version read. */}
            <ReviewForm key={specification.version} specification={specification} onReload={onReload} />
          </>
        ) : <p>{t("specifications.waiting")}</p>
      ) : (
        <>
          <p><strong>{t(specification.status === "approved" ? "specifications.approvedBy" : "specifications.commentedBy", by)}</strong></p>
          {specification.comment ? (
            <>
              <h3>{t("specifications.comment")}</h3>
              <p className="prewrap long-text">{specification.comment}</p>
            </>
          ) : null}
        </>
      )}
    </section>
  );
}

// -- the page --------------------------------------------------------------------------------------------------------

/** CASE-4: one invoice specification — its period's closed work by case and work order with the article rows, the
 * totals, and its review: the customer's contacts approve it or comment on it once; staff see how it went. */
function Specification({ customerId, specificationId, back }: { customerId: string; specificationId: string; back: ReactNode }) {
  const { t } = useI18n();
  const found = $api.useQuery("get", "/customers/{customer_id}/invoice-specifications/{specification_id}",
    { params: { path: { customer_id: customerId, specification_id: specificationId } } }, { retry: false });
  const specification = found.data;
  if (!specification) {
    return (
      <section className="card">
        {back}
        <h1 tabIndex={-1}>{t("specifications.heading")}</h1>
        {found.error ? (
          <p className="error" role="alert">
            {["not_found", "contacts_only"].includes(problemOf(found.error).code) ? t("specifications.notFound") : t(problemOf(found.error).summary)}
          </p>
        ) : <p role="status">{t("loading")}</p>}
      </section>
    );
  }
  const period = periodText(specification.period_from, specification.period_to);
  const facts: [string, string][] = [
    [t("specifications.customer"), specification.customer_name],
    [t("specifications.column.period"), period],
    [t("specifications.publishedBy"), t("cases.filedBy", { at: formatDateTime(specification.published_at), name: specification.published_by_name })],
  ];
  return (
    <>
      <section className="card" aria-labelledby="specification-heading">
        {back}
        <h1 id="specification-heading" tabIndex={-1} className="long-text">
          {specification.title ? t("specifications.headingTitled", { title: specification.title, period }) : t("specifications.headingOf", { period })}
        </h1>
        <p className="document-status">
          <strong>{t(specificationStatusKey(specification.status))}</strong>
        </p>
        <dl className="facts">
          {facts.map(([label, value]) => <div key={label}><dt>{label}</dt><dd>{value}</dd></div>)}
        </dl>
      </section>
      <WorkDone specification={specification} />
      <Review specification={specification} onReload={() => void found.refetch()} />
    </>
  );
}

/** Staff open a specification from the customer's page (and from the e-mail telling them of its review). */
export function CustomerSpecificationPage() {
  const { t } = useI18n();
  const { customerId, specificationId } = customerSpecificationRoute.useParams();
  const back = <Link to="/customers/$customerId" params={{ customerId }}>{t("specifications.backToCustomer")}</Link>;
  return <Specification customerId={customerId} specificationId={specificationId} back={back} />;
}

/** The customer's contacts open one from their list under Cases. */
export function SpecificationPage() {
  const { t } = useI18n();
  const { customerId, specificationId } = specificationRoute.useParams();
  const back = <Link to="/cases/specifications" search={{ customer: customerId }}>{t("specifications.back")}</Link>;
  return <Specification customerId={customerId} specificationId={specificationId} back={back} />;
}
