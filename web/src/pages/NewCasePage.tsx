import { Link, useNavigate } from "@tanstack/react-router";
import { useEffect, useState } from "react";
import { Controller, useWatch } from "react-hook-form";
import { z } from "zod";
import type { components } from "../api/client";
import { problemOf, word } from "../api/problems";
import { $api } from "../api/query";
import { usePrincipal } from "../app/session";
import { Form, SelectField, TextField, inputIdOf } from "../forms/Form";
import { decode, encode } from "../forms/messages";
import { useApiForm, type ApiForm } from "../forms/useApiForm";
import { useI18n } from "../i18n";
import { SearchComboBox, type Choice } from "../ui/SearchComboBox";
import { notify } from "../ui/Toasts";
import { CASE_TYPES, typeKey, type CaseFormField } from "./caseParts";

type Choices = components["schemas"]["CaseChoices"];
type CaseView = components["schemas"]["CaseView"];

const FORM_ID = "new-case";
const chosen = { message: encode({ key: "fieldError.required" }) };

/** What the form asks: the title always; the other fields as the vendor chose (staff choose the type always); the
 * customer and object where the login has them to choose, required unless the API says they may be left out. */
function schemaOf(rules: { customerRequired: boolean; objectRequired: boolean }) {
  return z.object({
    title: z.string().trim().min(1).max(200),
    description: z.string().trim().max(4000),
    work_site_address: z.string().trim().max(200),
    reference_name: z.string().trim().max(200),
    type: z.enum(CASE_TYPES),
    customer_id: rules.customerRequired ? z.string().min(1, chosen) : z.string(),
    object_id: rules.objectRequired ? z.string().min(1, chosen) : z.string(),
  });
}
type Values = z.input<ReturnType<typeof schemaOf>>;

/** Staff file a case for any customer they may change: found by its name or number, like a group on a new customer. */
function StaffCustomerField({ form }: { form: ApiForm<Values> }) {
  const { t } = useI18n();
  const [typed, setTyped] = useState("");
  const text = typed.trim();
  const found = $api.useQuery("get", "/customers", { params: { query: { q: text, limit: 10 } } }, { enabled: text.length >= 2 });
  const choices: Choice[] = text.length >= 2
    ? (found.data?.items ?? []).map((item) => ({ id: item.customer_id, label: `${item.name} (${item.number})` }))
    : [];
  return (
    <Controller control={form.control} name="customer_id" render={({ field, fieldState }) => {
      const problem = decode(fieldState.error?.message);
      return (
        <SearchComboBox id={inputIdOf(FORM_ID, "customer_id")} label={`${t("cases.field.customer_id")} *`} hint={t("cases.customerSearchHint")}
          error={problem ? word(problem, t) : null} choices={choices} noMatches={t(found.isFetching ? "loading" : "cases.noCustomerMatches")}
          onSearch={setTyped} onChoose={(choice) => {
            field.onChange(choice?.id ?? "");
            form.setValue("object_id", ""); // another customer has other objects
          }} />
      );
    }} />
  );
}

/** The objects of the customer staff chose (ORG-2): the case may be on one of them, or on none. */
function StaffObjectField({ form }: { form: ApiForm<Values> }) {
  const { t } = useI18n();
  const customerId = useWatch({ control: form.control, name: "customer_id" });
  const objects = $api.useQuery("get", "/customers/{customer_id}/objects", { params: { path: { customer_id: customerId }, query: { limit: 100 } } },
    { enabled: Boolean(customerId) });
  const active = (objects.data?.items ?? []).filter((item) => item.status !== "inactive");
  return (
    <SelectField name="object_id" label={t("cases.field.object_id")} hint={customerId ? undefined : t("cases.objectAfterCustomer")}
      options={[{ value: "", label: t("cases.noObject") }, ...active.map((item) => ({ value: item.object_id, label: item.name }))]} />
  );
}

function CaseForm({ choices, staff }: { choices: Choices; staff: boolean }) {
  const { t } = useI18n();
  const navigate = useNavigate();
  const create = $api.useMutation("post", "/cases");
  const asked = (field: CaseFormField) => choices.form_fields.includes(field);
  const askType = staff || asked("type");
  const customers = choices.customers;
  const customerRequired = staff || (customers.length > 0 && !choices.customer_may_be_omitted);
  const objectRequired = !staff && choices.objects.length > 0 && !choices.object_may_be_omitted;
  const [schema] = useState(() => schemaOf({ customerRequired, objectRequired }));
  const form = useApiForm(schema, {
    title: "", description: "", work_site_address: "", reference_name: "", type: "fault",
    // A single customer that must be chosen is chosen already.
    customer_id: !staff && customers.length === 1 && !choices.customer_may_be_omitted ? customers[0].customer_id ?? "" : "",
    object_id: "",
  });
  const customerId = useWatch({ control: form.control, name: "customer_id" });
  const objects = choices.objects.filter((link) => !customerId || link.customer_id === customerId);
  const objectId = useWatch({ control: form.control, name: "object_id" });

  useEffect(() => {
    // Another customer has other objects: one chosen before is no longer on offer.
    if (!staff && objectId && !objects.some((link) => link.object_id === objectId)) form.setValue("object_id", "");
  }, [staff, objectId, objects, form]);

  async function submit(values: Values) {
    const text = (value: string) => value.trim() || null;
    // An object chosen without its customer is filed on the object's customer.
    const objectCustomer = choices.objects.find((link) => link.object_id === values.object_id)?.customer_id;
    let filed: CaseView;
    try {
      filed = await create.mutateAsync({
        body: {
          title: values.title.trim(),
          description: asked("description") ? text(values.description) : null,
          work_site_address: asked("work_site_address") ? text(values.work_site_address) : null,
          reference_name: asked("reference_name") ? text(values.reference_name) : null,
          type: askType ? values.type : null,
          customer_id: values.customer_id || objectCustomer || null,
          object_id: values.object_id || null,
        },
        headers: { "Idempotency-Key": crypto.randomUUID() },
      });
    } catch (refused) {
      // A customer or object the login may not choose answers as one that does not exist (AUTH-4).
      const problem = problemOf(refused);
      return form.refuse(problem.code === "not_found" ? { ...problem, summary: "cases.notChoosable" } : problem);
    }
    notify(t("toast.caseFiled", { number: filed.case.number }));
    void navigate({ to: "/cases/$caseId", params: { caseId: filed.case.case_id } });
  }

  const labels: Record<string, string> = {
    title: t("cases.field.title"), description: t("cases.field.description"), work_site_address: t("cases.field.work_site_address"),
    reference_name: t("cases.field.reference_name"), type: t("cases.field.type"), customer_id: t("cases.field.customer_id"),
    object_id: t("cases.field.object_id"),
  };
  const noLinks = !staff && customers.length === 0 && choices.objects.length === 0;
  return (
    <Form form={form} id={FORM_ID} onSubmit={submit} label={t("cases.newHeading")} labelOf={(field) => labels[field] ?? field}>
      <div className="grid wide-fields">
        {staff ? <StaffCustomerField form={form} /> : null}
        {staff ? <StaffObjectField form={form} /> : null}
        {!staff && customers.length ? (
          <SelectField name="customer_id" label={labels.customer_id} required={customerRequired}
            options={[
              ...(choices.customer_may_be_omitted ? [{ value: "", label: t("cases.noCustomer") }] : customers.length > 1 ? [{ value: "", label: t("choice.none") }] : []),
              ...customers.map((link) => ({ value: link.customer_id ?? "", label: link.customer_name ?? "" })),
            ]} />
        ) : null}
        {!staff && choices.objects.length ? (
          <SelectField name="object_id" label={labels.object_id} required={objectRequired}
            options={[
              { value: "", label: choices.object_may_be_omitted ? t("cases.noObject") : t("choice.none") },
              ...objects.map((link) => ({ value: link.object_id ?? "", label: link.object_name ?? "" })),
            ]} />
        ) : null}
        {askType ? (
          <SelectField name="type" label={labels.type} options={CASE_TYPES.map((type) => ({ value: type, label: t(typeKey(type)) }))} />
        ) : null}
      </div>
      {noLinks ? <p className="muted">{t("cases.noLinks")}</p> : null}
      {choices.primary_contact ? <p className="muted">{t("cases.youAreContact")}</p> : null}
      <TextField name="title" label={labels.title} required autoComplete="off" hint={t("cases.titleHint")} />
      {asked("description") ? <TextField name="description" label={labels.description} multiline hint={t("cases.descriptionHint")} /> : null}
      <div className="grid">
        {asked("work_site_address") ? <TextField name="work_site_address" label={labels.work_site_address} autoComplete="street-address" /> : null}
        {asked("reference_name") ? <TextField name="reference_name" label={labels.reference_name} autoComplete="off" hint={t("cases.referenceHint")} /> : null}
      </div>
      <div className="actions">
        <button type="submit">{t("cases.submit")}</button>
        <Link to="/cases">{t("cases.cancel")}</Link>
      </div>
    </Form>
  );
}

/** CASE-1 (seed 002, Nytt ärende): a new case, on the customer and object the login may choose (AUTH-4), with the
 * fields the vendor chose; once filed, its page opens. */
export function NewCasePage() {
  const { t } = useI18n();
  const me = usePrincipal();
  const choices = $api.useQuery("get", "/case-choices");
  return (
    <section className="card" aria-labelledby="new-case-heading">
      <Link to="/cases">{t("cases.back")}</Link>
      <h1 id="new-case-heading" tabIndex={-1}>{t("cases.newHeading")}</h1>
      <p className="muted">{t(me.kind === "staff" ? "cases.newIntroStaff" : "cases.newIntro")}</p>
      {choices.error ? <p className="error" role="alert">{t(problemOf(choices.error).summary)}</p> : null}
      {choices.data ? <CaseForm choices={choices.data} staff={me.kind === "staff"} /> : !choices.error ? <p role="status">{t("loading")}</p> : null}
    </section>
  );
}
