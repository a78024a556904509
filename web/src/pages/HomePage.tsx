import { Link } from "@tanstack/react-router";
import type { Me } from "../api/client";
import { $api } from "../api/query";
import { hasRole, inRoleOrder, mayOpen } from "../app/sections";
import { usePrincipal } from "../app/session";
import { formatDateTime } from "../format";
import { useI18n } from "../i18n";
import type { MessageKey } from "../i18n/messages";
import { FilesCard } from "./FilesCard";

/** Staff: who they are and their work (their customers, requests waiting). */
function StaffStart({ me }: { me: Me }) {
  const { t } = useI18n();
  const waiting = $api.useQuery("get", "/registration-requests", { params: { query: { status: "pending" } } },
    { enabled: mayOpen(me, "registrations") });
  const count = waiting.data?.items.length ?? 0;
  return (
    <section className="card" aria-labelledby="work-heading">
      <h2 id="work-heading">{t("home.work")}</h2>
      <ul className="plain-list">
        <li><Link to="/customers" search={{ assigned: "me" }}>{t("home.myCustomers")}</Link></li>
        <li><Link to="/customers">{t("home.register")}</Link></li>
        {mayOpen(me, "tickets") ? <li><Link to="/tickets" search={{ status: "open" }}>{t("home.openTickets")}</Link></li> : null}
        {mayOpen(me, "registrations") && waiting.data ? (
          <li><Link to="/registrations">{t("home.waitingRequests", { count, more: waiting.data.next_cursor ? "yes" : "no" })}</Link></li>
        ) : null}
      </ul>
    </section>
  );
}

/** A portal user: the customers it acts for, each with its roles there and what it can do for it, and their files. */
function CustomerStart({ me }: { me: Me }) {
  const { t } = useI18n();
  const customers = $api.useQuery("get", "/me/customers");
  const objects = $api.useQuery("get", "/me/objects");
  // An object of a customer it acts for has its files among the customer's.
  const customerIds = new Set((customers.data ?? []).map((customer) => customer.customer_id));
  return (
    <>
      {customers.data?.length ? (
        <section className="card" aria-labelledby="customers-heading">
          <h2 id="customers-heading">{t("home.actingFor", { count: customers.data.length })}</h2>
          <ul className="plain-list">
            {customers.data.map((customer) => {
              const roles = me.roles?.[customer.customer_id] ?? [];
              return (
                <li key={customer.customer_id}>
                  <strong>{customer.name}</strong> ({customer.number})
                  {roles.length ? <div className="muted">{t("home.yourRoles", { roles: inRoleOrder(roles).map((role) => t(`customerRole.${role}` as MessageKey)).join(", ") })}</div> : null}
                  {hasRole(me, customer.customer_id, "orderer") || hasRole(me, customer.customer_id, "order_approver") ? (
                    <div>
                      <Link to="/orders" search={{ customer: customer.customer_id }}>
                        {t(hasRole(me, customer.customer_id, "orderer") ? "home.orderSupplies" : "home.seeOrders", { customer: customer.name })}
                      </Link>
                    </div>
                  ) : null}
                  {hasRole(me, customer.customer_id, "deposit_registrar") ? (
                    <div><Link to="/deposits" search={{ customer: customer.customer_id }}>{t("home.registerDeposits", { customer: customer.name })}</Link></div>
                  ) : null}
                  {hasRole(me, customer.customer_id, "document_handler") || hasRole(me, customer.customer_id, "invoice_reader") ? (
                    <div><Link to="/documents" search={{ customer: customer.customer_id }}>{t("home.seeDocuments", { customer: customer.name })}</Link></div>
                  ) : null}
                  {hasRole(me, customer.customer_id, "user_administrator") ? (
                    <div><Link to="/users" search={{ customer: customer.customer_id }}>{t("home.manageUsers", { customer: customer.name })}</Link></div>
                  ) : null}
                  {/* DOC-8: every login that works for the customer asks its questions there. */}
                  <div><Link to="/support" search={{ customer: customer.customer_id }}>{t("home.support", { customer: customer.name })}</Link></div>
                </li>
              );
            })}
          </ul>
        </section>
      ) : null}
      {/* CASE-5: the files of each customer it acts for, and of its objects elsewhere; none for a login that may not read them. */}
      {customers.data?.map((customer) => (
        <FilesCard key={customer.customer_id} target={{ customerId: customer.customer_id }} heading={t("files.ofCustomer", { name: customer.name })} />
      ))}
      {objects.data?.filter((item) => !customerIds.has(item.customer_id)).map((item) => (
        <FilesCard key={item.object_id} target={{ customerId: item.customer_id, objectId: item.object_id }} heading={t("files.ofObject", { name: item.name })} />
      ))}
      {objects.data?.length ? (
        <section className="card" aria-labelledby="objects-heading">
          <h2 id="objects-heading">{t("home.objects")}</h2>
          <ul className="plain-list">
            {objects.data.map((item) => (
              <li key={item.object_id}>
                <strong>{item.name}</strong>{item.number ? ` (${item.number})` : ""}
                {item.city ? ` — ${[item.address, item.city].filter(Boolean).join(", ")}` : ""}
              </li>
            ))}
          </ul>
        </section>
      ) : null}
    </>
  );
}

/** The start page: "Du er logget inn som …", and what this principal works with. */
export function HomePage() {
  const { t } = useI18n();
  const me = usePrincipal();
  const customers = $api.useQuery("get", "/me/customers", {}, { enabled: me.kind !== "staff" });
  const names = (customers.data ?? []).map((customer) => customer.name);
  const greeting =
    me.kind === "staff"
      ? t("home.staff", { name: me.display_name, role: t(`role.${me.role ?? "technician"}` as MessageKey) })
      : `${t("home.loggedInAs", { name: me.display_name })}${names.length ? ` ${t("home.forCustomers", { customers: names.join(", ") })}` : ""}`;

  return (
    <>
      <section className="card" id="info" aria-labelledby="home-heading">
        <h1 id="home-heading" tabIndex={-1}>{greeting}</h1>
        {me.session_expires_at ? <p>{t("home.sessionEnds", { time: formatDateTime(me.session_expires_at) })}</p> : null}
      </section>
      {me.kind === "staff" ? <StaffStart me={me} /> : <CustomerStart me={me} />}
    </>
  );
}
