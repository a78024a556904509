import { Link, useParams } from "@tanstack/react-router";
import { useState } from "react";
import type { components } from "../api/client";
import { problemOf } from "../api/problems";
import { $api, isConflict, refusalOf } from "../api/query";
import { formatOrganisationNumber } from "../format";
import { useI18n } from "../i18n";
import type { MessageKey } from "../i18n/messages";
import { ConfirmButton } from "../ui/ConfirmButton";
import { notify } from "../ui/Toasts";
import { CustomerAssignees, useStaffNames } from "./CustomerAssignees";
import { DeleteCustomerButton, InUse } from "./CustomerDeletion";
import { CustomerForm } from "./CustomerForm";
import { CustomerHistory, valueText } from "./CustomerHistory";
import { definitionOf, labelIn, useCustomFields } from "./customFields";
import { CashAgreementForm } from "./CashAgreement";
import { CustomerRelations } from "./CustomerRelations";
import { ContractsCard } from "./relations/ContractsCard";
import { CustomerCases, CustomerOrders } from "./CustomerLists";
import { CustomerQuotes } from "./CustomerQuotes";
import { CustomerSpecifications } from "./CustomerSpecifications";
import { CustomerTickets } from "./CustomerTickets";
import { FilesCard, useObjectNames } from "./FilesCard";

type Customer = components["schemas"]["CustomerView"];

/** ORG-1: the group a subsidiary belongs to, or a group's subsidiaries, as far as the login may see them. */
function useGroup(customer: Customer | undefined) {
  const parentId = customer?.parent_id ?? "";
  const parent = $api.useQuery("get", "/customers/{customer_id}", { params: { path: { customer_id: parentId } } }, { enabled: Boolean(parentId) });
  const subsidiaries = $api.useQuery("get", "/customers/{customer_id}/subsidiaries",
    { params: { path: { customer_id: customer?.customer_id ?? "" } } }, { enabled: Boolean(customer && !parentId) });
  return { parent: parentId ? parent.data : undefined, subsidiaries: subsidiaries.data ?? [] };
}

const SHOWN = ["number", "contact_person", "email", "phone", "address", "postal_code", "city"] as const;

/** One customer: its details, edit, deactivate or delete, the staff responsible for it (ORG-4), its orders, cases and quotes
 * (seed 003), its invoice specifications (CASE-4), its files (CASE-5), its support tickets (DOC-8) and its change history (ORG-3). */
export function CustomerPage() {
  const { customerId } = useParams({ from: "/portal/customers/$customerId" });
  const { t, language } = useI18n();
  const found = $api.useQuery("get", "/customers/{customer_id}", { params: { path: { customer_id: customerId } } });
  const setStatus = $api.useMutation("put", "/customers/{customer_id}/status");
  const [editing, setEditing] = useState(false);
  const [refusal, setRefusal] = useState<unknown>(null);
  const loadedDefinitions = useCustomFields();
  const definitions = loadedDefinitions ?? [];
  const customer = found.data;
  const { parent, subsidiaries } = useGroup(customer);
  const staffNames = useStaffNames(customerId);
  // The history names a file's object by its name (the objects card reads the same list).
  const objectNames = useObjectNames(customerId, Boolean(customer));

  async function toggleStatus(current: Customer) {
    const status = current.status === "active" ? "inactive" : "active";
    const refused = await refusalOf(setStatus.mutateAsync({
      params: { path: { customer_id: current.customer_id } }, body: { status, version: current.version },
    }));
    setRefusal(refused);
    if (!refused) notify(t(status === "inactive" ? "toast.deactivated" : "toast.reactivated", { name: current.name }));
  }

  if (!customer) {
    return (
      <section className="card">
        <h1 tabIndex={-1}>{t("customer.heading")}</h1>
        {found.error ? <p className="error" role="alert">{t(problemOf(found.error).summary)}</p> : <p role="status">{t("loading")}</p>}
        <Link to="/customers">{t("customer.back")}</Link>
      </section>
    );
  }

  const may = (action: NonNullable<Customer["actions"]>[number]) => customer.actions?.includes(action) ?? false;
  return (
    <>
      <section className="card" aria-labelledby="customer-heading">
        <Link to="/customers">{t("customer.back")}</Link>
        <div className="card-header">
          <h1 id="customer-heading" tabIndex={-1}>
            {customer.name} {customer.status === "inactive" ? <span className="badge">{t("customer.inactive")}</span> : null}
          </h1>
          {!editing ? (
            <div className="actions">
              {may("edit") && loadedDefinitions ? <button type="button" onClick={() => { setRefusal(null); setEditing(true); }}>{t("customer.edit")}</button> : null}
              {may("change_status") ? (
                customer.status === "active" ? (
                  <ConfirmButton label={t("customer.deactivate")} title={t("customer.deactivateTitle", { name: customer.name })}
                    confirmLabel={t("customer.deactivate")} onConfirm={() => toggleStatus(customer)}>
                    <p>{t("customer.deactivateConfirm")}</p>
                  </ConfirmButton>
                ) : (
                  <button type="button" className="secondary-outline" onClick={() => void toggleStatus(customer)}>{t("customer.reactivate")}</button>
                )
              ) : null}
              {may("delete") ? <DeleteCustomerButton customer={customer} onRefused={setRefusal} /> : null}
            </div>
          ) : null}
        </div>
        {refusal ? (
          <div className="error" role="alert">
            <p>{t(problemOf(refusal).summary)}</p>
            <InUse refusal={refusal} />
            {isConflict(refusal) ? <button type="button" className="secondary-outline" onClick={() => { setRefusal(null); void found.refetch(); }}>{t("conflict.reload")}</button> : null}
          </div>
        ) : null}
        {editing ? (
          <CustomerForm
            customer={customer}
            definitions={definitions}
            onCancel={() => setEditing(false)}
            onSaved={(saved) => { setEditing(false); notify(t("toast.saved", { name: saved.name })); }}
          />
        ) : (
          <dl className="details">
            {SHOWN.map((field) => (
              <div key={field}>
                <dt>{t(`field.${field}` as MessageKey)}</dt>
                <dd>{customer[field] || "–"}</dd>
              </div>
            ))}
            <div>
              <dt>{t("field.organisation_number")}</dt>
              <dd>{formatOrganisationNumber(customer.organisation_number, customer.country) || "–"}</dd>
            </div>
            {Object.entries(customer.custom_fields ?? {}).map(([key, value]) => {
              const definition = definitionOf(definitions, key);
              return (
                <div key={key}>
                  <dt>{labelIn(definition, language)}</dt>
                  <dd>{valueText(value, { t, language }, definition)}</dd>
                </div>
              );
            })}
            {parent ? (
              <div>
                <dt>{t("field.parent_id")}</dt>
                <dd><Link to="/customers/$customerId" params={{ customerId: parent.customer_id }}>{parent.name}</Link> ({parent.number})</dd>
              </div>
            ) : null}
            {subsidiaries.length ? (
              <div>
                <dt>{t("customer.subsidiaries")}</dt>
                <dd>
                  <ul className="inline-list">
                    {subsidiaries.map((child) => (
                      <li key={child.customer_id}><Link to="/customers/$customerId" params={{ customerId: child.customer_id }}>{child.name}</Link></li>
                    ))}
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
      <CustomerAssignees customerId={customer.customer_id} customerName={customer.name} />
      {/* Objects, contacts and departments are not part of the customer record: only its history changes. */}
      {may("invite_user") || may("change_users") ? (
        <section className="card" aria-labelledby="customer-users-heading">
          <h2 id="customer-users-heading">{t("users.heading")}</h2>
          <p><Link to="/users" search={{ customer: customer.customer_id }}>{t("customer.users", { name: customer.name })}</Link></p>
        </section>
      ) : null}
      {/* Seed 003: its orders, cases and quotes, ten rows each; CASE-4: its invoice specifications. */}
      <CustomerOrders customerId={customer.customer_id} customerName={customer.name} />
      <CustomerCases customerId={customer.customer_id} customerName={customer.name} />
      <CustomerQuotes customerId={customer.customer_id} customerName={customer.name} editable={may("edit")} />
      <CustomerSpecifications customerId={customer.customer_id} customerName={customer.name} editable={may("edit")} />
      {/* CASE-5: the customer's files and its objects'; not there for a login that may not read them. */}
      <FilesCard target={{ customerId: customer.customer_id }} />
      {/* DOC-8: the support tickets its users opened, each answered on its own page. */}
      <CustomerTickets customerId={customer.customer_id} />
      <section className="card" aria-labelledby="customer-deposits-heading">
        <h2 id="customer-deposits-heading">{t("customer.deposits")}</h2>
        <p><Link to="/deposits/history" search={{ customer: customer.customer_id }}>{t("home.seeDeposits", { customer: customer.name })}</Link></p>
      </section>
      <section className="card" aria-labelledby="customer-documents-heading">
        <h2 id="customer-documents-heading">{t("customer.documents")}</h2>
        <p><Link to="/documents" search={{ customer: customer.customer_id }}>{t("home.seeDocuments", { customer: customer.name })}</Link></p>
      </section>
      {/* EMP-1: its employees, as its employee administrators keep them (staff read them). */}
      <section className="card" aria-labelledby="customer-employees-heading">
        <h2 id="customer-employees-heading">{t("employees.heading")}</h2>
        <p><Link to="/employees" search={{ customer: customer.customer_id }}>{t("employees.ofCustomer", { customer: customer.name })}</Link></p>
      </section>
      {/* INV-1: its invoices, where staff who may change the customer register payments and credit notes. */}
      <section className="card" aria-labelledby="customer-invoices-heading">
        <h2 id="customer-invoices-heading">{t("invoices.heading")}</h2>
        <p><Link to="/invoices" search={{ customer: customer.customer_id }}>{t("invoices.ofCustomer", { customer: customer.name })}</Link></p>
      </section>
      <CashAgreementForm customerId={customer.customer_id} editable={may("edit")} />
      <ContractsCard customerId={customer.customer_id} editable={may("edit")} />
      <CustomerRelations customerId={customer.customer_id} editable={may("edit")} />
      <CustomerHistory customerId={customer.customer_id} definitions={definitions}
        names={{ ...staffNames, ...objectNames, ...(parent ? { [parent.customer_id]: parent.name } : {}) }} />
    </>
  );
}
