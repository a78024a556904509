import { Link } from "@tanstack/react-router";
import { useState } from "react";
import { z } from "zod";
import { api } from "../api/client";
import { Form, SelectField, TextField } from "../forms/Form";
import { optionalPhone } from "../forms/fields";
import { useApiForm } from "../forms/useApiForm";
import { useI18n } from "../i18n";

const optional = (max: number) => z.string().trim().max(max);
const registration = z.object({
  company_name: z.string().trim().min(1).max(200),
  organisation_number: z.string().trim().min(1).max(20),
  country: z.enum(["NO", "SE"]),
  contact_person: z.string().trim().min(1).max(200),
  email: z.email().max(254),
  phone: optionalPhone,
  message: optional(2000),
});

/** AUTH-1: a company without access asks for it; the vendor's staff decide. */
export function RegistrationPage() {
  const { t, language } = useI18n();
  const [sent, setSent] = useState(false);
  const form = useApiForm(registration, {
    company_name: "", organisation_number: "", country: "NO", contact_person: "", email: "", phone: "", message: "",
  });

  async function submit(values: z.infer<typeof registration>) {
    const { data, error } = await api.POST("/registration-requests", {
      body: {
        ...values, phone: values.phone || null, message: values.message || null,
        language, // the answer and the new login's e-mails come in the language the form was filled in
      },
    }).catch(() => ({ data: undefined, error: undefined }));
    if (data) setSent(true);
    else form.refuse(error);
  }

  return (
    <section className="card narrow" aria-labelledby="register-heading">
      <h1 id="register-heading" tabIndex={-1}>{t("register.heading")}</h1>
      {sent ? (
        <p className="notice" role="status">{t("register.sent")}</p>
      ) : (
        <Form form={form} id="register" onSubmit={submit} labelOf={(field) => (field === "company_name" ? t("register.company") : field === "message" ? t("register.message") : t(`field.${field}` as never))}>
          <p>{t("register.intro")}</p>
          <TextField name="company_name" label={t("register.company")} autoComplete="organization" required className="" />
          <TextField name="organisation_number" label={t("field.organisation_number")} inputMode="numeric" required className="" />
          <SelectField name="country" label={t("field.country")} className=""
            options={[{ value: "NO", label: t("country.NO") }, { value: "SE", label: t("country.SE") }]} />
          <TextField name="contact_person" label={t("field.contact_person")} autoComplete="name" required className="" />
          <TextField name="email" label={t("field.email")} type="email" autoComplete="email" required className="" />
          <TextField name="phone" label={t("field.phone")} type="tel" autoComplete="tel" className="" />
          <TextField name="message" label={t("register.message")} multiline className="" />
          <div className="actions">
            <button type="submit">{t("register.submit")}</button>
          </div>
        </Form>
      )}
      <Link to="/login">{t("forgot.back")}</Link>
    </section>
  );
}
