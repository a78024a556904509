// What the invoice pages (INV-1, seed 004 "Fakturaer") share: the types, the statuses in words (a badge whose colour
// only repeats them), money in the invoice's currency, and whose invoices a page shows.
import type { components } from "../api/client";
import { customersWhoseInvoicesItReads } from "../app/sections";
import { usePrincipal } from "../app/session";
import { formatAmount } from "../format";
import { useI18n } from "../i18n";
import type { MessageKey } from "../i18n/messages";
import { useAreaCustomer } from "./customerChoice";

export type Invoice = components["schemas"]["Invoice"];
export type InvoiceView = components["schemas"]["InvoiceView"];
export type InvoiceEntry = components["schemas"]["InvoiceEntry"];
export type InvoiceStatus = components["schemas"]["InvoiceStatus"];

export const INVOICE_STATUSES = ["unpaid", "overdue", "paid", "credited"] as const satisfies readonly InvoiceStatus[];
export const invoiceStatusKey = (status: InvoiceStatus) => `invoices.status.${status}` as MessageKey;

// The badges' colours, borrowed from the ticket statuses': overdue in the warning red, unpaid amber, settled grey.
const TONES: Record<InvoiceStatus, string> = {
  overdue: "badge", unpaid: "ticket-open", paid: "ticket-closed", credited: "ticket-waiting-for-customer",
};

export function InvoiceStatusBadge({ status }: { status: InvoiceStatus }) {
  const { t } = useI18n();
  return <span className={`status-badge ${TONES[status]}`}>{t(invoiceStatusKey(status))}</span>;
}

/** An amount in minor units in the invoice's currency, with the language's separators. */
export function useMoney(): (minor: number, currency: string) => string {
  const { language } = useI18n();
  return (minor, currency) => formatAmount(minor, currency, language);
}

/** Whose invoices a page shows: the customer in the address, else (portal users) the one the login is linked to among
 * those whose invoices it reads. */
export function useInvoiceCustomer(requested: string | undefined) {
  const read = customersWhoseInvoicesItReads(usePrincipal());
  const { customerId, customer } = useAreaCustomer(requested, read);
  return { customerId, customer, read };
}
