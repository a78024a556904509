// The short guide of each main page: what its fields and actions mean, in the user's language (catalogue texts).
import type { MessageKey } from "../i18n/messages";

export const guideIds = ["login", "home", "customers", "customer", "registrations", "users", "settings"] as const;
export type GuideId = (typeof guideIds)[number];

/** One explained term: its name and what it means. */
export type GuideEntry = { term: MessageKey; text: MessageKey };
export type Guide = { title: MessageKey; intro: MessageKey; entries: GuideEntry[] };

const roleEntries: GuideEntry[] = (
  ["user_administrator", "orderer", "order_approver", "invoice_reader", "employee_administrator", "deposit_registrar"] as const
).map((role) => ({ term: `customerRole.${role}`, text: `customerRole.${role}.about` }));

export const guides: Record<GuideId, Guide> = {
  login: {
    title: "help.login.title",
    intro: "help.login.intro",
    entries: [
      { term: "help.login.username", text: "help.login.username.text" },
      { term: "help.login.codes", text: "help.login.codes.text" },
      { term: "help.login.forgot", text: "help.login.forgot.text" },
      { term: "help.login.locked", text: "help.login.locked.text" },
      { term: "help.login.access", text: "help.login.access.text" },
    ],
  },
  home: {
    title: "help.home.title",
    intro: "help.home.intro",
    entries: [
      { term: "help.home.tabs", text: "help.home.tabs.text" },
      { term: "help.home.roles", text: "help.home.roles.text" },
      { term: "help.home.session", text: "help.home.session.text" },
      { term: "help.home.support", text: "help.home.support.text" },
    ],
  },
  customers: {
    title: "help.customers.title",
    intro: "help.customers.intro",
    entries: [
      { term: "help.customers.search", text: "help.customers.search.text" },
      { term: "help.customers.status", text: "help.customers.status.text" },
      { term: "help.customers.assigned", text: "help.customers.assigned.text" },
      { term: "help.customers.columns", text: "help.customers.columns.text" },
      { term: "help.customers.export", text: "help.customers.export.text" },
      { term: "help.customers.address", text: "help.customers.address.text" },
    ],
  },
  customer: {
    title: "help.customer.title",
    intro: "help.customer.intro",
    entries: [
      { term: "help.customer.number", text: "help.customer.number.text" },
      { term: "help.customer.organisation", text: "help.customer.organisation.text" },
      { term: "help.customer.group", text: "help.customer.group.text" },
      { term: "help.customer.relations", text: "help.customer.relations.text" },
      { term: "help.customer.history", text: "help.customer.history.text" },
      { term: "help.customer.deactivate", text: "help.customer.deactivate.text" },
    ],
  },
  registrations: {
    title: "help.registrations.title",
    intro: "help.registrations.intro",
    entries: [
      { term: "help.registrations.approve", text: "help.registrations.approve.text" },
      { term: "help.registrations.reject", text: "help.registrations.reject.text" },
      { term: "help.registrations.failed", text: "help.registrations.failed.text" },
    ],
  },
  users: {
    title: "help.users.title",
    intro: "help.users.intro",
    entries: [
      { term: "help.users.invite", text: "help.users.invite.text" },
      ...roleEntries,
      { term: "help.users.deactivate", text: "help.users.deactivate.text" },
      { term: "help.users.delete", text: "help.users.delete.text" },
    ],
  },
  settings: {
    title: "help.settings.title",
    intro: "help.settings.intro",
    entries: [
      { term: "help.settings.support", text: "help.settings.support.text" },
      { term: "help.settings.register", text: "help.settings.register.text" },
      { term: "help.settings.conflict", text: "help.settings.conflict.text" },
      { term: "help.settings.deliveries", text: "help.settings.deliveries.text" },
    ],
  },
};

export function isGuideId(value: unknown): value is GuideId {
  return (guideIds as readonly unknown[]).includes(value);
}
