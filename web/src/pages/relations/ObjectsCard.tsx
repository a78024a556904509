import type { ReactNode } from "react";
import type { components } from "../../api/client";
import { $api, refusalOf } from "../../api/query";
import { useI18n } from "../../i18n";
import { ObjectFiles } from "../FilesCard";
import { RecordForm, text, type Field, type Values } from "./RecordForm";
import { RelationCard } from "./RelationCard";

export type ServiceObject = components["schemas"]["ServiceObject"];

const FIELDS: Field[] = [
  { name: "name", label: "field.name", required: true }, { name: "number", label: "objects.number" },
  { name: "address", label: "field.address" }, { name: "postal_code", label: "field.postal_code" },
  { name: "city", label: "field.city" }, { name: "description", label: "field.description" },
];

function details(values: Values) {
  return {
    name: text(values, "name") ?? "", number: text(values, "number"), address: text(values, "address"),
    postal_code: text(values, "postal_code"), city: text(values, "city"), description: text(values, "description"),
  };
}

/** A customer's sites and installations (ORG-2): add, change, deactivate; each with its files (CASE-5). */
export function ObjectsCard({ customerId, objects, editable, more }: {
  customerId: string; objects: ServiceObject[] | null; editable: boolean; more?: ReactNode;
}) {
  const { t } = useI18n();
  const create = $api.useMutation("post", "/customers/{customer_id}/objects");
  const update = $api.useMutation("patch", "/customers/{customer_id}/objects/{object_id}");

  function add(values: Values): Promise<unknown> {
    return refusalOf(create.mutateAsync({ params: { path: { customer_id: customerId } }, body: details(values) }));
  }

  async function change(item: ServiceObject, values: Values, close: () => void): Promise<unknown> {
    const refused = await refusalOf(update.mutateAsync({
      params: { path: { customer_id: customerId, object_id: item.object_id } },
      body: { ...details(values), status: values.active ? "active" : "inactive", version: item.version },
    }));
    if (!refused) close();
    return refused;
  }

  return (
    <RelationCard editable={editable} more={more} id="objects" heading="objects.heading" empty="objects.none" items={objects}
      keyOf={(item) => item.object_id} nameOf={(item) => item.name}
      describe={(item) => {
        const place = [item.address, item.postal_code, item.city].filter(Boolean).join(", ");
        return (
          <>
            <strong>{item.name}</strong>{item.number ? ` (${item.number})` : ""}{place ? ` — ${place}` : ""}
            {item.status === "inactive" ? <> <span className="badge">{t("value.inactive")}</span></> : null}
            {item.description ? <div className="muted">{item.description}</div> : null}
            <ObjectFiles customerId={customerId} objectId={item.object_id} name={item.name} />
          </>
        );
      }}
      editor={(item, close) => (
        <RecordForm id={`object-${item.object_id}`} name={t("relations.edit", { name: item.name })} submitLabel="customer.save" onCancel={close}
          fields={[...FIELDS, { name: "active", label: "field.active", type: "checkbox" }]}
          initial={{
            name: item.name, number: item.number ?? null, address: item.address ?? null, postal_code: item.postal_code ?? null,
            city: item.city ?? null, description: item.description ?? null, active: item.status !== "inactive",
          }}
          onSubmit={(values) => change(item, values, close)} />
      )}
      addForm={<RecordForm id="object" name={t("objects.add")} submitLabel="objects.add" fields={FIELDS} onSubmit={add} />}
    />
  );
}
