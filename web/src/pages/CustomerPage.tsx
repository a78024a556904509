import { useCallback, useEffect, useState } from "react";
import { api, type components } from "../api/client";
import { problemOf, type Problem } from "../api/problems";
import { useI18n } from "../i18n";
import type { MessageKey } from "../i18n/messages";
import { CustomerForm } from "./CustomerForm";
import { CustomerHistory, valueText } from "./CustomerHistory";
import { definitionOf, useCustomFields } from "./customFields";
import { CustomerRelations } from "./CustomerRelations";

type Customer = components["schemas"]["Customer"];
type Summary = components["schemas"]["CustomerSummary"];

/** ORG-1: the group a subsidiary belongs to, or a group's subsidiaries, as far as the login may see them. */
function useGroup(customer: Customer | null): { parent: Customer | null; subsidiaries: Summary[] } {
  const [parent, setParent] = useState<Customer | null>(null);
  const [subsidiaries, setSubsidiaries] = useState<Summary[]>([]);
  const customerId = customer?.customer_id;
  const parentId = customer?.parent_id;
  useEffect(() => {
    setParent(null);
    setSubsidiaries([]);
    if (!customerId) return;
    if (parentId) {
      void api.GET("/customers/{customer_id}", { params: { path: { customer_id: parentId } } }).then(({ data }) => setParent(data ?? null));
    } else {
      void api.GET("/customers/{customer_id}/subsidiaries", { params: { path: { customer_id: customerId } } })
        .then(({ data }) => setSubsidiaries(data ?? []));
    }
  }, [customerId, parentId]);
  return { parent, subsidiaries };
}
const SHOWN = ["number", "organisation_number", "contact_person", "email", "phone", "address", "postal_code", "city"] as const;

/** One customer: its details, edit, deactivate and its change history (ORG-3). */
export function CustomerPage({ customerId }: { customerId: string }) {
  const { t, language } = useI18n();
  const [customer, setCustomer] = useState<Customer | null>(null);
  const [revision, setRevision] = useState(0); // a change shows in the history as soon as it is saved
  const [editing, setEditing] = useState(false);
  const [notice, setNotice] = useState<string | null>(null);
  const [problem, setProblem] = useState<Problem | null>(null);
  const definitions = useCustomFields();
  const { parent, subsidiaries } = useGroup(customer);

  const load = useCallback(async () => {
    const found = await api.GET("/customers/{customer_id}", { params: { path: { customer_id: customerId } } });
    setProblem(found.error ? problemOf(found.error) : null);
    setCustomer(found.data ?? null);
    setRevision((current) => current + 1);
  }, [customerId]);

  useEffect(() => {
    void load();
  }, [load]);

  async function toggleStatus() {
    if (!customer) return;
    const status = customer.status === "active" ? "inactive" : "active";
    const { data, error } = await api.PUT("/customers/{customer_id}/status", {
      params: { path: { customer_id: customer.customer_id } },
      body: { status, version: customer.version },
    });
    if (data) {
      setNotice(t("customer.saved"));
      await load();
    } else setProblem(problemOf(error));
  }

  if (!customer) {
    return (
      <section className="card">
        {problem ? <p className="error" role="alert">{t(problem.summary)}</p> : <p role="status">{t("loading")}</p>}
        <a href="#customers">{t("customer.back")}</a>
      </section>
    );
  }

  return (
    <>
      <section className="card" aria-labelledby="customer-heading">
        <a href="#customers">{t("customer.back")}</a>
        <div className="card-header">
          <h1 id="customer-heading">
            {customer.name} {customer.status === "inactive" ? <span className="badge">{t("customer.inactive")}</span> : null}
          </h1>
          {!editing ? (
            <div className="actions">
              <button type="button" onClick={() => { setNotice(null); setEditing(true); }}>{t("customer.edit")}</button>
              <button type="button" className="secondary-outline" onClick={() => void toggleStatus()}>
                {customer.status === "active" ? t("customer.deactivate") : t("customer.reactivate")}
              </button>
            </div>
          ) : null}
        </div>
        {notice ? <p className="notice" role="status">{notice}</p> : null}
        {problem ? <p className="error" role="alert">{t(problem.summary)}</p> : null}
        {editing ? (
          <CustomerForm
            customer={customer}
            definitions={definitions}
            onCancel={() => setEditing(false)}
            onSaved={() => { setEditing(false); setNotice(t("customer.saved")); void load(); }}
          />
        ) : (
          <dl className="details">
            {SHOWN.map((field) => (
              <div key={field}>
                <dt>{t(`field.${field}` as MessageKey)}</dt>
                <dd>{customer[field] || "–"}</dd>
              </div>
            ))}
            {Object.entries(customer.custom_fields ?? {}).map(([key, value]) => {
              const definition = definitionOf(definitions, key);
              return (
                <div key={key}>
                  <dt>{definition.label}</dt>
                  <dd>{valueText(value, { t, language }, definition)}</dd>
                </div>
              );
            })}
            {parent ? (
              <div>
                <dt>{t("field.parent_id")}</dt>
                <dd><a href={`#customers/${parent.customer_id}`}>{parent.name}</a> ({parent.number})</dd>
              </div>
            ) : null}
            {subsidiaries.length ? (
              <div>
                <dt>{t("customer.subsidiaries")}</dt>
                <dd>
                  <ul className="inline-list">
                    {subsidiaries.map((child) => <li key={child.customer_id}><a href={`#customers/${child.customer_id}`}>{child.name}</a></li>)}
                  </ul>
                </dd>
              </div>
            ) : null}
            {customer.parent_id ? null : (
              <div>
                <dt>{t("field.subsidiaries_see_each_other")}</dt>
                <dd>{t(customer.subsidiaries_see_each_other ? "value.true" : "value.false")}</dd>
              </div>
            )}
          </dl>
        )}
      </section>
      {/* Objects, contacts and departments are not part of the customer record: only its history changes. */}
      <CustomerRelations customerId={customer.customer_id} onChanged={() => setRevision((current) => current + 1)} />
      <CustomerHistory customerId={customer.customer_id} definitions={definitions} revision={revision}
        names={parent ? { [parent.customer_id]: parent.name } : {}} />
    </>
  );
}
