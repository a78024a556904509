// The search parameters of each list, validated: a bookmarked or shared address reopens the same search. Built
// with zod's small build (zod/mini): these schemas load with every page, the forms' full zod only with a form.
import * as z from "zod/mini";

/** A value that falls back to `fallback` when the address has none or one the app cannot use. */
function or<T extends z.core.SomeType>(schema: T, fallback: z.core.output<T>) {
  return z.catch(z._default(schema, fallback as never), fallback as never);
}

const cursorTrail = or(z.array(z.string().check(z.maxLength(2048))).check(z.maxLength(50)), []);
const columns = z.catch(z.optional(z.array(z.string().check(z.maxLength(64))).check(z.maxLength(40))), undefined);

export const customersSearch = z.object({
  q: or(z.string().check(z.maxLength(100)), ""),
  status: or(z.enum(["active", "inactive"]), "active"),
  assigned: or(z.enum(["anyone", "me"]), "anyone"),
  sort: or(z.enum(["name", "number"]), "name"),
  order: or(z.enum(["asc", "desc"]), "asc"),
  /** The cursors of the pages before this one, first page first; the last is this page's. */
  pages: cursorTrail,
  columns,
});
export type CustomersSearch = z.infer<typeof customersSearch>;

/** ORG-3: the register upload shown (a new upload's, or an earlier one chosen from the list). */
export const customerImportSearch = z.object({
  import: z.catch(z.optional(z.string().check(z.regex(/^[0-9A-Za-z]{1,26}$/))), undefined),
});

/** Where to go after logging in: only an address inside the app, never another site. */
export const loginSearch = z.object({
  redirect: z.catch(
    z.optional(z.string().check(z.maxLength(2048), z.refine((path) => path.startsWith("/") && !path.startsWith("//")))),
    undefined,
  ),
  ended: z.catch(z.optional(z.boolean()), undefined),
});

export const usersSearch = z.object({
  customer: z.catch(z.optional(z.string().check(z.regex(/^[0-9A-Za-z]{1,26}$/))), undefined),
});

export const ordersSearch = z.object({
  customer: z.catch(z.optional(z.string().check(z.regex(/^[0-9A-Za-z]{1,26}$/))), undefined),
});

/** DOC-8: the staff overview's status (open first: those wait for the vendor). */
export const ticketsSearch = z.object({
  status: or(z.enum(["open", "in_progress", "waiting_for_customer", "closed"]), "open"),
});

export const serviceOrdersSearch = z.object({
  customer: z.catch(z.optional(z.string().check(z.regex(/^[0-9A-Za-z]{1,26}$/))), undefined),
  /** The order shown open (the e-mailed link names it). */
  order: z.catch(z.optional(z.string().check(z.regex(/^[0-9A-Za-z]{1,26}$/))), undefined),
});

const isoDay = or(z.string().check(z.regex(/^(\d{4}-\d{2}-\d{2})?$/)), "");

/** The deposit history's search (DEP-2): dates, status, department, bag number, and the columns shown. */
export const depositHistorySearch = z.object({
  customer: z.catch(z.optional(z.string().check(z.regex(/^[0-9A-Za-z]{1,26}$/))), undefined),
  from: isoDay,
  to: isoDay,
  status: or(z.enum(["", "registered", "counted", "reversed"]), ""),
  department: or(z.string().check(z.regex(/^[0-9A-Za-z]{0,26}$/)), ""),
  bag: or(z.string().check(z.regex(/^\d{0,12}$/)), ""),
  columns,
});
export type DepositHistorySearch = z.infer<typeof depositHistorySearch>;

/** The order history's search (ORD-4). */
export const orderHistorySearch = z.object({
  customer: z.catch(z.optional(z.string().check(z.regex(/^[0-9A-Za-z]{1,26}$/))), undefined),
  from: isoDay,
  to: isoDay,
  status: or(z.string().check(z.regex(/^[a-z_]{0,40}$/)), ""),
  department: or(z.string().check(z.regex(/^[0-9A-Za-z]{0,26}$/)), ""),
  group: or(z.string().check(z.maxLength(100)), ""),
  number: or(z.string().check(z.regex(/^\d{0,10}$/)), ""),
  reference: or(z.string().check(z.maxLength(100)), ""),
  columns,
});
export type OrderHistorySearch = z.infer<typeof orderHistorySearch>;

/** An amount as the API takes it ("1250.50", "-99"): typed the Norwegian way, it is written so before it gets here. */
const exactAmount = or(z.string().check(z.regex(/^(-?\d{1,12}(\.\d{1,2})?)?$/)), "");

/** The currencies an amount search offers (the document's own currency, ISO 4217). */
export const AMOUNT_CURRENCIES = ["NOK", "SEK", "EUR"] as const;

/** The document overview's search (DOC-1): dates, direction, status, channel, trading partner, number, and the amount
 * due from and to in one currency. */
export const documentsSearch = z.object({
  customer: z.catch(z.optional(z.string().check(z.regex(/^[0-9A-Za-z]{1,26}$/))), undefined),
  from: isoDay,
  to: isoDay,
  direction: or(z.enum(["", "outgoing", "incoming"]), ""),
  status: or(z.enum(["", "received", "stopped", "sent", "delivered", "opened", "posted", "undeliverable", "not_accepted"]), ""),
  channel: or(z.enum(["", "peppol", "bank", "email", "post"]), ""),
  /** A trading partner's key: its electronic address ("0192:974760673") or e-mail. */
  partner: or(z.string().check(z.maxLength(200)), ""),
  number: or(z.string().check(z.maxLength(200)), ""),
  amountFrom: exactAmount,
  amountTo: exactAmount,
  currency: or(z.enum(AMOUNT_CURRENCIES), "NOK"),
  columns,
});
export type DocumentsSearch = z.infer<typeof documentsSearch>;

/** The trading partners (DOC-2): all of them, or (DOC-5) only those the customer's documents were stopped with. */
export const tradingPartnersSearch = z.object({
  customer: z.catch(z.optional(z.string().check(z.regex(/^[0-9A-Za-z]{1,26}$/))), undefined),
  stopped: or(z.boolean(), false),
});
export type TradingPartnersSearch = z.infer<typeof tradingPartnersSearch>;

const isoMonth = or(z.string().check(z.regex(/^(\d{4}-(0[1-9]|1[0-2]))?$/)), "");

/** The document statistics' months (DOC-4): from and to, YYYY-MM; none means the last twelve. */
export const documentStatisticsSearch = z.object({
  customer: z.catch(z.optional(z.string().check(z.regex(/^[0-9A-Za-z]{1,26}$/))), undefined),
  from: isoMonth,
  to: isoMonth,
});
export type DocumentStatisticsSearch = z.infer<typeof documentStatisticsSearch>;

/** The case search (CASE-2): free text, status, type, customer and object, and the dates the cases were filed. */
export const casesSearch = z.object({
  q: or(z.string().check(z.maxLength(200)), ""),
  status: or(z.enum(["", "new", "planned", "in_progress", "closed"]), ""),
  type: or(z.enum(["", "fault", "service", "installation", "inspection", "other"]), ""),
  customer: or(z.string().check(z.regex(/^[0-9A-Za-z]{0,26}$/)), ""),
  object: or(z.string().check(z.regex(/^[0-9A-Za-z]{0,26}$/)), ""),
  from: isoDay,
  to: isoDay,
});
export type CasesSearch = z.infer<typeof casesSearch>;

/** The case dashboards (CASE-6): whose cases (the view; none means the login's first), the months (YYYY-MM; none
 * means the last three), the customer and object, and the types and action code each dashboard is narrowed by. */
export const caseDashboardSearch = z.object({
  view: or(z.enum(["", "all", "mine", "objects", "customers"]), ""),
  from: isoMonth,
  to: isoMonth,
  customer: or(z.string().check(z.regex(/^[0-9A-Za-z]{0,26}$/)), ""),
  object: or(z.string().check(z.regex(/^[0-9A-Za-z]{0,26}$/)), ""),
  caseType: or(z.enum(["", "fault", "service", "installation", "inspection", "other"]), ""),
  workOrderType: or(z.enum(["", "repair", "maintenance", "installation", "inspection"]), ""),
  articleType: or(z.enum(["", "work", "part", "travel", "other"]), ""),
  actionCode: or(z.string().check(z.maxLength(20)), ""),
});
export type CaseDashboardSearch = z.infer<typeof caseDashboardSearch>;
