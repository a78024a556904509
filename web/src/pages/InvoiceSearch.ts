// The invoice list's search (INV-1, seed 004 "Søk etter faktura"), validated as app/searches.ts validates the others:
// a bookmarked or shared address reopens the same search. zod's small build: the router loads this with every page.
import * as z from "zod/mini";

/** A value that falls back to `fallback` when the address has none or one the app cannot use. */
function or<T extends z.core.SomeType>(schema: T, fallback: z.core.output<T>) {
  return z.catch(z._default(schema, fallback as never), fallback as never);
}

const entityId = z.catch(z.optional(z.string().check(z.regex(/^[0-9A-Za-z]{1,26}$/))), undefined);
const isoDay = or(z.string().check(z.regex(/^(\d{4}-\d{2}-\d{2})?$/)), "");

/** Whose invoices (portal users who read several customers' invoices choose; staff come with it from the customer's
 * page), an invoice number, the invoice dates from and to, and the status. */
export const invoicesSearch = z.object({
  customer: entityId,
  number: or(z.string().check(z.maxLength(40)), ""),
  from: isoDay,
  to: isoDay,
  status: or(z.enum(["", "unpaid", "overdue", "paid", "credited"]), ""),
});
export type InvoicesSearch = z.infer<typeof invoicesSearch>;
