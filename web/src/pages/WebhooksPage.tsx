import { Link } from "@tanstack/react-router";
import { useEffect, useRef, useState } from "react";
import { z } from "zod";
import type { components } from "../api/client";
import { problemOf, word } from "../api/problems";
import { $api, byCursor, refusalOf, usePages } from "../api/query";
import { webhooksRoute } from "../app/router";
import { usePrincipal } from "../app/session";
import { Form, TextField, inputIdOf } from "../forms/Form";
import { decode, encode } from "../forms/messages";
import { useApiForm } from "../forms/useApiForm";
import { formatDateTime } from "../format";
import { useI18n } from "../i18n";
import type { MessageKey } from "../i18n/messages";
import { ConfirmButton } from "../ui/ConfirmButton";
import { DataTable, type ListColumn } from "../ui/DataTable";
import { LoadMore } from "../ui/LoadMore";
import { notify } from "../ui/Toasts";
import { ByAt, DocumentsHeader, mayCreateIntegrations, mayManageIntegrations, useDocumentCustomer } from "./DocumentsHeader";

type Webhook = components["schemas"]["Webhook"];
type WebhookEvent = components["schemas"]["WebhookEvent"];
type CreatedWebhook = components["schemas"]["CreatedWebhook"];
type Delivery = components["schemas"]["WebhookDelivery"];
type Outcome = components["schemas"]["DeliveryOutcome"];

const FORM_ID = "webhook";
const EVENTS = ["stopped", "delivered", "opened", "posted"] as const satisfies readonly WebhookEvent[];
const URL_MAX = 500;
// The API's limit per customer (409 too_many_webhooks beyond it).
const MOST_WEBHOOKS = 5;
const DELIVERIES_ID = "webhook-deliveries";

const eventKey = (event: WebhookEvent) => `webhooks.event.${event}` as MessageKey;
const eventAboutKey = (event: WebhookEvent) => `webhooks.event.${event}.about` as MessageKey;
const outcomeKey = (outcome: Outcome) => `webhooks.outcome.${outcome}` as MessageKey;

const webhookSchema = z.object({
  // https:// only is checked here too; whether the address is public, the API decides (unsafe_webhook_url on `url`).
  url: z.string().trim().min(1).max(URL_MAX)
    .refine((value) => /^https:\/\//i.test(value), { message: encode({ key: "fieldError.unsafe_webhook_url" }) }),
  events: z.array(z.enum(EVENTS)).min(1, { message: encode({ key: "webhooks.chooseEvent" }) }),
});
type Values = z.input<typeof webhookSchema>;

const emptyWebhook = (): Values => ({ url: "", events: [] });

function CreateForm({ customerId, onCreated }: { customerId: string; onCreated: (created: CreatedWebhook) => void }) {
  const { t } = useI18n();
  const create = $api.useMutation("post", "/customers/{customer_id}/webhooks");
  const form = useApiForm(webhookSchema, emptyWebhook());
  const eventsId = inputIdOf(FORM_ID, "events");
  const eventsError = decode(form.formState.errors.events?.message);
  const labels: Record<string, string> = { url: t("webhooks.field.url"), events: t("webhooks.field.events") };

  async function submit(values: Values) {
    let created: CreatedWebhook;
    try {
      created = await create.mutateAsync({
        params: { path: { customer_id: customerId } },
        body: { url: values.url.trim(), events: values.events },
      });
    } catch (refused) {
      return form.refuse(refused);
    }
    form.reset(emptyWebhook());
    notify(t("toast.webhookCreated", { url: created.webhook.url }));
    onCreated(created);
  }

  return (
    <section className="card" aria-labelledby="new-webhook-heading">
      <h2 id="new-webhook-heading">{t("webhooks.create")}</h2>
      <Form form={form} id={FORM_ID} onSubmit={submit} label={t("webhooks.create")} labelOf={(field) => labels[field] ?? field}>
        <TextField name="url" label={labels.url} required autoComplete="off" className="field wide"
          hint={t("webhooks.urlHint", { max: URL_MAX })} />
        <fieldset className="group checks-inline" id={eventsId} tabIndex={-1} aria-describedby={eventsError ? `${eventsId}-error` : undefined}>
          <legend>{labels.events} *</legend>
          {EVENTS.map((event) => (
            <label key={event} htmlFor={`${eventsId}-${event}`}>
              <input type="checkbox" id={`${eventsId}-${event}`} value={event} {...form.register("events")} />
              {t(eventAboutKey(event))}
            </label>
          ))}
          {eventsError ? <p className="field-error" id={`${eventsId}-error`}>{word(eventsError, t)}</p> : null}
        </fieldset>
        <p className="hint">{t("webhooks.limitHint", { max: MOST_WEBHOOKS })}</p>
        <div className="actions">
          <button type="submit">{t("webhooks.submit")}</button>
        </div>
      </Form>
    </section>
  );
}

/** The secret, this once: copied to the clipboard or selected by hand, then hidden for good (as a new API key is). */
function CreatedSecret({ created, onHide }: { created: CreatedWebhook; onHide: () => void }) {
  const { t } = useI18n();
  const heading = useRef<HTMLHeadingElement>(null);
  const shown = useRef<HTMLElement>(null);
  const [copyFailed, setCopyFailed] = useState(false);

  useEffect(() => {
    // Keyboard and screen-reader users start from the new secret and its warning.
    heading.current?.focus();
  }, [created.webhook.webhook_id]);

  async function copy() {
    try {
      await navigator.clipboard.writeText(created.secret);
      setCopyFailed(false);
      notify(t("toast.webhookSecretCopied"));
    } catch {
      // No clipboard (an old browser, a refused permission): the secret is selected, ready for Ctrl+C.
      setCopyFailed(true);
      const selection = window.getSelection();
      if (selection && shown.current) selection.selectAllChildren(shown.current);
    }
  }

  return (
    <section className="card notice" aria-labelledby="created-webhook-heading">
      <h2 id="created-webhook-heading" tabIndex={-1} ref={heading}>{t("webhooks.createdHeading")}</h2>
      <p className="long-text">
        {t("webhooks.createdSummary", { url: created.webhook.url, events: created.webhook.events.map((event) => t(eventKey(event))).join(", ") })}
      </p>
      <p><strong>{t("webhooks.createdWarning")}</strong></p>
      <dl className="details">
        <div>
          <dt>{t("webhooks.theSecret")}</dt>
          <dd><code ref={shown}>{created.secret}</code></dd>
        </div>
      </dl>
      {copyFailed ? <p className="error" role="alert">{t("webhooks.copyFailed")}</p> : null}
      <div className="actions">
        <button type="button" onClick={() => void copy()}>{t("webhooks.copy")}</button>
        <button type="button" className="secondary-outline" onClick={onHide}>{t("webhooks.hide")}</button>
      </div>
    </section>
  );
}

function DeleteWebhook({ customerId, webhook }: { customerId: string; webhook: Webhook }) {
  const { t } = useI18n();
  const remove = $api.useMutation("delete", "/customers/{customer_id}/webhooks/{webhook_id}");
  const [refusal, setRefusal] = useState<unknown>(null);

  async function run() {
    const refused = await refusalOf(remove.mutateAsync({ params: { path: { customer_id: customerId, webhook_id: webhook.webhook_id } } }));
    setRefusal(refused);
    if (!refused) notify(t("toast.webhookDeleted", { url: webhook.url }));
  }

  return (
    <>
      <ConfirmButton className="button secondary-outline small" label={t("webhooks.delete")} ariaLabel={t("webhooks.deleteOf", { url: webhook.url })}
        title={t("webhooks.deleteTitle", { url: webhook.url })} confirmLabel={t("webhooks.delete")} onConfirm={run}>
        <p>{t("webhooks.deleteConfirm")}</p>
      </ConfirmButton>
      {refusal ? <p className="error" role="alert">{t(problemOf(refusal).summary)}</p> : null}
    </>
  );
}

/** What the address answered on the last try: its HTTP status, or why no answer came (the API's own words). */
function LastAnswer({ delivery }: { delivery: Delivery }) {
  const { t } = useI18n();
  return (
    <>
      {delivery.last_status_code ? <div className="nowrap">{t("webhooks.httpStatus", { status: delivery.last_status_code })}</div> : null}
      {delivery.last_error ? <div className="muted long-text">{delivery.last_error}</div> : null}
    </>
  );
}

/** One webhook's deliveries, newest first, a page at a time: what was told, of which document, and how it went. */
function Deliveries({ customerId, webhook }: { customerId: string; webhook: Webhook }) {
  const { t, intl } = useI18n();
  const pages = usePages("get", "/customers/{customer_id}/webhooks/{webhook_id}/deliveries",
    { params: { path: { customer_id: customerId, webhook_id: webhook.webhook_id } } }, byCursor);
  const rows = pages.data?.pages.flatMap((page) => page.items) ?? [];
  const columns: ListColumn<Delivery>[] = [
    { id: "created", header: t("webhooks.column.createdAt"), rowHeader: true, cell: (row) => <span className="nowrap">{formatDateTime(row.created_at)}</span> },
    { id: "event", header: t("webhooks.column.event"), cell: (row) => t(eventKey(row.event)) },
    {
      id: "document", header: t("webhooks.column.document"),
      cell: (row) => (
        <Link to="/documents/$customerId/$documentId" params={{ customerId, documentId: row.document_id }}
          aria-label={t("webhooks.openDocument", { number: row.number })} className="nowrap">{row.number}</Link>
      ),
    },
    {
      id: "outcome", header: t("webhooks.column.outcome"),
      cell: (row) => {
        const outcome = row.outcome ?? "pending";
        return outcome === "failed" ? <span className="badge">{t(outcomeKey(outcome))}</span> : t(outcomeKey(outcome));
      },
    },
    { id: "attempts", header: t("webhooks.column.attempts"), cell: (row) => <span className="count">{intl.formatNumber(row.attempts ?? 0)}</span> },
    { id: "answer", header: t("webhooks.column.answer"), cell: (row) => <LastAnswer delivery={row} /> },
    { id: "delivered", header: t("webhooks.column.deliveredAt"), cell: (row) => (row.delivered_at ? <span className="nowrap">{formatDateTime(row.delivered_at)}</span> : "") },
  ];

  return (
    <section className="card" id={DELIVERIES_ID} aria-labelledby="webhook-deliveries-heading">
      <div className="card-header">
        <h2 id="webhook-deliveries-heading" className="long-text">{t("webhooks.deliveries", { url: webhook.url })}</h2>
        <div className="actions compact">
          <button type="button" className="secondary-outline small" disabled={pages.isFetching} onClick={() => void pages.refetch()}>
            {t("webhooks.refresh")}
          </button>
        </div>
      </div>
      <p className="hint">{t("webhooks.deliveriesHint")}</p>
      {pages.error ? <p className="error" role="alert">{t(problemOf(pages.error).summary)}</p> : null}
      {pages.data ? (
        <DataTable labelledBy="webhook-deliveries-heading" columns={columns} rows={rows} rowId={(row) => row.delivery_id}
          visibleColumns={columns.map((column) => column.id)} empty={t("webhooks.deliveriesEmpty")} />
      ) : !pages.error ? <p role="status">{t("loading")}</p> : null}
      <LoadMore pages={pages} />
    </section>
  );
}

function WebhookList({ customerId }: { customerId: string }) {
  const { t } = useI18n();
  const webhooks = $api.useQuery("get", "/customers/{customer_id}/webhooks", { params: { path: { customer_id: customerId } } });
  const [open, setOpen] = useState<string | null>(null);
  const items = webhooks.data?.items ?? [];
  // A webhook deleted while its deliveries were shown takes them along.
  const opened = items.find((webhook) => webhook.webhook_id === open);
  const columns: ListColumn<Webhook>[] = [
    { id: "url", header: t("webhooks.column.url"), rowHeader: true, cell: (webhook) => <span className="long-text">{webhook.url}</span> },
    { id: "events", header: t("webhooks.column.events"), cell: (webhook) => webhook.events.map((event) => t(eventKey(event))).join(", ") },
    { id: "secret", header: t("webhooks.column.secret"), cell: (webhook) => <code>{webhook.secret_hint}</code> },
    { id: "created", header: t("webhooks.column.created"), cell: (webhook) => <ByAt by={webhook.created_by} at={webhook.created_at} /> },
    {
      id: "actions", header: t("webhooks.column.actions"),
      cell: (webhook) => {
        const shown = open === webhook.webhook_id;
        return (
          <div className="actions compact">
            <button type="button" className="secondary-outline small" aria-expanded={shown} aria-controls={shown ? DELIVERIES_ID : undefined}
              aria-label={t("webhooks.showDeliveriesOf", { url: webhook.url })} onClick={() => setOpen(shown ? null : webhook.webhook_id)}>
              {t("webhooks.showDeliveries")}
            </button>
            <DeleteWebhook customerId={customerId} webhook={webhook} />
          </div>
        );
      },
    },
  ];

  return (
    <>
      <section className="card" aria-labelledby="webhooks-list-heading">
        <h2 id="webhooks-list-heading">{t("webhooks.list")}</h2>
        <p className="hint">{t("webhooks.listHint")}</p>
        {webhooks.error ? <p className="error" role="alert">{t(problemOf(webhooks.error).summary)}</p> : null}
        {webhooks.data ? (
          <DataTable labelledBy="webhooks-list-heading" columns={columns} rows={items} rowId={(webhook) => webhook.webhook_id}
            visibleColumns={columns.map((column) => column.id)} empty={t("webhooks.empty")} />
        ) : !webhooks.error ? <p role="status">{t("loading")}</p> : null}
      </section>
      {opened ? <Deliveries key={opened.webhook_id} customerId={customerId} webhook={opened} /> : null}
    </>
  );
}

function Webhooks({ customerId }: { customerId: string }) {
  const { t } = useI18n();
  const me = usePrincipal();
  const [created, setCreated] = useState<CreatedWebhook | null>(null);
  const mayCreate = mayCreateIntegrations(me, customerId);
  return (
    <>
      <section className="card" aria-labelledby="webhooks-heading">
        <h2 id="webhooks-heading">{t("webhooks.heading")}</h2>
        <p>{t("webhooks.intro")}</p>
        <p>{t("webhooks.signature")} <code>{t("webhooks.signatureExample")}</code></p>
        <p>{t("webhooks.signatureAbout")}</p>
        <p>{t("webhooks.delivery")} <code>{t("webhooks.deliveryExample")}</code></p>
        <p>{t("webhooks.retries")}</p>
        {mayCreate ? null : <p className="muted">{t("webhooks.staffNote")}</p>}
      </section>
      {created ? <CreatedSecret created={created} onHide={() => setCreated(null)} /> : null}
      {mayCreate ? <CreateForm customerId={customerId} onCreated={setCreated} /> : null}
      <WebhookList customerId={customerId} />
    </>
  );
}

/** DOC-3: the customer's webhooks, with which its own system is told at an HTTPS address when its documents are
 * stopped, delivered, opened or posted, each POST signed with the webhook's secret. Its user administrators register
 * them (the secret is shown once), list and delete them and see each one's deliveries; staff who may change the
 * customer's users do all of that but register none. */
export function WebhooksPage() {
  const { t } = useI18n();
  const me = usePrincipal();
  const search = webhooksRoute.useSearch();
  const { customerId, customer } = useDocumentCustomer(search.customer);
  return (
    <>
      <DocumentsHeader current="webhooks" customerId={customerId} customer={customer} />
      {customer ? (
        mayManageIntegrations(me, customerId)
          // Anew per customer: a secret shown for one customer is gone when another is chosen.
          ? <Webhooks key={customerId} customerId={customerId} />
          : <section className="card"><p className="muted">{t("webhooks.notAllowed")}</p></section>
      ) : null}
    </>
  );
}
