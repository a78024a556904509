import { Link, useNavigate } from "@tanstack/react-router";
import { useState, type FormEvent } from "react";
import type { components } from "../api/client";
import { $api, byCursor, usePages } from "../api/query";
import { orderHistoryRoute } from "../app/router";
import type { OrderHistorySearch } from "../app/searches";
import { usePrincipal } from "../app/session";
import { formatAmount, formatDate } from "../format";
import { useI18n } from "../i18n";
import type { MessageKey } from "../i18n/messages";
import { ColumnChooser, rememberColumns, rememberedColumns } from "../ui/ColumnChooser";
import { DataTable, type ListColumn } from "../ui/DataTable";
import { DateField } from "../ui/DateField";
import { LoadMore } from "../ui/LoadMore";
import { searchRefusal } from "./historySearch";
import { GenerateReport } from "./GenerateReport";
import { OrdersHeader, useOrderCustomer } from "./OrdersHeader";

type Row = components["schemas"]["OrderRow"];

const LIST = "order-history";
const DEFAULT_COLUMNS = ["number", "kind", "placed", "status", "by"];
const STATUSES = ["placed", "delivered", "deleted", "waiting_for_seller", "waiting_for_customer", "approved", "rejected", "cancelled"];

/** ORD-4 (seeds 000, 004): the customer's orders of every kind, searched by date (at most 92 days), status,
 * department and product group, or found by order number or reference, in the columns the user chose. */
export function OrderHistoryPage() {
  const { t, language } = useI18n();
  const me = usePrincipal();
  const search = orderHistoryRoute.useSearch();
  const navigate = useNavigate({ from: "/orders/history" });
  const { customerId, customer } = useOrderCustomer(search.customer);
  const [from, setFrom] = useState<string | null>(search.from || null);
  const [to, setTo] = useState<string | null>(search.to || null);
  const path = { customer_id: customerId };
  const departments = $api.useQuery("get", "/customers/{customer_id}/departments", { params: { path } }, { enabled: Boolean(customerId) }).data ?? [];
  const query = {
    date_from: search.from || undefined, date_to: search.to || undefined, status: search.status || undefined,
    department_id: search.department || undefined, product_group: search.group || undefined,
    number: search.number ? Number(search.number) : undefined, reference: search.reference || undefined,
  };
  const pages = usePages("get", "/customers/{customer_id}/order-history", { params: { path, query } }, { ...byCursor, enabled: Boolean(customerId), retry: false });
  const rows = pages.data?.pages.flatMap((page) => page.items) ?? [];

  const columns: ListColumn<Row>[] = [
    {
      id: "number", header: t("orders.column.number"), rowHeader: true,
      cell: (row) => row.kind === "service"
        ? <Link to="/orders/service" search={{ customer: row.customer_id, order: row.order_id }}>{row.number}</Link>
        : <Link to="/orders/$customerId/$orderId" params={{ customerId: row.customer_id, orderId: row.order_id }}>{row.number}</Link>,
    },
    { id: "kind", header: t("history.column.kind"), cell: (row) => t(`orders.kind.${row.kind}` as MessageKey) },
    { id: "placed", header: t("orders.column.placed"), cell: (row) => formatDate(row.placed_on) },
    { id: "status", header: t("orders.column.status"), cell: (row) => t(`status.${row.status}` as MessageKey) },
    { id: "department", header: t("field.department_id"), cell: (row) => row.department_name ?? "" },
    { id: "group", header: t("field.product_group"), cell: (row) => row.product_group ?? "" },
    { id: "reference", header: t("field.customer_reference"), cell: (row) => row.customer_reference ?? "" },
    { id: "total", header: t("change.column.total"), cell: (row) => (row.total != null && row.currency ? formatAmount(row.total, row.currency, language) : "") },
    { id: "by", header: t("orders.column.by"), cell: (row) => row.placed_by_name },
  ];
  const known = columns.map((column) => column.id);
  const visible = search.columns?.filter((id) => known.includes(id)) ?? rememberedColumns(me.username, LIST, known, DEFAULT_COLUMNS);

  function change(next: Partial<OrderHistorySearch>) {
    void navigate({ search: (previous) => ({ ...previous, ...next }), resetScroll: false });
  }

  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const text = (name: string) => String(form.get(name) ?? "").trim();
    change({
      from: from ?? "", to: to ?? "", status: text("status"), department: text("department"), group: text("group"),
      number: text("number").replace(/\D/g, ""), reference: text("reference"),
    });
  }

  function chooseColumns(chosen: string[]) {
    rememberColumns(me.username, LIST, chosen);
    change({ columns: chosen });
  }

  return (
    <>
      <OrdersHeader current="history" customerId={customerId} customer={customer} onCustomerChange={() => undefined} />
      {customer ? (
        <section className="card" aria-labelledby="order-history-heading">
          <div className="card-header">
            <h2 id="order-history-heading">{t("history.orders")}</h2>
            <div className="actions"><ColumnChooser columns={columns} visible={visible} onChange={chooseColumns} /></div>
          </div>
          <form key={JSON.stringify(query)} className="filters" role="search" aria-label={t("history.searchLabel")} onSubmit={submit}>
            <DateField id="order-from" label={t("deposits.from")} value={from} onChange={setFrom} />
            <DateField id="order-to" label={t("deposits.to")} value={to} onChange={setTo} />
            <div>
              <label htmlFor="order-status">{t("field.status")}</label>
              <select id="order-status" name="status" defaultValue={search.status}>
                <option value="">{t("deposits.anyStatus")}</option>
                {STATUSES.map((status) => <option key={status} value={status}>{t(`status.${status}` as MessageKey)}</option>)}
              </select>
            </div>
            <div>
              <label htmlFor="order-department">{t("field.department_id")}</label>
              <select id="order-department" name="department" defaultValue={search.department}>
                <option value="">{t("deposits.anyDepartment")}</option>
                {departments.map((department) => <option key={department.department_id} value={department.department_id}>{department.name}</option>)}
              </select>
            </div>
            <div>
              <label htmlFor="order-group">{t("field.product_group")}</label>
              <input id="order-group" name="group" defaultValue={search.group} maxLength={100} />
            </div>
            <div>
              <label htmlFor="order-number">{t("orders.number")}</label>
              <input id="order-number" name="number" inputMode="numeric" defaultValue={search.number} maxLength={10} />
            </div>
            <div>
              <label htmlFor="order-reference">{t("field.customer_reference")}</label>
              <input id="order-reference" name="reference" defaultValue={search.reference} maxLength={100} />
            </div>
            <button type="submit">{t("customers.searchButton")}</button>
          </form>
          <p className="muted">{t("history.searchHint")}</p>
          <GenerateReport customerId={customerId} kind="orders" filters={query} />
          {pages.error ? <p className="error" role="alert">{searchRefusal(pages.error, t)}</p> : null}
          {pages.data ? (
            <DataTable labelledBy="order-history-heading" columns={columns} rows={rows} rowId={(row) => row.order_id}
              visibleColumns={visible} empty={t("orders.empty")} />
          ) : null}
          <LoadMore pages={pages} />
        </section>
      ) : null}
    </>
  );
}
