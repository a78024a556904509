import { Link } from "@tanstack/react-router";
import { useState } from "react";
import { Controller, useFieldArray, useWatch } from "react-hook-form";
import { z } from "zod";
import type { components } from "../api/client";
import { problemOf, word } from "../api/problems";
import { $api } from "../api/query";
import { depositsRoute } from "../app/router";
import { hasRole } from "../app/sections";
import { usePrincipal } from "../app/session";
import { Form, SelectField, TextField, inputIdOf } from "../forms/Form";
import { decode, encode } from "../forms/messages";
import { useApiForm } from "../forms/useApiForm";
import { formatAmount, minorUnits } from "../format";
import { useI18n } from "../i18n";
import { textOr } from "../i18n/messages";
import { DateField } from "../ui/DateField";
import { DepositSlipView } from "./DepositSlipView";
import { DepositsHeader, useDepositCustomer } from "./DepositsHeader";
import { denominationName, type Currency } from "./denominations";
import { linesOnTheForm } from "./orderLines";

type Slip = components["schemas"]["DepositSlip"];
type Deposit = components["schemas"]["Deposit"];
type DepositInput = components["schemas"]["DepositInput"];
type Denomination = components["schemas"]["DenominationInfo"];
type Customer = components["schemas"]["CustomerView"];

const FORM_ID = "deposit-slip";
// The currencies a bag most often holds besides the customer's own; listed, never added to the total.
const FOREIGN = ["EUR", "USD", "GBP", "SEK", "DKK", "NOK", "CHF", "PLN"];

const money = z.string().trim().max(20);
const slipSchema = z.object({
  deposit_date: z.string().min(1, { message: encode({ key: "fieldError.required" }) }),
  bag_number: z.string().trim().regex(/^\d{12}$/, { message: encode({ key: "fieldError.invalid_bag_number", values: { digits: 12 } }) }),
  department_id: z.string(),
  responsibility_number: z.string().trim().max(100),
  signature: z.string().trim().max(100),
  counts: z.record(z.string(), z.string().trim().max(9)),
  cheques: z.array(z.object({ reference: z.string().trim().max(100), amount: money })),
  fallbacks: z.array(z.object({ description: z.string().trim().max(100), amount: money })),
  foreign: z.array(z.object({ currency: z.string().length(3), amount: money })),
});
type Values = z.input<typeof slipSchema>;

function today(): string {
  const now = new Date();
  return `${now.getFullYear()}-${String(now.getMonth() + 1).padStart(2, "0")}-${String(now.getDate()).padStart(2, "0")}`;
}

function emptySlip(series: Denomination[]): Values {
  return {
    deposit_date: today(), bag_number: "", department_id: "", responsibility_number: "", signature: "",
    counts: Object.fromEntries(series.map(({ code }) => [code, ""])), cheques: [], fallbacks: [], foreign: [],
  };
}

/** Pieces as typed: a whole number, or null. */
function piecesOf(typed: string | undefined): number | null {
  const text = (typed ?? "").trim();
  if (!text) return 0;
  return /^\d{1,8}$/.test(text) ? Number(text) : null;
}

/** The slip as the API takes it; the first field the client can tell is unreadable, if any. */
function requestOf(values: Values, series: Denomination[]): { body: DepositInput; sent: string[] } | { unreadable: string } {
  const counted = series.filter(({ code }) => (values.counts[code] ?? "").trim() !== "");
  for (const { code } of counted) if (piecesOf(values.counts[code]) === null) return { unreadable: `counts.${code}` };
  for (const list of ["cheques", "fallbacks", "foreign"] as const) {
    const index = values[list].findIndex((row) => minorUnits(row.amount) === null);
    if (index >= 0) return { unreadable: `${list}.${index}.amount` };
  }
  return {
    sent: counted.map(({ code }) => code),
    body: {
      deposit_date: values.deposit_date,
      bag_number: values.bag_number,
      department_id: values.department_id || null,
      responsibility_number: values.responsibility_number || null,
      signature: values.signature || null,
      lines: counted.map(({ code }) => ({ denomination: code, pieces: Number(values.counts[code]) })),
      cheques: values.cheques.map((row) => ({ reference: row.reference || null, amount: minorUnits(row.amount) ?? 0 })),
      fallbacks: values.fallbacks.map((row) => ({ description: row.description, amount: minorUnits(row.amount) ?? 0 })),
      foreign: values.foreign.map((row) => ({ currency: row.currency, amount: minorUnits(row.amount) ?? 0 })),
    },
  };
}

function SlipForm({ customer, series, currency, onSaved }: { customer: Customer; series: Denomination[]; currency: Currency; onSaved: (deposit: Deposit) => void }) {
  const { t, language } = useI18n();
  const path = { customer_id: customer.customer_id };
  const departments = ($api.useQuery("get", "/customers/{customer_id}/departments", { params: { path } }).data ?? [])
    .filter((department) => department.active !== false);
  const review = $api.useMutation("post", "/customers/{customer_id}/deposit-reviews");
  const register = $api.useMutation("post", "/customers/{customer_id}/deposits");
  const form = useApiForm(slipSchema, emptySlip(series));
  const cheques = useFieldArray({ control: form.control, name: "cheques" });
  const fallbacks = useFieldArray({ control: form.control, name: "fallbacks" });
  const foreign = useFieldArray({ control: form.control, name: "foreign" });
  const [reviewed, setReviewed] = useState<{ slip: Slip; body: DepositInput } | null>(null);
  const [saveRefusal, setSaveRefusal] = useState<string | null>(null);
  const [key, setKey] = useState(() => crypto.randomUUID());
  const [counts, chequeRows, fallbackRows] = useWatch({ control: form.control, name: ["counts", "cheques", "fallbacks"] });
  const lineAmounts = series.map(({ code, minor }) => (piecesOf(counts?.[code]) ?? 0) * minor);
  const typedSum = (rows: { amount: string }[] | undefined) => (rows ?? []).reduce((sum, row) => sum + (minorUnits(row.amount) ?? 0), 0);
  const sum = lineAmounts.reduce((total, amount) => total + amount, 0) + typedSum(chequeRows) + typedSum(fallbackRows);
  const amount = (minor: number) => formatAmount(minor, currency, language);

  function refuse(refused: unknown, sent: string[]) {
    form.refuse(linesOnTheForm(problemOf(refused), sent, "counts"));
  }

  async function check(values: Values) {
    const request = requestOf(values, series);
    if ("unreadable" in request) {
      const key = request.unreadable.startsWith("counts.") ? "fieldError.not_a_number" : "change.notAnAmount";
      form.setError(request.unreadable as never, { type: "client", message: encode({ key }) });
      return;
    }
    try {
      const slip = await review.mutateAsync({ params: { path }, body: request.body });
      setReviewed({ slip, body: request.body });
      setSaveRefusal(null);
    } catch (refused) {
      refuse(refused, request.sent);
    }
  }

  async function save() {
    if (!reviewed) return;
    try {
      const saved = await register.mutateAsync({ params: { path }, body: reviewed.body, headers: { "Idempotency-Key": key } });
      setKey(crypto.randomUUID());
      setReviewed(null);
      form.reset(emptySlip(series));
      onSaved(saved);
    } catch (refused) {
      setSaveRefusal(t(problemOf(refused).summary));
    }
  }

  const labelOf = (field: string) => {
    if (field.startsWith("counts.")) return denominationName(field.slice("counts.".length), currency, t, language);
    const row = /^(cheques|fallbacks|foreign)\.(\d+)\.(\w+)$/.exec(field);
    if (row) return `${t(`deposits.${row[1]}` as "deposits.cheques")} ${Number(row[2]) + 1}: ${textOr(t, `field.${row[3]}`, row[3])}`;
    return textOr(t, `field.${field}`, field);
  };

  return (
    <>
      <section className="card" aria-labelledby="new-slip-heading" hidden={reviewed !== null}>
        <h2 id="new-slip-heading">{t("deposits.new")}</h2>
        <Form form={form} id={FORM_ID} onSubmit={check} label={t("deposits.new")} labelOf={labelOf}>
          <div className="grid">
            <Controller control={form.control} name="deposit_date" render={({ field, fieldState }) => {
              const text = decode(fieldState.error?.message);
              return (
                <DateField id={inputIdOf(FORM_ID, "deposit_date")} label={t("field.deposit_date")} required
                  value={field.value || null} onChange={(value) => field.onChange(value ?? "")} onBlur={field.onBlur}
                  error={text ? word(text, t) : null} />
              );
            }} />
            <Controller control={form.control} name="bag_number" render={({ field, fieldState }) => {
              const text = decode(fieldState.error?.message);
              const id = inputIdOf(FORM_ID, "bag_number");
              return (
                <div className="field">
                  <label htmlFor={id}>{t("field.bag_number")} *</label>
                  {/* Spaces and dashes copied from the bag are left out as they are typed, so what is sent shows. */}
                  <input id={id} name={field.name} value={field.value} inputMode="numeric" autoComplete="off" aria-required maxLength={20}
                    aria-invalid={text ? true : undefined} aria-describedby={`${id}-hint${text ? ` ${id}-error` : ""}`}
                    onChange={(event) => field.onChange(event.target.value.replace(/[\s-]/g, ""))} onBlur={field.onBlur} ref={field.ref} />
                  <p className="hint" id={`${id}-hint`}>{t("deposits.bagHint")}</p>
                  {text ? <p className="field-error" id={`${id}-error`}>{word(text, t)}</p> : null}
                </div>
              );
            }} />
            <SelectField name="department_id" label={t("field.department_id")} hint={t("deposits.optional")}
              options={[{ value: "", label: t("deposits.noDepartment") }, ...departments.map((department) => ({ value: department.department_id, label: department.name }))]} />
            <TextField name="responsibility_number" label={t("field.responsibility_number")} hint={t("deposits.optional")} autoComplete="off" />
            <TextField name="signature" label={t("field.signature")} hint={t("deposits.optional")} autoComplete="off" />
          </div>
          <fieldset className="group" id={inputIdOf(FORM_ID, "lines")} tabIndex={-1}>
            <legend>{t("deposits.counts")}</legend>
            <div className="grid">
              {series.map((denomination, index) => (
                <TextField key={denomination.code} name={`counts.${denomination.code}`} autoComplete="off" inputMode="numeric"
                  label={denominationName(denomination.code, currency, t, language)}
                  hint={lineAmounts[index] ? t("change.lineAmount", { amount: amount(lineAmounts[index]) }) : undefined} />
              ))}
            </div>
          </fieldset>
          <fieldset className="group">
            <legend>{t("deposits.cheques")}</legend>
            {cheques.fields.map((row, index) => (
              <div className="grid" key={row.id}>
                <TextField name={`cheques.${index}.reference`} label={t("deposits.chequeReference", { number: index + 1 })} autoComplete="off" />
                <TextField name={`cheques.${index}.amount`} label={t("deposits.chequeAmount", { number: index + 1 })} inputMode="decimal" autoComplete="off" required />
                <div className="actions"><button type="button" className="secondary-outline small" onClick={() => cheques.remove(index)}>{t("deposits.removeCheque", { number: index + 1 })}</button></div>
              </div>
            ))}
            <button type="button" className="secondary-outline small" onClick={() => cheques.append({ reference: "", amount: "" })}>{t("deposits.addCheque")}</button>
          </fieldset>
          <fieldset className="group">
            <legend>{t("deposits.fallbacks")}</legend>
            <p className="hint">{t("deposits.fallbacksHint")}</p>
            {fallbacks.fields.map((row, index) => (
              <div className="grid" key={row.id}>
                <TextField name={`fallbacks.${index}.description`} label={t("deposits.fallbackDescription", { number: index + 1 })} autoComplete="off" required />
                <TextField name={`fallbacks.${index}.amount`} label={t("deposits.fallbackAmount", { number: index + 1 })} inputMode="decimal" autoComplete="off" required />
                <div className="actions"><button type="button" className="secondary-outline small" onClick={() => fallbacks.remove(index)}>{t("deposits.removeFallback", { number: index + 1 })}</button></div>
              </div>
            ))}
            <button type="button" className="secondary-outline small" onClick={() => fallbacks.append({ description: "", amount: "" })}>{t("deposits.addFallback")}</button>
          </fieldset>
          <p className="totals" aria-live="polite"><strong>{t("deposits.total", { currency, amount: amount(sum) })}</strong></p>
          <fieldset className="group">
            <legend>{t("deposits.foreign")}</legend>
            <p className="hint">{t("deposits.foreignNotAdded", { currency })}</p>
            {foreign.fields.map((row, index) => (
              <div className="grid" key={row.id}>
                <SelectField name={`foreign.${index}.currency`} label={t("deposits.foreignCurrency", { number: index + 1 })}
                  options={FOREIGN.filter((code) => code !== currency).map((code) => ({ value: code, label: code }))} />
                <TextField name={`foreign.${index}.amount`} label={t("deposits.foreignAmount", { number: index + 1 })} inputMode="decimal" autoComplete="off" required />
                <div className="actions"><button type="button" className="secondary-outline small" onClick={() => foreign.remove(index)}>{t("deposits.removeForeign", { number: index + 1 })}</button></div>
              </div>
            ))}
            <button type="button" className="secondary-outline small" onClick={() => foreign.append({ currency: currency === "EUR" ? "USD" : "EUR", amount: "" })}>{t("deposits.addForeign")}</button>
          </fieldset>
          <div className="actions">
            <button type="submit">{t("deposits.review")}</button>
          </div>
        </Form>
      </section>
      {reviewed ? (
        <section className="card" aria-labelledby="review-heading">
          <h2 id="review-heading" tabIndex={-1} ref={(heading) => heading?.focus()}>{t("deposits.reviewHeading")}</h2>
          <p>{t("deposits.reviewIntro")}</p>
          <DepositSlipView slip={reviewed.slip} headingLevel={3} />
          {saveRefusal ? <p className="error" role="alert">{saveRefusal}</p> : null}
          <div className="actions">
            <button type="button" onClick={() => void save()} disabled={register.isPending}>{t("deposits.save")}</button>
            <button type="button" className="secondary-outline" onClick={() => setReviewed(null)}>{t("deposits.change")}</button>
          </div>
        </section>
      ) : null}
    </>
  );
}

/** DEP-1: the deposit slip (seed 000, Innskudd → Bilag): filled in, reviewed with every amount computed, saved. */
export function DepositsPage() {
  const { t, language } = useI18n();
  const me = usePrincipal();
  const search = depositsRoute.useSearch();
  const [saved, setSaved] = useState<Deposit | null>(null);
  const { customerId, customer } = useDepositCustomer(search.customer);
  const agreement = $api.useQuery("get", "/customers/{customer_id}/cash-agreement", { params: { path: { customer_id: customerId } } }, { enabled: Boolean(customerId) });
  const registrar = hasRole(me, customerId, "deposit_registrar");

  return (
    <>
      <DepositsHeader current="slip" customerId={customerId} customer={customer} onCustomerChange={() => setSaved(null)}>
        {saved ? (
          <p className="notice" role="status">
            {t("deposits.saved", { bag: saved.bag_number, amount: formatAmount(saved.total, saved.currency, language) })}{" "}
            <Link to="/deposits/$customerId/$depositId" params={{ customerId: saved.customer_id, depositId: saved.deposit_id }}>{t("deposits.openReceipt")}</Link>
          </p>
        ) : null}
        <p className="muted">{t("deposits.intro")}</p>
        {customer && !registrar ? <p className="muted">{t("deposits.notRegistrar")}</p> : null}
      </DepositsHeader>
      {customer && registrar && agreement.data ? (
        <SlipForm key={customer.customer_id} customer={customer} series={agreement.data.denominations} currency={agreement.data.currency ?? "NOK"} onSaved={setSaved} />
      ) : null}
    </>
  );
}
