import { useState } from "react";
import { $api } from "../api/query";
import { useI18n } from "../i18n";
import { SearchComboBox, type Choice } from "../ui/SearchComboBox";

/** Staff narrow a case search or dashboard to a customer found by its name or number (then to one of its objects).
 * What to type is said under the filters: a hint here would lift the field out of line with the others. */
export function StaffCustomerFilter({ id, chosen, onChoose }: { id: string; chosen: string; onChoose: (customerId: string) => void }) {
  const { t } = useI18n();
  const [typed, setTyped] = useState("");
  const text = typed.trim();
  const found = $api.useQuery("get", "/customers", { params: { query: { q: text, limit: 10 } } }, { enabled: text.length >= 2 });
  // The customer named in the address when the page opened is shown by its name.
  const [initial] = useState(chosen);
  const named = $api.useQuery("get", "/customers/{customer_id}", { params: { path: { customer_id: initial } } }, { enabled: Boolean(initial) });
  const choices: Choice[] = text.length >= 2
    ? (found.data?.items ?? []).map((item) => ({ id: item.customer_id, label: `${item.name} (${item.number})` }))
    : [];
  if (initial && !named.data && !named.error) return <div><p role="status">{t("loading")}</p></div>;
  return (
    <SearchComboBox id={id} label={t("cases.field.customer_id")}
      defaultText={named.data ? `${named.data.name} (${named.data.number})` : ""}
      choices={choices} noMatches={t(found.isFetching ? "loading" : "cases.noCustomerMatches")}
      onSearch={setTyped} onChoose={(choice) => onChoose(choice?.id ?? "")} />
  );
}
