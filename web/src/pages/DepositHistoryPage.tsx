import { Link, useNavigate } from "@tanstack/react-router";
import { useState, type FormEvent } from "react";
import type { components } from "../api/client";
import { $api, byCursor, usePages } from "../api/query";
import { depositHistoryRoute } from "../app/router";
import type { DepositHistorySearch } from "../app/searches";
import { usePrincipal } from "../app/session";
import { formatAmount, formatDate, formatDateTime } from "../format";
import { useI18n } from "../i18n";
import type { MessageKey } from "../i18n/messages";
import { ColumnChooser, rememberColumns, rememberedColumns } from "../ui/ColumnChooser";
import { DataTable, type ListColumn } from "../ui/DataTable";
import { DateField } from "../ui/DateField";
import { LoadMore } from "../ui/LoadMore";
import { searchRefusal } from "./historySearch";
import { DepositsHeader, useDepositCustomer } from "./DepositsHeader";
import { GenerateReport } from "./GenerateReport";

type Row = components["schemas"]["DepositRow"];

const LIST = "deposit-history";
const DEFAULT_COLUMNS = ["bag", "date", "department", "total", "status"];
const STATUSES = ["registered", "counted", "reversed"] as const;

/** DEP-2 (seed 000, Innskuddshistorikk): the customer's slips searched by date (at most 92 days), status, department
 * or bag number, in the columns the user chose; the bag number opens the receipt, and the counting receipt once the
 * bag is counted. */
export function DepositHistoryPage() {
  const { t, language } = useI18n();
  const me = usePrincipal();
  const search = depositHistoryRoute.useSearch();
  const navigate = useNavigate({ from: "/deposits/history" });
  const { customerId, customer } = useDepositCustomer(search.customer);
  const [from, setFrom] = useState<string | null>(search.from || null);
  const [to, setTo] = useState<string | null>(search.to || null);
  const path = { customer_id: customerId };
  const departments = ($api.useQuery("get", "/customers/{customer_id}/departments", { params: { path } }, { enabled: Boolean(customerId) }).data ?? []);
  const query = {
    date_from: search.from || undefined, date_to: search.to || undefined, status: search.status || undefined,
    department_id: search.department || undefined, bag_number: search.bag || undefined,
  };
  const pages = usePages("get", "/customers/{customer_id}/deposit-history", { params: { path, query } }, { ...byCursor, enabled: Boolean(customerId), retry: false });
  const rows = pages.data?.pages.flatMap((page) => page.items) ?? [];
  const money = (minor: number | null | undefined, row: Row) => (minor === null || minor === undefined ? "" : formatAmount(minor, row.currency, language));

  const columns: ListColumn<Row>[] = [
    {
      id: "bag", header: t("field.bag_number"), rowHeader: true,
      cell: (row) => (
        <Link to="/deposits/$customerId/$depositId" params={{ customerId: row.customer_id, depositId: row.deposit_id }}
          aria-label={t("deposits.receiptOf", { bag: row.bag_number })}>{row.bag_number}</Link>
      ),
    },
    { id: "date", header: t("field.deposit_date"), cell: (row) => formatDate(row.deposit_date) },
    { id: "department", header: t("field.department_id"), cell: (row) => row.department_name ?? "" },
    { id: "responsibility", header: t("field.responsibility_number"), cell: (row) => row.responsibility_number ?? "" },
    { id: "total", header: t("deposits.column.declared"), cell: (row) => money(row.total, row) },
    { id: "counted", header: t("deposits.column.counted"), cell: (row) => money(row.counted, row) },
    {
      id: "difference", header: t("deposits.column.difference"),
      cell: (row) => (row.difference ? <span className="field-error">{money(row.difference, row)}</span> : money(row.difference, row)),
    },
    {
      id: "status", header: t("orders.column.status"),
      cell: (row) => (
        <>
          {t(`deposits.status.${row.status}` as MessageKey)}
          {row.status === "counted" ? (
            <div>
              <Link to="/deposits/$customerId/$depositId/counting-receipt" params={{ customerId: row.customer_id, depositId: row.deposit_id }}
                aria-label={t("deposits.countingReceiptOf", { bag: row.bag_number })}>{t("deposits.countingReceipt")}</Link>
            </div>
          ) : null}
        </>
      ),
    },
    { id: "by", header: t("deposits.column.by"), cell: (row) => row.registered_by_name },
    { id: "registered", header: t("deposits.column.registered"), cell: (row) => formatDateTime(row.registered_at) },
  ];
  const known = columns.map((column) => column.id);
  const visible = search.columns?.filter((id) => known.includes(id)) ?? rememberedColumns(me.username, LIST, known, DEFAULT_COLUMNS);

  function change(next: Partial<DepositHistorySearch>) {
    void navigate({ search: (previous) => ({ ...previous, ...next }), resetScroll: false });
  }

  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const text = (name: string) => String(form.get(name) ?? "").trim();
    const status = STATUSES.find((known) => known === text("status")) ?? "";
    change({ from: from ?? "", to: to ?? "", status, department: text("department"), bag: text("bag").replace(/[\s-]/g, "") });
  }

  function chooseColumns(chosen: string[]) {
    rememberColumns(me.username, LIST, chosen);
    change({ columns: chosen });
  }

  return (
    <>
      <DepositsHeader current="history" customerId={customerId} customer={customer} onCustomerChange={() => undefined} />
      {customer ? (
        <section className="card" aria-labelledby="deposit-history-heading">
          <div className="card-header">
            <h2 id="deposit-history-heading">{t("deposits.history")}</h2>
            <div className="actions">
              <ColumnChooser columns={columns} visible={visible} onChange={chooseColumns} />
            </div>
          </div>
          <form key={JSON.stringify(query)} className="filters" role="search" aria-label={t("deposits.searchLabel")} onSubmit={submit}>
            <DateField id="deposit-from" label={t("deposits.from")} value={from} onChange={setFrom} />
            <DateField id="deposit-to" label={t("deposits.to")} value={to} onChange={setTo} />
            <div>
              <label htmlFor="deposit-status">{t("field.status")}</label>
              <select id="deposit-status" name="status" defaultValue={search.status}>
                <option value="">{t("deposits.anyStatus")}</option>
                {STATUSES.map((status) => <option key={status} value={status}>{t(`deposits.status.${status}` as MessageKey)}</option>)}
              </select>
            </div>
            <div>
              <label htmlFor="deposit-department">{t("field.department_id")}</label>
              <select id="deposit-department" name="department" defaultValue={search.department}>
                <option value="">{t("deposits.anyDepartment")}</option>
                {departments.map((department) => <option key={department.department_id} value={department.department_id}>{department.name}</option>)}
              </select>
            </div>
            <div>
              <label htmlFor="deposit-bag">{t("field.bag_number")}</label>
              <input id="deposit-bag" name="bag" inputMode="numeric" defaultValue={search.bag} maxLength={20} />
            </div>
            <button type="submit">{t("customers.searchButton")}</button>
          </form>
          <p className="muted">{t("deposits.searchHint")}</p>
          <GenerateReport customerId={customerId} kind="deposits" filters={query} />
          {pages.error ? <p className="error" role="alert">{searchRefusal(pages.error, t)}</p> : null}
          {pages.data ? (
            <DataTable labelledBy="deposit-history-heading" columns={columns} rows={rows} rowId={(row) => row.deposit_id}
              visibleColumns={visible} empty={t("deposits.empty")} />
          ) : null}
          <LoadMore pages={pages} />
        </section>
      ) : null}
    </>
  );
}
