// Every address of the app, typed: paths, their parameters and search parameters, and who may open them.
import { createHashHistory, createRootRouteWithContext, createRoute, createRouter, lazyRouteComponent, redirect } from "@tanstack/react-router";
import type { QueryClient } from "@tanstack/react-query";
import type { Me } from "../api/client";
import { isGuideId, type GuideId } from "../help/guides";
import { meQuery, queryClient } from "../api/query";
import { Layout } from "./Layout";
import { PortalLayout } from "./PortalLayout";
import { PageFailed, PageNotFound } from "./RouteProblems";
import { caseDashboardSearch, casesSearch, customerImportSearch, customersSearch, depositHistorySearch, documentStatisticsSearch, documentsSearch, loginSearch, orderHistorySearch, ordersSearch, serviceOrdersSearch, ticketsSearch, tradingPartnersSearch, usersSearch } from "./searches";
import {
  customersWhoseSpecificationsItReads, mayAdministerUsers, mayConfigureCases, mayImportCustomers, mayOpen, mayOpenDeposits, mayOpenDocuments, mayOpenOrders, readsTickets,
  type Section,
} from "./sections";
import { mayOpenEmployees } from "./sections";
import { employeesSearch, newEmployeeSearch } from "../pages/EmployeeSearch";
import { mayOpenInvoices } from "./sections";
import { invoicesSearch } from "../pages/InvoiceSearch";

type Context = { queryClient: QueryClient };

declare module "@tanstack/react-router" {
  // Which page guide (help/guides.ts) goes beside a page.
  interface StaticDataRouteOption {
    guide?: GuideId;
  }
}

const rootRoute = createRootRouteWithContext<Context>()({ component: Layout });

async function currentMe(context: Context): Promise<Me | null> {
  return context.queryClient.ensureQueryData(meQuery);
}

// The login steps and the e-mailed links are open to anyone; a logged-in user is sent on to the portal.
const loginRoute = createRoute({
  getParentRoute: () => rootRoute,
  path: "/login",
  validateSearch: loginSearch,
  beforeLoad: async ({ context, search }) => {
    if (await currentMe(context)) throw redirect({ href: search.redirect ?? "/" });
  },
  component: lazyRouteComponent(() => import("../pages/LoginPage"), "LoginPage"),
});
const forgotRoute = createRoute({
  getParentRoute: () => rootRoute,
  path: "/forgot-password",
  component: lazyRouteComponent(() => import("../pages/ForgotPasswordPage"), "ForgotPasswordPage"),
});
const registerRoute = createRoute({
  getParentRoute: () => rootRoute,
  path: "/register",
  component: lazyRouteComponent(() => import("../pages/RegistrationPage"), "RegistrationPage"),
});
// AUTH-2: a person asks for an account of their own; the e-mailed link opens the password page below.
const signupRoute = createRoute({
  getParentRoute: () => rootRoute,
  path: "/signup",
  component: lazyRouteComponent(() => import("../pages/SignupPage"), "SignupPage"),
});
const helpRoute = createRoute({
  getParentRoute: () => rootRoute,
  path: "/help/$guide",
  params: {
    parse: ({ guide }) => ({ guide: isGuideId(guide) ? guide : null }),
    stringify: ({ guide }) => ({ guide: guide ?? "" }),
  },
  component: lazyRouteComponent(() => import("../help/GuidePage"), "GuideRoute"),
});
export const passwordRoute = createRoute({
  getParentRoute: () => rootRoute,
  path: "/password/$token",
  params: {
    parse: ({ token }) => ({ token: /^[A-Za-z0-9_-]{20,200}$/.test(token) ? token : "" }),
    stringify: ({ token }) => ({ token }),
  },
  component: lazyRouteComponent(() => import("../pages/SetPasswordPage"), "SetPasswordPage"),
});

// DOC-7 (Smartmail): the e-mailed link to a document opens it for its recipient, who has no login.
export const openedDocumentRoute = createRoute({
  getParentRoute: () => rootRoute,
  path: "/open/$token",
  params: {
    parse: ({ token }) => ({ token: /^[A-Za-z0-9_-]{20,100}$/.test(token) ? token : "" }),
    stringify: ({ token }) => ({ token }),
  },
  component: lazyRouteComponent(() => import("../pages/OpenedDocumentPage"), "OpenedDocumentPage"),
});

// EMP-2: the link in an appointment's invitation opens the employee's self-declaration form, without a login.
export const selfDeclarationRoute = createRoute({
  getParentRoute: () => rootRoute,
  path: "/self-declaration/$token",
  params: {
    parse: ({ token }) => ({ token: /^[A-Za-z0-9_-]{20,100}$/.test(token) ? token : "" }),
    stringify: ({ token }) => ({ token }),
  },
  component: lazyRouteComponent(() => import("../pages/SelfDeclarationPage"), "SelfDeclarationPage"),
});

// Everything else needs a session; without one the login page opens and comes back here afterwards.
const portalRoute = createRoute({
  getParentRoute: () => rootRoute,
  id: "portal",
  beforeLoad: async ({ context, location }) => {
    const me = await currentMe(context);
    if (!me) throw redirect({ to: "/login", search: { redirect: location.href } });
    return { me };
  },
  component: PortalLayout,
});

/** A page of one section: a principal that may not open the section is sent to its start page. */
function guarded(section: Section) {
  return ({ context }: { context: { me: Me } }) => {
    if (!mayOpen(context.me, section)) throw redirect({ to: "/" });
  };
}

const homeRoute = createRoute({
  getParentRoute: () => portalRoute,
  path: "/",
  staticData: { guide: "home" },
  component: lazyRouteComponent(() => import("../pages/HomePage"), "HomePage"),
});
export const customersRoute = createRoute({
  getParentRoute: () => portalRoute,
  path: "/customers",
  staticData: { guide: "customers" },
  validateSearch: customersSearch,
  beforeLoad: guarded("customers"),
  component: lazyRouteComponent(() => import("../pages/CustomersPage"), "CustomersPage"),
});
const newCustomerRoute = createRoute({
  getParentRoute: () => portalRoute,
  path: "/customers/new",
  staticData: { guide: "customer" },
  beforeLoad: guarded("customers"),
  component: lazyRouteComponent(() => import("../pages/NewCustomerPage"), "NewCustomerPage"),
});
// ORG-3 (seed 003: "Ladda upp register"): an existing register uploaded as CSV, with a report of the rows refused.
export const customerImportRoute = createRoute({
  getParentRoute: () => portalRoute,
  path: "/customers/import",
  staticData: { guide: "customers" },
  validateSearch: customerImportSearch,
  beforeLoad: ({ context }) => {
    if (!mayImportCustomers(context.me)) throw redirect({ to: "/customers" });
  },
  component: lazyRouteComponent(() => import("../pages/CustomerImportPage"), "CustomerImportPage"),
});
export const customerRoute = createRoute({
  getParentRoute: () => portalRoute,
  path: "/customers/$customerId",
  staticData: { guide: "customer" },
  beforeLoad: guarded("customers"),
  component: lazyRouteComponent(() => import("../pages/CustomerPage"), "CustomerPage"),
});
// CASE-4: staff open a customer's invoice specification from its page (and from the e-mail telling of its review).
export const customerSpecificationRoute = createRoute({
  getParentRoute: () => portalRoute,
  path: "/customers/$customerId/specifications/$specificationId",
  staticData: { guide: "specifications" },
  beforeLoad: guarded("customers"),
  component: lazyRouteComponent(() => import("../pages/SpecificationPage"), "CustomerSpecificationPage"),
});
// DOC-8: one support ticket, for staff and the customer's users alike: the e-mails to both sides link here. Not under
// the customer register's guard: a portal user opens its own customer's tickets at this address too.
export const ticketRoute = createRoute({
  getParentRoute: () => portalRoute,
  path: "/customers/$customerId/tickets/$ticketId",
  staticData: { guide: "tickets" },
  beforeLoad: ({ context }) => {
    if (!readsTickets(context.me)) throw redirect({ to: "/" });
  },
  component: lazyRouteComponent(() => import("../pages/TicketPage"), "TicketPage"),
});
// DOC-8: staff see every customer's tickets by status; the customer's users their customer's, and open new ones.
export const ticketsRoute = createRoute({
  getParentRoute: () => portalRoute,
  path: "/tickets",
  staticData: { guide: "tickets" },
  validateSearch: ticketsSearch,
  beforeLoad: guarded("tickets"),
  component: lazyRouteComponent(() => import("../pages/TicketsPage"), "TicketsPage"),
});
export const supportRoute = createRoute({
  getParentRoute: () => portalRoute,
  path: "/support",
  staticData: { guide: "tickets" },
  validateSearch: ordersSearch,
  beforeLoad: guarded("support"),
  component: lazyRouteComponent(() => import("../pages/SupportPage"), "SupportPage"),
});
export const registrationsRoute = createRoute({
  getParentRoute: () => portalRoute,
  path: "/registrations",
  staticData: { guide: "registrations" },
  beforeLoad: guarded("registrations"),
  component: lazyRouteComponent(() => import("../pages/RegistrationsPage"), "RegistrationsPage"),
});
export const registrationRoute = createRoute({
  getParentRoute: () => portalRoute,
  path: "/registrations/$requestId",
  staticData: { guide: "registrations" },
  beforeLoad: guarded("registrations"),
  component: lazyRouteComponent(() => import("../pages/RegistrationsPage"), "RegistrationsPage"),
});

export const usersRoute = createRoute({
  getParentRoute: () => portalRoute,
  path: "/users",
  staticData: { guide: "users" },
  validateSearch: usersSearch,
  beforeLoad: ({ context }) => {
    if (!mayAdministerUsers(context.me)) throw redirect({ to: "/" });
  },
  component: lazyRouteComponent(() => import("../pages/UsersPage"), "UsersPage"),
});

export const ordersRoute = createRoute({
  getParentRoute: () => portalRoute,
  path: "/orders",
  staticData: { guide: "orders" },
  validateSearch: ordersSearch,
  beforeLoad: ({ context }) => {
    if (!mayOpenOrders(context.me)) throw redirect({ to: "/" });
  },
  component: lazyRouteComponent(() => import("../pages/OrdersPage"), "OrdersPage"),
});

export const changeOrdersRoute = createRoute({
  getParentRoute: () => portalRoute,
  path: "/orders/change",
  staticData: { guide: "change" },
  validateSearch: ordersSearch,
  beforeLoad: ({ context }) => {
    if (!mayOpenOrders(context.me)) throw redirect({ to: "/" });
  },
  component: lazyRouteComponent(() => import("../pages/ChangeOrdersPage"), "ChangeOrdersPage"),
});

export const orderHistoryRoute = createRoute({
  getParentRoute: () => portalRoute,
  path: "/orders/history",
  staticData: { guide: "orders" },
  validateSearch: orderHistorySearch,
  beforeLoad: ({ context }) => {
    if (!mayOpenOrders(context.me)) throw redirect({ to: "/" });
  },
  component: lazyRouteComponent(() => import("../pages/OrderHistoryPage"), "OrderHistoryPage"),
});

export const serviceOrdersRoute = createRoute({
  getParentRoute: () => portalRoute,
  path: "/orders/service",
  staticData: { guide: "service" },
  validateSearch: serviceOrdersSearch,
  beforeLoad: ({ context }) => {
    if (!mayOpenOrders(context.me)) throw redirect({ to: "/" });
  },
  component: lazyRouteComponent(() => import("../pages/ServiceOrdersPage"), "ServiceOrdersPage"),
});

// Seed 003: the customer's quotes, accepted or declined by its orderers and order approvers.
export const quotesRoute = createRoute({
  getParentRoute: () => portalRoute,
  path: "/orders/quotes",
  staticData: { guide: "quotes" },
  validateSearch: ordersSearch,
  beforeLoad: ({ context }) => {
    if (!mayOpenOrders(context.me)) throw redirect({ to: "/" });
  },
  component: lazyRouteComponent(() => import("../pages/QuotesPage"), "QuotesPage"),
});

export const orderConfirmationRoute = createRoute({
  getParentRoute: () => portalRoute,
  path: "/orders/$customerId/$orderId",
  staticData: { guide: "orders" },
  beforeLoad: ({ context }) => {
    if (!mayOpenOrders(context.me)) throw redirect({ to: "/" });
  },
  component: lazyRouteComponent(() => import("../pages/OrderConfirmationPage"), "OrderConfirmationPage"),
});

export const depositsRoute = createRoute({
  getParentRoute: () => portalRoute,
  path: "/deposits",
  staticData: { guide: "deposits" },
  validateSearch: ordersSearch,
  beforeLoad: ({ context }) => {
    if (!mayOpenDeposits(context.me)) throw redirect({ to: "/" });
  },
  component: lazyRouteComponent(() => import("../pages/DepositsPage"), "DepositsPage"),
});
export const depositHistoryRoute = createRoute({
  getParentRoute: () => portalRoute,
  path: "/deposits/history",
  staticData: { guide: "deposits" },
  validateSearch: depositHistorySearch,
  beforeLoad: ({ context }) => {
    if (!mayOpenDeposits(context.me)) throw redirect({ to: "/" });
  },
  component: lazyRouteComponent(() => import("../pages/DepositHistoryPage"), "DepositHistoryPage"),
});
export const depositReceiptRoute = createRoute({
  getParentRoute: () => portalRoute,
  path: "/deposits/$customerId/$depositId",
  staticData: { guide: "deposits" },
  beforeLoad: ({ context }) => {
    if (!mayOpenDeposits(context.me)) throw redirect({ to: "/" });
  },
  component: lazyRouteComponent(() => import("../pages/DepositReceiptPage"), "DepositReceiptPage"),
});
export const countingReceiptRoute = createRoute({
  getParentRoute: () => portalRoute,
  path: "/deposits/$customerId/$depositId/counting-receipt",
  staticData: { guide: "deposits" },
  beforeLoad: ({ context }) => {
    if (!mayOpenDeposits(context.me)) throw redirect({ to: "/" });
  },
  component: lazyRouteComponent(() => import("../pages/DepositReceiptPage"), "CountingReceiptPage"),
});

// EMP-1 (seed 004 "Ansatte"): a customer's employees found, added, edited, deactivated, for its employee
// administrators; staff who see the customer come from its page and read them.
function employeesGuard({ context }: { context: { me: Me } }) {
  if (!mayOpenEmployees(context.me)) throw redirect({ to: "/" });
}
export const employeesRoute = createRoute({
  getParentRoute: () => portalRoute,
  path: "/employees",
  staticData: { guide: "employees" },
  validateSearch: employeesSearch,
  beforeLoad: employeesGuard,
  component: lazyRouteComponent(() => import("../pages/EmployeesPage"), "EmployeesPage"),
});
export const newEmployeeRoute = createRoute({
  getParentRoute: () => portalRoute,
  path: "/employees/new",
  staticData: { guide: "employees" },
  validateSearch: newEmployeeSearch,
  beforeLoad: employeesGuard,
  component: lazyRouteComponent(() => import("../pages/EmployeeForm"), "NewEmployeePage"),
});
export const employeeRoute = createRoute({
  getParentRoute: () => portalRoute,
  path: "/employees/$customerId/$employeeId",
  staticData: { guide: "employees" },
  beforeLoad: employeesGuard,
  component: lazyRouteComponent(() => import("../pages/EmployeePage"), "EmployeePage"),
});

// INV-1 (seed 004 "Fakturaer"): a customer's invoices found by number, dates and status, for its invoice readers;
// staff who see the customer come from its page, and those who may change it register payments and credit notes.
function invoicesGuard({ context }: { context: { me: Me } }) {
  if (!mayOpenInvoices(context.me)) throw redirect({ to: "/" });
}
export const invoicesRoute = createRoute({
  getParentRoute: () => portalRoute,
  path: "/invoices",
  staticData: { guide: "invoices" },
  validateSearch: invoicesSearch,
  beforeLoad: invoicesGuard,
  component: lazyRouteComponent(() => import("../pages/InvoicesPage"), "InvoicesPage"),
});
export const invoiceRoute = createRoute({
  getParentRoute: () => portalRoute,
  path: "/invoices/$customerId/$invoiceId",
  staticData: { guide: "invoices" },
  beforeLoad: invoicesGuard,
  component: lazyRouteComponent(() => import("../pages/InvoicePage"), "InvoicePage"),
});

// The document pages (DOC-1, DOC-2, DOC-4, DOC-5, DOC-7): staff come from the customer's page, with the customer in the address.
function documentsGuard({ context }: { context: { me: Me } }) {
  if (!mayOpenDocuments(context.me)) throw redirect({ to: "/" });
}

export const documentsRoute = createRoute({
  getParentRoute: () => portalRoute,
  path: "/documents",
  staticData: { guide: "documents" },
  validateSearch: documentsSearch,
  beforeLoad: documentsGuard,
  component: lazyRouteComponent(() => import("../pages/DocumentsPage"), "DocumentsPage"),
});
export const tradingPartnersRoute = createRoute({
  getParentRoute: () => portalRoute,
  path: "/documents/partners",
  staticData: { guide: "documents" },
  validateSearch: tradingPartnersSearch,
  beforeLoad: documentsGuard,
  component: lazyRouteComponent(() => import("../pages/TradingPartnersPage"), "TradingPartnersPage"),
});
export const documentSettingsRoute = createRoute({
  getParentRoute: () => portalRoute,
  path: "/documents/settings",
  staticData: { guide: "documents" },
  validateSearch: ordersSearch,
  beforeLoad: documentsGuard,
  component: lazyRouteComponent(() => import("../pages/DocumentSettingsPage"), "DocumentSettingsPage"),
});
// DOC-3: the customer's API keys, for its user administrators (and staff who may change its users: list and revoke).
export const apiKeysRoute = createRoute({
  getParentRoute: () => portalRoute,
  path: "/documents/api-keys",
  staticData: { guide: "documents" },
  validateSearch: ordersSearch,
  beforeLoad: documentsGuard,
  component: lazyRouteComponent(() => import("../pages/ApiKeysPage"), "ApiKeysPage"),
});
// DOC-3: the customer's webhooks, for the same people as its API keys (staff list and delete them, and see deliveries).
export const webhooksRoute = createRoute({
  getParentRoute: () => portalRoute,
  path: "/documents/webhooks",
  staticData: { guide: "documents" },
  validateSearch: ordersSearch,
  beforeLoad: documentsGuard,
  component: lazyRouteComponent(() => import("../pages/WebhooksPage"), "WebhooksPage"),
});
export const smartmailRoute = createRoute({
  getParentRoute: () => portalRoute,
  path: "/documents/smartmail",
  staticData: { guide: "documents" },
  validateSearch: ordersSearch,
  beforeLoad: documentsGuard,
  component: lazyRouteComponent(() => import("../pages/SmartmailPage"), "SmartmailPage"),
});
export const documentStatisticsRoute = createRoute({
  getParentRoute: () => portalRoute,
  path: "/documents/statistics",
  staticData: { guide: "documents" },
  validateSearch: documentStatisticsSearch,
  beforeLoad: documentsGuard,
  component: lazyRouteComponent(() => import("../pages/DocumentStatisticsPage"), "DocumentStatisticsPage"),
});
export const documentRoute = createRoute({
  getParentRoute: () => portalRoute,
  path: "/documents/$customerId/$documentId",
  staticData: { guide: "documents" },
  beforeLoad: documentsGuard,
  component: lazyRouteComponent(() => import("../pages/DocumentPage"), "DocumentPage"),
});

// CASE-1..3 (seed 002: Nytt ärende, Sök ärende, Åtgärder): the cases a login sees, a new case, one case with its work
// orders and article rows; and, for administrators, how the portal's cases are configured.
export const casesRoute = createRoute({
  getParentRoute: () => portalRoute,
  path: "/cases",
  staticData: { guide: "cases" },
  validateSearch: casesSearch,
  beforeLoad: guarded("cases"),
  component: lazyRouteComponent(() => import("../pages/CasesPage"), "CasesPage"),
});
const newCaseRoute = createRoute({
  getParentRoute: () => portalRoute,
  path: "/cases/new",
  staticData: { guide: "cases" },
  beforeLoad: guarded("cases"),
  component: lazyRouteComponent(() => import("../pages/NewCasePage"), "NewCasePage"),
});
// CASE-6 (seed 002: Se dashboard): cases, work orders, lead times and article rows per month, for staff and for the
// portal logins that follow cases (the page explains itself to a login without dashboards).
export const caseDashboardRoute = createRoute({
  getParentRoute: () => portalRoute,
  path: "/cases/dashboard",
  staticData: { guide: "cases" },
  validateSearch: caseDashboardSearch,
  beforeLoad: guarded("cases"),
  component: lazyRouteComponent(() => import("../pages/CaseDashboardPage"), "CaseDashboardPage"),
});
const caseSettingsRoute = createRoute({
  getParentRoute: () => portalRoute,
  path: "/cases/settings",
  staticData: { guide: "cases" },
  beforeLoad: ({ context }) => {
    if (!mayConfigureCases(context.me)) throw redirect({ to: "/cases" });
  },
  component: lazyRouteComponent(() => import("../pages/CaseSettingsPage"), "CaseSettingsPage"),
});
// CASE-4 (AUTH-4): the invoice specifications of the customers a contact's login is linked to, under Cases.
function specificationsGuard({ context }: { context: { me: Me } }) {
  if (!customersWhoseSpecificationsItReads(context.me).length) throw redirect({ to: "/cases" });
}
export const specificationsRoute = createRoute({
  getParentRoute: () => portalRoute,
  path: "/cases/specifications",
  staticData: { guide: "specifications" },
  validateSearch: ordersSearch,
  beforeLoad: specificationsGuard,
  component: lazyRouteComponent(() => import("../pages/SpecificationsPage"), "SpecificationsPage"),
});
export const specificationRoute = createRoute({
  getParentRoute: () => portalRoute,
  path: "/cases/specifications/$customerId/$specificationId",
  staticData: { guide: "specifications" },
  beforeLoad: specificationsGuard,
  component: lazyRouteComponent(() => import("../pages/SpecificationPage"), "SpecificationPage"),
});
export const caseRoute = createRoute({
  getParentRoute: () => portalRoute,
  path: "/cases/$caseId",
  staticData: { guide: "cases" },
  beforeLoad: guarded("cases"),
  component: lazyRouteComponent(() => import("../pages/CasePage"), "CasePage"),
});

export const reportsRoute = createRoute({
  getParentRoute: () => portalRoute,
  path: "/reports",
  staticData: { guide: "reports" },
  beforeLoad: ({ context }) => {
    if (!mayOpenDeposits(context.me)) throw redirect({ to: "/" });
  },
  component: lazyRouteComponent(() => import("../pages/ReportsPage"), "ReportsPage"),
});

const catalogueRoute = createRoute({
  getParentRoute: () => portalRoute,
  path: "/catalogue",
  staticData: { guide: "catalogue" },
  beforeLoad: guarded("catalogue"),
  component: lazyRouteComponent(() => import("../pages/CataloguePage"), "CataloguePage"),
});

const settingsRoute = createRoute({
  getParentRoute: () => portalRoute,
  path: "/settings",
  staticData: { guide: "settings" },
  beforeLoad: guarded("settings"),
  component: lazyRouteComponent(() => import("../pages/SettingsPage"), "SettingsPage"),
});

const routeTree = rootRoute.addChildren([
  loginRoute,
  forgotRoute,
  registerRoute,
  signupRoute,
  passwordRoute,
  openedDocumentRoute,
  selfDeclarationRoute,
  helpRoute,
  portalRoute.addChildren([homeRoute, customersRoute, newCustomerRoute, customerImportRoute, customerRoute, customerSpecificationRoute, ticketRoute, ticketsRoute, supportRoute, registrationsRoute, registrationRoute, usersRoute, ordersRoute, changeOrdersRoute, serviceOrdersRoute, orderHistoryRoute, quotesRoute, orderConfirmationRoute, depositsRoute, depositHistoryRoute, depositReceiptRoute, countingReceiptRoute, employeesRoute, newEmployeeRoute, employeeRoute, invoicesRoute, invoiceRoute, documentsRoute, tradingPartnersRoute, documentSettingsRoute, apiKeysRoute, webhooksRoute, smartmailRoute, documentStatisticsRoute, documentRoute, casesRoute, newCaseRoute, caseDashboardRoute, caseSettingsRoute, specificationsRoute, specificationRoute, caseRoute, reportsRoute, catalogueRoute, settingsRoute]),
]);

/** Links e-mailed before the router (`/#registrations/<id>`) still open their page: the hash gets its slash. */
export function normaliseHash(hash: string): string {
  return hash && !hash.startsWith("#/") ? `#/${hash.slice(1)}` : hash;
}

export function createAppRouter() {
  return createRouter({
    routeTree,
    // The app's addresses live in the hash: the static host serves one page, and e-mailed links keep working.
    history: createHashHistory(),
    context: { queryClient },
    defaultPreload: "intent",
    defaultErrorComponent: PageFailed,
    defaultNotFoundComponent: PageNotFound,
  });
}

declare module "@tanstack/react-router" {
  interface Register {
    router: ReturnType<typeof createAppRouter>;
  }
}
