import { Link, useNavigate } from "@tanstack/react-router";
import { useState, type FormEvent } from "react";
import { z } from "zod";
import type { components } from "../api/client";
import { problemOf, word, type Text } from "../api/problems";
import { $api, byCursor, usePages } from "../api/query";
import { documentsRoute } from "../app/router";
import { AMOUNT_CURRENCIES, type DocumentsSearch } from "../app/searches";
import { hasRole } from "../app/sections";
import { usePrincipal } from "../app/session";
import { FileField, Form, SelectField } from "../forms/Form";
import { encode } from "../forms/messages";
import { useApiForm } from "../forms/useApiForm";
import { exactAmount, formatDate, formatDecimal, formatDecimalAmount } from "../format";
import { useI18n } from "../i18n";
import { ColumnChooser, rememberColumns, rememberedColumns } from "../ui/ColumnChooser";
import { DataTable, type ListColumn } from "../ui/DataTable";
import { DateField } from "../ui/DateField";
import { LoadMore } from "../ui/LoadMore";
import { notify } from "../ui/Toasts";
import {
  CHANNELS, DIRECTIONS, DocumentsHeader, STATUSES, TROUBLE, channelKey, directionKey, statusKey, typeKey, useDocumentCustomer,
} from "./DocumentsHeader";
import { searchRefusal } from "./historySearch";

type Row = components["schemas"]["DocumentRow"];
type DocumentView = components["schemas"]["DocumentView"];

const LIST = "documents";
const DEFAULT_COLUMNS = ["number", "type", "direction", "partner", "issued", "amount", "channel", "status"];
const MAX_FILE_BYTES = 4 * 1024 * 1024;
const SEND_FORM = "send-document";

const sendSchema = z.object({
  file: z.custom<FileList>((files) => typeof FileList !== "undefined" && files instanceof FileList && files.length === 1, {
    message: encode({ key: "fieldError.no_file" }),
  }),
  channel: z.enum(["", ...CHANNELS]),
});
type SendValues = z.input<typeof sendSchema>;

/** The file's bytes as base64, read by the browser (no upload before the API call). */
export function base64Of(file: File): Promise<string> {
  return new Promise((resolve, reject) => {
    const reader = new FileReader();
    reader.onload = () => resolve(String(reader.result).replace(/^data:[^,]*,/, ""));
    reader.onerror = () => reject(reader.error ?? new Error("unreadable"));
    reader.readAsDataURL(file);
  });
}

/** DOC-1 for document handlers: a UBL file from the customer's own system, sent on a chosen channel or by
 * multichannel delivery (seed 001: "Multikanal"). Received at once; checking and delivery follow in the background. */
function SendDocument({ customerId }: { customerId: string }) {
  const { t } = useI18n();
  const send = $api.useMutation("post", "/customers/{customer_id}/documents");
  const form = useApiForm(sendSchema, { channel: "" });
  const [sent, setSent] = useState<DocumentView | null>(null);
  const [earlier, setEarlier] = useState<string | null>(null);

  async function submit(values: SendValues) {
    setSent(null);
    setEarlier(null);
    const file = values.file[0];
    if (file.size > MAX_FILE_BYTES) {
      form.setError("file", { type: "client", message: encode({ key: "fieldError.file_too_large" }) });
      return;
    }
    let content: string;
    try {
      content = await base64Of(file);
    } catch {
      form.setError("file", { type: "client", message: encode({ key: "fieldError.file_unreadable" }) });
      return;
    }
    let received: DocumentView;
    try {
      received = await send.mutateAsync({
        params: { path: { customer_id: customerId } },
        body: values.channel ? { content_base64: content, channel: values.channel } : { content_base64: content },
        headers: { "Idempotency-Key": crypto.randomUUID() },
      });
    } catch (refused) {
      // The same document sent before: the earlier one is named, and a correction is sent from its page.
      const details = (refused as { error?: { details?: { document_id?: string }[] } } | undefined)?.error?.details ?? [];
      if (problemOf(refused).code === "duplicate_document") setEarlier(details.find((detail) => detail.document_id)?.document_id ?? null);
      return form.refuse(refused);
    }
    setSent(received);
    // The form as new (the browser empties the file input), keeping the channel for the next file.
    form.reset();
    form.setValue("channel", values.channel);
    notify(t("toast.documentReceived", { type: t(typeKey(received.content.document_type)), number: received.content.number }));
  }

  return (
    <section className="card" aria-labelledby="send-document-heading">
      <h2 id="send-document-heading">{t("documents.send")}</h2>
      <p className="muted">{t("documents.sendIntro")}</p>
      <Form form={form} id={SEND_FORM} onSubmit={submit} label={t("documents.send")}>
        <div className="grid wide-fields">
          <FileField name="file" label={t("field.file")} accept=".xml,application/xml,text/xml" required />
          <SelectField name="channel" label={t("field.channel")} hint={t("documents.channelHint")}
            options={[{ value: "", label: t("documents.multichannel") }, ...CHANNELS.map((channel) => ({ value: channel, label: t(channelKey(channel)) }))]} />
        </div>
        <div className="actions">
          <button type="submit">{form.formState.isSubmitting ? t("documents.sending") : t("documents.sendButton")}</button>
        </div>
      </Form>
      {earlier ? (
        <p><Link to="/documents/$customerId/$documentId" params={{ customerId, documentId: earlier }}>{t("documents.openEarlier")}</Link></p>
      ) : null}
      {sent ? (
        <p className="notice" role="status">
          {t("documents.received", { type: t(typeKey(sent.content.document_type)), number: sent.content.number, partner: sent.partner_name })}{" "}
          <Link to="/documents/$customerId/$documentId" params={{ customerId: sent.customer_id, documentId: sent.document_id }}>
            {t("documents.openDocument", { type: t(typeKey(sent.content.document_type)).toLowerCase(), number: sent.content.number })}
          </Link>
        </p>
      ) : null}
    </section>
  );
}

type AmountField = "amountFrom" | "amountTo";
const AMOUNT_FIELDS = { amountFrom: "amount_from", amountTo: "amount_to" } as const satisfies Record<AmountField, string>;

/** An amount field of the search: typed the Norwegian way ("1 250,50"), kept in the address as the API takes it
 * ("1250.50"); what is wrong with it (typed, or the API's refusal of the range) shown beneath it. */
function AmountInput({ field, label, value, problem }: { field: AmountField; label: string; value: string; problem: Text | null }) {
  const { t, language } = useI18n();
  const id = `documents-${field}`;
  return (
    <div>
      <label htmlFor={id}>{label}</label>
      <input id={id} name={field} defaultValue={value ? formatDecimal(value, language) : ""} inputMode="decimal" autoComplete="off" maxLength={24}
        aria-invalid={problem ? true : undefined} aria-describedby={problem ? `${id}-error` : undefined} />
      {problem ? <p className="field-error" id={`${id}-error`}>{word(problem, t)}</p> : null}
    </div>
  );
}

/** DOC-1 (seed 001): every business document sent and received — its channel, its status, whether the recipient got
 * it — searched by date (at most 92 days), direction, status, channel, trading partner, number or amount due, in the
 * columns the user chose; the number opens the document with its timeline. */
export function DocumentsPage() {
  const { t, language } = useI18n();
  const me = usePrincipal();
  const search = documentsRoute.useSearch();
  const navigate = useNavigate({ from: "/documents" });
  const { customerId, customer } = useDocumentCustomer(search.customer);
  const [from, setFrom] = useState<string | null>(search.from || null);
  const [to, setTo] = useState<string | null>(search.to || null);
  // Amounts typed that are not amounts: shown at their field (until the next search, or another customer), and not
  // searched for.
  const [typed, setTyped] = useState<{ customerId: string; wrong: Partial<Record<AmountField, Text>> }>({ customerId: "", wrong: {} });
  const path = { customer_id: customerId };
  const partners = $api.useQuery("get", "/customers/{customer_id}/trading-partners", { params: { path, query: { limit: 100 } } }, { enabled: Boolean(customerId) });
  const query = {
    date_from: search.from || undefined, date_to: search.to || undefined, direction: search.direction || undefined,
    status: search.status || undefined, channel: search.channel || undefined, partner: search.partner || undefined,
    number: search.number || undefined,
    // The currency only with an amount: it says which documents' amounts are meant.
    ...(search.amountFrom || search.amountTo
      ? { amount_from: search.amountFrom || undefined, amount_to: search.amountTo || undefined, currency: search.currency }
      : {}),
  };
  const pages = usePages("get", "/customers/{customer_id}/documents", { params: { path, query } }, { ...byCursor, enabled: Boolean(customerId), retry: false });
  const rows = pages.data?.pages.flatMap((page) => page.items) ?? [];
  const partnerChoices = partners.data?.items ?? [];
  // A partner named in the address but not among the first hundred is still offered, by its key. The search form is
  // built again once the partners are there, so the one in the address shows chosen.
  const unlisted = partners.data && search.partner && !partnerChoices.some((partner) => partner.partner_key === search.partner) ? search.partner : null;
  // The API's refusal of an amount (the range the wrong way round, on amount_from) is shown at its field.
  const refusal = pages.error ? problemOf(pages.error) : null;
  const mistyped = typed.customerId === customerId ? typed.wrong : {};
  const amountProblem = (field: AmountField): Text | null => mistyped[field] ?? refusal?.fields[AMOUNT_FIELDS[field]] ?? null;
  const byAmount = Boolean(search.amountFrom || search.amountTo);

  const columns: ListColumn<Row>[] = [
    {
      id: "number", header: t("documents.column.number"), rowHeader: true,
      cell: (row) => (
        <Link to="/documents/$customerId/$documentId" params={{ customerId, documentId: row.document_id }}
          aria-label={t("documents.open", { type: t(typeKey(row.document_type)), number: row.number })} className="nowrap">{row.number}</Link>
      ),
    },
    { id: "type", header: t("documents.column.type"), cell: (row) => t(typeKey(row.document_type)) },
    { id: "direction", header: t("field.direction"), cell: (row) => t(directionKey(row.direction)) },
    { id: "partner", header: t("field.partner"), cell: (row) => row.partner_name },
    { id: "issued", header: t("field.issue_date"), cell: (row) => (row.issue_date ? <span className="nowrap">{formatDate(row.issue_date)}</span> : "") },
    { id: "received", header: t("documents.column.received"), cell: (row) => <span className="nowrap">{formatDate(row.received_on)}</span> },
    {
      id: "amount", header: t("documents.column.amount"),
      cell: (row) => (row.payable ? <span className="amount">{formatDecimalAmount(row.payable, row.currency, language)}</span> : ""),
    },
    { id: "channel", header: t("field.channel"), cell: (row) => (row.channel ? t(channelKey(row.channel)) : "") },
    {
      id: "status", header: t("documents.column.status"),
      cell: (row) => (TROUBLE.includes(row.status) ? <span className="badge">{t(statusKey(row.status))}</span> : t(statusKey(row.status))),
    },
  ];
  const known = columns.map((column) => column.id);
  const visible = search.columns?.filter((id) => known.includes(id)) ?? rememberedColumns(me.username, LIST, known, DEFAULT_COLUMNS);

  function change(next: Partial<DocumentsSearch>) {
    void navigate({ search: (previous) => ({ ...previous, ...next }), resetScroll: false });
  }

  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const text = (name: string) => String(form.get(name) ?? "").trim();
    const amounts = { amountFrom: text("amountFrom"), amountTo: text("amountTo") };
    const exact = { amountFrom: exactAmount(amounts.amountFrom), amountTo: exactAmount(amounts.amountTo) };
    const wrong = (Object.keys(amounts) as AmountField[]).filter((field) => amounts[field] && !exact[field]);
    setTyped({ customerId, wrong: Object.fromEntries(wrong.map((field) => [field, { key: "change.notAnAmount" }])) });
    if (wrong.length) {
      document.getElementById(`documents-${wrong[0]}`)?.focus();
      return;
    }
    change({
      from: from ?? "", to: to ?? "",
      direction: DIRECTIONS.find((known) => known === text("direction")) ?? "",
      status: STATUSES.find((known) => known === text("status")) ?? "",
      channel: CHANNELS.find((known) => known === text("channel")) ?? "",
      partner: text("partner"), number: text("number"),
      amountFrom: exact.amountFrom ?? "", amountTo: exact.amountTo ?? "",
      currency: AMOUNT_CURRENCIES.find((known) => known === text("currency")) ?? "NOK",
    });
  }

  function chooseColumns(chosen: string[]) {
    rememberColumns(me.username, LIST, chosen);
    change({ columns: chosen });
  }

  return (
    <>
      <DocumentsHeader current="overview" customerId={customerId} customer={customer} />
      {customer && me.kind !== "staff" && hasRole(me, customerId, "document_handler") ? <SendDocument key={customerId} customerId={customerId} /> : null}
      {customer ? (
        <section className="card" aria-labelledby="documents-list-heading">
          <div className="card-header">
            <h2 id="documents-list-heading">{t("documents.list")}</h2>
            <div className="actions compact">
              <ColumnChooser columns={columns} visible={visible} onChange={chooseColumns} />
            </div>
          </div>
          <form key={`${JSON.stringify(query)}${partners.data ? "" : " loading"}`} className="filters" role="search" aria-label={t("documents.searchLabel")} onSubmit={submit}>
            <DateField id="documents-from" label={t("documents.from")} value={from} onChange={setFrom} />
            <DateField id="documents-to" label={t("documents.to")} value={to} onChange={setTo} />
            <div>
              <label htmlFor="documents-direction">{t("field.direction")}</label>
              <select id="documents-direction" name="direction" defaultValue={search.direction}>
                <option value="">{t("documents.anyDirection")}</option>
                {DIRECTIONS.map((direction) => <option key={direction} value={direction}>{t(directionKey(direction))}</option>)}
              </select>
            </div>
            <div>
              <label htmlFor="documents-status">{t("field.status")}</label>
              <select id="documents-status" name="status" defaultValue={search.status}>
                <option value="">{t("documents.anyStatus")}</option>
                {STATUSES.map((status) => <option key={status} value={status}>{t(statusKey(status))}</option>)}
              </select>
            </div>
            <div>
              <label htmlFor="documents-channel">{t("field.channel")}</label>
              <select id="documents-channel" name="channel" defaultValue={search.channel}>
                <option value="">{t("documents.anyChannel")}</option>
                {CHANNELS.map((channel) => <option key={channel} value={channel}>{t(channelKey(channel))}</option>)}
              </select>
            </div>
            <div>
              <label htmlFor="documents-partner">{t("field.partner")}</label>
              <select id="documents-partner" name="partner" defaultValue={search.partner}>
                <option value="">{t("documents.anyPartner")}</option>
                {partnerChoices.map((partner) => <option key={partner.partner_key} value={partner.partner_key}>{partner.name}</option>)}
                {unlisted ? <option value={unlisted}>{unlisted}</option> : null}
              </select>
            </div>
            <div>
              <label htmlFor="documents-number">{t("field.document_number")}</label>
              <input id="documents-number" name="number" defaultValue={search.number} maxLength={200} autoComplete="off" />
            </div>
            <AmountInput field="amountFrom" label={t("documents.amountFrom")} value={search.amountFrom} problem={amountProblem("amountFrom")} />
            <AmountInput field="amountTo" label={t("documents.amountTo")} value={search.amountTo} problem={amountProblem("amountTo")} />
            <div>
              <label htmlFor="documents-currency">{t("field.currency")}</label>
              <select id="documents-currency" name="currency" defaultValue={search.currency}>
                {AMOUNT_CURRENCIES.map((currency) => <option key={currency} value={currency}>{currency}</option>)}
              </select>
            </div>
            <button type="submit">{t("customers.searchButton")}</button>
          </form>
          <p className="muted">{t("documents.searchHint")}</p>
          {byAmount ? <p className="muted">{t("documents.amountOrder")}</p> : null}
          {pages.error ? (
            <p className="error" role="alert">{refusal?.code === "invalid_amount_range" ? t("error.invalid_amount_range") : searchRefusal(pages.error, t, "documents.rangeTooLong")}</p>
          ) : null}
          {pages.data ? (
            <DataTable labelledBy="documents-list-heading" columns={columns} rows={rows} rowId={(row) => row.document_id}
              visibleColumns={visible} empty={t("documents.empty")} />
          ) : null}
          <LoadMore pages={pages} />
        </section>
      ) : null}
    </>
  );
}
