import type { ReactNode } from "react";
import type { components, Me } from "../api/client";
import { customersWhoseDocumentsItSees, hasRole } from "../app/sections";
import { usePrincipal } from "../app/session";
import { formatDateTime } from "../format";
import { useI18n } from "../i18n";
import type { MessageKey } from "../i18n/messages";
import { AreaHeader, useAreaCustomer } from "./customerChoice";

type Customer = components["schemas"]["CustomerView"];
type Page = "overview" | "partners" | "smartmail" | "statistics" | "settings" | "apiKeys" | "webhooks";

export type DocumentType = components["schemas"]["DocumentType"];
export type DocumentStatus = components["schemas"]["DocumentStatus"];
export type Channel = components["schemas"]["Channel"];
export type Direction = components["schemas"]["Direction"];

export const STATUSES = ["received", "stopped", "sent", "delivered", "opened", "posted", "undeliverable", "not_accepted"] as const satisfies readonly DocumentStatus[];
export const CHANNELS = ["peppol", "bank", "email", "post"] as const satisfies readonly Channel[];
export const DIRECTIONS = ["outgoing", "incoming"] as const satisfies readonly Direction[];

/** The words for what the API names by code: a document's type, status, channel and direction. */
export const typeKey = (type: DocumentType) => `documents.type.${type}` as MessageKey;
export const statusKey = (status: DocumentStatus) => `documents.status.${status}` as MessageKey;
export const channelKey = (channel: Channel) => `documents.channel.${channel}` as MessageKey;
export const directionKey = (direction: Direction) => `documents.direction.${direction}` as MessageKey;

/** Statuses that ask the reader to act or look closer: shown marked. */
export const TROUBLE: readonly DocumentStatus[] = ["stopped", "undeliverable", "not_accepted"];

const PAGES = {
  overview: "/documents", partners: "/documents/partners", smartmail: "/documents/smartmail", statistics: "/documents/statistics",
  settings: "/documents/settings", apiKeys: "/documents/api-keys", webhooks: "/documents/webhooks",
} as const;

/** DOC-3: who is offered a customer's integrations, its API keys and webhooks — its user administrators (who create
 * them), and staff who may change its users' rights (who list and revoke or delete them, and see a webhook's
 * deliveries). The API decides each request. */
export function mayManageIntegrations(me: Me, customerId: string): boolean {
  return me.kind === "staff" ? me.permissions.includes("change_customer_user_rights") : hasRole(me, customerId, "user_administrator");
}

/** Only the customer's user administrators create keys and webhooks; staff list and revoke or delete them. */
export function mayCreateIntegrations(me: Me, customerId: string): boolean {
  return me.kind !== "staff" && hasRole(me, customerId, "user_administrator");
}

/** Who did something (a username, often an e-mail address: it may break after the @) and when. */
export function ByAt({ by, at }: { by: string; at: string }) {
  const sign = by.indexOf("@");
  return (
    <>
      {sign > 0 ? <>{by.slice(0, sign + 1)}<wbr />{by.slice(sign + 1)}</> : by}
      <div className="muted">{formatDateTime(at)}</div>
    </>
  );
}

/** The customer whose documents a page shows: the one in the address, else (portal users) the customer the login is
 * linked to itself among those whose documents it handles or reads. */
export function useDocumentCustomer(requested: string | undefined): { customerId: string; customer: Customer | undefined } {
  return useAreaCustomer(requested, customersWhoseDocumentsItSees(usePrincipal()));
}

/** The top of the document pages (seed 001: the overview of business documents, the trading partners, Smartmail's
 * overview, the statistics across subsidiaries, what the customer ordered for its documents, its API keys and webhooks). */
export function DocumentsHeader({ current, customerId, customer, children }: {
  current: Page;
  customerId: string;
  customer: Customer | undefined;
  children?: ReactNode;
}) {
  const { t } = useI18n();
  const me = usePrincipal();
  return (
    <AreaHeader id="documents" heading={customer ? t("documents.headingAt", { customer: customer.name }) : t("documents.heading")}
      pagesLabel={t("documents.pages")} current={PAGES[current]} seen={customersWhoseDocumentsItSees(me)}
      customerId={customerId} onCustomerChange={() => undefined} chooseHint={t("documents.chooseCustomer")}
      pages={[
        { to: PAGES.overview, label: t("documents.overview") },
        { to: PAGES.partners, label: t("documents.partners") },
        { to: PAGES.smartmail, label: t("documents.smartmail") },
        { to: PAGES.statistics, label: t("documents.statistics") },
        { to: PAGES.settings, label: t("documents.settings") },
        ...(customerId && mayManageIntegrations(me, customerId)
          ? [{ to: PAGES.apiKeys, label: t("documents.apiKeys") }, { to: PAGES.webhooks, label: t("documents.webhooks") }]
          : []),
      ]}
      note={customer && me.kind !== "staff" && !hasRole(me, customerId, "document_handler") ? <p className="muted">{t("documents.readerOnly")}</p> : null}>
      {children}
    </AreaHeader>
  );
}
