// The short guide of each main page: what its fields and actions mean, in the user's language (catalogue texts).
import type { MessageKey } from "../i18n/messages";

export const guideIds = [
  "login", "home", "orders", "change", "service", "quotes", "deposits", "documents", "cases", "specifications", "reports", "customers", "customer",
  "registrations", "users", "catalogue", "settings", "tickets", "employees", "invoices",
] as const;
export type GuideId = (typeof guideIds)[number];

/** One explained term: its name and what it means. */
export type GuideEntry = { term: MessageKey; text: MessageKey };
export type Guide = { title: MessageKey; intro: MessageKey; entries: GuideEntry[] };

/** A guide's texts by convention: `help.<guide>.title`, `.intro`, and per term `help.<guide>.<term>` and its `.text`
 * (a vitest holds every one of them to the catalogue). */
function guide(id: GuideId, terms: string[], more: GuideEntry[] = []): Guide {
  const key = (name: string) => `help.${id}.${name}` as MessageKey;
  return {
    title: key("title"),
    intro: key("intro"),
    entries: [...terms.map((term) => ({ term: key(term), text: key(`${term}.text`) })), ...more],
  };
}

// The user administrator's guide also names the customer-side roles, with the words the users page uses.
const roleEntries: GuideEntry[] = (
  ["user_administrator", "orderer", "order_approver", "invoice_reader", "employee_administrator", "deposit_registrar", "document_handler"] as const
).map((role) => ({ term: `customerRole.${role}`, text: `customerRole.${role}.about` }));

export const guides: Record<GuideId, Guide> = {
  login: guide("login", ["username", "codes", "forgot", "locked", "signup", "access"]),
  home: guide("home", ["tabs", "roles", "files", "session", "support"]),
  customers: guide("customers", ["search", "status", "assigned", "columns", "export", "address"]),
  customer: guide("customer", [
    "number", "organisation", "group", "assignees", "lists", "quotes", "specifications", "files", "tickets", "relations", "cash", "contracts", "history", "deactivate", "delete",
  ]),
  registrations: guide("registrations", ["approve", "reject", "failed"]),
  users: guide("users", ["invite", "logins", "passwordLink", "deactivate", "delete"], roleEntries),
  orders: guide("orders", ["products", "notes", "address", "late"]),
  change: guide("change", ["date", "enter", "limit", "delete"]),
  service: guide("service", ["approval", "contract", "description", "steps"]),
  quotes: guide("quotes", ["status", "accept", "decline"]),
  deposits: guide("deposits", ["bag", "review", "reverse", "foreign", "counting"]),
  documents: guide("documents", ["search", "status", "channel", "stopped", "correct", "refuse", "send", "partners", "smartmail", "statistics", "settings", "apiKeys", "webhooks"]),
  cases: guide("cases", ["search", "new", "links", "status", "workOrders", "rows", "protocols", "files", "specifications", "dashboards", "settings"]),
  specifications: guide("specifications", ["what", "lines", "review"]),
  tickets: guide("tickets", ["new", "status", "conversation", "email"]),
  employees: guide("employees", ["search", "email", "nationalId", "reveal", "deactivate", "crm"]),
  invoices: guide("invoices", ["search", "status", "outstanding", "pdf", "register"]),
  reports: guide("reports", ["generate", "kept"]),
  catalogue: guide("catalogue", ["article", "max", "retire"]),
  settings: guide("settings", ["support", "register", "staffGroups", "conflict", "deliveries", "printJobs"]),
};

export function isGuideId(value: unknown): value is GuideId {
  return (guideIds as readonly unknown[]).includes(value);
}
