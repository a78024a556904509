import { Link, useNavigate } from "@tanstack/react-router";
import { $api } from "../api/query";
import { specificationsRoute } from "../app/router";
import { customersWhoseSpecificationsItReads } from "../app/sections";
import { usePrincipal } from "../app/session";
import { useI18n } from "../i18n";
import { SpecificationList } from "./SpecificationList";

/** CASE-4 for the customer's contacts (AUTH-4: only they see them): the invoice specifications of the customers the
 * login's contact is linked to, one customer at a time; each opens to be approved or commented on. */
export function SpecificationsPage() {
  const { t } = useI18n();
  const me = usePrincipal();
  const search = specificationsRoute.useSearch();
  const navigate = useNavigate({ from: "/cases/specifications" });
  const readable = customersWhoseSpecificationsItReads(me);
  // The customer in the address, else the one the login is linked to itself, else the first it sees.
  const customerId = (search.customer && readable.includes(search.customer) ? search.customer : undefined)
    ?? readable.find((id) => me.customer_ids.includes(id)) ?? readable[0] ?? "";
  const mine = $api.useQuery("get", "/me/customers");
  const choices = (mine.data ?? []).filter((choice) => readable.includes(choice.customer_id));
  const name = choices.find((choice) => choice.customer_id === customerId)?.name;

  return (
    <section className="card" aria-labelledby="specifications-heading">
      <Link to="/cases">{t("cases.back")}</Link>
      <h1 id="specifications-heading" tabIndex={-1}>{t("specifications.listHeading")}</h1>
      <p className="muted">{t("specifications.intro")}</p>
      {choices.length > 1 ? (
        <div className="filters">
          <div>
            <label htmlFor="specifications-customer">{t("specifications.customer")}</label>
            <select id="specifications-customer" value={customerId}
              onChange={(event) => void navigate({ search: { customer: event.target.value }, resetScroll: false })}>
              {choices.map((choice) => <option key={choice.customer_id} value={choice.customer_id}>{choice.name}</option>)}
            </select>
          </div>
        </div>
      ) : null}
      <h2 id="specifications-list-heading">{name ? t("specifications.of", { customer: name }) : t("specifications.listHeading")}</h2>
      {customerId ? <SpecificationList key={customerId} customerId={customerId} staff={false} labelledBy="specifications-list-heading" /> : null}
    </section>
  );
}
