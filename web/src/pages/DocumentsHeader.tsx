import type { ReactNode } from "react";
import type { components } from "../api/client";
import { customersWhoseDocumentsItSees, hasRole } from "../app/sections";
import { usePrincipal } from "../app/session";
import { useI18n } from "../i18n";
import type { MessageKey } from "../i18n/messages";
import { AreaHeader, useAreaCustomer } from "./customerChoice";

type Customer = components["schemas"]["CustomerView"];
type Page = "overview" | "partners" | "smartmail" | "statistics" | "settings";

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
  settings: "/documents/settings",
} as const;

/** The customer whose documents a page shows: the one in the address, else (portal users) the customer the login is
 * linked to itself among those whose documents it handles or reads. */
export function useDocumentCustomer(requested: string | undefined): { customerId: string; customer: Customer | undefined } {
  return useAreaCustomer(requested, customersWhoseDocumentsItSees(usePrincipal()));
}

/** The top of the document pages (seed 001: the overview of business documents, the trading partners, Smartmail's
 * overview, the statistics across subsidiaries, and what the customer ordered for its documents). */
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
      ]}
      note={customer && me.kind !== "staff" && !hasRole(me, customerId, "document_handler") ? <p className="muted">{t("documents.readerOnly")}</p> : null}>
      {children}
    </AreaHeader>
  );
}
