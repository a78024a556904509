import { getLocalTimeZone, today } from "@internationalized/date";
import { Link } from "@tanstack/react-router";
import { useState } from "react";
import { Controller, useFieldArray, useWatch, type Control } from "react-hook-form";
import { z } from "zod";
import { problemOf, word, type Problem } from "../api/problems";
import { $api, byCursor, usePages } from "../api/query";
import { Form, SelectField, TextField, inputIdOf } from "../forms/Form";
import { decode, encode } from "../forms/messages";
import { useApiForm } from "../forms/useApiForm";
import { exactAmount, formatAmount, formatDate, minorUnits } from "../format";
import { useI18n } from "../i18n";
import { DateField } from "../ui/DateField";
import { ALL_PAGE, SHORT_LIST, ShortList, type SortableColumn } from "../ui/ShortList";
import { notify } from "../ui/Toasts";
import { CURRENCIES, VAT_RATES } from "./caseParts";
import {
  MAX_PRICE_MINOR, MAX_QUANTITY_HUNDREDTHS, quoteStatusKey, quoteSums, typedLineSums, type Quote, type TypedLine,
} from "./quoteParts";

const QUOTE_FORM = "new-quote";
const MAX_LINES = 100; // QuoteInput.lines
/** A quote is offered for a month unless staff choose otherwise. */
const VALID_DAYS = 30;

const lineSchema = z.object({
  description: z.string().trim().min(1).max(200),
  quantity: z.string().trim().refine((typed) => {
    const hundredths = minorUnits(typed);
    return hundredths !== null && hundredths > 0 && hundredths <= MAX_QUANTITY_HUNDREDTHS;
  }, { message: encode({ key: "quotes.notAQuantity" }) }),
  unit_price: z.string().trim().refine((typed) => {
    const minor = minorUnits(typed);
    return minor !== null && minor <= MAX_PRICE_MINOR;
  }, { message: encode({ key: "change.notAnAmount" }) }),
  vat_rate: z.enum(VAT_RATES),
});
const quoteSchema = z.object({
  title: z.string().trim().min(1).max(200),
  description: z.string().trim().max(4000),
  currency: z.enum(CURRENCIES),
  valid_until: z.string().min(1).refine((value) => value >= today(getLocalTimeZone()).toString(), {
    message: encode({ key: "quotes.validUntilPast" }),
  }),
  case_id: z.string(),
  lines: z.array(lineSchema).min(1).max(MAX_LINES),
});
type QuoteValues = z.input<typeof quoteSchema>;

const EMPTY_LINE: QuoteValues["lines"][number] = { description: "", quantity: "", unit_price: "", vat_rate: "25" };

function emptyQuote(): QuoteValues {
  return {
    title: "", description: "", currency: "NOK", case_id: "", lines: [{ ...EMPTY_LINE }],
    valid_until: today(getLocalTimeZone()).add({ days: VALID_DAYS }).toString(),
  };
}

/** The API names a line's price by its minor units (`lines.0.unit_price_minor`); the form's input is the price typed. */
function atInputs(problem: Problem): Problem {
  const fields = Object.fromEntries(Object.entries(problem.fields).map(([field, text]) => [field.replace(/\.unit_price_minor$/, ".unit_price"), text]));
  return { ...problem, fields };
}

function LineFields({ control, index, count, currency, onRemove }: {
  control: Control<QuoteValues>; index: number; count: number; currency: string; onRemove: () => void;
}) {
  const { t, language } = useI18n();
  const line = useWatch({ control, name: `lines.${index}` }) as TypedLine | undefined;
  const sums = line ? typedLineSums(line) : null;
  const legend = t("quotes.lineNumber", { number: index + 1 });
  return (
    <fieldset className="definition">
      <legend>{legend}</legend>
      <div className="grid wide-fields">
        <TextField name={`lines.${index}.description`} label={t("quotes.line.description")} required autoComplete="off" className="field wide" />
        <TextField name={`lines.${index}.quantity`} label={t("quotes.line.quantity")} required inputMode="decimal" autoComplete="off"
          hint={t("cases.quantityHint")} />
        <TextField name={`lines.${index}.unit_price`} label={t("quotes.line.unit_price")} required inputMode="decimal" autoComplete="off"
          hint={t("quotes.unitPriceHint")} />
        <SelectField name={`lines.${index}.vat_rate`} label={t("quotes.line.vat_rate")}
          options={VAT_RATES.map((rate) => ({ value: rate, label: t("cases.percent", { percent: rate }) }))} />
      </div>
      <div className="actions">
        <span>
          {t("quotes.line.amount")}:{" "}
          <strong>{sums ? formatAmount(sums.amount, currency, language) : "–"}</strong>
          {sums ? <span className="muted"> {t("quotes.lineVat", { vat: formatAmount(sums.vat, currency, language) })}</span> : null}
        </span>
        {count > 1 ? (
          <button type="button" className="secondary-outline small" onClick={onRemove}
            aria-label={t("quotes.removeLineNumber", { number: index + 1 })}>{t("quotes.removeLine")}</button>
        ) : null}
      </div>
    </fieldset>
  );
}

/** The quote's totals as the lines stand: exact, worked out as the API will. */
function LiveTotals({ control }: { control: Control<QuoteValues> }) {
  const { t, language } = useI18n();
  const lines = (useWatch({ control, name: "lines" }) ?? []) as TypedLine[];
  const currency = useWatch({ control, name: "currency" }) ?? "NOK";
  const sums = quoteSums(lines);
  return (
    <div className="table-wrap">
      <table className="amounts document-table totals-table">
        <caption><h3>{t("quotes.totals")}</h3></caption>
        <tbody>
          <tr><th scope="row">{t("quotes.amount")}</th><td>{formatAmount(sums.amount, currency, language)}</td></tr>
          <tr><th scope="row">{t("quotes.vat")}</th><td>{formatAmount(sums.vat, currency, language)}</td></tr>
          <tr><th scope="row">{t("quotes.total")}</th><td><strong>{formatAmount(sums.total, currency, language)}</strong></td></tr>
        </tbody>
      </table>
      {sums.complete ? null : <p className="muted">{t("quotes.incomplete")}</p>}
    </div>
  );
}

function NewQuoteForm({ customerId, customerName }: { customerId: string; customerName: string }) {
  const { t } = useI18n();
  const create = $api.useMutation("post", "/customers/{customer_id}/quotes");
  const cases = $api.useQuery("get", "/cases", { params: { query: { customer_id: customerId, limit: 100 } } });
  const form = useApiForm(quoteSchema, emptyQuote());
  const lines = useFieldArray({ control: form.control, name: "lines" });
  const currency = useWatch({ control: form.control, name: "currency" }) ?? "NOK";

  async function submit(values: QuoteValues) {
    let made: Quote;
    try {
      made = await create.mutateAsync({
        params: { path: { customer_id: customerId } },
        body: {
          title: values.title.trim(),
          description: values.description.trim() || null,
          currency: values.currency,
          valid_until: values.valid_until,
          case_id: values.case_id || null,
          // Exact decimals: "2,5" goes as "2.50", "950,00" as 95000 øre; never through a float.
          lines: values.lines.map((line) => ({
            description: line.description.trim(),
            quantity: exactAmount(line.quantity) ?? line.quantity,
            unit_price_minor: minorUnits(line.unit_price) ?? 0,
            vat_rate: line.vat_rate,
          })),
        },
      });
    } catch (refused) {
      return form.refuse(atInputs(problemOf(refused)));
    }
    notify(t("toast.quoteCreated", { number: made.number, customer: customerName }));
    form.reset(emptyQuote());
  }

  const labels: Record<string, string> = {
    title: t("quotes.field.title"), description: t("quotes.field.description"), currency: t("quotes.field.currency"),
    valid_until: t("quotes.field.valid_until"), case_id: t("quotes.field.case_id"), lines: t("quotes.lines"),
  };
  const lineLabels: Record<string, string> = {
    description: t("quotes.line.description"), quantity: t("quotes.line.quantity"), unit_price: t("quotes.line.unit_price"),
    vat_rate: t("quotes.line.vat_rate"),
  };
  const labelOf = (path: string) => {
    const [first, place, part] = path.split(".");
    if (first === "lines" && place !== undefined && part) return `${t("quotes.lineNumber", { number: Number(place) + 1 })}: ${lineLabels[part] ?? part}`;
    return labels[path] ?? path;
  };
  const caseChoices = (cases.data?.items ?? []).map((item) => ({ value: item.case_id, label: t("cases.caseHeading", { number: item.number, title: item.title }) }));
  return (
    <Form form={form} id={QUOTE_FORM} onSubmit={submit} label={t("quotes.new")} labelOf={labelOf}>
      <div className="grid wide-fields">
        <TextField name="title" label={labels.title} required autoComplete="off" hint={t("quotes.titleHint")} />
        <SelectField name="currency" label={labels.currency} options={CURRENCIES.map((code) => ({ value: code, label: code }))} />
        <Controller control={form.control} name="valid_until" render={({ field, fieldState }) => {
          const text = decode(fieldState.error?.message);
          return (
            <DateField id={inputIdOf(QUOTE_FORM, "valid_until")} label={labels.valid_until} required
              value={field.value || null} onChange={(value) => field.onChange(value ?? "")} onBlur={field.onBlur}
              error={text ? word(text, t) : null} hint={t("quotes.validUntilHint")} />
          );
        }} />
        <SelectField name="case_id" label={labels.case_id} options={[{ value: "", label: t("quotes.noCase") }, ...caseChoices]} />
      </div>
      <TextField name="description" label={labels.description} multiline hint={t("quotes.descriptionHint")} />
      <h3>{t("quotes.lines")}</h3>
      {lines.fields.map((line, index) => (
        <LineFields key={line.id} control={form.control} index={index} count={lines.fields.length} currency={currency}
          onRemove={() => lines.remove(index)} />
      ))}
      {lines.fields.length < MAX_LINES ? (
        <div className="actions">
          <button type="button" className="secondary-outline small" onClick={() => lines.append({ ...EMPTY_LINE })}>{t("quotes.addLine")}</button>
        </div>
      ) : null}
      <LiveTotals control={form.control} />
      <div className="actions">
        <button type="submit">{t("quotes.submit")}</button>
      </div>
    </Form>
  );
}

/** Seed 003 on the customer's page: its quotes, the ten newest, sortable, with the rest on "Show all"; staff who may
 * change the customer make a new one here, line by line, with its totals worked out as they type. */
export function CustomerQuotes({ customerId, customerName, editable }: { customerId: string; customerName: string; editable: boolean }) {
  const { t, language } = useI18n();
  const [all, setAll] = useState(false);
  const path = { customer_id: customerId };
  const first = usePages("get", "/customers/{customer_id}/quotes", { params: { path, query: { limit: SHORT_LIST } } }, { ...byCursor, retry: false });
  const rest = usePages("get", "/customers/{customer_id}/quotes", { params: { path, query: { limit: ALL_PAGE } } },
    { ...byCursor, enabled: all, retry: false });

  const columns: SortableColumn<Quote>[] = [
    { id: "number", header: t("quotes.column.number"), rowHeader: true, cell: (row) => row.number, sortValue: (row) => row.number },
    { id: "title", header: t("quotes.column.title"), cell: (row) => <span className="long-text">{row.title}</span>, sortValue: (row) => row.title },
    { id: "status", header: t("quotes.column.status"), cell: (row) => t(quoteStatusKey(row.status)), sortValue: (row) => t(quoteStatusKey(row.status)) },
    {
      id: "valid_until", header: t("quotes.column.valid_until"), cell: (row) => <span className="nowrap">{formatDate(row.valid_until)}</span>,
      sortValue: (row) => row.valid_until,
    },
    {
      id: "total", header: t("quotes.column.total"), cell: (row) => <span className="amount">{formatAmount(row.total_minor, row.currency, language)}</span>,
      sortValue: (row) => row.total_minor,
    },
    {
      id: "answer", header: t("quotes.column.answer"),
      cell: (row) => (row.decided_by_name ? <span className="long-text">{row.decided_by_name}{row.reason ? `: ${row.reason}` : ""}</span> : ""),
    },
  ];

  return (
    <section className="card" aria-labelledby="customer-quotes-heading">
      <h2 id="customer-quotes-heading">{t("quotes.listHeading")}</h2>
      <p className="muted">{t("quotes.introStaff")}</p>
      <ShortList labelledBy="customer-quotes-heading" columns={columns} first={first} rest={rest} all={all} onShowAll={() => setAll(true)}
        rowId={(row) => row.quote_id} empty={t("quotes.empty")} />
      <p><Link to="/orders/quotes" search={{ customer: customerId }}>{t("quotes.seeLines", { customer: customerName })}</Link></p>
      {editable ? (
        <details className="work-order-form">
          <summary>{t("quotes.new")}</summary>
          <NewQuoteForm customerId={customerId} customerName={customerName} />
        </details>
      ) : null}
    </section>
  );
}
