// Which customer an area's pages (orders, deposits, documents) show, for logins that act for several: the one in the address,
// else the customer the login is linked to itself; the chooser that changes it, and the top of the area's pages.
import { Link, useNavigate } from "@tanstack/react-router";
import type { ReactNode } from "react";
import type { components } from "../api/client";
import { $api } from "../api/query";
import { usePrincipal } from "../app/session";
import { useI18n } from "../i18n";

type Customer = components["schemas"]["CustomerView"];

/** `seen`: the customers where the login holds the area's roles (staff come with the customer in the address). */
export function useAreaCustomer(requested: string | undefined, seen: string[]): { customerId: string; customer: Customer | undefined } {
  const me = usePrincipal();
  const customerId = requested ?? seen.find((id) => me.customer_ids.includes(id)) ?? seen[0] ?? "";
  const customer = $api.useQuery("get", "/customers/{customer_id}", { params: { path: { customer_id: customerId } } }, { enabled: Boolean(customerId) });
  return { customerId, customer: customer.data };
}

/** A choice of customer, shown only to portal users who act for more than one of them in the area. */
export function CustomerChooser({ id, seen, customerId, onChoose }: {
  id: string;
  seen: string[];
  customerId: string;
  onChoose: (customerId: string) => void;
}) {
  const { t } = useI18n();
  const me = usePrincipal();
  const mine = $api.useQuery("get", "/me/customers", {}, { enabled: me.kind !== "staff" });
  const choices = (mine.data ?? []).filter((choice) => seen.includes(choice.customer_id));
  if (choices.length < 2) return null;
  return (
    <div className="filters">
      <div>
        <label htmlFor={id}>{t("orders.customer")}</label>
        <select id={id} value={customerId} onChange={(event) => onChoose(event.target.value)}>
          {choices.map((choice) => <option key={choice.customer_id} value={choice.customer_id}>{choice.name}</option>)}
        </select>
      </div>
    </div>
  );
}

type AreaPage = "/orders" | "/orders/change" | "/orders/service" | "/orders/history" | "/orders/quotes" | "/deposits" | "/deposits/history"
  | "/documents" | "/documents/partners" | "/documents/smartmail" | "/documents/statistics" | "/documents/settings"
  | "/documents/api-keys" | "/documents/webhooks";

/** The top of an area's pages (seed 000: Ordre → Rekvisita / Veksel …, Innskudd → Bilag / Historikk): whose pages
 * they are, the area's pages (the router marks the current one), the customer chooser for logins that act for
 * several, and what the page says first. */
export function AreaHeader({ id, heading, pagesLabel, pages, current, seen, customerId, onCustomerChange, chooseHint, note, children }: {
  id: string;
  heading: string;
  pagesLabel: string;
  pages: { to: AreaPage; label: string }[];
  current: AreaPage;
  seen: string[];
  customerId: string;
  onCustomerChange: () => void;
  chooseHint: string;
  note?: ReactNode;
  children?: ReactNode;
}) {
  const navigate = useNavigate();
  const search = customerId ? { customer: customerId } : {};
  return (
    <section className="card" aria-labelledby={`${id}-page-heading`}>
      <h1 id={`${id}-page-heading`} tabIndex={-1}>{heading}</h1>
      <nav aria-label={pagesLabel} className="subnav">
        {/* Exact: one page's address is the start of the next one's. */}
        {pages.map((page) => (
          <Link key={page.to} to={page.to} search={search} activeOptions={{ exact: true, includeSearch: false }}>{page.label}</Link>
        ))}
      </nav>
      {children}
      <CustomerChooser id={`${id}-customer`} seen={seen} customerId={customerId} onChoose={(chosen) => {
        onCustomerChange();
        void navigate({ to: current, search: { customer: chosen } });
      }} />
      {!customerId ? <p className="muted">{chooseHint}</p> : null}
      {note}
    </section>
  );
}
