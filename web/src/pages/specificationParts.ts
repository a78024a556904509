// What the invoice specification pages (CASE-4) share: the codes of a specification's status and the words for them,
// its period and its totals as text, and who reviews one.
import type { components, Me } from "../api/client";
import { customersWhoseSpecificationsItReads } from "../app/sections";
import { formatAmount, formatDate } from "../format";
import type { Language, MessageKey } from "../i18n/messages";

export type InvoiceSpecification = components["schemas"]["InvoiceSpecification"];
export type SpecificationSummary = components["schemas"]["SpecificationSummary"];
export type SpecificationStatus = components["schemas"]["SpecificationStatus"];
export type SpecificationTotal = components["schemas"]["SpecificationTotal"];

export const specificationStatusKey = (status: SpecificationStatus) => `specifications.status.${status}` as MessageKey;

/** A period as dd.mm.yyyy–dd.mm.yyyy, or one day alone. */
export function periodText(from: string, to: string): string {
  return from === to ? formatDate(from) : `${formatDate(from)}–${formatDate(to)}`;
}

/** The totals including VAT, one per currency. */
export function totalsText(totals: SpecificationTotal[], language: Language): string {
  return totals.map((total) => formatAmount(total.total_minor, total.currency, language)).join(", ");
}

/** Whether the login approves or comments on the customer's specifications: a contact's login linked to it (the
 * vendor's staff publish them and read the review, AUTH-4). */
export function reviewsSpecificationsOf(me: Me, customerId: string): boolean {
  return customersWhoseSpecificationsItReads(me).includes(customerId);
}
