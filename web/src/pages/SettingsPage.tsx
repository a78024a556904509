import { useState } from "react";
import { z } from "zod";
import { problemOf } from "../api/problems";
import { $api, isConflict, refusalOf } from "../api/query";
import { optionalPhone } from "../forms/fields";
import { Form, TextField } from "../forms/Form";
import { useApiForm } from "../forms/useApiForm";
import { useI18n } from "../i18n";
import type { components } from "../api/client";
import { notify } from "../ui/Toasts";
import { FailedDeliveries } from "./FailedDeliveries";
import { FailedPrintJobs } from "./FailedPrintJobs";
import { RegisterSettingsForm } from "./RegisterSettings";
import { StaffGroupsSettings } from "./StaffGroupsSettings";

type Contacts = components["schemas"]["SupportContacts"];

const contactsSchema = z.object({
  phone: optionalPhone.refine((text) => text.length > 0),
  email: z.email().max(254),
  opening_hours: z.object({
    nb: z.string().trim().min(1).max(200),
    sv: z.string().trim().min(1).max(200),
    en: z.string().trim().min(1).max(200),
  }),
});

function ContactsForm({ contacts }: { contacts: Contacts }) {
  const { t } = useI18n();
  const save = $api.useMutation("put", "/settings/support-contacts");
  const [conflict, setConflict] = useState(false);
  const form = useApiForm(contactsSchema, { phone: contacts.phone, email: contacts.email, opening_hours: contacts.opening_hours });

  async function submit(values: z.infer<typeof contactsSchema>) {
    const refused = await refusalOf(save.mutateAsync({ body: { ...values, version: contacts.version } }));
    setConflict(isConflict(refused));
    if (refused) return form.refuse(refused);
    notify(t("settings.saved"));
  }

  const labels: Record<string, string> = {
    phone: t("field.phone"), email: t("field.email"),
    "opening_hours.nb": t("settings.hours", { language: t("language.nb") }),
    "opening_hours.sv": t("settings.hours", { language: t("language.sv") }),
    "opening_hours.en": t("settings.hours", { language: t("language.en") }),
  };
  return (
    <Form form={form} id="support" onSubmit={submit} label={t("support.heading")} labelOf={(field) => labels[field] ?? field}>
      {conflict ? <p className="notice">{t("settings.conflict")}</p> : null}
      <div className="grid">
        <TextField name="phone" label={labels.phone} type="tel" required />
        <TextField name="email" label={labels.email} type="email" required />
      </div>
      <div className="grid">
        <TextField name="opening_hours.nb" label={labels["opening_hours.nb"]} required />
        <TextField name="opening_hours.sv" label={labels["opening_hours.sv"]} required />
        <TextField name="opening_hours.en" label={labels["opening_hours.en"]} required />
      </div>
      <div className="actions">
        <button type="submit">{t("customer.save")}</button>
      </div>
    </Form>
  );
}

/** Administrators: the support contacts every page shows, the customer register's settings, the staff groups the
 * assignment menu lists (ORG-4), the e-mails that could not be sent, and Smartmail's print jobs that failed. */
export function SettingsPage() {
  const { t } = useI18n();
  const contacts = $api.useQuery("get", "/support-contacts");
  const register = $api.useQuery("get", "/settings/customer-register");
  return (
    <>
      <section className="card" aria-labelledby="settings-heading">
        <h1 id="settings-heading" tabIndex={-1}>{t("settings.heading")}</h1>
        <h2>{t("support.heading")}</h2>
        <p className="muted">{t("settings.supportIntro")}</p>
        {contacts.error ? <p className="error" role="alert">{t(problemOf(contacts.error).summary)}</p> : null}
        {/* A new key after a save or reload builds the form from what is stored now. */}
        {contacts.data ? <ContactsForm key={`${contacts.data.version}`} contacts={contacts.data} /> : <p role="status">{t("loading")}</p>}
      </section>
      <section className="card" aria-labelledby="register-settings-heading">
        <h2 id="register-settings-heading">{t("registerSettings.heading")}</h2>
        <p className="muted">{t("registerSettings.intro")}</p>
        {register.error ? <p className="error" role="alert">{t(problemOf(register.error).summary)}</p> : null}
        {register.data ? <RegisterSettingsForm key={`${register.data.version ?? 0}`} settings={register.data} /> : <p role="status">{t("loading")}</p>}
      </section>
      <StaffGroupsSettings />
      <FailedDeliveries />
      <FailedPrintJobs />
    </>
  );
}
