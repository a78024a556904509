import { useEffect, useRef, useState, type FormEvent } from "react";
import { api, type components } from "../api/client";
import { formatDate, isoDate } from "../format";
import { definitionOf, type Definition } from "./customFields";
import { problemOf, type Problem } from "../api/problems";
import { useI18n } from "../i18n";
import { textOr, type MessageKey } from "../i18n/messages";

type Customer = components["schemas"]["Customer"];

const TEXT_FIELDS = ["name", "number", "organisation_number", "contact_person", "email", "phone", "address", "postal_code", "city"] as const;
type TextField = (typeof TEXT_FIELDS)[number];

type Props = {
  customer?: Customer; definitions: Definition[]; onSaved: (customer: Customer) => void; onCancel: () => void;
};

/** Create or change a customer; the API's validation messages appear next to the fields they concern. */
export function CustomerForm({ customer, definitions, onSaved, onCancel }: Props) {
  const { t } = useI18n();
  const [problem, setProblem] = useState<Problem | null>(null);
  const [busy, setBusy] = useState(false);
  const summary = useRef<HTMLDivElement>(null);

  useEffect(() => {
    // The summary gets focus, so keyboard and screen reader users start from the list of what to fix.
    if (problem) summary.current?.focus();
  }, [problem]);

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const text = (name: string) => String(form.get(name) ?? "").trim();
    const values: Partial<Record<TextField, string | null>> = {};
    for (const field of TEXT_FIELDS) values[field] = text(field) || null;
    const custom: Record<string, string | boolean | null> = {};
    for (const definition of definitions) {
      const key = `custom.${definition.key}`;
      if (definition.type === "boolean") custom[definition.key] = form.get(key) === "on";
      else if (definition.type === "date") custom[definition.key] = isoDate(text(key)) || null;
      else custom[definition.key] = text(key) || null;
    }
    const country = text("country") as "NO" | "SE";
    // Only a company at the top can be a group, so only there is the choice offered.
    const group = customer?.parent_id ? {} : { subsidiaries_see_each_other: form.get("subsidiaries_see_each_other") === "on" };
    setBusy(true);
    const parent = customer ? null : await groupByNumber(text("group_number"));
    if (parent === undefined) {
      setBusy(false);
      setProblem({ summary: "error.validation", fields: { group_number: t("error.group_not_found") } });
      return;
    }
    const reply = customer
      ? await api.PATCH("/customers/{customer_id}", {
          params: { path: { customer_id: customer.customer_id } },
          body: { ...values, ...group, name: values.name ?? customer.name, number: values.number ?? customer.number, country, custom_fields: custom, version: customer.version },
        })
      : await api.POST("/customers", {
          body: { ...values, ...group, name: values.name ?? "", number: values.number ?? "", country, custom_fields: custom, parent_id: parent },
          headers: { "Idempotency-Key": crypto.randomUUID() },
        });
    setBusy(false);
    if (reply.data) onSaved(reply.data);
    else setProblem(problemOf(reply.error, t));
  }

  /** The group a new customer belongs to, found by its customer number: null for none, undefined if not found. */
  async function groupByNumber(number: string): Promise<string | null | undefined> {
    if (!number) return null;
    const { data } = await api.GET("/customers", { params: { query: { q: number, limit: 25 } } });
    return data?.items.find((item) => item.number === number)?.customer_id;
  }

  const customKey = (field: string) => (field.startsWith("custom_fields.") ? field.slice("custom_fields.".length) : null);
  const inputId = (field: string) => {
    const key = customKey(field);
    return key ? `custom-${key}` : `customer-${field}`;
  };
  const fieldName = (field: string) => {
    const key = customKey(field);
    if (key) return definitionOf(definitions, key).label;
    return textOr(t, `field.${field}`, field);
  };
  const describedBy = (name: string, id: string) =>
    fieldError(name) ? { "aria-invalid": true, "aria-describedby": `${id}-error` } : {};
  const fieldError = (name: string) => problem?.fields[name] ?? problem?.fields[`custom_fields.${name}`];
  const input = (name: TextField, required = false) => {
    const message = fieldError(name);
    return (
      <div className="field" key={name}>
        <label htmlFor={`customer-${name}`}>{t(`field.${name}` as MessageKey)}{required ? " *" : ""}</label>
        <input id={`customer-${name}`} name={name} defaultValue={customer?.[name] ?? ""} required={required}
          aria-invalid={message ? true : undefined} aria-describedby={message ? `customer-${name}-error` : undefined} />
        {message ? <p className="field-error" id={`customer-${name}-error`}>{message}</p> : null}
      </div>
    );
  };

  return (
    <form onSubmit={submit} noValidate className="customer-form">
      {problem ? (
        <div className="error" role="alert" tabIndex={-1} ref={summary}>
          <p>{t(problem.summary)}</p>
          {Object.keys(problem.fields).length ? (
            <ul>
              {Object.entries(problem.fields).map(([field, message]) => (
                <li key={field}>
                  {/* The hash is the app's route, so the link moves focus itself instead of navigating. */}
                  <a href={`#${inputId(field)}`} onClick={(event) => { event.preventDefault(); document.getElementById(inputId(field))?.focus(); }}>
                    {fieldName(field)}: {message}
                  </a>
                </li>
              ))}
            </ul>
          ) : null}
        </div>
      ) : null}
      <div className="grid">
        {input("name", true)}
        {input("number", true)}
        <div className="field">
          <label htmlFor="customer-country">{t("field.country")}</label>
          <select id="customer-country" name="country" defaultValue={customer?.country ?? "NO"}>
            <option value="NO">{t("country.NO")}</option>
            <option value="SE">{t("country.SE")}</option>
          </select>
        </div>
        {input("organisation_number")}
        {input("contact_person")}
        {input("email")}
        {input("phone")}
        {input("address")}
        {input("postal_code")}
        {input("city")}
        {definitions.map((definition) => {
          const id = `custom-${definition.key}`;
          const current = customer?.custom_fields?.[definition.key];
          const message = fieldError(definition.key);
          const described = message ? { "aria-invalid": true, "aria-describedby": `${id}-error` } : {};
          return (
            <div className="field" key={definition.key}>
              <label htmlFor={id}>{definition.label}{definition.required ? " *" : ""}</label>
              {definition.type === "choice" ? (
                <select id={id} name={`custom.${definition.key}`} defaultValue={String(current ?? "")} {...described}>
                  <option value="">{t("choice.none")}</option>
                  {definition.choices?.map((choice) => <option key={choice} value={choice}>{choice}</option>)}
                </select>
              ) : definition.type === "boolean" ? (
                <input id={id} type="checkbox" name={`custom.${definition.key}`} defaultChecked={current === true} {...described} />
              ) : definition.type === "date" ? (
                // Text, not type=date: Chromium shows a date field in the browser's locale (mm/dd/yyyy), not dd.mm.yyyy.
                <>
                  <input id={id} name={`custom.${definition.key}`} inputMode="numeric" autoComplete="off"
                    defaultValue={typeof current === "string" ? formatDate(current) : ""} {...described}
                    aria-describedby={[`${id}-hint`, message ? `${id}-error` : ""].join(" ").trim()} />
                  <p className="hint" id={`${id}-hint`}>{t("date.hint")}</p>
                </>
              ) : (
                <input id={id} name={`custom.${definition.key}`}
                  inputMode={definition.type === "number" ? "decimal" : undefined} defaultValue={String(current ?? "")} {...described} />
              )}
              {message ? <p className="field-error" id={`${id}-error`}>{message}</p> : null}
            </div>
          );
        })}
        {customer ? null : (
          <div className="field">
            <label htmlFor="customer-group_number">{t("field.group_number")}</label>
            <input id="customer-group_number" name="group_number" inputMode="numeric" {...describedBy("group_number", "customer-group_number")} />
            {fieldError("group_number") ? <p className="field-error" id="customer-group_number-error">{fieldError("group_number")}</p> : null}
          </div>
        )}
        {customer?.parent_id ? null : (
          <div className="field check">
            <label htmlFor="customer-subsidiaries_see_each_other">
              <input id="customer-subsidiaries_see_each_other" name="subsidiaries_see_each_other" type="checkbox"
                defaultChecked={customer?.subsidiaries_see_each_other === true} />
              {t("field.subsidiaries_see_each_other")}
            </label>
          </div>
        )}
      </div>
      <div className="actions">
        <button type="submit" disabled={busy}>{t("customer.save")}</button>
        <button type="button" className="link" onClick={onCancel}>{t("customer.cancel")}</button>
      </div>
    </form>
  );
}
