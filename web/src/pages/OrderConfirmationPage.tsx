import { Link } from "@tanstack/react-router";
import type { components } from "../api/client";
import { problemOf } from "../api/problems";
import { $api } from "../api/query";
import { orderConfirmationRoute } from "../app/router";
import { formatAmount, formatDate, formatDateTime } from "../format";
import { useI18n } from "../i18n";
import type { MessageKey } from "../i18n/messages";
import { PdfDownload } from "../ui/PdfDownload";
import { BookingSlots } from "./BookingSlots";
import { denominationName } from "./denominations";

type Confirmation = components["schemas"]["OrderConfirmation"];
type Supplies = components["schemas"]["SuppliesOrderView"];
type Change = components["schemas"]["ChangeOrderView"];
type Service = components["schemas"]["ServiceOrderView"];

function SuppliesDetail({ order }: { order: Supplies }) {
  const { t } = useI18n();
  const address = order.delivery_address;
  return (
    <>
      <table className="amounts">
        <caption><h2>{t("orders.column.products")}</h2></caption>
        <thead>
          <tr><th scope="col">{t("field.name")}</th><th scope="col">{t("field.article_number")}</th><th scope="col">{t("deposits.column.pieces")}</th><th scope="col">{t("field.unit")}</th></tr>
        </thead>
        <tbody>
          {order.lines.map((line) => (
            <tr key={line.product_id}><th scope="row">{line.name}</th><td className="text">{line.article_number}</td><td>{line.quantity}</td><td className="text">{line.unit ?? ""}</td></tr>
          ))}
        </tbody>
      </table>
      <dl className="facts">
        <div><dt>{t("orders.column.address")}</dt><dd>{address.recipient}<br />{address.address}<br />{address.postal_code} {address.city}</dd></div>
      </dl>
      <p>
        {order.status === "delivered" && order.delivered_at
          ? t("orders.status.delivered", { date: formatDate(order.delivered_at) })
          : t("orders.status.placed", { date: formatDate(order.expected_by) })}
        {order.get_in_touch ? <> <span className="badge">{t("orders.late")}</span></> : null}
      </p>
    </>
  );
}

function ChangeDetail({ order }: { order: Change }) {
  const { t, language } = useI18n();
  const money = (minor: number) => formatAmount(minor, order.currency, language);
  return (
    <>
      <dl className="facts"><div><dt>{t("field.delivery_date")}</dt><dd>{formatDate(order.delivery_date)}</dd></div></dl>
      <table className="amounts">
        <caption><h2>{t("change.denominations")}</h2></caption>
        <thead><tr><th scope="col">{t("deposits.column.denomination")}</th><th scope="col">{t("deposits.column.pieces")}</th><th scope="col">{t("deposits.column.amount")}</th></tr></thead>
        <tbody>
          {order.lines.map((line) => (
            <tr key={line.denomination}>
              <th scope="row">{denominationName(line.denomination, order.currency, t, language)}</th><td>{line.pieces}</td><td>{money(line.amount)}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <p className="totals"><strong>{t("change.total", { amount: money(order.total) })}</strong></p>
      <p>
        {order.status === "deleted"
          ? t("change.status.deleted", { date: order.deleted_at ? formatDate(order.deleted_at) : "" })
          : t("change.deletableUntil", { date: formatDate(order.deletable_through) })}
      </p>
    </>
  );
}

function ServiceDetail({ order }: { order: Service }) {
  const { t } = useI18n();
  return (
    <>
      <dl className="facts">
        <div><dt>{t("service.progress")}</dt><dd>{t(`progress.${order.progress ?? "active"}` as MessageKey)}</dd></div>
        <div><dt>{t("field.department_id")}</dt><dd>{order.department_name}</dd></div>
        <div><dt>{t("field.contract_id")}</dt><dd>{order.contract_name}</dd></div>
        <div><dt>{t("field.product_group")}</dt><dd>{order.product_group}</dd></div>
        {order.customer_reference ? <div><dt>{t("field.customer_reference")}</dt><dd>{order.customer_reference}</dd></div> : null}
        <div><dt>{t("field.description")}</dt><dd className="prewrap">{order.description}</dd></div>
      </dl>
      <BookingSlots customerId={order.customer_id} orderId={order.order_id} headingLevel={2} />
      <h2>{t("service.timeline")}</h2>
      <ol className="timeline">
        {order.timeline.map((entry, index) => (
          <li key={index}>
            <span className="muted">{formatDateTime(entry.at)}</span> — {entry.by_name}: {t(`service.step.${entry.action}` as MessageKey)}
            {" → "}{t(`status.${entry.status}` as MessageKey)}
            {entry.note ? <div className="muted">{t("service.reason", { reason: entry.note })}</div> : null}
          </li>
        ))}
      </ol>
      <p><Link to="/orders/service" search={{ customer: order.customer_id, order: order.order_id }}>{t("service.detail", { number: order.number })}</Link></p>
    </>
  );
}

function Detail({ confirmation }: { confirmation: Confirmation }) {
  const order = confirmation.order;
  if (order.kind === "supplies") return <SuppliesDetail order={order} />;
  if (order.kind === "change") return <ChangeDetail order={order} />;
  return <ServiceDetail order={order} />;
}

/** ORD-4: an order of any kind opened from the history, as its confirmation — printable, and as a PDF. */
export function OrderConfirmationPage() {
  const { t } = useI18n();
  const { customerId, orderId } = orderConfirmationRoute.useParams();
  const found = $api.useQuery("get", "/customers/{customer_id}/orders/{order_id}", {
    params: { path: { customer_id: customerId, order_id: orderId } },
  });
  const confirmation = found.data;
  if (!confirmation) return found.error ? <section className="card"><p className="error" role="alert">{t(problemOf(found.error).summary)}</p></section> : null;
  const order = confirmation.order;
  const notes = order.kind === "service" ? null : order.notes;
  return (
    <section className="card receipt" aria-labelledby="confirmation-heading">
      <h1 id="confirmation-heading" tabIndex={-1}>{t("orders.confirmation", { number: order.number })}</h1>
      <dl className="facts">
        <div><dt>{t("orders.customer")}</dt><dd>{confirmation.customer_name}</dd></div>
        <div><dt>{t("history.column.kind")}</dt><dd>{t(`orders.kind.${order.kind}` as MessageKey)}</dd></div>
        <div><dt>{t("orders.column.status")}</dt><dd><strong>{t(`status.${order.status ?? "placed"}` as MessageKey)}</strong></dd></div>
      </dl>
      <p>{t("orders.placedBy", { at: formatDateTime(order.placed_at), by: order.placed_by_name })}</p>
      <Detail confirmation={confirmation} />
      {notes ? <><h2>{t("field.notes")}</h2><p className="prewrap">{notes}</p></> : null}
      <div className="actions">
        <button type="button" onClick={() => window.print()}>{t("deposits.print")}</button>
        <PdfDownload customerId={customerId} document="order_confirmation" subjectId={orderId} />
        <Link to="/orders/history" search={{ customer: customerId }}>{t("orders.backToHistory")}</Link>
      </div>
    </section>
  );
}
