import { useState } from "react";
import { useFieldArray, useWatch } from "react-hook-form";
import { z } from "zod";
import type { components } from "../api/client";
import { $api, isConflict, refusalOf } from "../api/query";
import { CheckboxField, Form, SelectField, TextField } from "../forms/Form";
import { useApiForm } from "../forms/useApiForm";
import { useI18n } from "../i18n";
import { languages, textOr } from "../i18n/messages";
import { notify } from "../ui/Toasts";

type Settings = components["schemas"]["CustomerRegisterSettings"];
type FieldType = components["schemas"]["CustomFieldType"];

const TYPES = ["text", "number", "date", "boolean", "choice"] as const satisfies readonly FieldType[];
const MAX_FIELDS = 50; // MAX_CUSTOM_FIELDS in portal.customers.models
const label = z.string().trim().max(200);

const settingsSchema = z.object({
  number_min_length: z.coerce.number<string | number>().int().min(1).max(40),
  number_max_length: z.coerce.number<string | number>().int().min(1).max(40),
  custom_fields: z.array(z.object({
    key: z.string().trim().regex(/^[a-z][a-z0-9_]{0,39}$/),
    label: label.min(1),
    labels: z.object({ nb: label, sv: label, en: label }),
    type: z.enum(TYPES),
    required: z.boolean(),
    choices: z.string().max(10_000), // one per line
    stored: z.boolean(),
  })).max(MAX_FIELDS),
});
type Values = z.input<typeof settingsSchema>;

function choicesOf(text: string): string[] {
  return text.split("\n").map((choice) => choice.trim()).filter(Boolean);
}

function formValues(settings: Settings): Values {
  return {
    number_min_length: settings.number_min_length ?? 1,
    number_max_length: settings.number_max_length ?? 20,
    custom_fields: (settings.custom_fields ?? []).map((field) => ({
      key: field.key,
      label: field.label,
      labels: { nb: field.labels?.nb ?? "", sv: field.labels?.sv ?? "", en: field.labels?.en ?? "" },
      type: field.type,
      required: field.required ?? false,
      choices: (field.choices ?? []).join("\n"),
      stored: true,
    })),
  };
}

/** ORG-1/ORG-3 for administrators: how long a customer number is, and the fields added to every customer, each
 * named in the portal's languages. */
export function RegisterSettingsForm({ settings }: { settings: Settings }) {
  const { t } = useI18n();
  const save = $api.useMutation("put", "/settings/customer-register");
  const [conflict, setConflict] = useState(false);
  const form = useApiForm(settingsSchema, formValues(settings));
  const fields = useFieldArray({ control: form.control, name: "custom_fields" });
  const written = useWatch({ control: form.control, name: "custom_fields" });

  async function submit(values: Values) {
    const body = {
      number_min_length: Number(values.number_min_length),
      number_max_length: Number(values.number_max_length),
      custom_fields: values.custom_fields.map((field) => ({
        key: field.key,
        label: field.label,
        labels: { nb: field.labels.nb || null, sv: field.labels.sv || null, en: field.labels.en || null },
        type: field.type,
        required: field.required,
        choices: field.type === "choice" ? choicesOf(field.choices) : [],
      })),
      version: settings.version ?? 0,
    };
    const refused = await refusalOf(save.mutateAsync({ body }));
    setConflict(isConflict(refused));
    if (refused) return form.refuse(refused);
    notify(t("registerSettings.saved"));
  }

  const nameOfField = (index: number) => written[index]?.label || t("registerSettings.field.new");
  const labelOf = (path: string) => {
    const [, index, ...rest] = path.split(".");
    if (!path.startsWith("custom_fields.") || index === undefined) return textOr(t, `registerSettings.${path}`, path);
    const part = rest[0] === "labels" ? t("registerSettings.field.labelIn", { language: t(`language.${rest[1] as "nb"}`) }) : textOr(t, `registerSettings.field.${rest[0]}`, rest.join("."));
    return `${nameOfField(Number(index))}: ${part}`;
  };

  return (
    <Form form={form} id="register-settings" onSubmit={submit} label={t("registerSettings.heading")} labelOf={labelOf}>
      {conflict ? <p className="notice">{t("settings.conflict")}</p> : null}
      <div className="grid">
        <TextField name="number_min_length" label={t("registerSettings.number_min_length")} inputMode="numeric" required />
        <TextField name="number_max_length" label={t("registerSettings.number_max_length")} inputMode="numeric" required />
      </div>
      <h3>{t("registerSettings.fields")}</h3>
      {fields.fields.length === 0 ? <p>{t("registerSettings.noFields")}</p> : null}
      {fields.fields.map((field, index) => (
        <fieldset key={field.id} className="definition">
          <legend>{nameOfField(index)}</legend>
          <div className="grid">
            <TextField name={`custom_fields.${index}.label`} label={t("registerSettings.field.label")} required />
            <TextField name={`custom_fields.${index}.key`} label={t("registerSettings.field.key")} required readOnly={field.stored}
              hint={field.stored ? undefined : t("registerSettings.field.keyHint")} />
            {languages.map((language) => (
              <TextField key={language} name={`custom_fields.${index}.labels.${language}`}
                label={t("registerSettings.field.labelIn", { language: t(`language.${language}`) })} />
            ))}
            <SelectField name={`custom_fields.${index}.type`} label={t("registerSettings.field.type")}
              options={TYPES.map((type) => ({ value: type, label: t(`registerSettings.type.${type}`) }))} />
            {written[index]?.type === "choice" ? (
              <TextField name={`custom_fields.${index}.choices`} label={t("registerSettings.field.choices")} multiline required />
            ) : null}
            <CheckboxField name={`custom_fields.${index}.required`} label={t("registerSettings.field.required")} />
          </div>
          <div className="actions">
            <button type="button" className="secondary-outline small" aria-label={t("registerSettings.removeField", { name: nameOfField(index) })}
              onClick={() => fields.remove(index)}>{t("registerSettings.remove")}</button>
          </div>
        </fieldset>
      ))}
      <div className="actions">
        {fields.fields.length < MAX_FIELDS ? (
          <button type="button" className="secondary-outline" onClick={() => fields.append({
            key: "", label: "", labels: { nb: "", sv: "", en: "" }, type: "text", required: false, choices: "", stored: false,
          })}>{t("registerSettings.addField")}</button>
        ) : null}
        <button type="submit">{t("customer.save")}</button>
      </div>
    </Form>
  );
}
