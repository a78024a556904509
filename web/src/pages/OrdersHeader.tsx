import { Link, useNavigate } from "@tanstack/react-router";
import type { ReactNode } from "react";
import type { components } from "../api/client";
import { customersWhoseOrdersItSees, hasRole } from "../app/sections";
import { usePrincipal } from "../app/session";
import { useI18n } from "../i18n";
import { CustomerChooser, useAreaCustomer } from "./customerChoice";

type Customer = components["schemas"]["CustomerView"];
type Kind = "supplies" | "change" | "service" | "history";

const PAGES = { supplies: "/orders", change: "/orders/change", service: "/orders/service", history: "/orders/history" } as const;

/** The customer whose orders a page shows: the one in the address, else (portal users) the customer the login is
 * linked to itself among those it orders or approves for, not one it sees through its group. */
export function useOrderCustomer(requested: string | undefined): { customerId: string; customer: Customer | undefined } {
  return useAreaCustomer(requested, customersWhoseOrdersItSees(usePrincipal()));
}

/** The top of every order page (seed 000: Ordre → Rekvisitabestilling / Vekselbestilling): whose orders, the kinds
 * of order, the customer chooser for logins that order for several, and what the page says first. */
export function OrdersHeader({ current, customerId, customer, onCustomerChange, children }: {
  current: Kind;
  customerId: string;
  customer: Customer | undefined;
  onCustomerChange: () => void;
  children?: ReactNode;
}) {
  const { t } = useI18n();
  const me = usePrincipal();
  const navigate = useNavigate();
  const seen = customersWhoseOrdersItSees(me);
  const search = customerId ? { customer: customerId } : {};

  return (
    <section className="card" aria-labelledby="orders-page-heading">
      <h1 id="orders-page-heading" tabIndex={-1}>{customer ? t("orders.headingAt", { customer: customer.name }) : t("orders.heading")}</h1>
      <nav aria-label={t("orders.kinds")} className="subnav">
        {/* Exact: the supplies page's address is the start of the change page's; the router marks the current one. */}
        <Link to="/orders" search={search} activeOptions={{ exact: true, includeSearch: false }}>{t("orders.kind.supplies")}</Link>
        <Link to="/orders/change" search={search} activeOptions={{ exact: true, includeSearch: false }}>{t("orders.kind.change")}</Link>
        <Link to="/orders/service" search={search} activeOptions={{ exact: true, includeSearch: false }}>{t("orders.kind.service")}</Link>
        <Link to="/orders/history" search={search} activeOptions={{ exact: true, includeSearch: false }}>{t("history.orders")}</Link>
      </nav>
      {children}
      <CustomerChooser id="orders-customer" seen={seen} customerId={customerId} onChoose={(chosen) => {
        onCustomerChange();
        void navigate({ to: PAGES[current], search: { customer: chosen } });
      }} />
      {!customerId ? <p className="muted">{t("orders.chooseCustomer")}</p> : null}
      {customer && me.kind !== "staff" && !hasRole(me, customerId, "orderer") ? <p className="muted">{t("orders.notOrderer")}</p> : null}
    </section>
  );
}
