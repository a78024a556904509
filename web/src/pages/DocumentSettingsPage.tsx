import { useState } from "react";
import { useFormContext } from "react-hook-form";
import { z } from "zod";
import type { components } from "../api/client";
import { problemOf, word } from "../api/problems";
import { $api, isConflict, refusalOf } from "../api/query";
import { documentSettingsRoute } from "../app/router";
import { hasRole } from "../app/sections";
import { usePrincipal } from "../app/session";
import { Form, TextField, inputIdOf } from "../forms/Form";
import { decode, encode } from "../forms/messages";
import { useApiForm } from "../forms/useApiForm";
import { useI18n } from "../i18n";
import type { MessageKey } from "../i18n/messages";
import { notify } from "../ui/Toasts";
import { DocumentsHeader, useDocumentCustomer } from "./DocumentsHeader";
import { base64Of } from "./DocumentsPage";

type Settings = components["schemas"]["DocumentSettings"];
type FilterScope = components["schemas"]["FilterScope"];

const FORM_ID = "document-settings";
const SCOPES = ["off", "outgoing", "incoming", "both"] as const satisfies readonly FilterScope[];
// A Peppol participant id as the API takes it: the ISO 6523 scheme (four digits), a colon, the identifier.
const ENDPOINT = /^[0-9]{4}:[A-Za-z0-9.\-_]+$/;
const SMARTMAIL_DAYS = { min: 1, max: 60 };

const settingsSchema = z.object({
  filter_scope: z.enum(SCOPES),
  smartmail_days: z.string().trim()
    .regex(/^\d{1,3}$/, { message: encode({ key: "fieldError.not_a_number" }) })
    .refine((days) => Number(days) >= SMARTMAIL_DAYS.min, { message: encode({ key: "fieldError.greater_than_equal", values: { ge: SMARTMAIL_DAYS.min } }) })
    .refine((days) => Number(days) <= SMARTMAIL_DAYS.max, { message: encode({ key: "fieldError.less_than_equal", values: { le: SMARTMAIL_DAYS.max } }) }),
  endpoint: z.string().trim().max(80).refine((typed) => !typed || ENDPOINT.test(typed), { message: encode({ key: "fieldError.invalid_endpoint" }) }),
  accent_colour: z.string().regex(/^#[0-9A-Fa-f]{6}$/, { message: encode({ key: "fieldError.invalid_colour" }) }),
  footer_text: z.string().trim().max(200, { message: encode({ key: "fieldError.string_too_long", values: { max_length: 200 } }) }),
});
type Values = z.input<typeof settingsSchema>;

const scopeKey = (scope: FilterScope) => `documents.scope.${scope}` as MessageKey;
const scopeAbout = (scope: FilterScope) => `documents.scope.${scope}.about` as MessageKey;

/** The filter's scope as a group of radio buttons, each with what it means (seed 001: the filter is ordered). */
function ScopeChoice() {
  const { t } = useI18n();
  const { register, formState } = useFormContext<Values>();
  const id = inputIdOf(FORM_ID, "filter_scope");
  const error = decode(formState.errors.filter_scope?.message);
  return (
    <fieldset className="group choices" id={id} tabIndex={-1} aria-describedby={`${id}-intro`}>
      <legend>{t("field.filter_scope")}</legend>
      <p className="hint" id={`${id}-intro`}>{t("documents.filterIntro")}</p>
      {SCOPES.map((scope) => (
        <div key={scope} className="choice">
          <input type="radio" id={`${id}-${scope}`} value={scope} aria-describedby={`${id}-${scope}-about`} {...register("filter_scope")} />
          <div>
            <label htmlFor={`${id}-${scope}`}>{t(scopeKey(scope))}</label>
            <p className="hint" id={`${id}-${scope}-about`}>{t(scopeAbout(scope))}</p>
          </div>
        </div>
      ))}
      {error ? <p className="field-error">{word(error, t)}</p> : null}
    </fieldset>
  );
}

function SettingsForm({ customerId, settings, onReload }: { customerId: string; settings: Settings; onReload: () => void }) {
  const { t } = useI18n();
  const save = $api.useMutation("put", "/customers/{customer_id}/document-settings");
  const [conflict, setConflict] = useState(false);
  const form = useApiForm(settingsSchema, {
    filter_scope: settings.filter_scope ?? "off",
    smartmail_days: String(settings.smartmail_days ?? 14),
    endpoint: settings.endpoint ?? "",
    accent_colour: (settings.accent_colour ?? "#1F4E79").toLowerCase(),
    footer_text: settings.footer_text ?? "",
  });

  async function submit(values: Values) {
    const refused = await refusalOf(save.mutateAsync({
      params: { path: { customer_id: customerId } },
      body: {
        filter_scope: values.filter_scope,
        smartmail_days: Number(values.smartmail_days),
        endpoint: values.endpoint.trim() || null,
        accent_colour: values.accent_colour,
        footer_text: values.footer_text.trim() || null,
        version: settings.version ?? 0,
      },
    }));
    setConflict(isConflict(refused));
    if (!refused) {
      notify(t("toast.documentSettingsSaved"));
      return;
    }
    // One customer at a time holds an electronic address: the API names the field (address_taken).
    form.refuse(refused);
  }

  const labels: Record<string, string> = {
    filter_scope: t("field.filter_scope"), smartmail_days: t("field.smartmail_days"), endpoint: t("field.endpoint"),
    accent_colour: t("field.accent_colour"), footer_text: t("field.footer_text"),
  };
  return (
    <Form form={form} id={FORM_ID} onSubmit={submit} label={t("documents.settingsHeading")} labelOf={(field) => labels[field] ?? field}>
      {conflict ? (
        <p className="notice">
          {t("settings.conflict")}{" "}
          <button type="button" className="secondary-outline small" onClick={onReload}>{t("conflict.reload")}</button>
        </p>
      ) : null}
      <ScopeChoice />
      <div className="grid">
        <TextField name="smartmail_days" label={labels.smartmail_days} inputMode="numeric" autoComplete="off" required hint={t("documents.smartmailHint")} />
        <TextField name="endpoint" label={labels.endpoint} autoComplete="off" hint={t("documents.endpointHint")} />
      </div>
      <fieldset className="group">
        <legend>{t("documents.layoutHeading")}</legend>
        <p className="hint">{t("documents.layoutIntro")}</p>
        <div className="grid">
          <TextField name="accent_colour" type="color" label={labels.accent_colour} />
          <TextField name="footer_text" label={labels.footer_text} autoComplete="off" hint={t("documents.footerHint")} />
        </div>
      </fieldset>
      <div className="actions">
        <button type="submit">{t("documents.saveSettings")}</button>
      </div>
    </Form>
  );
}

/** DOC-3: the logo on the customer's viewing copies, a PNG or JPEG of at most 200 kB. */
function LogoUpload({ customerId, hasLogo }: { customerId: string; hasLogo: boolean }) {
  const { t } = useI18n();
  const save = $api.useMutation("put", "/customers/{customer_id}/document-logo");
  const [refusal, setRefusal] = useState<string | null>(null);

  async function upload(event: React.FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const file = (new FormData(event.currentTarget).get("logo") as File | null) ?? null;
    if (!file || !file.size) {
      setRefusal(t("documents.logoMissing"));
      return;
    }
    if (file.size > 200 * 1024) {
      setRefusal(t("error.invalid_logo"));
      return;
    }
    const refused = await refusalOf(save.mutateAsync({
      params: { path: { customer_id: customerId } },
      body: { content_base64: await base64Of(file) },
    }));
    setRefusal(refused ? word(problemOf(refused).fields.content_base64 ?? { key: problemOf(refused).summary }, t) : null);
    if (!refused) notify(t("toast.logoSaved"));
  }

  return (
    <form className="logo-upload" aria-labelledby="logo-heading" onSubmit={(event) => void upload(event)}>
      <h3 id="logo-heading">{t("documents.logo")}</h3>
      <p className="hint">{hasLogo ? t("documents.logoSet") : t("documents.noLogo")}</p>
      <label htmlFor="document-logo">{t("documents.logoFile")}</label>
      <input id="document-logo" name="logo" type="file" accept="image/png,image/jpeg" aria-describedby="document-logo-hint" />
      <p className="hint" id="document-logo-hint">{t("documents.logoHint")}</p>
      {refusal ? <p className="field-error" role="alert">{refusal}</p> : null}
      <div className="actions">
        <button type="submit" className="secondary-outline">{t("documents.uploadLogo")}</button>
      </div>
    </form>
  );
}

/** The settings as they are, for readers who may not change them. */
function SettingsView({ settings }: { settings: Settings }) {
  const { t } = useI18n();
  const scope = settings.filter_scope ?? "off";
  return (
    <>
      <dl className="details">
        <div><dt>{t("field.filter_scope")}</dt><dd>{t(scopeKey(scope))}<div className="hint">{t(scopeAbout(scope))}</div></dd></div>
        <div><dt>{t("field.smartmail_days")}</dt><dd>{t("documents.days", { days: settings.smartmail_days ?? 14 })}</dd></div>
        <div><dt>{t("field.endpoint")}</dt><dd>{settings.endpoint ?? t("documents.noEndpoint")}</dd></div>
        <div><dt>{t("field.accent_colour")}</dt><dd>{settings.accent_colour}</dd></div>
        <div><dt>{t("field.footer_text")}</dt><dd>{settings.footer_text ?? "–"}</dd></div>
        <div><dt>{t("documents.logo")}</dt><dd>{settings.logo ? t("documents.logoSet") : t("documents.noLogo")}</dd></div>
      </dl>
      <p className="muted">{t("documents.settingsReadOnly")}</p>
    </>
  );
}

/** DOC-5, DOC-7: what the customer ordered for its documents — the filter that stops invoices lacking required
 * information, Smartmail's days before an unopened e-mail goes by post, and its electronic address. Its user
 * administrators (or staff who may change the customer) change them; other readers see them. */
export function DocumentSettingsPage() {
  const { t } = useI18n();
  const me = usePrincipal();
  const search = documentSettingsRoute.useSearch();
  const { customerId, customer } = useDocumentCustomer(search.customer);
  const settings = $api.useQuery("get", "/customers/{customer_id}/document-settings", { params: { path: { customer_id: customerId } } },
    { enabled: Boolean(customerId) });
  const mayChange = me.kind === "staff" ? (customer?.actions ?? []).includes("edit") : hasRole(me, customerId, "user_administrator");
  return (
    <>
      <DocumentsHeader current="settings" customerId={customerId} customer={customer} />
      {customer ? (
        <section className="card" aria-labelledby="document-settings-heading">
          <h2 id="document-settings-heading">{t("documents.settingsHeading")}</h2>
          {settings.error ? <p className="error" role="alert">{t(problemOf(settings.error).summary)}</p> : null}
          {settings.data ? (
            mayChange
              // A new key after a save or reload builds the form from what is stored now.
              ? (
                <>
                  <SettingsForm key={settings.data.version ?? 0} customerId={customerId} settings={settings.data} onReload={() => void settings.refetch()} />
                  <LogoUpload customerId={customerId} hasLogo={Boolean(settings.data.logo)} />
                </>
              )
              : <SettingsView settings={settings.data} />
          ) : !settings.error ? <p role="status">{t("loading")}</p> : null}
        </section>
      ) : null}
    </>
  );
}
