import { Link, useNavigate } from "@tanstack/react-router";
import type { FormEvent } from "react";
import { problemOf, word } from "../api/problems";
import { byCursor, usePages } from "../api/query";
import { employeesRoute } from "../app/router";
import { usePrincipal } from "../app/session";
import { formatDate } from "../format";
import { useI18n } from "../i18n";
import { DataTable, type ListColumn } from "../ui/DataTable";
import { LoadMore } from "../ui/LoadMore";
import { CustomerChooser } from "./customerChoice";
import { fullName, useDepartments, useEmployeeCustomer, type EmployeeSummary } from "./EmployeeParts";
import type { EmployeesSearch } from "./EmployeeSearch";

const PAGE_SIZE = 25;
const COLUMNS = ["name", "birth_date", "email", "department"];

/** EMP-1 (seed 004 "Ansatte", "Finn ansatte"): a customer's employees, found by free text (words of the name or
 * e-mail), department and whether they are active; the name opens the employee. Its employee administrators add new
 * ones here; staff who see the customer arrive from its page and read them. */
export function EmployeesPage() {
  const { t } = useI18n();
  const me = usePrincipal();
  const search = employeesRoute.useSearch();
  const navigate = useNavigate({ from: "/employees" });
  const { customerId, customer, administered, mayAdd } = useEmployeeCustomer(search.customer);
  const staff = me.kind === "staff";
  const departments = useDepartments(customerId);
  const departmentNames = new Map(departments.map((department) => [department.department_id, department.name]));
  const query = {
    q: search.q || undefined, department_id: search.department || undefined, status: search.status, limit: PAGE_SIZE,
  };
  const pages = usePages("get", "/customers/{customer_id}/employees", { params: { path: { customer_id: customerId }, query } },
    { ...byCursor, enabled: Boolean(customerId), retry: false });
  const rows = pages.data?.pages.flatMap((page) => page.items) ?? [];
  const more = Boolean(pages.hasNextPage);

  const columns: ListColumn<EmployeeSummary>[] = [
    {
      id: "name", header: t("employees.column.name"), rowHeader: true,
      cell: (row) => (
        <Link to="/employees/$customerId/$employeeId" params={{ customerId, employeeId: row.employee_id }} className="long-text">
          {fullName(row)}
        </Link>
      ),
    },
    { id: "birth_date", header: t("employees.column.birthDate"), cell: (row) => (row.birth_date ? <span className="nowrap">{formatDate(row.birth_date)}</span> : "") },
    { id: "email", header: t("employees.column.email"), cell: (row) => <span className="long-text">{row.email}</span> },
    {
      id: "department", header: t("employees.column.department"),
      cell: (row) => (row.department_id ? departmentNames.get(row.department_id) ?? "" : customer?.name ?? ""),
    },
  ];

  function change(next: Partial<EmployeesSearch>) {
    void navigate({ search: (previous) => ({ ...previous, ...next }), resetScroll: false });
  }

  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const text = (name: string) => String(form.get(name) ?? "").trim();
    change({ q: text("q"), department: text("department"), status: text("status") === "inactive" ? "inactive" : "active" });
  }

  // A search too short or unusable is said at its field's words; anything else by its summary.
  const refusal = pages.error ? problemOf(pages.error) : null;
  const refusalText = refusal ? (refusal.fields.q ? word(refusal.fields.q, t) : t(refusal.summary)) : null;

  return (
    <>
      <section className="card" aria-labelledby="employees-heading">
        {staff && customerId ? <Link to="/customers/$customerId" params={{ customerId }}>{t("employees.backToCustomer")}</Link> : null}
        <div className="card-header">
          <h1 id="employees-heading" tabIndex={-1}>{customer ? t("employees.headingAt", { customer: customer.name }) : t("employees.heading")}</h1>
          {mayAdd ? (
            <div className="actions">
              <Link className="button" to="/employees/new" search={{ customer: customerId }}>{t("employees.new")}</Link>
            </div>
          ) : null}
        </div>
        {staff ? <p>{t("employees.introStaff")}</p> : (
          <>
            <p>{t("employees.intro")}</p>
            <p className="muted">{t("employees.emailNote")}</p>
          </>
        )}
        {/* Another customer's departments differ: the search starts over there. */}
        <CustomerChooser id="employees-customer" seen={administered} customerId={customerId}
          onChoose={(chosen) => void navigate({ search: { customer: chosen } })} />
        {!customerId ? <p>{t(staff ? "employees.chooseCustomer" : "employees.noCustomer")}</p> : null}
        {customerId ? (
          <>
            <h2 id="employees-find-heading">{t("employees.find")}</h2>
            {/* A new search key re-creates the form, so its fields show what the address says (after back/forward, and
                the department once the customer's departments have come). */}
            <form key={`${customerId}|${search.q}|${search.department}|${search.status}|${departments.length}`} className="filters" role="search"
              aria-labelledby="employees-find-heading" onSubmit={submit}>
              <div>
                <label htmlFor="employees-q">{t("employees.search")}</label>
                <input id="employees-q" name="q" type="search" defaultValue={search.q} maxLength={100} aria-describedby="employees-q-hint" />
              </div>
              <div>
                <label htmlFor="employees-department">{t("employees.department")}</label>
                <select id="employees-department" name="department" defaultValue={search.department}>
                  <option value="">{t("employees.anyDepartment")}</option>
                  {departments.map((department) => <option key={department.department_id} value={department.department_id}>{department.name}</option>)}
                </select>
              </div>
              <div>
                <label htmlFor="employees-status">{t("employees.status")}</label>
                <select id="employees-status" name="status" defaultValue={search.status}>
                  <option value="active">{t("employees.status.active")}</option>
                  <option value="inactive">{t("employees.status.inactive")}</option>
                </select>
              </div>
              <button type="submit">{t("employees.searchButton")}</button>
            </form>
            <p className="hint" id="employees-q-hint">{t("employees.searchHint")}</p>
          </>
        ) : null}
      </section>
      {customerId ? (
        <section className="card" aria-labelledby="employees-results-heading">
          <h2 id="employees-results-heading">{t(search.status === "inactive" ? "employees.resultsInactive" : "employees.results")}</h2>
          {refusalText ? <p className="error" role="alert">{refusalText}</p> : null}
          {!pages.data && !pages.error ? <p role="status">{t("loading")}</p> : null}
          {pages.data ? (
            <>
              <p className="muted" role="status">{t("employees.shown", { count: rows.length, more: more ? "yes" : "no" })}</p>
              <DataTable labelledBy="employees-results-heading" columns={columns} rows={rows} rowId={(row) => row.employee_id}
                visibleColumns={COLUMNS} empty={<p>{t("employees.none")}</p>} />
            </>
          ) : null}
          <LoadMore pages={pages} />
        </section>
      ) : null}
    </>
  );
}
