import { Link, useNavigate } from "@tanstack/react-router";
import type { ReactNode } from "react";
import type { components } from "../api/client";
import { customersWhoseDepositsItSees } from "../app/sections";
import { usePrincipal } from "../app/session";
import { useI18n } from "../i18n";
import { CustomerChooser, useAreaCustomer } from "./customerChoice";

type Customer = components["schemas"]["CustomerView"];
type Page = "slip" | "history";

const PAGES = { slip: "/deposits", history: "/deposits/history" } as const;

/** The customer whose deposits a page shows: the one in the address, else (portal users) the customer the login is
 * linked to itself among those it registers deposits for. */
export function useDepositCustomer(requested: string | undefined): { customerId: string; customer: Customer | undefined } {
  return useAreaCustomer(requested, customersWhoseDepositsItSees(usePrincipal()));
}

/** The top of the deposit pages (seed 000: Innskudd → Bilag / Innskuddshistorikk). */
export function DepositsHeader({ current, customerId, customer, onCustomerChange, children }: {
  current: Page;
  customerId: string;
  customer: Customer | undefined;
  onCustomerChange: () => void;
  children?: ReactNode;
}) {
  const { t } = useI18n();
  const me = usePrincipal();
  const navigate = useNavigate();
  const seen = customersWhoseDepositsItSees(me);
  const search = customerId ? { customer: customerId } : {};

  return (
    <section className="card" aria-labelledby="deposits-page-heading">
      <h1 id="deposits-page-heading" tabIndex={-1}>{customer ? t("deposits.headingAt", { customer: customer.name }) : t("deposits.heading")}</h1>
      <nav aria-label={t("deposits.pages")} className="subnav">
        <Link to="/deposits" search={search} activeOptions={{ exact: true, includeSearch: false }}>{t("deposits.slip")}</Link>
        <Link to="/deposits/history" search={search} activeOptions={{ exact: true, includeSearch: false }}>{t("deposits.history")}</Link>
      </nav>
      {children}
      <CustomerChooser id="deposits-customer" seen={seen} customerId={customerId} onChoose={(chosen) => {
        onCustomerChange();
        void navigate({ to: PAGES[current], search: { customer: chosen } });
      }} />
      {!customerId ? <p className="muted">{t("deposits.chooseCustomer")}</p> : null}
    </section>
  );
}
