import { useState, type FormEvent, type ReactNode } from "react";
import type { Problem } from "../../api/problems";
import { useI18n } from "../../i18n";
import type { MessageKey } from "../../i18n/messages";

export type Field = { name: string; label: MessageKey; required?: boolean; type?: "text" | "email" | "tel" | "checkbox" };
export type Values = Record<string, string | boolean | null>;

/** The fields of a small record (object, contact, department) to add or to change, with the API's refusal shown. */
export function RecordForm({ id, name, fields, initial, submitLabel, onSubmit, onCancel, children }: {
  id: string;
  /** What the form is for, e.g. "Change Skistua": its accessible name. */
  name: string;
  fields: Field[];
  initial?: Values;
  submitLabel: MessageKey;
  onSubmit: (values: Values, form: FormData) => Promise<Problem | null>;
  onCancel?: () => void;
  children?: ReactNode;
}) {
  const { t } = useI18n();
  const [problem, setProblem] = useState<Problem | null>(null);
  const [busy, setBusy] = useState(false);

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const formElement = event.currentTarget;
    const form = new FormData(formElement);
    const values: Values = Object.fromEntries(fields.map((field) => [
      field.name,
      field.type === "checkbox" ? form.get(field.name) === "on" : String(form.get(field.name) ?? "").trim() || null,
    ]));
    setBusy(true);
    const refused = await onSubmit(values, form);
    setBusy(false);
    setProblem(refused);
    if (!refused && !initial) formElement.reset();
  }

  return (
    <form onSubmit={submit} noValidate className="record-form" aria-label={name}>
      {problem ? <p className="error" role="alert">{t(problem.summary)}</p> : null}
      {/* Nothing can be typed while a save is on its way: the reset after it would wipe it. */}
      <fieldset className="bare" disabled={busy}>
      <div className="grid">
        {fields.map((field, index) => {
          const focusFirst = initial !== undefined && index === 0; // an editor opens where the user is
          const inputId = `${id}-${field.name}`;
          const message = problem?.fields[field.name];
          const described = message ? { "aria-invalid": true, "aria-describedby": `${inputId}-error` } : {};
          const error = message ? <p className="field-error" id={`${inputId}-error`}>{message}</p> : null;
          if (field.type === "checkbox") {
            return (
              <div key={field.name} className="check">
                <label htmlFor={inputId}>
                  <input id={inputId} name={field.name} type="checkbox" defaultChecked={initial?.[field.name] === true} {...described} />
                  {t(field.label)}
                </label>
                {error}
              </div>
            );
          }
          return (
            <div key={field.name}>
              <label htmlFor={inputId}>{t(field.label)}{field.required ? " *" : ""}</label>
              <input id={inputId} name={field.name} type={field.type ?? "text"} required={field.required} autoFocus={focusFirst}
                defaultValue={String(initial?.[field.name] ?? "")} {...described} />
              {error}
            </div>
          );
        })}
      </div>
      {children}
      </fieldset>
      <div className="actions">
        <button type="submit" disabled={busy}>{t(submitLabel)}</button>
        {onCancel ? <button type="button" className="secondary-outline" onClick={onCancel}>{t("customer.cancel")}</button> : null}
      </div>
    </form>
  );
}

/** The text of a form value for the API: what was typed, or null for an empty field. */
export function text(values: Values, name: string): string | null {
  const value = values[name];
  return typeof value === "string" ? value : null;
}
