import { getLocalTimeZone, today } from "@internationalized/date";
import { useEffect, useRef, useState } from "react";
import { Controller } from "react-hook-form";
import { z } from "zod";
import type { components } from "../api/client";
import { problemOf, word } from "../api/problems";
import { $api, refusalOf } from "../api/query";
import { apiKeysRoute } from "../app/router";
import { usePrincipal } from "../app/session";
import { Form, SelectField, TextField, inputIdOf } from "../forms/Form";
import { decode, encode } from "../forms/messages";
import { useApiForm } from "../forms/useApiForm";
import { formatDate } from "../format";
import { useI18n } from "../i18n";
import type { MessageKey } from "../i18n/messages";
import { ConfirmButton } from "../ui/ConfirmButton";
import { DataTable, type ListColumn } from "../ui/DataTable";
import { DateField } from "../ui/DateField";
import { notify } from "../ui/Toasts";
import { ByAt, DocumentsHeader, mayCreateIntegrations, mayManageIntegrations, useDocumentCustomer } from "./DocumentsHeader";

type ApiKey = components["schemas"]["ApiKey"];
type ApiKeyRole = components["schemas"]["ApiKeyRole"];
type CreatedApiKey = components["schemas"]["CreatedApiKey"];

const FORM_ID = "api-key";
const ROLES = ["read_documents", "send_documents"] as const satisfies readonly ApiKeyRole[];
const NAME_MAX = 100;

const roleKey = (role: ApiKeyRole) => `apiKeys.role.${role}` as MessageKey;
const statusKey = (status: ApiKey["status"]) => `apiKeys.status.${status}` as MessageKey;

/** The expiries the API takes: from today to a year ahead (the API counts in UTC and checks again). */
function expiryRange() {
  const first = today(getLocalTimeZone());
  return { first, last: first.add({ years: 1 }) };
}

const keySchema = z.object({
  name: z.string().trim().min(1).max(NAME_MAX),
  role: z.enum(ROLES),
  expires_on: z.string().min(1).refine((value) => {
    const { first, last } = expiryRange();
    return value >= first.toString() && value <= last.toString();
  }, { message: encode({ key: "fieldError.expiry_out_of_range" }) }),
});
type Values = z.input<typeof keySchema>;

function emptyKey(): Values {
  // A year less a day: inside the API's range whatever the time zone.
  return { name: "", role: "read_documents", expires_on: expiryRange().last.subtract({ days: 1 }).toString() };
}

function CreateForm({ customerId, onCreated }: { customerId: string; onCreated: (created: CreatedApiKey) => void }) {
  const { t } = useI18n();
  const create = $api.useMutation("post", "/customers/{customer_id}/api-keys");
  const form = useApiForm(keySchema, emptyKey());
  const labels: Record<string, string> = {
    name: t("apiKeys.field.name"), role: t("apiKeys.field.role"), expires_on: t("apiKeys.field.expires_on"),
  };

  async function submit(values: Values) {
    let created: CreatedApiKey;
    try {
      created = await create.mutateAsync({
        params: { path: { customer_id: customerId } },
        body: { name: values.name.trim(), role: values.role, expires_on: values.expires_on },
      });
    } catch (refused) {
      return form.refuse(refused);
    }
    form.reset(emptyKey());
    notify(t("toast.apiKeyCreated", { name: created.key.name }));
    onCreated(created);
  }

  return (
    <section className="card" aria-labelledby="new-api-key-heading">
      <h2 id="new-api-key-heading">{t("apiKeys.create")}</h2>
      <Form form={form} id={FORM_ID} onSubmit={submit} label={t("apiKeys.create")} labelOf={(field) => labels[field] ?? field}>
        <div className="grid">
          <TextField name="name" label={labels.name} required autoComplete="off" hint={t("apiKeys.nameHint", { max: NAME_MAX })} />
          <SelectField name="role" label={labels.role} required hint={t("apiKeys.roleHint")}
            options={ROLES.map((role) => ({ value: role, label: t(roleKey(role)) }))} />
          <Controller control={form.control} name="expires_on" render={({ field, fieldState }) => {
            const text = decode(fieldState.error?.message);
            return (
              <DateField id={inputIdOf(FORM_ID, "expires_on")} label={labels.expires_on} required
                value={field.value || null} onChange={(value) => field.onChange(value ?? "")} onBlur={field.onBlur}
                error={text ? word(text, t) : null}
                hint={t("apiKeys.expiryHint", { last: formatDate(expiryRange().last.toString()) })} />
            );
          }} />
        </div>
        <div className="actions">
          <button type="submit">{t("apiKeys.submit")}</button>
        </div>
      </Form>
    </section>
  );
}

/** The key itself, this once: copied to the clipboard or selected by hand, then hidden for good. */
function CreatedKey({ created, onHide }: { created: CreatedApiKey; onHide: () => void }) {
  const { t } = useI18n();
  const heading = useRef<HTMLHeadingElement>(null);
  const shown = useRef<HTMLElement>(null);
  const [copyFailed, setCopyFailed] = useState(false);

  useEffect(() => {
    // Keyboard and screen-reader users start from the new key and its warning.
    heading.current?.focus();
  }, [created.key.key_id]);

  async function copy() {
    try {
      await navigator.clipboard.writeText(created.api_key);
      setCopyFailed(false);
      notify(t("toast.apiKeyCopied"));
    } catch {
      // No clipboard (an old browser, a refused permission): the key is selected, ready for Ctrl+C.
      setCopyFailed(true);
      const selection = window.getSelection();
      if (selection && shown.current) selection.selectAllChildren(shown.current);
    }
  }

  return (
    <section className="card notice" aria-labelledby="created-api-key-heading">
      <h2 id="created-api-key-heading" tabIndex={-1} ref={heading}>{t("apiKeys.createdHeading", { name: created.key.name })}</h2>
      <p>{t("apiKeys.createdSummary", { role: t(roleKey(created.key.role)), date: formatDate(created.key.expires_on) })}</p>
      <p><strong>{t("apiKeys.createdWarning")}</strong></p>
      <dl className="details">
        <div>
          <dt>{t("apiKeys.theKey")}</dt>
          <dd><code ref={shown}>{created.api_key}</code></dd>
        </div>
      </dl>
      {copyFailed ? <p className="error" role="alert">{t("apiKeys.copyFailed")}</p> : null}
      <div className="actions">
        <button type="button" onClick={() => void copy()}>{t("apiKeys.copy")}</button>
        <button type="button" className="secondary-outline" onClick={onHide}>{t("apiKeys.hide")}</button>
      </div>
    </section>
  );
}

function RevokeKey({ customerId, apiKey }: { customerId: string; apiKey: ApiKey }) {
  const { t } = useI18n();
  const revoke = $api.useMutation("delete", "/customers/{customer_id}/api-keys/{key_id}");
  const [refusal, setRefusal] = useState<unknown>(null);

  async function run() {
    const refused = await refusalOf(revoke.mutateAsync({ params: { path: { customer_id: customerId, key_id: apiKey.key_id } } }));
    setRefusal(refused);
    if (!refused) notify(t("toast.apiKeyRevoked", { name: apiKey.name }));
  }

  return (
    <>
      <ConfirmButton className="button secondary-outline small" label={t("apiKeys.revoke")} ariaLabel={t("apiKeys.revokeOf", { name: apiKey.name })}
        title={t("apiKeys.revokeTitle", { name: apiKey.name })} confirmLabel={t("apiKeys.revoke")} onConfirm={run}>
        <p>{t("apiKeys.revokeConfirm")}</p>
      </ConfirmButton>
      {refusal ? <p className="error" role="alert">{t(problemOf(refusal).summary)}</p> : null}
    </>
  );
}

function KeyList({ customerId }: { customerId: string }) {
  const { t } = useI18n();
  const keys = $api.useQuery("get", "/customers/{customer_id}/api-keys", { params: { path: { customer_id: customerId } } });
  const columns: ListColumn<ApiKey>[] = [
    {
      // Under the name, what tells the key apart: its id and last characters (never the key itself).
      id: "name", header: t("apiKeys.column.name"), rowHeader: true,
      cell: (key) => <>{key.name}<div><code>{key.hint}</code></div></>,
    },
    { id: "role", header: t("apiKeys.column.role"), cell: (key) => t(roleKey(key.role)) },
    { id: "expires", header: t("apiKeys.column.expires"), cell: (key) => formatDate(key.expires_on) },
    {
      // A revoked key says by whom and when; an active one offers to revoke it.
      id: "status", header: t("apiKeys.column.status"),
      cell: (key) => key.status === "active"
        ? (
          <>
            {t(statusKey(key.status))}
            <div><RevokeKey customerId={customerId} apiKey={key} /></div>
          </>
        )
        : (
          <>
            <span className="badge">{t(statusKey(key.status))}</span>
            {key.revoked_by && key.revoked_at ? <div><ByAt by={key.revoked_by} at={key.revoked_at} /></div> : null}
          </>
        ),
    },
    { id: "created", header: t("apiKeys.column.created"), cell: (key) => <ByAt by={key.created_by} at={key.created_at} /> },
  ];

  return (
    <section className="card" aria-labelledby="api-keys-list-heading">
      <h2 id="api-keys-list-heading">{t("apiKeys.list")}</h2>
      <p className="hint">{t("apiKeys.listHint")}</p>
      {keys.error ? <p className="error" role="alert">{t(problemOf(keys.error).summary)}</p> : null}
      {keys.data ? (
        <DataTable labelledBy="api-keys-list-heading" columns={columns} rows={keys.data.items} rowId={(key) => key.key_id}
          visibleColumns={columns.map((column) => column.id)} empty={t("apiKeys.empty")} />
      ) : !keys.error ? <p role="status">{t("loading")}</p> : null}
    </section>
  );
}

function ApiKeys({ customerId }: { customerId: string }) {
  const { t } = useI18n();
  const me = usePrincipal();
  const [created, setCreated] = useState<CreatedApiKey | null>(null);
  const mayCreate = mayCreateIntegrations(me, customerId);
  return (
    <>
      <section className="card" aria-labelledby="api-keys-heading">
        <h2 id="api-keys-heading">{t("apiKeys.heading")}</h2>
        <p>{t("apiKeys.intro")}</p>
        <p>{t("apiKeys.usage")} <code>{t("apiKeys.usageExample")}</code></p>
        <p>{t("apiKeys.shownOnce")}</p>
        {mayCreate ? null : <p className="muted">{t("apiKeys.staffNote")}</p>}
      </section>
      {created ? <CreatedKey created={created} onHide={() => setCreated(null)} /> : null}
      {mayCreate ? <CreateForm customerId={customerId} onCreated={setCreated} /> : null}
      <KeyList customerId={customerId} />
    </>
  );
}

/** DOC-3: the customer's API keys, with which its own accounting or ERP system searches, sends and fetches
 * documents. Its user administrators create them (the key is shown once), list and revoke them; staff who may
 * change the customer's users list and revoke them. */
export function ApiKeysPage() {
  const { t } = useI18n();
  const me = usePrincipal();
  const search = apiKeysRoute.useSearch();
  const { customerId, customer } = useDocumentCustomer(search.customer);
  return (
    <>
      <DocumentsHeader current="apiKeys" customerId={customerId} customer={customer} />
      {customer ? (
        mayManageIntegrations(me, customerId)
          // A new key per customer: a key shown for one customer is gone when another is chosen.
          ? <ApiKeys key={customerId} customerId={customerId} />
          : <section className="card"><p className="muted">{t("apiKeys.notAllowed")}</p></section>
      ) : null}
    </>
  );
}
