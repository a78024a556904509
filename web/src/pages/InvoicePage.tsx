import { Link } from "@tanstack/react-router";
import { useState } from "react";
import { Controller, type FieldValues } from "react-hook-form";
import { z } from "zod";
import { problemOf, word } from "../api/problems";
import { $api, isConflict } from "../api/query";
import { invoiceRoute } from "../app/router";
import { formatDate, formatDateTime, minorUnits } from "../format";
import { Form, TextField, inputIdOf } from "../forms/Form";
import { decode, encode } from "../forms/messages";
import { useApiForm, type ApiForm } from "../forms/useApiForm";
import { useI18n } from "../i18n";
import { DateField } from "../ui/DateField";
import { PdfDownload } from "../ui/PdfDownload";
import { notify } from "../ui/Toasts";
import { InvoiceStatusBadge, useMoney, type InvoiceEntry, type InvoiceView } from "./InvoiceParts";

/** Today in the browser's calendar, as the API's yyyy-mm-dd (the day a payment or credit note is usually from). */
function today(): string {
  const now = new Date();
  return `${now.getFullYear()}-${String(now.getMonth() + 1).padStart(2, "0")}-${String(now.getDate()).padStart(2, "0")}`;
}

// An amount as a person types it ("1 500", "250,50"), more than nothing; the API says whether it is outstanding.
const amount = z.string().trim().min(1).refine((typed) => (minorUnits(typed) ?? 0) > 0, { message: encode({ key: "invoices.notAnAmount" }) });
const day = z.string().min(1);
// InvoiceNumber: letters, digits, - and /.
const invoiceNumber = z.string().trim().min(1).max(40).regex(/^[0-9A-Za-z][0-9A-Za-z\-/]*$/);

const paymentSchema = z.object({ amount_minor: amount, paid_on: day, reference: z.string().trim().max(100) });
type PaymentValues = z.input<typeof paymentSchema>;
const creditNoteSchema = z.object({ number: invoiceNumber, amount_minor: amount, issued_on: day });
type CreditNoteValues = z.input<typeof creditNoteSchema>;

/** A date field of a form, its error (client or API) in words beneath it. */
function DayField({ formId, name, label }: { formId: string; name: string; label: string }) {
  const { t } = useI18n();
  return (
    <Controller name={name} render={({ field, fieldState }) => {
      const text = decode(fieldState.error?.message);
      return (
        <DateField id={inputIdOf(formId, name)} label={label} required value={field.value || null}
          onChange={(value) => field.onChange(value ?? "")} onBlur={field.onBlur} error={text ? word(text, t) : null} />
      );
    }} />
  );
}

/** A refusal on the form: someone else's change meanwhile offers a reload; a credit note number taken is said at its
 * field (the API names no field for it). */
function refuseOn<T extends FieldValues>(form: ApiForm<T>, refused: unknown) {
  const problem = problemOf(refused);
  if (problem.code === "invoice_number_taken") {
    form.refuse({ ...problem, summary: "error.validation", fields: { ...problem.fields, number: { key: "error.invoice_number_taken" } } });
  } else {
    form.refuse(refused);
  }
}

function ConflictNotice({ refusal, onReload }: { refusal: unknown; onReload: () => void }) {
  const { t } = useI18n();
  if (!isConflict(refusal)) return null;
  return (
    <p className="notice">
      {t("invoices.changedMeanwhile")}{" "}
      <button type="button" className="secondary-outline small" onClick={onReload}>{t("conflict.reload")}</button>
    </p>
  );
}

const PAYMENT_FORM = "invoice-payment";

/** "Registrer innbetaling": an amount (never more than is outstanding), the day it was paid, and a reference. */
function PaymentForm({ invoice, onReload }: { invoice: InvoiceView; onReload: () => void }) {
  const { t } = useI18n();
  const money = useMoney();
  const register = $api.useMutation("post", "/customers/{customer_id}/invoices/{invoice_id}/payments");
  const empty: PaymentValues = { amount_minor: "", paid_on: today(), reference: "" };
  const form = useApiForm(paymentSchema, empty);
  const [refusal, setRefusal] = useState<unknown>(null);
  const labels: Record<string, string> = {
    amount_minor: t("invoices.field.amount"), paid_on: t("invoices.field.paidOn"), reference: t("invoices.field.reference"),
  };

  async function submit(values: PaymentValues) {
    const minor = minorUnits(values.amount_minor) ?? 0;
    try {
      await register.mutateAsync({
        params: { path: { customer_id: invoice.customer_id, invoice_id: invoice.invoice_id } },
        body: { version: invoice.version, amount_minor: minor, paid_on: values.paid_on, reference: values.reference.trim() || null },
      });
    } catch (refused) {
      setRefusal(refused);
      return refuseOn(form, refused);
    }
    setRefusal(null);
    form.reset({ ...empty });
    notify(t("toast.paymentRegistered", { amount: money(minor, invoice.currency), number: invoice.number }));
  }

  return (
    <>
      <h3>{t("invoices.registerPayment")}</h3>
      <Form form={form} id={PAYMENT_FORM} onSubmit={submit} label={t("invoices.registerPayment")} labelOf={(field) => labels[field] ?? field}>
        <ConflictNotice refusal={refusal} onReload={() => { setRefusal(null); form.clearProblem(); onReload(); }} />
        <div className="grid">
          <TextField name="amount_minor" label={labels.amount_minor} required inputMode="decimal" autoComplete="off"
            hint={t("invoices.amountHint", { outstanding: money(invoice.outstanding_minor, invoice.currency) })} />
          <DayField formId={PAYMENT_FORM} name="paid_on" label={labels.paid_on} />
          <TextField name="reference" label={labels.reference} autoComplete="off" />
        </div>
        <div className="actions">
          <button type="submit">{t("invoices.registerPayment")}</button>
        </div>
      </Form>
    </>
  );
}

const CREDIT_NOTE_FORM = "invoice-credit-note";

/** "Registrer kreditnota": the credit note's own number (unique at the customer), its amount and date. */
function CreditNoteForm({ invoice, onReload }: { invoice: InvoiceView; onReload: () => void }) {
  const { t } = useI18n();
  const money = useMoney();
  const register = $api.useMutation("post", "/customers/{customer_id}/invoices/{invoice_id}/credit-notes");
  const empty: CreditNoteValues = { number: "", amount_minor: "", issued_on: today() };
  const form = useApiForm(creditNoteSchema, empty);
  const [refusal, setRefusal] = useState<unknown>(null);
  const labels: Record<string, string> = {
    number: t("invoices.field.creditNoteNumber"), amount_minor: t("invoices.field.amount"), issued_on: t("invoices.field.issuedOn"),
  };

  async function submit(values: CreditNoteValues) {
    const minor = minorUnits(values.amount_minor) ?? 0;
    const number = values.number.trim();
    try {
      await register.mutateAsync({
        params: { path: { customer_id: invoice.customer_id, invoice_id: invoice.invoice_id } },
        body: { version: invoice.version, number, amount_minor: minor, issued_on: values.issued_on },
      });
    } catch (refused) {
      setRefusal(refused);
      return refuseOn(form, refused);
    }
    setRefusal(null);
    form.reset({ ...empty });
    notify(t("toast.creditNoteRegistered", { credit: number, amount: money(minor, invoice.currency), number: invoice.number }));
  }

  return (
    <>
      <h3>{t("invoices.registerCreditNote")}</h3>
      <Form form={form} id={CREDIT_NOTE_FORM} onSubmit={submit} label={t("invoices.registerCreditNote")} labelOf={(field) => labels[field] ?? field}>
        <ConflictNotice refusal={refusal} onReload={() => { setRefusal(null); form.clearProblem(); onReload(); }} />
        <div className="grid">
          <TextField name="number" label={labels.number} required autoComplete="off" />
          <TextField name="amount_minor" label={labels.amount_minor} required inputMode="decimal" autoComplete="off"
            hint={t("invoices.amountHint", { outstanding: money(invoice.outstanding_minor, invoice.currency) })} />
          <DayField formId={CREDIT_NOTE_FORM} name="issued_on" label={labels.issued_on} />
        </div>
        <div className="actions">
          <button type="submit">{t("invoices.registerCreditNote")}</button>
        </div>
      </Form>
    </>
  );
}

/** The payments and credit notes registered on the invoice, in the order they came. */
function Entries({ invoice }: { invoice: InvoiceView }) {
  const { t } = useI18n();
  const money = useMoney();
  const entries: InvoiceEntry[] = invoice.entries ?? [];
  if (!entries.length) return <p>{t("invoices.noEntries")}</p>;
  return (
    <div className="table-wrap">
      <table className="amounts" aria-labelledby="invoice-entries-heading">
        <thead>
          <tr>
            <th scope="col">{t("invoices.entry.on")}</th>
            <th scope="col">{t("invoices.entry.kind")}</th>
            <th scope="col">{t("invoices.entry.reference")}</th>
            <th scope="col" className="number">{t("invoices.field.amount")}</th>
            <th scope="col">{t("invoices.entry.registeredBy")}</th>
          </tr>
        </thead>
        <tbody>
          {entries.map((entry) => (
            <tr key={entry.entry_id}>
              <td className="text nowrap">{formatDate(entry.on)}</td>
              <td className="text">{t(entry.kind === "credit_note" ? "invoices.entry.creditNote" : "invoices.entry.payment")}</td>
              <td className="text">{entry.reference ?? ""}</td>
              <td>{money(entry.amount_minor, invoice.currency)}</td>
              <td className="text">{t("invoices.entry.by", { name: entry.registered_by_name, at: formatDateTime(entry.registered_at) })}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

/** INV-1 (seed 004 "Faktura"): one invoice's facts — dates, payer, total, paid, credited, outstanding and status —,
 * its payments and credit notes, and the invoice as a PDF; staff who may change the customer register payments and
 * credit notes here, never more than is outstanding. */
export function InvoicePage() {
  const { t } = useI18n();
  const money = useMoney();
  const { customerId, invoiceId } = invoiceRoute.useParams();
  const found = $api.useQuery("get", "/customers/{customer_id}/invoices/{invoice_id}",
    { params: { path: { customer_id: customerId, invoice_id: invoiceId } } }, { retry: false });
  const customer = $api.useQuery("get", "/customers/{customer_id}", { params: { path: { customer_id: customerId } } }).data;
  const invoice = found.data;
  const back = <Link to="/invoices" search={{ customer: customerId }}>{t("invoices.back")}</Link>;

  if (!invoice) {
    return (
      <section className="card">
        {back}
        <h1 tabIndex={-1}>{t("invoices.invoice")}</h1>
        {found.error ? (
          <p className="error" role="alert">
            {problemOf(found.error).code === "not_found" ? t("invoices.notFound") : t(problemOf(found.error).summary)}
          </p>
        ) : <p role="status">{t("loading")}</p>}
      </section>
    );
  }

  const amount = (minor: number | undefined) => money(minor ?? 0, invoice.currency);
  const reload = () => void found.refetch();
  return (
    <>
        <section className="card" aria-labelledby="invoice-heading">
          {back}
          <div className="card-header">
            <h1 id="invoice-heading" tabIndex={-1}>
              {t("invoices.invoiceNumber", { number: invoice.number })} <InvoiceStatusBadge status={invoice.status} />
            </h1>
          </div>
          {customer ? <p className="muted">{t("invoices.at", { customer: customer.name })}</p> : null}
          <dl className="details">
            <div><dt>{t("invoices.column.invoiceDate")}</dt><dd>{formatDate(invoice.invoice_date)}</dd></div>
            <div><dt>{t("invoices.column.dueDate")}</dt><dd>{formatDate(invoice.due_date)}</dd></div>
            <div><dt>{t("invoices.column.payer")}</dt><dd>{invoice.payer}</dd></div>
            <div><dt>{t("invoices.column.total")}</dt><dd>{amount(invoice.total_minor)}</dd></div>
            <div><dt>{t("invoices.paid")}</dt><dd>{amount(invoice.paid_minor)}</dd></div>
            <div><dt>{t("invoices.credited")}</dt><dd>{amount(invoice.credited_minor)}</dd></div>
            <div><dt>{t("invoices.column.outstanding")}</dt><dd>{amount(invoice.outstanding_minor)}</dd></div>
          </dl>
          <div className="actions">
            <PdfDownload customerId={invoice.customer_id} document="invoice" subjectId={invoice.invoice_id} label={t("invoices.pdf")} />
          </div>
        </section>
        <section className="card" aria-labelledby="invoice-entries-heading">
          <h2 id="invoice-entries-heading">{t("invoices.entries")}</h2>
          <Entries invoice={invoice} />
          {invoice.may_register ? (
            invoice.outstanding_minor > 0 ? (
              <>
                <PaymentForm invoice={invoice} onReload={reload} />
                <CreditNoteForm invoice={invoice} onReload={reload} />
              </>
            ) : <p className="muted">{t("invoices.settled")}</p>
          ) : null}
        </section>
    </>
  );
}
