import { useState } from "react";
import { problemOf } from "../api/problems";
import { $api, byCursor, isConflict, refusalOf, usePages } from "../api/query";
import { quotesRoute } from "../app/router";
import { hasRole } from "../app/sections";
import { usePrincipal } from "../app/session";
import { formatAmount, formatDate, formatDateTime, formatDecimal } from "../format";
import { useI18n } from "../i18n";
import { ConfirmButton } from "../ui/ConfirmButton";
import { LoadMore } from "../ui/LoadMore";
import { ReasonButton } from "../ui/ReasonButton";
import { notify } from "../ui/Toasts";
import { OrdersHeader, useOrderCustomer } from "./OrdersHeader";
import { quoteStatusKey, type Quote } from "./quoteParts";

/** A quote's lines and its totals, as the customer is offered them. */
export function QuoteLines({ quote }: { quote: Quote }) {
  const { t, language } = useI18n();
  const money = (minor: number) => formatAmount(minor, quote.currency, language);
  return (
    <div className="table-wrap">
      <table className="amounts document-table lines">
        <caption className="visually-hidden">{t("quotes.linesOf", { number: quote.number })}</caption>
        <thead>
          <tr>
            <th scope="col">{t("quotes.line.description")}</th>
            <th scope="col" className="number">{t("quotes.line.quantity")}</th>
            <th scope="col" className="number">{t("quotes.line.unit_price")}</th>
            <th scope="col" className="number">{t("quotes.line.vat")}</th>
            <th scope="col" className="number">{t("quotes.line.amount")}</th>
          </tr>
        </thead>
        <tbody>
          {quote.lines.map((line, index) => (
            <tr key={index}>
              <th scope="row" className="long-text">{line.description}</th>
              <td>{formatDecimal(line.quantity, language)}</td>
              <td>{money(line.unit_price_minor)}</td>
              <td>
                {money(line.vat_minor)}
                <div className="muted">{t("cases.percent", { percent: formatDecimal(line.vat_rate, language) })}</div>
              </td>
              <td>{money(line.amount_minor)}</td>
            </tr>
          ))}
        </tbody>
        <tfoot>
          <tr><th scope="row" colSpan={4}>{t("quotes.amount")}</th><td>{money(quote.amount_minor)}</td></tr>
          <tr><th scope="row" colSpan={4}>{t("quotes.vat")}</th><td>{money(quote.vat_minor)}</td></tr>
          <tr><th scope="row" colSpan={4}>{t("quotes.total")}</th><td>{money(quote.total_minor)}</td></tr>
        </tfoot>
      </table>
    </div>
  );
}

/** Accept (asked to confirm: it is binding) or decline with the reason, while the quote is open. */
function Decision({ quote }: { quote: Quote }) {
  const { t, language } = useI18n();
  const decide = $api.useMutation("post", "/customers/{customer_id}/quotes/{quote_id}/decision");
  const [refusal, setRefusal] = useState<unknown>(null);
  const path = { customer_id: quote.customer_id, quote_id: quote.quote_id };
  const named = { number: quote.number, title: quote.title };

  async function run(accept: boolean, reason: string | null, close?: () => void) {
    const refused = await refusalOf(decide.mutateAsync({ params: { path }, body: { version: quote.version, accept, reason } }));
    setRefusal(refused);
    if (refused) return;
    close?.();
    notify(t(accept ? "toast.quoteAccepted" : "toast.quoteDeclined", { number: quote.number }));
  }

  const shown = refusal ? (
    <p className="error" role="alert">
      {t(problemOf(refusal).summary)} {isConflict(refusal) ? t("quotes.reload") : null}
    </p>
  ) : null;
  return (
    <>
      <div className="actions" role="group" aria-label={t("quotes.decide", named)}>
        <ConfirmButton className="button" tone="primary" label={t("quotes.accept")} ariaLabel={t("quotes.acceptNamed", named)}
          title={t("quotes.acceptTitle", named)} confirmLabel={t("quotes.acceptYes")} onConfirm={() => run(true, null)}>
          <p>{t("quotes.acceptConfirm", { total: formatAmount(quote.total_minor, quote.currency, language) })}</p>
        </ConfirmButton>
        <ReasonButton id={quote.quote_id} label={t("quotes.decline")} title={t("quotes.declineTitle", named)}
          className="button secondary-outline" refusal={shown} onOpen={() => setRefusal(null)}
          onSubmit={(reason, close) => void run(false, reason, close)} />
      </div>
      {shown}
    </>
  );
}

function QuoteCard({ quote, decides }: { quote: Quote; decides: boolean }) {
  const { t } = useI18n();
  const headingId = `quote-${quote.quote_id}-heading`;
  const facts: [string, string | null][] = [
    [t("quotes.validUntil"), formatDate(quote.valid_until)],
    [t("quotes.madeBy"), t("cases.filedBy", { at: formatDateTime(quote.created_at), name: quote.created_by_name })],
    [t("quotes.case"), quote.case_number ? String(quote.case_number) : null],
  ];
  const decided = quote.decided_at ? t("quotes.decidedBy", { at: formatDateTime(quote.decided_at), name: quote.decided_by_name ?? "" }) : null;
  return (
    <article className="work-order" aria-labelledby={headingId}>
      <h3 id={headingId} className="long-text">{t("quotes.heading", { number: quote.number, title: quote.title })}</h3>
      <p className="document-status"><strong>{t(quoteStatusKey(quote.status))}</strong>{decided ? <span> {decided}</span> : null}</p>
      <dl className="facts">
        {facts.filter(([, value]) => value).map(([label, value]) => <div key={label}><dt>{label}</dt><dd>{value}</dd></div>)}
      </dl>
      {quote.description ? <p className="prewrap long-text">{quote.description}</p> : null}
      <QuoteLines quote={quote} />
      {quote.reason ? <p className="long-text">{t("quotes.reason", { reason: quote.reason })}</p> : null}
      {decides && quote.status === "open" ? <Decision quote={quote} /> : null}
      {quote.status === "expired" ? <p className="muted">{t("quotes.expiredHint")}</p> : null}
    </article>
  );
}

/** Seed 003: the customer's quotes, newest first, where its orders are; its orderers and order approvers accept or
 * decline each once, until its last day (an open quote past it is shown expired). */
export function QuotesPage() {
  const { t } = useI18n();
  const me = usePrincipal();
  const search = quotesRoute.useSearch();
  const { customerId, customer } = useOrderCustomer(search.customer);
  const pages = usePages("get", "/customers/{customer_id}/quotes", { params: { path: { customer_id: customerId } } },
    { ...byCursor, enabled: Boolean(customerId), retry: false });
  const quotes = pages.data?.pages.flatMap((page) => page.items) ?? [];
  const decides = me.kind !== "staff" && (hasRole(me, customerId, "orderer") || hasRole(me, customerId, "order_approver"));

  return (
    <>
      <OrdersHeader current="quotes" customerId={customerId} customer={customer} onCustomerChange={() => undefined} />
      {customer ? (
        <section className="card" aria-labelledby="quotes-heading">
          <h2 id="quotes-heading">{t("quotes.listHeading")}</h2>
          <p className="muted">{t(decides ? "quotes.intro" : "quotes.introReader")}</p>
          {pages.error ? <p className="error" role="alert">{t(problemOf(pages.error).summary)}</p> : null}
          {!pages.data && !pages.error ? <p role="status">{t("loading")}</p> : null}
          {pages.data && quotes.length === 0 ? <p>{t("quotes.empty")}</p> : null}
          {quotes.map((quote) => <QuoteCard key={quote.quote_id} quote={quote} decides={decides} />)}
          <LoadMore pages={pages} />
        </section>
      ) : null}
    </>
  );
}
