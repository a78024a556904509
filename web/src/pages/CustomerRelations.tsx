import { useCallback, useEffect, useState, type FormEvent, type ReactNode } from "react";
import { api, type components } from "../api/client";
import { problemOf, type Problem } from "../api/problems";
import { useI18n } from "../i18n";
import type { MessageKey } from "../i18n/messages";

type ServiceObject = components["schemas"]["ServiceObject"];
type ContactSummary = components["schemas"]["ContactSummary"];
type Department = components["schemas"]["Department"];

type Field = { name: string; label: MessageKey; required?: boolean; type?: string };

/** A small "add" form whose fields are listed, with the API's refusal shown above it. */
function AddForm({ id, fields, submitLabel, onSubmit, extra }: {
  id: string; fields: Field[]; submitLabel: MessageKey; extra?: ReactNode;
  onSubmit: (values: Record<string, string | null>, form: FormData) => Promise<Problem | null>;
}) {
  const { t } = useI18n();
  const [problem, setProblem] = useState<Problem | null>(null);

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const formElement = event.currentTarget;
    const form = new FormData(formElement);
    const values = Object.fromEntries(fields.map((field) => [field.name, String(form.get(field.name) ?? "").trim() || null]));
    const refused = await onSubmit(values, form);
    setProblem(refused);
    if (!refused) formElement.reset();
  }

  return (
    <form onSubmit={submit} noValidate className="add-form">
      {problem ? <p className="error" role="alert">{t(problem.summary)}</p> : null}
      <div className="grid">
        {fields.map((field) => (
          <div key={field.name}>
            <label htmlFor={`${id}-${field.name}`}>{t(field.label)}{field.required ? " *" : ""}</label>
            <input id={`${id}-${field.name}`} name={field.name} type={field.type ?? "text"} required={field.required} />
            {problem?.fields[field.name] ? <p className="field-error">{problem.fields[field.name]}</p> : null}
          </div>
        ))}
      </div>
      {extra}
      <div className="actions"><button type="submit">{t(submitLabel)}</button></div>
    </form>
  );
}

function Listing({ heading, id, empty, rows, form }: {
  heading: MessageKey; id: string; empty: MessageKey; rows: ReactNode[] | null; form: ReactNode;
}) {
  const { t } = useI18n();
  if (rows === null) {
    return (
      <section className="card" aria-labelledby={`${id}-heading`}>
        <h2 id={`${id}-heading`}>{t(heading)}</h2>
        <p role="status">{t("loading")}</p>
      </section>
    );
  }
  return (
    <section className="card" aria-labelledby={`${id}-heading`}>
      <h2 id={`${id}-heading`}>{t(heading)}</h2>
      {rows.length ? <ul className="plain-list">{rows}</ul> : <p>{t(empty)}</p>}
      <details>
        <summary>{t(`${id}.add` as MessageKey)}</summary>
        {form}
      </details>
    </section>
  );
}

/** ORG-1/ORG-2 on a customer's page: its objects, contacts and departments, and adding to each. */
export function CustomerRelations({ customerId, onChanged }: { customerId: string; onChanged: () => void }) {
  const { t } = useI18n();
  // null until loaded: "none yet" must never be said about a list that has not arrived.
  const [objects, setObjects] = useState<ServiceObject[] | null>(null);
  const [contacts, setContacts] = useState<ContactSummary[] | null>(null);
  const [departments, setDepartments] = useState<Department[] | null>(null);
  const path = { customer_id: customerId };

  const load = useCallback(async () => {
    const customer = { customer_id: customerId };
    const [found, linked, units] = await Promise.all([
      api.GET("/customers/{customer_id}/objects", { params: { path: customer, query: { limit: 100 } } }),
      api.GET("/customers/{customer_id}/contacts", { params: { path: customer } }),
      api.GET("/customers/{customer_id}/departments", { params: { path: customer } }),
    ]);
    setObjects(found.data?.items ?? []);
    setContacts(linked.data ?? []);
    setDepartments(units.data ?? []);
  }, [customerId]);

  async function changed() {
    await load();
    onChanged(); // the customer's history has a new entry
  }

  useEffect(() => {
    void load();
  }, [load]);

  async function addObject(values: Record<string, string | null>): Promise<Problem | null> {
    const { error } = await api.POST("/customers/{customer_id}/objects", {
      params: { path }, body: { name: values.name ?? "", number: values.number, address: values.address, city: values.city },
    });
    if (error) return problemOf(error, t);
    await changed();
    return null;
  }

  async function addContact(values: Record<string, string | null>, form: FormData): Promise<Problem | null> {
    const linkedObjects = form.getAll("object").map((objectId) => ({ customer_id: customerId, object_id: String(objectId) }));
    const created = await api.POST("/contacts", {
      body: { name: values.name ?? "", email: values.email, phone: values.phone, title: values.title },
    });
    if (!created.data) {
      const problem = problemOf(created.error, t);
      return problem.summary === "error.conflict" ? { summary: "error.email_taken", fields: {} } : problem;
    }
    const { error } = await api.PUT("/contacts/{contact_id}/links", {
      params: { path: { contact_id: created.data.contact_id } },
      body: { version: created.data.version, customer_ids: [customerId], objects: linkedObjects },
    });
    if (error) return problemOf(error, t);
    await changed();
    return null;
  }

  async function addDepartment(values: Record<string, string | null>): Promise<Problem | null> {
    const { error } = await api.POST("/customers/{customer_id}/departments", {
      params: { path }, body: { name: values.name ?? "", number: values.number },
    });
    if (error) return problemOf(error, t);
    await changed();
    return null;
  }

  return (
    <>
      <Listing heading="objects.heading" id="objects" empty="objects.none"
        rows={objects && objects.map((item) => (
          <li key={item.object_id}>
            <strong>{item.name}</strong>{item.number ? ` (${item.number})` : ""}
            {[item.address, item.postal_code, item.city].filter(Boolean).length ? ` — ${[item.address, item.postal_code, item.city].filter(Boolean).join(", ")}` : ""}
          </li>
        ))}
        form={<AddForm id="object" submitLabel="objects.add" onSubmit={addObject} fields={[
          { name: "name", label: "field.name", required: true }, { name: "number", label: "objects.number" },
          { name: "address", label: "field.address" }, { name: "city", label: "field.city" },
        ]} />}
      />
      <Listing heading="contacts.heading" id="contacts" empty="contacts.none"
        rows={contacts && contacts.map((contact) => (
          <li key={contact.contact_id}>
            <strong>{contact.name}</strong>{contact.title ? `, ${contact.title}` : ""}
            {contact.email ? <> — <a href={`mailto:${contact.email}`}>{contact.email}</a></> : null}
            {contact.phone ? ` — ${contact.phone}` : ""}
          </li>
        ))}
        form={<AddForm id="contact" submitLabel="contacts.add" onSubmit={addContact} extra={objects?.length ? (
          <fieldset className="checks">
            <legend>{t("contacts.objects")}</legend>
            {objects.map((item) => (
              <label key={item.object_id}>
                <input type="checkbox" name="object" value={item.object_id} /> {item.name}
              </label>
            ))}
          </fieldset>
        ) : null} fields={[
          { name: "name", label: "field.name", required: true }, { name: "title", label: "contacts.title" },
          { name: "email", label: "field.email", type: "email" }, { name: "phone", label: "field.phone", type: "tel" },
        ]} />}
      />
      <Listing heading="departments.heading" id="departments" empty="departments.none"
        rows={departments && departments.map((department) => (
          <li key={department.department_id}>
            <strong>{department.name}</strong>{department.number ? ` (${department.number})` : ""}
          </li>
        ))}
        form={<AddForm id="department" submitLabel="departments.add" onSubmit={addDepartment} fields={[
          { name: "name", label: "field.name", required: true }, { name: "number", label: "departments.number" },
        ]} />}
      />
    </>
  );
}
