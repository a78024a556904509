import { useState } from "react";
import { Controller, useFormContext } from "react-hook-form";
import { z } from "zod";
import type { components } from "../api/client";
import { $api } from "../api/query";
import { CheckboxField, Form, inputIdOf, SelectField, TextField } from "../forms/Form";
import { decode } from "../forms/messages";
import { optionalPhone } from "../forms/fields";
import { useApiForm } from "../forms/useApiForm";
import { word } from "../api/problems";
import { useI18n } from "../i18n";
import { textOr } from "../i18n/messages";
import { DateField } from "../ui/DateField";
import { SearchComboBox } from "../ui/SearchComboBox";
import { definitionOf, labelIn, type Definition } from "./customFields";

type Customer = components["schemas"]["Customer"];
type CustomerView = components["schemas"]["CustomerView"];

const TEXT_FIELDS = ["organisation_number", "contact_person", "email", "phone", "address", "postal_code", "city"] as const;
const LIMITS: Record<string, number> = { name: 200, number: 40, organisation_number: 200, contact_person: 200, email: 254, phone: 40, address: 200, postal_code: 20, city: 200 };

function schemaOf(definitions: Definition[]) {
  const text = (name: string) => z.string().trim().max(LIMITS[name]);
  return z.object({
    name: text("name").min(1),
    number: text("number").min(1).regex(/^[A-Za-z0-9-]+$/),
    country: z.enum(["NO", "SE"]),
    organisation_number: text("organisation_number"),
    contact_person: text("contact_person"),
    email: z.union([z.literal(""), z.email().max(254)]),
    phone: optionalPhone,
    address: text("address"),
    postal_code: text("postal_code"),
    city: text("city"),
    parent_id: z.string().max(26), // the group chosen by search; "" for none
    subsidiaries_see_each_other: z.boolean(),
    custom_fields: z.object(Object.fromEntries(definitions.map((definition) => [
      definition.key,
      definition.type === "boolean" ? z.boolean() : definition.required ? z.string().trim().min(1).max(2000) : z.string().trim().max(2000),
    ]))),
  });
}
type Values = z.infer<ReturnType<typeof schemaOf>>;

function defaultsOf(customer: Customer | undefined, definitions: Definition[]) {
  const custom = customer?.custom_fields ?? {};
  return {
    name: customer?.name ?? "", number: customer?.number ?? "", country: customer?.country ?? "NO",
    ...Object.fromEntries(TEXT_FIELDS.map((field) => [field, customer?.[field] ?? ""])),
    parent_id: "",
    subsidiaries_see_each_other: customer?.subsidiaries_see_each_other === true,
    custom_fields: Object.fromEntries(definitions.map((definition) => [
      definition.key, definition.type === "boolean" ? custom[definition.key] === true : String(custom[definition.key] ?? ""),
    ])),
  } as Values;
}

type Props = {
  customer?: CustomerView; definitions: Definition[]; onSaved: (customer: Customer) => void; onCancel: () => void;
};

/** Create or change a customer; every problem the API finds appears at once, next to its field. */
export function CustomerForm({ customer, definitions, onSaved, onCancel }: Props) {
  const { t, language } = useI18n();
  const form = useApiForm(schemaOf(definitions), defaultsOf(customer, definitions));
  const create = $api.useMutation("post", "/customers");
  const update = $api.useMutation("patch", "/customers/{customer_id}");
  // Only an administrator changes a customer number once it is given (the API refuses anyone else).
  const numberLocked = customer !== undefined && !customer.actions?.includes("change_number");

  async function submit(values: Values) {
    const custom = Object.fromEntries(definitions.map((definition) => {
      const value = values.custom_fields[definition.key];
      return [definition.key, typeof value === "boolean" ? value : value || null];
    }));
    const details = Object.fromEntries(TEXT_FIELDS.map((field) => [field, values[field] || null]));
    // Only a company at the top can be a group, so only there is the choice offered.
    const group = customer?.parent_id ? {} : { subsidiaries_see_each_other: values.subsidiaries_see_each_other };
    try {
      if (customer) {
        const saved = await update.mutateAsync({
          params: { path: { customer_id: customer.customer_id } },
          body: { ...details, ...group, name: values.name, ...(numberLocked ? {} : { number: values.number }), country: values.country, custom_fields: custom, version: customer.version },
        });
        onSaved(saved);
        return;
      }
      const parent = values.parent_id || null;
      const created = await create.mutateAsync({
        body: { ...details, ...group, name: values.name, number: values.number, country: values.country, custom_fields: custom, parent_id: parent },
        headers: { "Idempotency-Key": crypto.randomUUID() },
      });
      onSaved(created);
    } catch (error) {
      form.refuse(error);
    }
  }

  const labelOf = (field: string) => field.startsWith("custom_fields.")
    ? labelIn(definitionOf(definitions, field.slice("custom_fields.".length)), language)
    : textOr(t, `field.${field}`, field);

  return (
    <Form form={form} id="customer" onSubmit={submit} labelOf={labelOf} className="customer-form">
      <div className="grid">
        <TextField name="name" label={t("field.name")} required />
        <TextField name="number" label={t("field.number")} required
          hint={numberLocked ? t("customer.numberLocked") : undefined} readOnly={numberLocked} />
        <SelectField name="country" label={t("field.country")}
          options={[{ value: "NO", label: t("country.NO") }, { value: "SE", label: t("country.SE") }]} />
        <TextField name="organisation_number" label={t("field.organisation_number")} inputMode="numeric" />
        <TextField name="contact_person" label={t("field.contact_person")} />
        <TextField name="email" label={t("field.email")} type="email" />
        <TextField name="phone" label={t("field.phone")} type="tel" />
        <TextField name="address" label={t("field.address")} />
        <TextField name="postal_code" label={t("field.postal_code")} inputMode="numeric" />
        <TextField name="city" label={t("field.city")} />
        {definitions.map((definition) => <CustomField key={definition.key} definition={definition} />)}
        {customer ? null : <GroupField />}
        {customer?.parent_id ? null : <CheckboxField name="subsidiaries_see_each_other" label={t("field.subsidiaries_see_each_other")} />}
      </div>
      <div className="actions">
        <button type="submit">{t("customer.save")}</button>
        <button type="button" className="link" onClick={onCancel}>{t("customer.cancel")}</button>
      </div>
    </Form>
  );
}

/** A new customer's group (konsern): found by the parent company's name or customer number. */
function GroupField() {
  const { t } = useI18n();
  const { control } = useFormContext<Values>();
  const [search, setSearch] = useState("");
  const text = search.trim();
  const found = $api.useQuery("get", "/customers", { params: { query: { q: text, limit: 10 } } }, { enabled: text.length >= 2 });
  const choices = text.length >= 2
    ? (found.data?.items ?? []).map((item) => ({ id: item.customer_id, label: `${item.name} (${item.number})` }))
    : [];
  return (
    <Controller control={control} name="parent_id" render={({ field, fieldState }) => {
      const problem = decode(fieldState.error?.message);
      return (
        <SearchComboBox id={inputIdOf("customer", "parent_id")} label={t("field.parent_id")} hint={t("field.parent_id.hint")}
          error={problem ? word(problem, t) : null} choices={choices} noMatches={t(found.isFetching ? "loading" : "field.parent_id.none")}
          onSearch={setSearch} onChoose={(choice) => field.onChange(choice?.id ?? "")} />
      );
    }} />
  );
}

/** A field the register's administrator defined: text, number, date, yes/no or a choice. */
function CustomField({ definition }: { definition: Definition }) {
  const { t, language } = useI18n();
  const label = labelIn(definition, language);
  const { control } = useFormContext<Values>();
  const name = `custom_fields.${definition.key}` as const;
  if (definition.type === "boolean") return <CheckboxField name={name} label={label} />;
  if (definition.type === "choice") {
    return (
      <SelectField name={name} label={label} required={definition.required}
        options={[{ value: "", label: t("choice.none") }, ...(definition.choices ?? []).map((choice) => ({ value: choice, label: choice }))]} />
    );
  }
  if (definition.type === "date") {
    return (
      <Controller control={control} name={name} render={({ field, fieldState }) => {
        const text = decode(fieldState.error?.message);
        return (
          <DateField id={inputIdOf("customer", name)} label={label} required={definition.required}
            value={typeof field.value === "string" && field.value ? field.value : null}
            onChange={(value) => field.onChange(value ?? "")} onBlur={field.onBlur}
            error={text ? word(text, t) : null} hint={t("date.hint")} />
        );
      }} />
    );
  }
  return <TextField name={name} label={label} required={definition.required}
    inputMode={definition.type === "number" ? "decimal" : undefined} />;
}
