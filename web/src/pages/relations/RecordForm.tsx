import type { ReactNode } from "react";
import { z } from "zod";
import { optionalPhone } from "../../forms/fields";
import { CheckboxField, Form, TextField } from "../../forms/Form";
import { useApiForm } from "../../forms/useApiForm";
import { useI18n } from "../../i18n";
import type { MessageKey } from "../../i18n/messages";

export type Field = {
  name: string; label: MessageKey; required?: boolean; type?: "text" | "email" | "tel" | "checkbox"; maxLength?: number;
};
export type Values = Record<string, string | boolean | null>;

function schemaOf(fields: Field[]) {
  return z.object(Object.fromEntries(fields.map((field) => {
    if (field.type === "checkbox") return [field.name, z.boolean()];
    if (field.type === "tel") return [field.name, optionalPhone];
    const text = z.string().trim().max(field.maxLength ?? 200);
    if (field.type === "email") return [field.name, field.required ? z.email().max(254) : z.union([z.literal(""), z.email().max(254)])];
    return [field.name, field.required ? text.min(1) : text];
  })));
}

/** The fields of a small record (object, contact, department) to add or to change, with the API's refusal shown
 * next to each field. `onSubmit` answers the API's refusal, or null when the record was saved. */
export function RecordForm({ id, name, fields, initial, submitLabel, onSubmit, onCancel, children }: {
  id: string;
  /** What the form is for, e.g. "Change Skistua": its accessible name. */
  name: string;
  fields: Field[];
  initial?: Values;
  submitLabel: MessageKey;
  onSubmit: (values: Values, form: FormData) => Promise<unknown>;
  onCancel?: () => void;
  children?: ReactNode;
}) {
  const { t } = useI18n();
  const defaults = Object.fromEntries(fields.map((field) => [
    field.name, field.type === "checkbox" ? initial?.[field.name] === true : String(initial?.[field.name] ?? ""),
  ]));
  const form = useApiForm(schemaOf(fields), defaults);

  async function submit(values: Record<string, unknown>, data: FormData) {
    const typed: Values = Object.fromEntries(fields.map((field) => {
      const value = values[field.name];
      return [field.name, typeof value === "boolean" ? value : String(value ?? "").trim() || null];
    }));
    const refused = await onSubmit(typed, data);
    if (refused) form.refuse(refused);
    else if (!initial) {
      form.reset(defaults);
      (document.getElementById(id) as HTMLFormElement | null)?.reset(); // the choices outside the form's fields too
    }
  }

  return (
    <Form form={form} id={id} onSubmit={submit} label={name} className="record-form"
      labelOf={(field) => { const found = fields.find((one) => one.name === field); return found ? t(found.label) : field; }}>
      <div className="grid">
        {fields.map((field, index) => field.type === "checkbox" ? (
          <CheckboxField key={field.name} name={field.name} label={t(field.label)} />
        ) : (
          <TextField key={field.name} name={field.name} label={t(field.label)} required={field.required}
            type={field.type ?? "text"} autoFocus={initial !== undefined && index === 0} className="" />
        ))}
      </div>
      {children}
      <div className="actions">
        <button type="submit">{t(submitLabel)}</button>
        {onCancel ? <button type="button" className="secondary-outline" onClick={onCancel}>{t("customer.cancel")}</button> : null}
      </div>
    </Form>
  );
}

/** The text of a form value for the API: what was typed, or null for an empty field. */
export function text(values: Values, name: string): string | null {
  const value = values[name];
  return typeof value === "string" ? value : null;
}
