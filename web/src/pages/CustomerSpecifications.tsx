import { today, getLocalTimeZone } from "@internationalized/date";
import { Controller } from "react-hook-form";
import { z } from "zod";
import { word } from "../api/problems";
import { $api, refusalOf } from "../api/query";
import { Form, TextField, inputIdOf } from "../forms/Form";
import { decode, encode } from "../forms/messages";
import { useApiForm } from "../forms/useApiForm";
import { useI18n } from "../i18n";
import { DateField } from "../ui/DateField";
import { notify } from "../ui/Toasts";
import { SpecificationList } from "./SpecificationList";
import { periodText } from "./specificationParts";

const PUBLISH_FORM = "publish-specification";
const publishSchema = z.object({
  period_from: z.string().min(1),
  period_to: z.string().min(1),
  title: z.string().trim().max(200),
}).refine((values) => !values.period_from || !values.period_to || values.period_from <= values.period_to, {
  path: ["period_to"], message: encode({ key: "specifications.toBeforeFrom" }),
});
type PublishValues = z.input<typeof publishSchema>;

/** This month so far: the period a specification usually covers. */
function thisMonth(): PublishValues {
  const now = today(getLocalTimeZone());
  return { period_from: now.set({ day: 1 }).toString(), period_to: now.toString(), title: "" };
}

function PublishForm({ customerId, customerName }: { customerId: string; customerName: string }) {
  const { t } = useI18n();
  const publish = $api.useMutation("post", "/customers/{customer_id}/invoice-specifications");
  const form = useApiForm(publishSchema, thisMonth());
  const labels: Record<string, string> = {
    period_from: t("specifications.field.period_from"), period_to: t("specifications.field.period_to"), title: t("specifications.field.title"),
  };

  async function submit(values: PublishValues) {
    const refused = await refusalOf(publish.mutateAsync({
      params: { path: { customer_id: customerId } },
      body: { period_from: values.period_from, period_to: values.period_to, title: values.title.trim() || null },
    }));
    if (refused) return form.refuse(refused);
    notify(t("toast.specificationPublished", { period: periodText(values.period_from, values.period_to), customer: customerName }));
    form.reset(thisMonth());
  }

  const dateField = (name: "period_from" | "period_to") => (
    <Controller control={form.control} name={name} render={({ field, fieldState }) => {
      const text = decode(fieldState.error?.message);
      return (
        <DateField id={inputIdOf(PUBLISH_FORM, name)} label={labels[name]} required
          value={field.value || null} onChange={(value) => field.onChange(value ?? "")} onBlur={field.onBlur}
          error={text ? word(text, t) : null} hint={t("date.hint")} />
      );
    }} />
  );
  return (
    <Form form={form} id={PUBLISH_FORM} onSubmit={submit} label={t("specifications.publish")} labelOf={(field) => labels[field] ?? field}>
      <div className="grid wide-fields">
        {dateField("period_from")}
        {dateField("period_to")}
        <TextField name="title" label={labels.title} autoComplete="off" hint={t("specifications.titleHint")} />
      </div>
      <div className="actions">
        <button type="submit">{t("specifications.publishSubmit")}</button>
      </div>
    </Form>
  );
}

/** CASE-4 on the customer's page: its invoice specifications and how each was reviewed; staff who may change the
 * customer publish a new one from the work orders closed in a period. */
export function CustomerSpecifications({ customerId, customerName, editable }: { customerId: string; customerName: string; editable: boolean }) {
  const { t } = useI18n();
  return (
    <section className="card" aria-labelledby="customer-specifications-heading">
      <h2 id="customer-specifications-heading">{t("specifications.listHeading")}</h2>
      <p className="muted">{t("specifications.introStaff")}</p>
      <SpecificationList customerId={customerId} staff labelledBy="customer-specifications-heading" />
      {editable ? (
        <>
          <h3>{t("specifications.publish")}</h3>
          <PublishForm customerId={customerId} customerName={customerName} />
        </>
      ) : null}
    </section>
  );
}
