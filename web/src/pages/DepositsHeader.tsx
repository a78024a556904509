import type { ReactNode } from "react";
import type { components } from "../api/client";
import { customersWhoseDepositsItSees } from "../app/sections";
import { usePrincipal } from "../app/session";
import { useI18n } from "../i18n";
import { AreaHeader, useAreaCustomer } from "./customerChoice";

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
  return (
    <AreaHeader id="deposits" heading={customer ? t("deposits.headingAt", { customer: customer.name }) : t("deposits.heading")}
      pagesLabel={t("deposits.pages")} current={PAGES[current]} seen={customersWhoseDepositsItSees(usePrincipal())}
      customerId={customerId} onCustomerChange={onCustomerChange} chooseHint={t("deposits.chooseCustomer")}
      pages={[{ to: PAGES.slip, label: t("deposits.slip") }, { to: PAGES.history, label: t("deposits.history") }]}>
      {children}
    </AreaHeader>
  );
}
