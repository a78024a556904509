import { Link, useNavigate } from "@tanstack/react-router";
import type { FormEvent } from "react";
import type { components } from "../api/client";
import { problemOf } from "../api/problems";
import { $api } from "../api/query";
import { customersRoute } from "../app/router";
import type { CustomersSearch } from "../app/searches";
import { mayImportCustomers } from "../app/sections";
import { usePrincipal } from "../app/session";
import { useI18n } from "../i18n";
import { ColumnChooser, rememberColumns, rememberedColumns } from "../ui/ColumnChooser";
import { DataTable, type ListColumn } from "../ui/DataTable";

type Summary = components["schemas"]["CustomerSummary"];

const PAGE_SIZE = 25;
const LIST = "customers";
const DEFAULT_COLUMNS = ["number", "name", "contact_person", "email", "city"];

/** ORG-3: the staff customer register — search, filter, sortable columns the user chooses, pages, export. */
export function CustomersPage() {
  const { t, language } = useI18n();
  const me = usePrincipal();
  const search = customersRoute.useSearch();
  const navigate = useNavigate({ from: "/customers" });
  const cursor = search.pages.at(-1);
  const query = {
    q: search.q, status: search.status, sort: search.sort, order: search.order,
    ...(search.assigned === "me" ? { assigned_to: me.username } : {}),
  };
  const list = $api.useQuery("get", "/customers", { params: { query: { ...query, limit: PAGE_SIZE, cursor } } }, { placeholderData: (previous) => previous });

  const columns: ListColumn<Summary>[] = [
    { id: "number", header: t("field.number"), cell: (row) => row.number, enableSorting: true },
    {
      id: "name", header: t("field.name"), enableSorting: true, rowHeader: true,
      cell: (row) => <Link to="/customers/$customerId" params={{ customerId: row.customer_id }}>{row.name}</Link>,
    },
    { id: "contact_person", header: t("field.contact_person"), cell: (row) => row.contact_person },
    { id: "email", header: t("field.email"), cell: (row) => row.email },
    { id: "city", header: t("field.city"), cell: (row) => row.city },
    { id: "status", header: t("field.status"), cell: (row) => t(row.status === "active" ? "value.active" : "value.inactive") },
  ];
  const known = columns.map((column) => column.id);
  const visible = search.columns?.filter((id) => known.includes(id)) ?? rememberedColumns(me.username, LIST, known, DEFAULT_COLUMNS);

  function change(next: Partial<CustomersSearch>, keepPage = false) {
    // The list changes in place: the page keeps its scroll (and an open menu, which a scroll would close).
    void navigate({ search: (previous) => ({ ...previous, ...next, ...(keepPage ? {} : { pages: [] }) }), resetScroll: false });
  }

  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    change({
      q: String(form.get("q") ?? "").trim(),
      status: form.get("status") === "inactive" ? "inactive" : "active",
      assigned: form.get("assigned") === "me" ? "me" : "anyone",
    });
  }

  function chooseColumns(chosen: string[]) {
    rememberColumns(me.username, LIST, chosen);
    change({ columns: chosen }, true);
  }

    // The file holds the columns on screen, headed in the user's language.
  const exported = new URLSearchParams(Object.entries(query).map(([name, value]) => [name, String(value)]));
  for (const column of visible) exported.append("columns", column);
  exported.set("language", language);
  const exportUrl = `/api/customers/export?${exported}`;
  const items = list.data?.items;
  const next = list.data?.next_cursor;

  return (
    <section className="card" aria-labelledby="customers-heading">
      <div className="card-header">
        <h1 id="customers-heading" tabIndex={-1}>{t("customers.heading")}</h1>
        <div className="actions">
          {mayImportCustomers(me) ? (
            <>
              <Link className="button" to="/customers/new">{t("customers.new")}</Link>
              <Link className="button secondary-outline" to="/customers/import">{t("customers.import")}</Link>
            </>
          ) : null}
          <a className="button secondary-outline" href={exportUrl} download>{t("customers.export")}</a>
          <ColumnChooser columns={columns} visible={visible} onChange={chooseColumns} />
        </div>
      </div>
      {/* A new search key re-creates the form, so its fields show what the address says (after back/forward). */}
      <form key={`${search.q}|${search.status}|${search.assigned}`} className="filters" role="search" onSubmit={submit}>
        <div>
          <label htmlFor="q">{t("customers.search")}</label>
          <input id="q" name="q" type="search" defaultValue={search.q} maxLength={100} />
        </div>
        <div>
          <label htmlFor="status">{t("field.status")}</label>
          <select id="status" name="status" defaultValue={search.status}>
            <option value="active">{t("customers.status.active")}</option>
            <option value="inactive">{t("customers.status.inactive")}</option>
          </select>
        </div>
        <div>
          <label htmlFor="assigned">{t("field.assigned_staff")}</label>
          <select id="assigned" name="assigned" defaultValue={search.assigned}>
            <option value="anyone">{t("customers.assigned.anyone")}</option>
            <option value="me">{t("customers.assigned.me")}</option>
          </select>
        </div>
        <button type="submit">{t("customers.searchButton")}</button>
      </form>
      {list.error ? <p className="error" role="alert">{t(problemOf(list.error).summary)}</p> : null}
      {items === undefined && !list.error ? <p role="status">{t("loading")}</p> : null}
      {items ? (
        <>
          <p className="muted" role="status">{t("customers.shown", { count: items.length, more: next ? "yes" : "no" })}</p>
          <DataTable
            labelledBy="customers-heading"
            columns={columns}
            rows={items}
            rowId={(row) => row.customer_id}
            visibleColumns={visible}
            // Search results come in order of the matching word; sorting applies to the whole list.
            sort={search.q ? undefined : { column: search.sort, descending: search.order === "desc" }}
            onSortChange={({ column, descending }) => change({ sort: column === "number" ? "number" : "name", order: descending ? "desc" : "asc" })}
            empty={<p role="status">{t("customers.none")}</p>}
          />
        </>
      ) : null}
      <div className="actions">
        {search.pages.length > 1 ? (
          <button type="button" className="link" onClick={() => change({ pages: [] })}>{t("customers.first")}</button>
        ) : null}
        {search.pages.length > 0 ? (
          <button type="button" className="secondary-outline" onClick={() => change({ pages: search.pages.slice(0, -1) }, true)}>{t("customers.previous")}</button>
        ) : null}
        {next ? (
          <button type="button" onClick={() => change({ pages: [...search.pages, next] }, true)}>{t("customers.next")}</button>
        ) : null}
      </div>
    </section>
  );
}
