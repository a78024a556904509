// Seed 003: "orders, cases and quotes are listed on the customer, sortable, ten rows each with Show all" — the orders
// and the cases here; the quotes with their form in CustomerQuotes.
import { getLocalTimeZone, today } from "@internationalized/date";
import { Link } from "@tanstack/react-router";
import { useState } from "react";
import type { components } from "../api/client";
import { byCursor, usePages } from "../api/query";
import { formatAmount, formatDate } from "../format";
import { useI18n } from "../i18n";
import type { MessageKey } from "../i18n/messages";
import { ALL_PAGE, SHORT_LIST, ShortList, type SortableColumn } from "../ui/ShortList";
import { statusKey, typeKey } from "./caseParts";

type OrderRow = components["schemas"]["OrderRow"];
type CaseRow = components["schemas"]["CaseSummary"];

/** The order history searches at most 92 days; 90 back from the browser's day stays inside them wherever it is. */
const ORDER_DAYS = 90;

/** The customer's orders of every kind (ORD-4) of the last three months, newest first. */
export function CustomerOrders({ customerId, customerName }: { customerId: string; customerName: string }) {
  const { t, language } = useI18n();
  const [all, setAll] = useState(false);
  const [from] = useState(() => today(getLocalTimeZone()).subtract({ days: ORDER_DAYS }).toString());
  const path = { customer_id: customerId };
  const first = usePages("get", "/customers/{customer_id}/order-history",
    { params: { path, query: { date_from: from, limit: SHORT_LIST } } }, { ...byCursor, retry: false });
  const rest = usePages("get", "/customers/{customer_id}/order-history",
    { params: { path, query: { date_from: from, limit: ALL_PAGE } } }, { ...byCursor, enabled: all, retry: false });

  const columns: SortableColumn<OrderRow>[] = [
    {
      id: "number", header: t("orders.column.number"), rowHeader: true, sortValue: (row) => row.number,
      cell: (row) => row.kind === "service"
        ? <Link to="/orders/service" search={{ customer: row.customer_id, order: row.order_id }}>{row.number}</Link>
        : <Link to="/orders/$customerId/$orderId" params={{ customerId: row.customer_id, orderId: row.order_id }}>{row.number}</Link>,
    },
    {
      id: "kind", header: t("history.column.kind"), cell: (row) => t(`orders.kind.${row.kind}` as MessageKey),
      sortValue: (row) => t(`orders.kind.${row.kind}` as MessageKey),
    },
    { id: "placed", header: t("orders.column.placed"), cell: (row) => <span className="nowrap">{formatDate(row.placed_on)}</span>, sortValue: (row) => row.placed_at },
    {
      id: "status", header: t("orders.column.status"), cell: (row) => t(`status.${row.status}` as MessageKey),
      sortValue: (row) => t(`status.${row.status}` as MessageKey),
    },
    {
      id: "total", header: t("change.column.total"), sortValue: (row) => row.total,
      cell: (row) => (row.total != null && row.currency ? <span className="amount">{formatAmount(row.total, row.currency, language)}</span> : ""),
    },
    { id: "by", header: t("orders.column.by"), cell: (row) => row.placed_by_name, sortValue: (row) => row.placed_by_name },
  ];

  return (
    <section className="card" aria-labelledby="customer-orders-heading">
      <h2 id="customer-orders-heading">{t("customer.orderList")}</h2>
      <p className="muted">{t("customer.orderListIntro")}</p>
      <ShortList labelledBy="customer-orders-heading" columns={columns} first={first} rest={rest} all={all} onShowAll={() => setAll(true)}
        rowId={(row) => row.order_id} empty={t("customer.noOrders")} />
      <ul className="inline-list after-list">
        <li><Link to="/orders/history" search={{ customer: customerId }}>{t("customer.searchOrders", { customer: customerName })}</Link></li>
        <li><Link to="/orders" search={{ customer: customerId }}>{t("home.seeOrders", { customer: customerName })}</Link></li>
      </ul>
    </section>
  );
}

/** The customer's service cases (CASE-2), newest first. */
export function CustomerCases({ customerId, customerName }: { customerId: string; customerName: string }) {
  const { t } = useI18n();
  const [all, setAll] = useState(false);
  const first = usePages("get", "/cases", { params: { query: { customer_id: customerId, limit: SHORT_LIST } } }, { ...byCursor, retry: false });
  const rest = usePages("get", "/cases", { params: { query: { customer_id: customerId, limit: ALL_PAGE } } }, { ...byCursor, enabled: all, retry: false });

  const columns: SortableColumn<CaseRow>[] = [
    {
      id: "number", header: t("cases.column.number"), rowHeader: true, sortValue: (row) => row.number,
      cell: (row) => (
        <Link to="/cases/$caseId" params={{ caseId: row.case_id }} aria-label={t("cases.open", { number: row.number, title: row.title })}>{row.number}</Link>
      ),
    },
    { id: "title", header: t("cases.column.title"), cell: (row) => <span className="long-text">{row.title}</span>, sortValue: (row) => row.title },
    { id: "status", header: t("cases.column.status"), cell: (row) => t(statusKey(row.status)), sortValue: (row) => t(statusKey(row.status)) },
    { id: "type", header: t("cases.column.type"), cell: (row) => t(typeKey(row.type)), sortValue: (row) => t(typeKey(row.type)) },
    { id: "object", header: t("cases.column.object"), cell: (row) => row.object_name ?? "", sortValue: (row) => row.object_name },
    { id: "created_at", header: t("cases.column.created_at"), cell: (row) => <span className="nowrap">{formatDate(row.created_at)}</span>, sortValue: (row) => row.created_at },
  ];

  return (
    <section className="card" aria-labelledby="customer-cases-heading">
      <h2 id="customer-cases-heading">{t("customer.caseList")}</h2>
      <ShortList labelledBy="customer-cases-heading" columns={columns} first={first} rest={rest} all={all} onShowAll={() => setAll(true)}
        rowId={(row) => row.case_id} empty={t("customer.noCases")} />
      <p><Link to="/cases" search={{ customer: customerId }}>{t("customer.searchCases", { customer: customerName })}</Link></p>
    </section>
  );
}
