import { useEffect, useRef } from "react";
import type { Me } from "./api/client";
import { useI18n } from "./i18n";
import type { MessageKey } from "./i18n/messages";
import { NewCustomerPage } from "./pages/NewCustomerPage";
import { CustomerPage } from "./pages/CustomerPage";
import { CustomersPage } from "./pages/CustomersPage";
import { HomePage } from "./pages/HomePage";
import { RegistrationsPage } from "./pages/RegistrationsPage";
import { useRoute, type Route } from "./routes";

type Tab = { id: "info" | "customers" | "registrations"; label: MessageKey; allowed: (me: Me) => boolean };

// Only tabs with something behind them for this login are shown; later issues add Orders, Deposits, ….
const TABS: Tab[] = [
  { id: "info", label: "nav.info", allowed: () => true },
  { id: "customers", label: "nav.customers", allowed: (me) => me.kind === "staff" },
  { id: "registrations", label: "nav.registrations", allowed: (me) => me.permissions.includes("create_customer_user") },
];

function tabOf(route: Route): Tab["id"] {
  if (route.page === "info" || route.page === "registrations") return route.page;
  return "customers";
}

/** The logged-in portal: tabs, and the page the address names. */
export function Shell({ me }: { me: Me }) {
  const { t } = useI18n();
  const route = useRoute();
  const heading = useRef<HTMLDivElement>(null);
  const visible = TABS.filter((tab) => tab.allowed(me));
  const current = visible.some((tab) => tab.id === tabOf(route)) ? route : ({ page: "info" } as Route);

  useEffect(() => {
    heading.current?.querySelector<HTMLElement>("h1")?.focus();
  }, [current.page]);

  return (
    <>
      <nav aria-label={t("nav.label")} className="tabs">
        {visible.map((tab) => (
          <a key={tab.id} href={`#${tab.id}`} aria-current={tabOf(current) === tab.id ? "page" : undefined}>
            {t(tab.label)}
          </a>
        ))}
      </nav>
      <div ref={heading}>
        {current.page === "info" ? <HomePage me={me} /> : null}
        {current.page === "customers" ? <CustomersPage username={me.username} /> : null}
        {current.page === "registrations" ? <RegistrationsPage me={me} requestId={current.requestId} /> : null}
        {current.page === "customer" ? <CustomerPage customerId={current.customerId} /> : null}
        {current.page === "new-customer" ? <NewCustomerPage /> : null}
      </div>
    </>
  );
}
