import type { components } from "../../api/client";
import { $api, refusalOf } from "../../api/query";
import { useI18n } from "../../i18n";
import { RecordForm, text, type Field, type Values } from "./RecordForm";
import { RelationCard } from "./RelationCard";

type Department = components["schemas"]["Department"];

const FIELDS: Field[] = [{ name: "name", label: "field.name", required: true }, { name: "number", label: "departments.number" }];

/** A customer's departments (ORG-2): add, rename, deactivate (an inactive one cannot be chosen for new orders). */
export function DepartmentsCard({ customerId, departments, editable }: { customerId: string; departments: Department[] | null; editable: boolean }) {
  const { t } = useI18n();
  const create = $api.useMutation("post", "/customers/{customer_id}/departments");
  const update = $api.useMutation("patch", "/customers/{customer_id}/departments/{department_id}");

  function add(values: Values): Promise<unknown> {
    return refusalOf(create.mutateAsync({
      params: { path: { customer_id: customerId } },
      body: { name: text(values, "name") ?? "", number: text(values, "number") },
    }));
  }

  async function change(item: Department, values: Values, close: () => void): Promise<unknown> {
    const refused = await refusalOf(update.mutateAsync({
      params: { path: { customer_id: customerId, department_id: item.department_id } },
      body: { name: text(values, "name") ?? "", number: text(values, "number"), active: values.active === true, version: item.version },
    }));
    if (!refused) close();
    return refused;
  }

  return (
    <RelationCard editable={editable} id="departments" heading="departments.heading" empty="departments.none" items={departments}
      keyOf={(item) => item.department_id} nameOf={(item) => item.name}
      describe={(item) => (
        <>
          <strong>{item.name}</strong>{item.number ? ` (${item.number})` : ""}
          {item.active === false ? <> <span className="badge">{t("value.inactive")}</span></> : null}
        </>
      )}
      editor={(item, close) => (
        <RecordForm id={`department-${item.department_id}`} name={t("relations.edit", { name: item.name })} submitLabel="customer.save" onCancel={close}
          fields={[...FIELDS, { name: "active", label: "field.active", type: "checkbox" }]}
          initial={{ name: item.name, number: item.number ?? null, active: item.active !== false }}
          onSubmit={(values) => change(item, values, close)} />
      )}
      addForm={<RecordForm id="department" name={t("departments.add")} submitLabel="departments.add" fields={FIELDS} onSubmit={add} />}
    />
  );
}
