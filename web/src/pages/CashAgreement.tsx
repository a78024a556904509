import { z } from "zod";
import type { components } from "../api/client";
import { $api, refusalOf } from "../api/query";
import { Form, SelectField, TextField } from "../forms/Form";
import { encode } from "../forms/messages";
import { useApiForm } from "../forms/useApiForm";
import { formatAmount, minorUnits } from "../format";
import { useI18n } from "../i18n";
import type { MessageKey } from "../i18n/messages";
import { notify } from "../ui/Toasts";

type Agreement = components["schemas"]["CashAgreementView"];
type Weekday = components["schemas"]["Weekday"];

const CURRENCIES = ["NOK", "SEK", "EUR"] as const;
const WEEKDAYS = ["monday", "tuesday", "wednesday", "thursday", "friday"] as const satisfies readonly Weekday[];

const agreementSchema = z.object({
  currency: z.enum(CURRENCIES),
  delivery_weekdays: z.array(z.enum(WEEKDAYS)).min(1, { message: encode({ key: "fieldError.required" }) }),
  credit_limit: z.string().trim().refine((typed) => minorUnits(typed) !== null, { message: encode({ key: "change.notAnAmount" }) }),
});
type Values = z.input<typeof agreementSchema>;

function valuesOf(agreement: Agreement, language: "nb" | "sv" | "en"): Values {
  const limit = agreement.credit_limit ?? 0;
  return {
    currency: agreement.currency ?? "NOK",
    delivery_weekdays: agreement.delivery_weekdays ?? [],
    // The limit as typed money, without the currency sign: "250 000,00"
    credit_limit: (agreement.version ?? 0) > 0 ? formatAmount(limit, agreement.currency ?? "NOK", language).replace(/[^\d\s.,\u00a0\u202f-]/g, "").trim() : "",
  };
}

/** ORD-2 for staff who may change the customer: currency, delivery weekdays and the credit limit per order. */
export function CashAgreementForm({ customerId, editable }: { customerId: string; editable: boolean }) {
  const { t, language } = useI18n();
  const agreement = $api.useQuery("get", "/customers/{customer_id}/cash-agreement", { params: { path: { customer_id: customerId } } });
  if (!agreement.data) return null;
  return (
    <section className="card" aria-labelledby="cash-heading">
      <h2 id="cash-heading">{t("cash.heading")}</h2>
      <p className="muted">{t("cash.intro")}</p>
      {editable ? (
        <AgreementForm key={agreement.data.version} customerId={customerId} agreement={agreement.data} />
      ) : (agreement.data.version ?? 0) > 0 ? (
        <p>{t("change.agreement", {
          days: (agreement.data.delivery_weekdays ?? []).map((day) => t(`weekday.${day}` as MessageKey)).join(", "),
          limit: formatAmount(agreement.data.credit_limit ?? 0, agreement.data.currency ?? "NOK", language),
        })}</p>
      ) : <p>{t("cash.none")}</p>}
    </section>
  );
}

function AgreementForm({ customerId, agreement }: { customerId: string; agreement: Agreement }) {
  const { t, language } = useI18n();
  const save = $api.useMutation("put", "/customers/{customer_id}/cash-agreement");
  const form = useApiForm(agreementSchema, valuesOf(agreement, language));

  async function submit(values: Values) {
    const refused = await refusalOf(save.mutateAsync({
      params: { path: { customer_id: customerId } },
      body: {
        version: agreement.version ?? 0,
        currency: values.currency,
        delivery_weekdays: values.delivery_weekdays,
        credit_limit: minorUnits(values.credit_limit) ?? 0,
      },
    }));
    if (refused) return form.refuse(refused);
    notify(t("toast.cashSaved"));
  }

  return (
    <Form form={form} id="cash-agreement" onSubmit={submit} label={t("cash.heading")}>
      {(agreement.version ?? 0) === 0 ? <p>{t("cash.none")}</p> : null}
      <div className="grid">
        <SelectField name="currency" label={t("field.currency")} options={CURRENCIES.map((code) => ({ value: code, label: code }))} />
        <TextField name="credit_limit" label={t("field.credit_limit")} required inputMode="decimal" hint={t("cash.limitHint")} autoComplete="off" />
      </div>
      <fieldset className="checks" id="cash-agreement-delivery_weekdays" tabIndex={-1}>
        <legend>{t("field.delivery_weekdays")} *</legend>
        {WEEKDAYS.map((day) => (
          <label key={day}>
            <input type="checkbox" value={day} {...form.register("delivery_weekdays")} />
            {t(`weekday.${day}` as MessageKey)}
          </label>
        ))}
      </fieldset>
      <div className="actions">
        <button type="submit">{t("cash.save")}</button>
      </div>
    </Form>
  );
}
