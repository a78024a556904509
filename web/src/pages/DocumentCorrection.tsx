// DOC-6 on a document's page: the sender corrects what a stopped (or refused) invoice lacks, has the check run again
// on the corrected file, and sends it again; the recipient of a delivered invoice refuses it for what it lacks.
import { useState } from "react";
import { Controller, useFormContext, useWatch } from "react-hook-form";
import { z } from "zod";
import type { components } from "../api/client";
import { word } from "../api/problems";
import { $api, isConflict, refusalOf } from "../api/query";
import { Form, TextField, inputIdOf } from "../forms/Form";
import { decode, encode } from "../forms/messages";
import { useApiForm } from "../forms/useApiForm";
import { useI18n } from "../i18n";
import { textOr, type MessageKey } from "../i18n/messages";
import { DateField } from "../ui/DateField";
import { notify } from "../ui/Toasts";
import { typeKey } from "./DocumentsHeader";
import { RuleList } from "./documentParts";

type DocumentView = components["schemas"]["DocumentView"];
type CorrectionCheck = components["schemas"]["CorrectionCheck"];
type DocumentType = components["schemas"]["DocumentType"];

/** The business terms a correction can set (EN 16931), in the order they are offered. */
export const CORRECTABLE = [
  { field: "buyer_reference", term: "BT-10" },
  { field: "order_reference", term: "BT-13" },
  { field: "contract_reference", term: "BT-12" },
  { field: "due_date", term: "BT-9" },
] as const;
type Field = (typeof CORRECTABLE)[number]["field"];

const CORRECTION_FORM = "correction";
const REFUSAL_FORM = "refusal";
const MAX_VALUE = 200;
const MAX_REASON = 500;

const fieldKey = (field: string) => `field.${field}` as MessageKey;

/** The value the document has now, to start the correction from. */
function currentValue(document: DocumentView, field: Field): string {
  const content = document.content;
  switch (field) {
    case "buyer_reference":
      return content.buyer_reference ?? "";
    case "order_reference":
      return content.order_reference ?? "";
    case "due_date":
      return content.due_date ?? "";
    default:
      return ""; // the contract reference is not among what the portal reads out of a document
  }
}

/** The values typed, without the empty ones (a correction sets only what is filled in), in one order. */
function filledIn(values: Record<string, string | undefined> | undefined): Record<string, string> {
  return Object.fromEntries(
    Object.entries(values ?? {}).map(([name, value]) => [name, (value ?? "").trim()] as const).filter(([, value]) => value).sort(),
  );
}

function DueDateField({ label }: { label: string }) {
  const { t } = useI18n();
  const { control } = useFormContext<{ values: Record<string, string> }>();
  return (
    <Controller control={control} name="values.due_date" render={({ field, fieldState }) => {
      const text = decode(fieldState.error?.message);
      return (
        <DateField id={inputIdOf(CORRECTION_FORM, "values.due_date")} label={label}
          value={field.value || null} onChange={(value) => field.onChange(value ?? "")} onBlur={field.onBlur}
          error={text ? word(text, t) : null} />
      );
    }} />
  );
}

/** The rules the corrected document would still break, or that it passes. */
function CheckResult({ check, stale }: { check: CorrectionCheck; stale: boolean }) {
  const { t } = useI18n();
  if (stale) return <p className="muted">{t("documents.correction.changedSince")}</p>;
  if (check.passes) return <p className="notice">{t("documents.correction.passes")}</p>;
  return (
    <div className="check-failed">
      <p><strong>{t("documents.correction.fails")}</strong></p>
      <RuleList reasons={check.reasons} />
    </div>
  );
}

/** DOC-6 for the sender's document handlers: one field per term the problems name, prefilled with what the document
 * says; "check" runs the rules on the corrected file, and a passing check of the same values may be sent. */
export function CorrectionForm({ document, onReload }: { document: DocumentView; onReload: () => void }) {
  const { t } = useI18n();
  const path = { customer_id: document.customer_id, document_id: document.document_id };
  const checking = $api.useMutation("post", "/customers/{customer_id}/documents/{document_id}/correction-check");
  const correcting = $api.useMutation("post", "/customers/{customer_id}/documents/{document_id}/corrections");
  const fields = CORRECTABLE.filter(({ field }) => (document.correctable ?? []).includes(field));
  const schema = z.object({
    values: z.object(Object.fromEntries(fields.map(({ field }) => [field, z.string().trim().max(MAX_VALUE)])) as Record<string, z.ZodString>),
  });
  const form = useApiForm(schema, { values: Object.fromEntries(fields.map(({ field }) => [field, currentValue(document, field)])) });
  const typed = useWatch({ control: form.control, name: "values" }) as Record<string, string> | undefined;
  const [checked, setChecked] = useState<{ values: string; check: CorrectionCheck } | null>(null);
  const [conflict, setConflict] = useState(false);
  const current = JSON.stringify(filledIn(typed));
  const mayResend = Boolean(checked?.check.passes) && checked?.values === current;
  const type = t(typeKey(document.content.document_type as DocumentType));

  /** The values to send, or null (with the first field marked) when nothing is filled in. */
  function valuesOf(values: { values: Record<string, string> }): Record<string, string> | null {
    const filled = filledIn(values.values);
    if (Object.keys(filled).length) return filled;
    form.setError(`values.${fields[0].field}`, { type: "client", message: encode({ key: "documents.correction.nothing" }) });
    return null;
  }

  function refused(error: unknown) {
    setConflict(isConflict(error));
    form.refuse(error);
  }

  async function check(values: { values: Record<string, string> }) {
    setChecked(null);
    const filled = valuesOf(values);
    if (!filled) return;
    try {
      const result = await checking.mutateAsync({ params: { path }, body: { values: filled, version: document.version ?? 1 } });
      setConflict(false);
      setChecked({ values: JSON.stringify(filled), check: result });
    } catch (error) {
      refused(error);
    }
  }

  async function resend(values: { values: Record<string, string> }) {
    form.clearProblem();
    const filled = valuesOf(values);
    if (!filled) return;
    const error = await refusalOf(correcting.mutateAsync({
      params: { path },
      body: { values: filled, version: document.version ?? 1 },
      headers: { "Idempotency-Key": crypto.randomUUID() },
    }));
    if (error) return refused(error);
    // The page reads the document again (every accepted write does): received, with the correction in its timeline.
    notify(t("toast.documentCorrected", { type, number: document.content.number }));
  }

  const labelOf = (name: string) => textOr(t, fieldKey(name.replace(/^values\./, "")), name);
  if (!fields.length) return null;
  return (
    <div className="correction" role="group" aria-labelledby="correction-heading">
      <h3 id="correction-heading">{t("documents.correction.heading")}</h3>
      <p>{t("documents.correction.intro")}</p>
      <Form form={form} id={CORRECTION_FORM} onSubmit={check} label={t("documents.correction.heading")} labelOf={labelOf}>
        {conflict ? (
          <p className="notice">
            {t("documents.correction.conflict")}{" "}
            <button type="button" className="secondary-outline small" onClick={onReload}>{t("conflict.reload")}</button>
          </p>
        ) : null}
        <div className="grid">
          {fields.map(({ field, term }) => field === "due_date"
            ? <DueDateField key={field} label={`${t(fieldKey(field))} (${term})`} />
            : <TextField key={field} name={`values.${field}`} label={`${t(fieldKey(field))} (${term})`} autoComplete="off" />)}
        </div>
        <div className="actions">
          <button type="submit" className={mayResend ? "secondary-outline" : undefined}>{t("documents.correction.check")}</button>
          <button type="button" disabled={!mayResend} aria-describedby="correction-resend-hint"
            onClick={() => void form.handleSubmit(resend)()}>
            {t("documents.correction.resend")}
          </button>
        </div>
        <p className="hint" id="correction-resend-hint">{t("documents.correction.resendHint")}</p>
      </Form>
      <div role="status" className="check-result">
        {checked ? <CheckResult check={checked.check} stale={checked.values !== current} /> : null}
      </div>
    </div>
  );
}

const refusalSchema = z.object({
  reason: z.string().trim().min(1).max(MAX_REASON),
  terms: z.array(z.string()).min(1, { message: encode({ key: "documents.refusal.chooseTerm" }) }),
});
type RefusalValues = z.input<typeof refusalSchema>;

/** The terms a recipient may name for a document of this kind (the due date only on an invoice). */
export function refusableTerms(kind: DocumentType): (typeof CORRECTABLE)[number][] {
  if (kind !== "invoice" && kind !== "credit_note") return [];
  return CORRECTABLE.filter(({ field }) => kind === "invoice" || field !== "due_date");
}

/** DOC-6, the recipient's side: a delivered document it cannot take in, for want of the information it names; the
 * sender is told and may correct just that and send it again. */
export function RefusalForm({ document, onReload }: { document: DocumentView; onReload: () => void }) {
  const { t } = useI18n();
  const refuse = $api.useMutation("post", "/customers/{customer_id}/documents/{document_id}/rejection");
  const form = useApiForm(refusalSchema, { reason: "", terms: [] });
  const [conflict, setConflict] = useState(false);
  const terms = refusableTerms(document.content.document_type);
  const type = t(typeKey(document.content.document_type));
  const termsId = inputIdOf(REFUSAL_FORM, "terms");
  const termsError = decode(form.formState.errors.terms?.message);

  async function submit(values: RefusalValues) {
    const error = await refusalOf(refuse.mutateAsync({
      params: { path: { customer_id: document.customer_id, document_id: document.document_id } },
      body: { reason: values.reason.trim(), terms: values.terms, version: document.version ?? 1 },
    }));
    setConflict(isConflict(error));
    if (error) return form.refuse(error);
    notify(t("toast.documentRefused", { type, number: document.content.number }));
  }

  if (!terms.length) return null;
  const labels: Record<string, string> = { reason: t("documents.refusal.reason"), terms: t("documents.refusal.terms") };
  return (
    <section className="card" aria-labelledby="refusal-heading">
      <h2 id="refusal-heading">{t("documents.refusal.heading")}</h2>
      <p className="muted">{t("documents.refusal.intro", { partner: document.partner_name })}</p>
      <Form form={form} id={REFUSAL_FORM} onSubmit={submit} label={t("documents.refusal.heading")} labelOf={(field) => labels[field] ?? field}>
        {conflict ? (
          <p className="notice">
            {t("documents.correction.conflict")}{" "}
            <button type="button" className="secondary-outline small" onClick={onReload}>{t("conflict.reload")}</button>
          </p>
        ) : null}
        <TextField name="reason" label={labels.reason} required multiline hint={t("documents.refusal.reasonHint", { max: MAX_REASON })} />
        <fieldset className="group checks-inline" id={termsId} tabIndex={-1} aria-describedby={termsError ? `${termsId}-error` : undefined}>
          <legend>{labels.terms} *</legend>
          {terms.map(({ field, term }) => (
            <label key={term} htmlFor={`${termsId}-${term}`}>
              <input type="checkbox" id={`${termsId}-${term}`} value={term} {...form.register("terms")} />
              {t(fieldKey(field))} ({term})
            </label>
          ))}
          {termsError ? <p className="field-error" id={`${termsId}-error`}>{word(termsError, t)}</p> : null}
        </fieldset>
        <div className="actions">
          <button type="submit" className="danger">{t("documents.refusal.submit")}</button>
        </div>
      </Form>
    </section>
  );
}
