import { useEffect, useState, type FormEvent } from "react";
import { api, type components } from "../api/client";
import { problemOf, type Problem } from "../api/problems";
import { useI18n } from "../i18n";
import type { MessageKey } from "../i18n/messages";
import { ScrollArea } from "../ScrollArea";

type Summary = components["schemas"]["CustomerSummary"];
type Query = {
  q: string; status: "active" | "inactive"; assigned_to?: string; sort: "name" | "number"; order: "asc" | "desc";
};

/** ORG-3: the staff customer register — search, filter, sortable columns, pages, export. */
export function CustomersPage({ username }: { username: string }) {
  const { t } = useI18n();
  const [query, setQuery] = useState<Query>({ q: "", status: "active", sort: "name", order: "asc" });
  const [cursors, setCursors] = useState<(string | undefined)[]>([undefined]);
  const [items, setItems] = useState<Summary[] | null>(null);
  const [next, setNext] = useState<string | null>(null);
  const [problem, setProblem] = useState<Problem | null>(null);
  const cursor = cursors[cursors.length - 1];

  useEffect(() => {
    let current = true;
    void api
      .GET("/customers", { params: { query: { ...query, limit: 25, cursor } } })
      .then(({ data, error }) => {
        if (!current) return;
        setProblem(error ? problemOf(error) : null);
        setItems(data?.items ?? []);
        setNext(data?.next_cursor ?? null);
      });
    return () => {
      current = false;
    };
  }, [query, cursor]);

  function search(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    setCursors([undefined]);
    setQuery({
      ...query,
      q: String(form.get("q") ?? ""),
      status: form.get("status") as Query["status"],
      assigned_to: form.get("assigned") === "me" ? username : undefined,
    });
  }

  function sortBy(column: Query["sort"]) {
    setCursors([undefined]);
    setQuery({ ...query, sort: column, order: query.sort === column && query.order === "asc" ? "desc" : "asc" });
  }

  const filters = { q: query.q, status: query.status, sort: query.sort, order: query.order };
  const exportUrl = `/api/customers/export?${new URLSearchParams(query.assigned_to ? { ...filters, assigned_to: query.assigned_to } : filters)}`;
  const ariaSort = (column: Query["sort"]) =>
    query.q ? undefined : query.sort === column ? (query.order === "asc" ? "ascending" : "descending") : "none";
  const header = (column: Query["sort"], label: MessageKey) => (
    <th scope="col" aria-sort={ariaSort(column)}>
      <button type="button" className="sort" onClick={() => sortBy(column)} aria-label={t("customers.sortBy", { column: t(label) })}>
        {t(label)} {query.sort === column ? (query.order === "asc" ? "▲" : "▼") : ""}
      </button>
    </th>
  );

  return (
    <section className="card" aria-labelledby="customers-heading">
      <div className="card-header">
        <h1 id="customers-heading">{t("customers.heading")}</h1>
        <div className="actions">
          <a className="button" href="#customers/new">{t("customers.new")}</a>
          <a className="button secondary-outline" href={exportUrl} download>{t("customers.export")}</a>
        </div>
      </div>
      <form className="filters" role="search" onSubmit={search}>
        <div>
          <label htmlFor="q">{t("customers.search")}</label>
          <input id="q" name="q" type="search" defaultValue={query.q} />
        </div>
        <div>
          <label htmlFor="status">{t("field.status")}</label>
          <select id="status" name="status" defaultValue={query.status}>
            <option value="active">{t("customers.status.active")}</option>
            <option value="inactive">{t("customers.status.inactive")}</option>
          </select>
        </div>
        <div>
          <label htmlFor="assigned">{t("field.assigned_staff")}</label>
          <select id="assigned" name="assigned" defaultValue={query.assigned_to ? "me" : "anyone"}>
            <option value="anyone">{t("customers.assigned.anyone")}</option>
            <option value="me">{t("customers.assigned.me")}</option>
          </select>
        </div>
        <button type="submit">{t("customers.searchButton")}</button>
      </form>
      {problem ? <p className="error" role="alert">{t(problem.summary)}</p> : null}
      <ScrollArea labelledBy="customers-heading">
        <table>
          <thead>
            <tr>
              {header("number", "field.number")}
              {header("name", "field.name")}
              <th scope="col">{t("field.contact_person")}</th>
              <th scope="col">{t("field.email")}</th>
              <th scope="col">{t("field.city")}</th>
            </tr>
          </thead>
          <tbody>
            {(items ?? []).map((customer) => (
              <tr key={customer.customer_id}>
                <td>{customer.number}</td>
                <td><a href={`#customers/${customer.customer_id}`}>{customer.name}</a></td>
                <td>{customer.contact_person}</td>
                <td>{customer.email}</td>
                <td>{customer.city}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </ScrollArea>
      {items === null ? <p role="status">{t("loading")}</p> : null}
      {items?.length === 0 ? <p role="status">{t("customers.none")}</p> : null}
      <div className="actions">
        {cursors.length > 2 ? (
          <button type="button" className="link" onClick={() => setCursors([undefined])}>{t("customers.first")}</button>
        ) : null}
        {cursors.length > 1 ? (
          <button type="button" className="secondary-outline" onClick={() => setCursors(cursors.slice(0, -1))}>{t("customers.previous")}</button>
        ) : null}
        {next ? (
          <button type="button" onClick={() => setCursors([...cursors, next])}>{t("customers.next")}</button>
        ) : null}
      </div>
    </section>
  );
}
