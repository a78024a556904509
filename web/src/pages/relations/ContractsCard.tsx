import type { components } from "../../api/client";
import { $api, refusalOf } from "../../api/query";
import { useI18n } from "../../i18n";
import { RecordForm, text, type Field, type Values } from "./RecordForm";
import { RelationCard } from "./RelationCard";

type Contract = components["schemas"]["Contract"];

const FIELDS: Field[] = [
  { name: "name", label: "field.name", required: true },
  { name: "number", label: "contracts.number", maxLength: 40 },
  { name: "default_reference", label: "field.default_reference", maxLength: 100 },
  { name: "product_groups", label: "field.product_groups", required: true, maxLength: 3000 },
  { name: "customer_approval", label: "field.customer_approval", type: "checkbox" },
];

/** Product groups are typed as a comma-separated list. */
function groupsOf(values: Values): string[] {
  return (text(values, "product_groups") ?? "").split(",").map((group) => group.trim()).filter(Boolean);
}

/** ORD-3 on a customer's page: the contracts its service orders are placed under — product groups, the default order
 * reference, and whether an order waits for the customer's approval after the seller's. */
export function ContractsCard({ customerId, editable }: { customerId: string; editable: boolean }) {
  const { t } = useI18n();
  const path = { customer_id: customerId };
  const contracts = $api.useQuery("get", "/customers/{customer_id}/contracts", { params: { path } }).data?.items ?? null;
  const create = $api.useMutation("post", "/customers/{customer_id}/contracts");
  const update = $api.useMutation("patch", "/customers/{customer_id}/contracts/{contract_id}");

  function body(values: Values) {
    return {
      name: text(values, "name") ?? "",
      number: text(values, "number"),
      default_reference: text(values, "default_reference"),
      product_groups: groupsOf(values),
      customer_approval: values.customer_approval === true,
    };
  }

  async function change(item: Contract, values: Values, close: () => void): Promise<unknown> {
    const refused = await refusalOf(update.mutateAsync({
      params: { path: { ...path, contract_id: item.contract_id } },
      body: { ...body(values), active: values.active === true, version: item.version },
    }));
    if (!refused) close();
    return refused;
  }

  return (
    <RelationCard editable={editable} id="contracts" heading="contracts.heading" empty="contracts.none" items={contracts}
      keyOf={(item) => item.contract_id} nameOf={(item) => item.name}
      describe={(item) => (
        <>
          <strong>{item.name}</strong>{item.number ? ` (${item.number})` : ""}
          {item.active === false ? <> <span className="badge">{t("value.inactive")}</span></> : null}
          <div className="muted">
            {item.product_groups.join(", ")} · {t(item.customer_approval === false ? "contracts.sellerOnly" : "contracts.bothApprove")}
          </div>
        </>
      )}
      editor={(item, close) => (
        <RecordForm id={`contract-${item.contract_id}`} name={t("relations.edit", { name: item.name })} submitLabel="customer.save" onCancel={close}
          fields={[...FIELDS, { name: "active", label: "field.active", type: "checkbox" }]}
          initial={{
            name: item.name, number: item.number ?? null, default_reference: item.default_reference ?? null,
            product_groups: item.product_groups.join(", "), customer_approval: item.customer_approval !== false, active: item.active !== false,
          }}
          onSubmit={(values) => change(item, values, close)} />
      )}
      addForm={<RecordForm id="contract" name={t("contracts.add")} submitLabel="contracts.add" fields={FIELDS}
        initial={undefined}
        onSubmit={(values) => refusalOf(create.mutateAsync({ params: { path }, body: body(values) }))} />}
    />
  );
}
