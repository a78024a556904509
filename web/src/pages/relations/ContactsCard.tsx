import { useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import type { components } from "../../api/client";
import { problemOf, type Problem } from "../../api/problems";
import { $api, refusalOf } from "../../api/query";
import { usePrincipal } from "../../app/session";
import { useI18n } from "../../i18n";
import { languages, type Language, type MessageKey } from "../../i18n/messages";
import { ConfirmButton } from "../../ui/ConfirmButton";
import { notify } from "../../ui/Toasts";
import { RecordForm, text, type Field, type Values } from "./RecordForm";
import { RelationCard } from "./RelationCard";
import type { ServiceObject } from "./ObjectsCard";

type Contact = components["schemas"]["Contact"];
type ContactSummary = components["schemas"]["ContactSummary"];
type ObjectRef = components["schemas"]["ObjectRef"];
type ContactLoginResult = components["schemas"]["ContactLoginResult"];

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

function objectsChosen(form: FormData, customerId: string): ObjectRef[] {
  return form.getAll("object").map((objectId) => ({ customer_id: customerId, object_id: String(objectId) }));
}

/**
 * A contact's details and links as seen from one customer: its links to other customers and their objects are
 * kept as they are; only this customer's objects are offered.
 */
function ContactEditor({ customerId, contactId, objects, close }: {
  customerId: string; contactId: string; objects: ServiceObject[]; close: () => void;
}) {
  const { t } = useI18n();
  const found = $api.useQuery("get", "/contacts/{contact_id}", { params: { path: { contact_id: contactId } } });
  const update = $api.useMutation("patch", "/contacts/{contact_id}");
  const relink = $api.useMutation("put", "/contacts/{contact_id}/links");
  const [problem, setProblem] = useState<Problem | null>(null);

  function setLinks(current: Contact, customerIds: string[], wanted: ObjectRef[]): Promise<unknown> {
    return refusalOf(relink.mutateAsync({
      params: { path: { contact_id: current.contact_id } },
      body: { version: current.version, customer_ids: customerIds, objects: wanted },
    }));
  }

  async function save(current: Contact, values: Values, form: FormData): Promise<unknown> {
    let saved = current;
    const wanted = details(values);
    if (Object.entries(wanted).some(([field, value]) => (current[field as keyof typeof wanted] ?? null) !== value)) {
      try {
        saved = await update.mutateAsync({ params: { path: { contact_id: current.contact_id } }, body: { ...wanted, version: current.version } });
      } catch (error) {
        return problemOf(error);
      }
    }
    const elsewhere = (saved.objects ?? []).filter((ref) => ref.customer_id !== customerId);
    const here = objectsChosen(form, customerId);
    if (!sameLinks(saved.objects ?? [], [...elsewhere, ...here])) {
      const refused = await setLinks(saved, saved.customer_ids ?? [], [...elsewhere, ...here]);
      if (refused) return refused;
    }
    close();
    notify(t("toast.saved", { name: saved.name }));
    return null;
  }

  async function unlink(current: Contact) {
    const refused = await setLinks(
      current,
      (current.customer_ids ?? []).filter((id) => id !== customerId),
      (current.objects ?? []).filter((ref) => ref.customer_id !== customerId),
    );
    setProblem(refused ? problemOf(refused) : null);
    if (!refused) {
      close();
      notify(t("toast.unlinked", { name: current.name }));
    }
  }

  const contact = found.data;
  if (!contact) {
    return found.error ? <p className="error" role="alert">{t(problemOf(found.error).summary)}</p> : <p role="status">{t("loading")}</p>;
  }
  const mine = new Set((contact.objects ?? []).filter((ref) => ref.customer_id === customerId).map((ref) => ref.object_id));
  return (
    <>
      {problem ? <p className="error" role="alert">{t(problem.summary)}</p> : null}
      <RecordForm id={`contact-${contact.contact_id}`} name={t("relations.edit", { name: contact.name })} fields={FIELDS} submitLabel="customer.save" onCancel={close}
        initial={{ name: contact.name, title: contact.title ?? null, email: contact.email ?? null, phone: contact.phone ?? null }}
        onSubmit={(values, form) => save(contact, values, form)}>
        <ObjectChoices objects={objects} checked={mine} />
      </RecordForm>
      <ConfirmButton className="link" label={t("contacts.unlink", { name: contact.name })} title={t("contacts.unlinkTitle", { name: contact.name })}
        confirmLabel={t("contacts.unlinkYes")} onConfirm={() => unlink(contact)}>
        <p>{t("contacts.unlinkConfirm", { name: contact.name })}</p>
      </ConfirmButton>
    </>
  );
}

/** AUTH-2: staff who create customer users make the personal logins of the contacts they choose, each invited at its
 * e-mail address (its username); what became of each contact is listed. */
function ContactLogins({ contacts }: { contacts: ContactSummary[] }) {
  const { t, language } = useI18n();
  const create = $api.useMutation("post", "/contact-logins");
  const [problem, setProblem] = useState<MessageKey | null>(null);
  const [report, setReport] = useState<ContactLoginResult[] | null>(null);
  const names = Object.fromEntries(contacts.map((contact) => [contact.contact_id, contact.name]));

  async function submit(form: HTMLFormElement) {
    const data = new FormData(form);
    const contactIds = data.getAll("contact").map(String);
    setReport(null);
    if (!contactIds.length) return setProblem("contactLogins.noneChosen");
    try {
      const made = await create.mutateAsync({ body: { contact_ids: contactIds, language: String(data.get("language")) as Language } });
      setProblem(null);
      setReport(made.results);
      form.reset();
    } catch (error) {
      setProblem(problemOf(error).summary);
    }
  }

  return (
    <details className="contact-logins">
      <summary>{t("contactLogins.heading")}</summary>
      <form id="contact-logins" aria-label={t("contactLogins.heading")} noValidate onSubmit={(event) => { event.preventDefault(); void submit(event.currentTarget); }}>
        <p className="muted">{t("contactLogins.intro")}</p>
        {problem ? <p className="error" role="alert">{t(problem)}</p> : null}
        <fieldset className="checks">
          <legend>{t("contactLogins.choose")}</legend>
          {/* The address beside the name, not in the checkbox's label: the contact's name is what is chosen. */}
          {contacts.map((contact) => (
            <div key={contact.contact_id} className="contact-choice">
              <label>
                <input type="checkbox" name="contact" value={contact.contact_id} />
                {contact.name}
              </label>
              <span className="muted">{contact.email ?? t("contactLogins.noEmail")}</span>
            </div>
          ))}
        </fieldset>
        <label htmlFor="contact-logins-language">{t("contactLogins.language")}</label>
        <select id="contact-logins-language" name="language" defaultValue={language}>
          {languages.map((option) => <option key={option} value={option}>{t(`language.${option}` as MessageKey)}</option>)}
        </select>
        <div className="actions">
          <button type="submit" disabled={create.isPending}>{t("contactLogins.submit")}</button>
        </div>
      </form>
      {report ? (
        <div role="status">
          <h3>{t("contactLogins.outcomes")}</h3>
          <ul className="outcomes">
            {report.map((result) => (
              <li key={result.contact_id}>
                {t(`contactLogins.outcome.${result.outcome}`, { name: names[result.contact_id] ?? result.contact_id, username: result.username ?? "" })}
              </li>
            ))}
          </ul>
        </div>
      ) : null}
    </details>
  );
}

/** A customer's contact persons (ORG-2): add (or link one who already exists), change, link to objects, unlink; for
 * staff who create customer users, make logins for those chosen (AUTH-2). */
export function ContactsCard({ customerId, contacts, objects, editable }: {
  customerId: string; contacts: ContactSummary[] | null; objects: ServiceObject[]; editable: boolean;
}) {
  const { t } = useI18n();
  const create = $api.useMutation("post", "/contacts");
  const relink = $api.useMutation("put", "/contacts/{contact_id}/links");
  const [existing, setExisting] = useState<{ contact: Contact; objects: ObjectRef[] } | null>(null);
  const [linkProblem, setLinkProblem] = useState<Problem | null>(null);
  const [addForm, setAddForm] = useState(0); // a new key empties the add form once the existing contact is linked
  const queryClient = useQueryClient();
  const me = usePrincipal();
  const makesLogins = me.kind === "staff" && me.permissions.includes("create_customer_user");

  async function add(values: Values, form: FormData): Promise<unknown> {
    setExisting(null);
    setLinkProblem(null);
    const here = objectsChosen(form, customerId);
    let created: Contact;
    try {
      created = await create.mutateAsync({ body: details(values) });
    } catch (error) {
      const problem = problemOf(error);
      const email = text(values, "email");
      if (problem.code === "email_taken" && email) {
        const found = await queryClient
          .fetchQuery($api.queryOptions("get", "/contacts", { params: { query: { email } } }))
          .catch(() => null);
        if (found && (found.customer_ids ?? []).includes(customerId)) return { code: "already_linked", summary: "contacts.alreadyLinked", fields: {} };
        if (found) setExisting({ contact: found, objects: here });
      }
      return problem;
    }
    const refused = await refusalOf(relink.mutateAsync({
      params: { path: { contact_id: created.contact_id } },
      body: { version: created.version, customer_ids: [customerId], objects: here },
    }));
    if (!refused) notify(t("toast.added", { name: created.name }));
    return refused;
  }

  async function linkExisting() {
    if (!existing) return;
    const { contact } = existing;
    const refused = await refusalOf(relink.mutateAsync({
      params: { path: { contact_id: contact.contact_id } },
      body: {
        version: contact.version,
        customer_ids: [...(contact.customer_ids ?? []), customerId],
        objects: [...(contact.objects ?? []), ...existing.objects],
      },
    }));
    setLinkProblem(refused ? problemOf(refused) : null);
    if (!refused) {
      setExisting(null);
      setAddForm((current) => current + 1);
      notify(t("toast.added", { name: contact.name }));
    }
  }

  return (
    <RelationCard editable={editable} id="contacts" heading="contacts.heading" empty="contacts.none" items={contacts}
      keyOf={(contact) => contact.contact_id} nameOf={(contact) => contact.name}
      describe={(contact) => (
        <>
          <strong>{contact.name}</strong>{contact.title ? `, ${contact.title}` : ""}
          {contact.email ? <> — <a href={`mailto:${contact.email}`}>{contact.email}</a></> : null}
          {contact.phone ? ` — ${contact.phone}` : ""}
        </>
      )}
      editor={(contact, close) => (
        <ContactEditor customerId={customerId} contactId={contact.contact_id} objects={objects} close={close} />
      )}
      after={makesLogins && contacts?.length ? <ContactLogins contacts={contacts} /> : null}
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
