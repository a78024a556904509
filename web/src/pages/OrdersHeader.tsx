import type { ReactNode } from "react";
import type { components } from "../api/client";
import { customersWhoseOrdersItSees, hasRole } from "../app/sections";
import { usePrincipal } from "../app/session";
import { useI18n } from "../i18n";
import { AreaHeader, useAreaCustomer } from "./customerChoice";

type Customer = components["schemas"]["CustomerView"];
type Kind = "supplies" | "change" | "service" | "history" | "quotes";

const PAGES = {
  supplies: "/orders", change: "/orders/change", service: "/orders/service", history: "/orders/history", quotes: "/orders/quotes",
} as const;

/** The customer whose orders a page shows: the one in the address, else (portal users) the customer the login is
 * linked to itself among those it orders or approves for, not one it sees through its group. */
export function useOrderCustomer(requested: string | undefined): { customerId: string; customer: Customer | undefined } {
  return useAreaCustomer(requested, customersWhoseOrdersItSees(usePrincipal()));
}

/** The top of every order page (seed 000: Ordre → Rekvisitabestilling / Vekselbestilling; seed 003: the quotes):
 * whose orders, the kinds of order, the customer chooser for logins that order for several, and what the page says first. */
export function OrdersHeader({ current, customerId, customer, onCustomerChange, children }: {
  current: Kind;
  customerId: string;
  customer: Customer | undefined;
  onCustomerChange: () => void;
  children?: ReactNode;
}) {
  const { t } = useI18n();
  const me = usePrincipal();
  return (
    <AreaHeader id="orders" heading={customer ? t("orders.headingAt", { customer: customer.name }) : t("orders.heading")}
      pagesLabel={t("orders.kinds")} current={PAGES[current]} seen={customersWhoseOrdersItSees(me)} customerId={customerId}
      onCustomerChange={onCustomerChange} chooseHint={t("orders.chooseCustomer")}
      pages={[
        { to: PAGES.supplies, label: t("orders.kind.supplies") },
        { to: PAGES.change, label: t("orders.kind.change") },
        { to: PAGES.service, label: t("orders.kind.service") },
        { to: PAGES.history, label: t("history.orders") },
        { to: PAGES.quotes, label: t("quotes.listHeading") },
      ]}
      note={customer && me.kind !== "staff" && !hasRole(me, customerId, "orderer") ? <p className="muted">{t("orders.notOrderer")}</p> : null}>
      {children}
    </AreaHeader>
  );
}
