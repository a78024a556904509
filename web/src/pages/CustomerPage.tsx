import { useCallback, useEffect, useState } from "react";
import { api, type components } from "../api/client";
import { problemOf, type Problem } from "../api/problems";
import { formatDateTime } from "../format";
import { useI18n } from "../i18n";
import { catalogues, type MessageKey } from "../i18n/messages";
import { CustomerForm } from "./CustomerForm";
import { CustomerRelations } from "./CustomerRelations";

type Customer = components["schemas"]["Customer"];
type HistoryEntry = components["schemas"]["HistoryEntry"];

const SHOWN = ["number", "organisation_number", "contact_person", "email", "phone", "address", "postal_code", "city"] as const;

function shown(value: unknown, empty: string, t?: (key: MessageKey) => string): string {
  if (value === null || value === undefined || value === "") return empty;
  if (typeof value === "object") return JSON.stringify(value);
  const word = `value.${String(value)}`;
  return t && word in catalogues.nb ? t(word as MessageKey) : String(value);
}

/** A translated label for a code from the API, or the code itself when no text exists for it yet. */
function label(t: (key: MessageKey) => string, key: string, fallback: string): string {
  return key in catalogues.nb ? t(key as MessageKey) : fallback;
}

/** Objects and departments have numbers of their own; every other field is named as on the customer. */
function fieldLabel(t: (key: MessageKey) => string, action: string, field: string): string {
  if (field === "number" && action.startsWith("object_")) return t("objects.number");
  if (field === "number" && action.startsWith("department_")) return t("departments.number");
  return label(t, `field.${field}`, field);
}

/** One customer: its details, edit, deactivate and its change history (ORG-3). */
export function CustomerPage({ customerId }: { customerId: string }) {
  const { t } = useI18n();
  const [customer, setCustomer] = useState<Customer | null>(null);
  const [history, setHistory] = useState<HistoryEntry[]>([]);
  const [editing, setEditing] = useState(false);
  const [notice, setNotice] = useState<string | null>(null);
  const [problem, setProblem] = useState<Problem | null>(null);
  const [labels, setLabels] = useState<Record<string, string>>({});

  useEffect(() => {
    void api.GET("/settings/customer-register").then(({ data }) =>
      setLabels(Object.fromEntries((data?.custom_fields ?? []).map((field) => [field.key, field.label]))),
    );
  }, []);

  const load = useCallback(async () => {
    const path = { customer_id: customerId };
    const [found, changes] = await Promise.all([
      api.GET("/customers/{customer_id}", { params: { path } }),
      api.GET("/customers/{customer_id}/history", { params: { path, query: { limit: 50 } } }),
    ]);
    setProblem(found.error ? problemOf(found.error) : null);
    setCustomer(found.data ?? null);
    setHistory(changes.data?.items ?? []);
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
            {customer.name} {customer.status === "inactive" ? <span className="badge">{t("customers.status.inactive")}</span> : null}
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
            onCancel={() => setEditing(false)}
            onSaved={() => { setEditing(false); setNotice(t("customer.saved")); void load(); }}
          />
        ) : (
          <dl className="details">
            {SHOWN.map((field) => (
              <div key={field}>
                <dt>{t(`field.${field}` as MessageKey)}</dt>
                <dd>{shown(customer[field], "–")}</dd>
              </div>
            ))}
            {Object.entries(customer.custom_fields ?? {}).map(([key, value]) => (
              <div key={key}>
                <dt>{labels[key] ?? key}</dt>
                <dd>{value === true ? t("boolean.yes") : shown(value, "–")}</dd>
              </div>
            ))}
          </dl>
        )}
      </section>
      <CustomerRelations customerId={customer.customer_id} onChanged={() => void load()} />
      <section className="card" aria-labelledby="history-heading">
        <h2 id="history-heading">{t("customer.history")}</h2>
        {history.length === 0 ? <p>{t("customer.noHistory")}</p> : (
          <div className="table-wrap">
            <table>
              <thead>
                <tr>
                  <th scope="col">{t("history.when")}</th>
                  <th scope="col">{t("history.who")}</th>
                  <th scope="col">{t("history.what")}</th>
                </tr>
              </thead>
              <tbody>
                {history.map((entry) => (
                  <tr key={entry.entry_id}>
                    <td>{formatDateTime(entry.at)}</td>
                    <td>{entry.actor}</td>
                    <td>
                      <strong>{label(t, `history.action.${entry.action}`, entry.action)}</strong>
                      <ul className="changes">
                        {entry.changes.map((change) => (
                          <li key={change.field}>
                            {fieldLabel(t, entry.action, change.field)}: {shown(change.before, t("history.empty"), t)} → {shown(change.after, t("history.empty"), t)}
                          </li>
                        ))}
                      </ul>
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </section>
    </>
  );
}
