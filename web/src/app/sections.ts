// Which parts of the portal a principal is offered, read from /me. The API still decides every request; this
// only keeps pages from offering what would be refused.
import type { components, Me } from "../api/client";
import type { MessageKey } from "../i18n/messages";

export type CustomerRole = components["schemas"]["CustomerRole"];
export type Section = "home" | "orders" | "deposits" | "employees" | "documents" | "cases" | "reports" | "customers" | "registrations" | "users" | "catalogue" | "settings" | "tickets" | "support" | "invoices";

export const CUSTOMER_ROLES = [
  "user_administrator", "orderer", "order_approver", "invoice_reader", "employee_administrator", "deposit_registrar", "document_handler",
] as const satisfies readonly CustomerRole[];

export type Tab = {
  section: Section;
  to: "/" | "/orders" | "/deposits" | "/employees" | "/documents" | "/cases" | "/reports" | "/customers" | "/registrations" | "/users" | "/catalogue" | "/settings" | "/tickets" | "/support" | "/invoices";
  label: MessageKey;
};

// In the order they are shown. Later capabilities add theirs (orders, deposits, documents, …) with their rule;
// a tab with nothing behind it yet is not shown.
export const TABS: Tab[] = [
  { section: "home", to: "/", label: "nav.info" },
  { section: "orders", to: "/orders", label: "nav.orders" },
  { section: "deposits", to: "/deposits", label: "nav.deposits" },
  { section: "employees", to: "/employees", label: "nav.employees" },
  { section: "documents", to: "/documents", label: "nav.documents" },
  { section: "cases", to: "/cases", label: "nav.cases" },
  { section: "support", to: "/support", label: "nav.tickets" },
  { section: "tickets", to: "/tickets", label: "nav.tickets" },
  { section: "customers", to: "/customers", label: "nav.customers" },
  { section: "registrations", to: "/registrations", label: "nav.registrations" },
  { section: "users", to: "/users", label: "nav.users" },
  { section: "catalogue", to: "/catalogue", label: "nav.catalogue" },
  { section: "settings", to: "/settings", label: "nav.settings" },
  { section: "reports", to: "/reports", label: "nav.reports" },
  // INV-1: last, as in seed 004's menu (… Rapporter, Fakturaer).
  { section: "invoices", to: "/invoices", label: "nav.invoices" },
];

const ORDER_ROLES: readonly CustomerRole[] = ["orderer", "order_approver"];

const USER_ADMINISTRATION = ["create_customer_user", "change_customer_user_rights", "delete_customer_user"];

/** Whether a section is offered as a tab (staff reach a customer's users from the customer's page). */
export function mayOpen(me: Me, section: Section): boolean {
  switch (section) {
    case "home":
      return true;
    case "orders":
      return me.kind !== "staff" && customersWhoseOrdersItSees(me).length > 0;
    case "deposits":
      return me.kind !== "staff" && customersWhoseDepositsItSees(me).length > 0;
    case "documents":
      return me.kind !== "staff" && customersWhoseDocumentsItSees(me).length > 0;
    case "employees":
      // EMP-1 (seed 004 "Ansatte"): a customer's employee administrators; staff come from the customer's page.
      return me.kind !== "staff" && customersWhoseEmployeesItAdministers(me).length > 0;
    case "cases":
      // Service cases (CASE-1..3): every person who logs in — staff and each kind of portal login (AUTH-4 decides
      // which cases each sees); an API key reads documents only.
      return me.kind !== "api_key";
    case "reports":
      return mayOpenDeposits(me);
    case "invoices":
      // INV-1 (seed 004 "Fakturaer"): a customer's invoice readers; staff come from the customer's page.
      return me.kind !== "staff" && customersWhoseInvoicesItReads(me).length > 0;
    case "customers":
      return me.kind === "staff";
    case "registrations":
      return me.kind === "staff" && me.permissions.includes("create_customer_user");
    case "users":
      return me.kind !== "staff" && administersUsers(me);
    case "catalogue":
    case "settings":
      return me.kind === "staff" && me.role === "administrator";
    case "tickets":
      // DOC-8: the overview across customers, for staff who see every customer.
      return me.kind === "staff" && me.permissions.includes("view");
    case "support":
      // DOC-8: a portal login's own customers' tickets (those of its objects' customers too).
      return readsTickets(me) && me.kind !== "staff" && me.customer_ids.length + me.visible_customer_ids.length + me.object_ids.length > 0;
  }
}

/** Whether the principal reads support tickets at all (DOC-8): staff and every portal login; the API decides which. */
export function readsTickets(me: Me): boolean {
  return me.kind !== "api_key";
}

/** Whether the principal may upload a customer register (ORG-3): staff with the Create right, as for a new customer. */
export function mayImportCustomers(me: Me): boolean {
  return me.kind === "staff" && me.permissions.includes("create");
}

/** Whether the principal configures the portal's cases (mandatory links, form fields, columns): administrators. */
export function mayConfigureCases(me: Me): boolean {
  return me.kind === "staff" && me.role === "administrator";
}

/** Whether the principal follows cases on dashboards (CASE-6, seed 002 "Se dashboard"), as the API's views have it:
 * staff who see cases, a contact's login, an object login with its objects, an invoice customer with its customer. */
export function mayOpenDashboards(me: Me): boolean {
  switch (me.kind) {
    case "staff":
      return me.permissions.includes("view") || me.permissions.includes("view_assigned");
    case "contact":
      return Boolean(me.contact_id);
    case "object":
      return me.object_ids.length > 0;
    case "invoice_customer":
      return me.customer_ids.length > 0;
    default:
      return false;
  }
}

/** Whether the principal may open the users page at all: a customer's user administrator, or staff with a right. */
export function mayAdministerUsers(me: Me): boolean {
  return me.kind === "staff" ? me.permissions.some((permission) => USER_ADMINISTRATION.includes(permission)) : administersUsers(me);
}

function administersUsers(me: Me): boolean {
  return customersWhoseUsersItAdministers(me).length > 0;
}

/** Portal users: the customers where the login holds the user administrator role. */
export function customersWhoseUsersItAdministers(me: Me): string[] {
  return Object.entries(me.roles ?? {}).filter(([, roles]) => roles.includes("user_administrator")).map(([id]) => id);
}

/** Whether the principal may open the orders page: staff (from a customer's page), or a customer's orderer or
 * order approver. */
export function mayOpenOrders(me: Me): boolean {
  return me.kind === "staff" || customersWhoseOrdersItSees(me).length > 0;
}

/** Portal users: the customers where the login orders or approves orders. */
export function customersWhoseOrdersItSees(me: Me): string[] {
  return Object.entries(me.roles ?? {}).filter(([, roles]) => roles.some((role) => ORDER_ROLES.includes(role))).map(([id]) => id);
}

/** Whether the principal may open the deposit pages: staff (from a customer's page), or a customer's deposit
 * registrar. */
export function mayOpenDeposits(me: Me): boolean {
  return me.kind === "staff" || customersWhoseDepositsItSees(me).length > 0;
}

/** Portal users: the customers where the login registers deposits. */
export function customersWhoseDepositsItSees(me: Me): string[] {
  return Object.entries(me.roles ?? {}).filter(([, roles]) => roles.includes("deposit_registrar")).map(([id]) => id);
}

/** Whether the principal may open the employee pages (EMP-1): staff (from a customer's page, reading only), or a
 * customer's employee administrator. */
export function mayOpenEmployees(me: Me): boolean {
  return me.kind === "staff" || customersWhoseEmployeesItAdministers(me).length > 0;
}

/** Portal users: the customers where the login holds the employee administrator role (its group's subsidiaries too). */
export function customersWhoseEmployeesItAdministers(me: Me): string[] {
  return Object.entries(me.roles ?? {}).filter(([, roles]) => roles.includes("employee_administrator")).map(([id]) => id);
}

/** Whether the principal may open the invoice pages (INV-1): staff (from a customer's page; those who may change
 * the customer register payments and credit notes), or a customer's invoice reader. */
export function mayOpenInvoices(me: Me): boolean {
  return me.kind === "staff" || customersWhoseInvoicesItReads(me).length > 0;
}

/** Portal users: the customers where the login reads invoices (its group's subsidiaries too). */
export function customersWhoseInvoicesItReads(me: Me): string[] {
  return Object.entries(me.roles ?? {}).filter(([, roles]) => roles.includes("invoice_reader")).map(([id]) => id);
}

const DOCUMENT_ROLES: readonly CustomerRole[] = ["document_handler", "invoice_reader"];

/** Whether the principal may open the document pages: staff (from a customer's page), or a customer's document
 * handler or invoice reader. */
export function mayOpenDocuments(me: Me): boolean {
  return me.kind === "staff" || customersWhoseDocumentsItSees(me).length > 0;
}

/** Portal users: the customers where the login handles or reads business documents (DOC-1). */
export function customersWhoseDocumentsItSees(me: Me): string[] {
  return Object.entries(me.roles ?? {}).filter(([, roles]) => roles.some((role) => DOCUMENT_ROLES.includes(role))).map(([id]) => id);
}

/** CASE-4 (AUTH-4): the customers whose invoice specifications the login reads and reviews — a contact's login
 * sees those of the customers its contact is linked to (and their group's, as far as it sees them); invoice-customer
 * and object logins see none. Staff read them from the customer's page. */
export function customersWhoseSpecificationsItReads(me: Me): string[] {
  return me.kind === "contact" && me.contact_id ? me.visible_customer_ids : [];
}

/** Whether the principal holds a customer-side role at a customer (portal users; staff act by their rights). */
export function hasRole(me: Me, customerId: string, role: CustomerRole): boolean {
  return (me.roles?.[customerId] ?? []).includes(role);
}

/** Roles in one order everywhere (the order they are offered in), whatever order the API lists them in. */
export function inRoleOrder(roles: readonly CustomerRole[]): CustomerRole[] {
  return CUSTOMER_ROLES.filter((role) => roles.includes(role));
}
