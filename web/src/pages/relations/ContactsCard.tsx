import { useEffect, useState } from "react";
import { api, type components } from "../../api/client";
import { problemOf, type Problem } from "../../api/problems";
import { useI18n } from "../../i18n";
import { RecordForm, text, type Field, type Values } from "./RecordForm";
import { RelationCard } from "./RelationCard";
import type { ServiceObject } from "./ObjectsCard";

type Contact = components["schemas"]["Contact"];
type ContactSummary = components["schemas"]["ContactSummary"];
type ObjectRef = components["schemas"]["ObjectRef"];

const FIELDS: Field[] = [
  { name: "name", label: "field.name", required: true }, { name: "title", label: "contacts.title" },
  { name: "email", label: "field.email", type: "email" }, { name: "phone", label: "field.phone", type: "tel" },
];

function details(values: Values) {
  return { name: text(values, "name") ?? "", title: text(values, "title"), email: text(values, "email"), phone: text(values, "phone") };
}

function sameLinks(a: ObjectRef[], b: ObjectRef[]): boolean {
  const key = (ref: ObjectRef) => `${ref.customer_id}/${ref.object_id}`;
  const left = new Set(a.map(key));
  return left.size === new Set(b.map(key)).size && b.every((ref) => left.has(key(ref)));
}

/** Checkboxes for the customer's objects a contact is responsible for. */
function ObjectChoices({ objects, checked }: { objects: ServiceObject[]; checked?: Set<string> }) {
  const { t } = useI18n();
  if (!objects.length) return null;
  return (
    <fieldset className="checks">
      <legend>{t("contacts.objects")}</legend>
      {objects.map((item) => (
        <label key={item.object_id}>
          <input type="checkbox" name="object" value={item.object_id} defaultChecked={checked?.has(item.object_id)} /> {item.name}
        </label>
      ))}
    </fieldset>
  );
}

/**
 * A contact's details and links as seen from one customer: its links to other customers and their objects are
 * kept as they are; only this customer's objects are offered.
 */
function ContactEditor({ customerId, contactId, objects, close, onChanged }: {
  customerId: string; contactId: string; objects: ServiceObject[]; close: () => void; onChanged: () => Promise<void>;
}) {
  const { t } = useI18n();
  const [contact, setContact] = useState<Contact | null>(null);
  const [problem, setProblem] = useState<Problem | null>(null);
  const [confirming, setConfirming] = useState(false);

  useEffect(() => {
    void api.GET("/contacts/{contact_id}", { params: { path: { contact_id: contactId } } }).then(({ data, error }) => {
      setContact(data ?? null);
      setProblem(error ? problemOf(error, t) : null);
    });
  }, [contactId, t]);

  async function setLinks(current: Contact, customerIds: string[], wanted: ObjectRef[]): Promise<Problem | null> {
    const { error } = await api.PUT("/contacts/{contact_id}/links", {
      params: { path: { contact_id: current.contact_id } },
      body: { version: current.version, customer_ids: customerIds, objects: wanted },
    });
    return error ? problemOf(error, t) : null;
  }

  async function save(current: Contact, values: Values, form: FormData): Promise<Problem | null> {
    let saved = current;
    const wanted = details(values);
    if (Object.entries(wanted).some(([field, value]) => (current[field as keyof typeof wanted] ?? null) !== value)) {
      const { data, error } = await api.PATCH("/contacts/{contact_id}", {
        params: { path: { contact_id: current.contact_id } }, body: { ...wanted, version: current.version },
      });
      if (!data) return emailTakenOr(problemOf(error, t));
      saved = data;
      setContact(data); // should the links be refused, a second try starts from this version
    }
    const elsewhere = (saved.objects ?? []).filter((ref) => ref.customer_id !== customerId);
    const here = form.getAll("object").map((objectId) => ({ customer_id: customerId, object_id: String(objectId) }));
    if (!sameLinks(saved.objects ?? [], [...elsewhere, ...here])) {
      const refused = await setLinks(saved, saved.customer_ids ?? [], [...elsewhere, ...here]);
      if (refused) return refused;
    }
    close();
    await onChanged();
    return null;
  }

  async function unlink(current: Contact) {
    const refused = await setLinks(
      current,
      (current.customer_ids ?? []).filter((id) => id !== customerId),
      (current.objects ?? []).filter((ref) => ref.customer_id !== customerId),
    );
    setProblem(refused);
    if (!refused) {
      close();
      await onChanged();
    }
  }

  if (!contact) return problem ? <p className="error" role="alert">{t(problem.summary)}</p> : <p role="status">{t("loading")}</p>;
  const mine = new Set((contact.objects ?? []).filter((ref) => ref.customer_id === customerId).map((ref) => ref.object_id));
  return (
    <>
      {problem ? <p className="error" role="alert">{t(problem.summary)}</p> : null}
      <RecordForm id={`contact-${contact.contact_id}`} name={t("relations.edit", { name: contact.name })} fields={FIELDS} submitLabel="customer.save" onCancel={close}
        initial={{ name: contact.name, title: contact.title ?? null, email: contact.email ?? null, phone: contact.phone ?? null }}
        onSubmit={(values, form) => save(contact, values, form)}>
        <ObjectChoices objects={objects} checked={mine} />
      </RecordForm>
      {confirming ? (
        <div className="notice" role="alert">
          <p>{t("contacts.unlinkConfirm", { name: contact.name })}</p>
          <div className="actions">
            <button type="button" onClick={() => void unlink(contact)}>{t("contacts.unlinkYes")}</button>
            <button type="button" className="secondary-outline" onClick={() => setConfirming(false)}>{t("customer.cancel")}</button>
          </div>
        </div>
      ) : (
        <button type="button" className="link" onClick={() => setConfirming(true)}>{t("contacts.unlink", { name: contact.name })}</button>
      )}
    </>
  );
}

function emailTakenOr(problem: Problem): Problem {
  return problem.summary === "error.conflict" ? { summary: "error.email_taken", fields: {} } : problem;
}

/** A customer's contact persons (ORG-2): add (or link one who already exists), change, link to objects, unlink. */
export function ContactsCard({ customerId, contacts, objects, onChanged }: {
  customerId: string; contacts: ContactSummary[] | null; objects: ServiceObject[]; onChanged: () => Promise<void>;
}) {
  const { t } = useI18n();
  const [existing, setExisting] = useState<{ contact: Contact; objects: ObjectRef[] } | null>(null);
  const [linkProblem, setLinkProblem] = useState<Problem | null>(null);
  const [addForm, setAddForm] = useState(0); // a new key empties the add form once the existing contact is linked

  async function add(values: Values, form: FormData): Promise<Problem | null> {
    setExisting(null);
    setLinkProblem(null);
    const here = form.getAll("object").map((objectId) => ({ customer_id: customerId, object_id: String(objectId) }));
    const created = await api.POST("/contacts", { body: details(values) });
    if (!created.data) {
      const problem = emailTakenOr(problemOf(created.error, t));
      const email = text(values, "email");
      if (problem.summary === "error.email_taken" && email) {
        const found = await api.GET("/contacts", { params: { query: { email } } });
        if (found.data && (found.data.customer_ids ?? []).includes(customerId)) return { summary: "contacts.alreadyLinked", fields: {} };
        if (found.data) setExisting({ contact: found.data, objects: here });
      }
      return problem;
    }
    const { error } = await api.PUT("/contacts/{contact_id}/links", {
      params: { path: { contact_id: created.data.contact_id } },
      body: { version: created.data.version, customer_ids: [customerId], objects: here },
    });
    if (error) return problemOf(error, t);
    await onChanged();
    return null;
  }

  async function linkExisting() {
    if (!existing) return;
    const { contact } = existing;
    const { error } = await api.PUT("/contacts/{contact_id}/links", {
      params: { path: { contact_id: contact.contact_id } },
      body: {
        version: contact.version,
        customer_ids: [...(contact.customer_ids ?? []), customerId],
        objects: [...(contact.objects ?? []), ...existing.objects],
      },
    });
    setLinkProblem(error ? problemOf(error, t) : null);
    if (!error) {
      setExisting(null);
      setAddForm((current) => current + 1);
      await onChanged();
    }
  }

  return (
    <RelationCard id="contacts" heading="contacts.heading" empty="contacts.none" items={contacts}
      keyOf={(contact) => contact.contact_id} nameOf={(contact) => contact.name}
      describe={(contact) => (
        <>
          <strong>{contact.name}</strong>{contact.title ? `, ${contact.title}` : ""}
          {contact.email ? <> — <a href={`mailto:${contact.email}`}>{contact.email}</a></> : null}
          {contact.phone ? ` — ${contact.phone}` : ""}
        </>
      )}
      editor={(contact, close) => (
        <ContactEditor customerId={customerId} contactId={contact.contact_id} objects={objects} close={close} onChanged={onChanged} />
      )}
      addForm={
        <RecordForm key={addForm} id="contact" name={t("contacts.add")} submitLabel="contacts.add" fields={FIELDS} onSubmit={add}>
          <ObjectChoices objects={objects} />
          {existing ? (
            <div className="notice">
              <p>{t("contacts.exists", { name: existing.contact.name })}</p>
              {linkProblem ? <p className="error" role="alert">{t(linkProblem.summary)}</p> : null}
              <button type="button" onClick={() => void linkExisting()}>{t("contacts.linkExisting", { name: existing.contact.name })}</button>
            </div>
          ) : null}
        </RecordForm>
      }
    />
  );
}
