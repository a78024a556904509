// Which customer an area's pages (orders, deposits) show, for logins that act for several: the one in the address,
// else the customer the login is linked to itself; and the chooser that changes it.
import type { components } from "../api/client";
import { $api } from "../api/query";
import { usePrincipal } from "../app/session";
import { useI18n } from "../i18n";

type Customer = components["schemas"]["CustomerView"];

/** `seen`: the customers where the login holds the area's roles (staff come with the customer in the address). */
export function useAreaCustomer(requested: string | undefined, seen: string[]): { customerId: string; customer: Customer | undefined } {
  const me = usePrincipal();
  const customerId = requested ?? seen.find((id) => me.customer_ids.includes(id)) ?? seen[0] ?? "";
  const customer = $api.useQuery("get", "/customers/{customer_id}", { params: { path: { customer_id: customerId } } }, { enabled: Boolean(customerId) });
  return { customerId, customer: customer.data };
}

/** A choice of customer, shown only to portal users who act for more than one of them in the area. */
export function CustomerChooser({ id, seen, customerId, onChoose }: {
  id: string;
  seen: string[];
  customerId: string;
  onChoose: (customerId: string) => void;
}) {
  const { t } = useI18n();
  const me = usePrincipal();
  const mine = $api.useQuery("get", "/me/customers", {}, { enabled: me.kind !== "staff" });
  const choices = (mine.data ?? []).filter((choice) => seen.includes(choice.customer_id));
  if (choices.length < 2) return null;
  return (
    <div className="filters">
      <div>
        <label htmlFor={id}>{t("orders.customer")}</label>
        <select id={id} value={customerId} onChange={(event) => onChoose(event.target.value)}>
          {choices.map((choice) => <option key={choice.customer_id} value={choice.customer_id}>{choice.name}</option>)}
        </select>
      </div>
    </div>
  );
}
