import { Link, useNavigate } from "@tanstack/react-router";
import { useState, type FormEvent, type ReactNode } from "react";
import type { components } from "../api/client";
import { problemOf } from "../api/problems";
import { $api, byCursor, usePages } from "../api/query";
import { casesRoute } from "../app/router";
import type { CasesSearch } from "../app/searches";
import { customersWhoseSpecificationsItReads, mayConfigureCases, mayOpenDashboards } from "../app/sections";
import { usePrincipal } from "../app/session";
import { formatDate } from "../format";
import { useI18n } from "../i18n";
import { DataTable, type ListColumn } from "../ui/DataTable";
import { DateField } from "../ui/DateField";
import { LoadMore } from "../ui/LoadMore";
import { CASE_STATUSES, CASE_TYPES, columnKey, statusKey, typeKey, type CaseColumn } from "./caseParts";
import { searchRefusal } from "./historySearch";
import { StaffCustomerFilter } from "./StaffCustomerFilter";

type Row = components["schemas"]["CaseSummary"];

/** CASE-2 (seed 002, Sök ärende): the cases the login sees, newest first, searched by free text, status, type,
 * customer, object and the dates they were filed, in the columns the vendor chose; the number opens the case. */
export function CasesPage() {
  const { t } = useI18n();
  const me = usePrincipal();
  const staff = me.kind === "staff";
  const search = casesRoute.useSearch();
  const navigate = useNavigate({ from: "/cases" });
  const [from, setFrom] = useState<string | null>(search.from || null);
  const [to, setTo] = useState<string | null>(search.to || null);
  const [customer, setCustomer] = useState(search.customer);
  // Portal logins choose among the customers and objects they may file cases on (AUTH-4); staff search for a customer.
  const choices = $api.useQuery("get", "/case-choices", {}, { enabled: !staff });
  const staffObjects = $api.useQuery("get", "/customers/{customer_id}/objects", { params: { path: { customer_id: customer }, query: { limit: 100 } } },
    { enabled: staff && Boolean(customer) });
  const customerChoices = (choices.data?.customers ?? []).map((link) => ({ id: link.customer_id ?? "", label: link.customer_name ?? "" }));
  const objectChoices = staff
    ? (customer ? (staffObjects.data?.items ?? []).map((item) => ({ id: item.object_id, label: item.name })) : [])
    : (choices.data?.objects ?? [])
      .filter((link) => !customer || link.customer_id === customer)
      .map((link) => ({ id: link.object_id ?? "", label: link.object_name ?? "" }));
  const query = {
    q: search.q || undefined, status: search.status || undefined, type: search.type || undefined,
    customer_id: search.customer || undefined, object_id: search.object || undefined,
    date_from: search.from || undefined, date_to: search.to || undefined,
  };
  const pages = usePages("get", "/cases", { params: { query } }, { ...byCursor, retry: false });
  const rows = pages.data?.pages.flatMap((page) => page.items) ?? [];
  const shownColumns: CaseColumn[] = pages.data?.pages[0]?.columns ?? [];

  const cells: Record<CaseColumn, (row: Row) => ReactNode> = {
    number: (row) => (
      <Link to="/cases/$caseId" params={{ caseId: row.case_id }} aria-label={t("cases.open", { number: row.number, title: row.title })}
        className="nowrap">{row.number}</Link>
    ),
    title: (row) => <span className="long-text">{row.title}</span>,
    status: (row) => t(statusKey(row.status)),
    type: (row) => t(typeKey(row.type)),
    customer: (row) => row.customer_name ?? "",
    object: (row) => row.object_name ?? "",
    reference_name: (row) => row.reference_name ?? "",
    created_at: (row) => <span className="nowrap">{formatDate(row.created_at)}</span>,
  };
  // Only the columns the API names, in its order.
  const columns: ListColumn<Row>[] = shownColumns.map((id) => ({ id, header: t(columnKey(id)), cell: cells[id], rowHeader: id === "number" }));

  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const text = (name: string) => String(form.get(name) ?? "").trim();
    const next: Partial<CasesSearch> = {
      q: text("q"),
      status: CASE_STATUSES.find((known) => known === text("status")) ?? "",
      type: CASE_TYPES.find((known) => known === text("type")) ?? "",
      customer: staff ? customer : customerChoices.find((choice) => choice.id === text("customer"))?.id ?? "",
      object: text("object"),
      from: from ?? "",
      to: to ?? "",
    };
    void navigate({ search: (previous) => ({ ...previous, ...next }), resetScroll: false });
  }

  const formKey = `${JSON.stringify(query)}${choices.data ? "" : " loading"}`;
  return (
    <section className="card" aria-labelledby="cases-heading">
      <div className="card-header">
        <h1 id="cases-heading" tabIndex={-1}>{t("cases.heading")}</h1>
        <div className="actions compact">
          <Link className="button" to="/cases/new">{t("cases.new")}</Link>
          {/* CASE-4: a customer's contacts approve its invoice specifications here. */}
          {customersWhoseSpecificationsItReads(me).length ? (
            <Link className="button secondary-outline" to="/cases/specifications">{t("specifications.listHeading")}</Link>
          ) : null}
          {/* CASE-6: the cases the login follows, month by month. */}
          {mayOpenDashboards(me) ? <Link className="button secondary-outline" to="/cases/dashboard">{t("dashboard.link")}</Link> : null}
          {mayConfigureCases(me) ? <Link className="button secondary-outline" to="/cases/settings">{t("cases.settingsLink")}</Link> : null}
        </div>
      </div>
      <p className="muted">{t(staff ? "cases.introStaff" : "cases.intro")}</p>
      <form key={formKey} className="filters" role="search" aria-label={t("cases.searchLabel")} onSubmit={submit}>
        <div className="filters-wide">
          <label htmlFor="cases-q">{t("cases.search.q")}</label>
          <input id="cases-q" name="q" type="search" defaultValue={search.q} maxLength={200} aria-describedby="cases-q-hint" />
        </div>
        <div>
          <label htmlFor="cases-status">{t("cases.field.status")}</label>
          <select id="cases-status" name="status" defaultValue={search.status}>
            <option value="">{t("cases.anyStatus")}</option>
            {CASE_STATUSES.map((status) => <option key={status} value={status}>{t(statusKey(status))}</option>)}
          </select>
        </div>
        <div>
          <label htmlFor="cases-type">{t("cases.field.type")}</label>
          <select id="cases-type" name="type" defaultValue={search.type}>
            <option value="">{t("cases.anyType")}</option>
            {CASE_TYPES.map((type) => <option key={type} value={type}>{t(typeKey(type))}</option>)}
          </select>
        </div>
        {staff ? (
          <StaffCustomerFilter id="cases-customer" chosen={customer} onChoose={setCustomer} />
        ) : customerChoices.length ? (
          <div>
            <label htmlFor="cases-customer">{t("cases.field.customer_id")}</label>
            <select id="cases-customer" name="customer" defaultValue={search.customer} onChange={(event) => setCustomer(event.target.value)}>
              <option value="">{t("cases.anyCustomer")}</option>
              {customerChoices.map((choice) => <option key={choice.id} value={choice.id}>{choice.label}</option>)}
            </select>
          </div>
        ) : null}
        {objectChoices.length ? (
          <div>
            <label htmlFor="cases-object">{t("cases.field.object_id")}</label>
            <select id="cases-object" name="object" defaultValue={search.object}>
              <option value="">{t("cases.anyObject")}</option>
              {objectChoices.map((choice) => <option key={choice.id} value={choice.id}>{choice.label}</option>)}
            </select>
          </div>
        ) : null}
        <DateField id="cases-from" label={t("cases.from")} value={from} onChange={setFrom} />
        <DateField id="cases-to" label={t("cases.to")} value={to} onChange={setTo} />
        <button type="submit">{t("customers.searchButton")}</button>
      </form>
      <p className="muted" id="cases-q-hint">{t("cases.search.qHint")}{staff ? ` ${t("cases.customerSearchHint")}` : ""}</p>
      {pages.error ? <p className="error" role="alert">{searchRefusal(pages.error, t)}</p> : null}
      {!pages.data && !pages.error ? <p role="status">{t("loading")}</p> : null}
      {pages.data ? (
        <>
          <h2 id="cases-results-heading">{t("cases.results")}</h2>
          <DataTable labelledBy="cases-results-heading" columns={columns} rows={rows} rowId={(row) => row.case_id}
            visibleColumns={shownColumns} empty={t("cases.empty")} />
        </>
      ) : null}
      <LoadMore pages={pages} />
      {choices.error ? <p className="error" role="alert">{t(problemOf(choices.error).summary)}</p> : null}
    </section>
  );
}
