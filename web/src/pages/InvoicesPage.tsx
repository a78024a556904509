import { Link, useNavigate } from "@tanstack/react-router";
import { useState, type FormEvent } from "react";
import { problemOf, word } from "../api/problems";
import { byCursor, usePages } from "../api/query";
import { invoicesRoute } from "../app/router";
import { usePrincipal } from "../app/session";
import { formatDate } from "../format";
import { useI18n } from "../i18n";
import { DataTable, type ListColumn } from "../ui/DataTable";
import { DateField } from "../ui/DateField";
import { LoadMore } from "../ui/LoadMore";
import { CustomerChooser } from "./customerChoice";
import { INVOICE_STATUSES, InvoiceStatusBadge, invoiceStatusKey, useInvoiceCustomer, useMoney, type Invoice } from "./InvoiceParts";
import type { InvoicesSearch } from "./InvoiceSearch";

const PAGE_SIZE = 25;
const COLUMNS = ["number", "invoice_date", "due_date", "payer", "total", "outstanding", "status"];

/** INV-1 (seed 004 "Fakturaer"): a customer's invoices, newest first, found by invoice number, the invoice dates from
 * and to, and status; the number opens the invoice. Its invoice readers come from the tab (choosing the customer
 * when they read several); staff who see the customer come from its page. */
export function InvoicesPage() {
  const { t } = useI18n();
  const me = usePrincipal();
  const money = useMoney();
  const search = invoicesRoute.useSearch();
  const navigate = useNavigate({ from: "/invoices" });
  const { customerId, customer, read } = useInvoiceCustomer(search.customer);
  const staff = me.kind === "staff";
  const [from, setFrom] = useState<string | null>(search.from || null);
  const [to, setTo] = useState<string | null>(search.to || null);
  const query = {
    number: search.number || undefined, date_from: search.from || undefined, date_to: search.to || undefined,
    status: search.status || undefined, limit: PAGE_SIZE,
  };
  const pages = usePages("get", "/customers/{customer_id}/invoices", { params: { path: { customer_id: customerId }, query } },
    { ...byCursor, enabled: Boolean(customerId), retry: false });
  const rows = pages.data?.pages.flatMap((page) => page.items) ?? [];
  const more = Boolean(pages.hasNextPage);

  const columns: ListColumn<Invoice>[] = [
    {
      id: "number", header: t("invoices.column.number"), rowHeader: true,
      cell: (row) => (
        <Link to="/invoices/$customerId/$invoiceId" params={{ customerId, invoiceId: row.invoice_id }} className="nowrap">{row.number}</Link>
      ),
    },
    { id: "invoice_date", header: t("invoices.column.invoiceDate"), cell: (row) => <span className="nowrap">{formatDate(row.invoice_date)}</span> },
    { id: "due_date", header: t("invoices.column.dueDate"), cell: (row) => <span className="nowrap">{formatDate(row.due_date)}</span> },
    { id: "payer", header: t("invoices.column.payer"), cell: (row) => <span className="long-text">{row.payer}</span> },
    { id: "total", header: t("invoices.column.total"), cell: (row) => <span className="amount">{money(row.total_minor, row.currency)}</span> },
    {
      id: "outstanding", header: t("invoices.column.outstanding"),
      cell: (row) => <span className="amount">{money(row.outstanding_minor, row.currency)}</span>,
    },
    { id: "status", header: t("invoices.column.status"), cell: (row) => <InvoiceStatusBadge status={row.status} /> },
  ];

  function change(next: Partial<InvoicesSearch>) {
    void navigate({ search: (previous) => ({ ...previous, ...next }), resetScroll: false });
  }

  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const text = (name: string) => String(form.get(name) ?? "").trim();
    change({
      number: text("number"),
      from: from ?? "",
      to: to ?? "",
      status: INVOICE_STATUSES.find((status) => status === text("status")) ?? "",
    });
  }

  // A number or dates the API cannot use are said with their field's name; anything else by its summary.
  const refusal = pages.error ? problemOf(pages.error) : null;
  const fieldLabels: Record<string, string> = {
    number: t("invoices.search.number"), date_from: t("invoices.search.from"), date_to: t("invoices.search.to"),
  };
  const refusalField = refusal ? Object.keys(fieldLabels).find((field) => refusal.fields[field]) : undefined;
  const refusalText = refusal
    ? refusalField ? `${fieldLabels[refusalField]}: ${word(refusal.fields[refusalField], t)}` : t(refusal.summary)
    : null;

  return (
    <>
      <section className="card" aria-labelledby="invoices-heading">
        {staff && customerId ? <Link to="/customers/$customerId" params={{ customerId }}>{t("employees.backToCustomer")}</Link> : null}
        <h1 id="invoices-heading" tabIndex={-1}>{customer ? t("invoices.headingAt", { customer: customer.name }) : t("invoices.heading")}</h1>
        <p>{t(staff ? "invoices.introStaff" : "invoices.intro")}</p>
        {/* Another customer's invoices: the search starts over there. */}
        <CustomerChooser id="invoices-customer" seen={read} customerId={customerId}
          onChoose={(chosen) => {
            setFrom(null);
            setTo(null);
            void navigate({ search: { customer: chosen } });
          }} />
        {!customerId ? <p>{t(staff ? "invoices.chooseCustomer" : "invoices.noCustomer")}</p> : null}
        {customerId ? (
          <>
            <h2 id="invoices-find-heading">{t("invoices.find")}</h2>
            {/* A new search key re-creates the form, so its fields show what the address says (after back/forward). */}
            <form key={`${customerId}|${search.number}|${search.from}|${search.to}|${search.status}`} className="filters" role="search"
              aria-labelledby="invoices-find-heading" onSubmit={submit}>
              <div>
                <label htmlFor="invoices-number">{t("invoices.search.number")}</label>
                <input id="invoices-number" name="number" type="search" defaultValue={search.number} maxLength={40}
                  autoComplete="off" aria-describedby="invoices-number-hint" />
              </div>
              <DateField id="invoices-from" label={t("invoices.search.from")} value={from} onChange={setFrom} />
              <DateField id="invoices-to" label={t("invoices.search.to")} value={to} onChange={setTo} />
              <div>
                <label htmlFor="invoices-status">{t("invoices.search.status")}</label>
                <select id="invoices-status" name="status" defaultValue={search.status}>
                  <option value="">{t("invoices.anyStatus")}</option>
                  {INVOICE_STATUSES.map((status) => <option key={status} value={status}>{t(invoiceStatusKey(status))}</option>)}
                </select>
              </div>
              <button type="submit">{t("employees.searchButton")}</button>
            </form>
            <p className="hint" id="invoices-number-hint">{t("invoices.searchHint")}</p>
          </>
        ) : null}
      </section>
      {customerId ? (
        <section className="card" aria-labelledby="invoices-results-heading">
          <h2 id="invoices-results-heading">{t("invoices.results")}</h2>
          {refusalText ? <p className="error" role="alert">{refusalText}</p> : null}
          {!pages.data && !pages.error ? <p role="status">{t("loading")}</p> : null}
          {pages.data ? (
            <>
              <p className="muted" role="status">{t("invoices.shown", { count: rows.length, more: more ? "yes" : "no" })}</p>
              <DataTable labelledBy="invoices-results-heading" columns={columns} rows={rows} rowId={(row) => row.invoice_id}
                visibleColumns={COLUMNS} empty={<p>{t("invoices.none")}</p>} />
            </>
          ) : null}
          <LoadMore pages={pages} />
        </section>
      ) : null}
    </>
  );
}
