import { Link } from "@tanstack/react-router";
import { useState } from "react";
import { z } from "zod";
import { api, errorCode } from "../api/client";
import { Form, SelectField, TextField } from "../forms/Form";
import { useApiForm } from "../forms/useApiForm";
import { useI18n } from "../i18n";
import { languages, type MessageKey } from "../i18n/messages";

const signup = z.object({
  email: z.email().max(254),
  name: z.string().trim().min(1).max(200),
  language: z.enum(languages),
});

/** AUTH-2: a person asks for an account of their own, the e-mail address its username. The answer is the same whether
 * or not the address has one; an e-mailed link confirms the address and chooses the password (SetPasswordPage). */
export function SignupPage() {
  const { t, language } = useI18n();
  const [sent, setSent] = useState(false);
  const [throttled, setThrottled] = useState(false);
  const form = useApiForm(signup, { email: "", name: "", language });

  async function submit(values: z.infer<typeof signup>) {
    const { data, error } = await api.POST("/auth/signup", { body: values }).catch(() => ({ data: undefined, error: undefined }));
    setThrottled(!data && errorCode(error) === "throttled");
    if (data) setSent(true);
    else if (errorCode(error) !== "throttled") form.refuse(error);
  }

  const labels: Record<string, string> = { email: t("field.email"), name: t("field.name"), language: t("users.language") };
  return (
    <section className="card narrow" aria-labelledby="signup-heading">
      <h1 id="signup-heading" tabIndex={-1}>{t("signup.heading")}</h1>
      {sent ? (
        <div className="notice" role="status">
          <p>{t("signup.sent")}</p>
          <p>{t("signup.sentMore")}</p>
        </div>
      ) : (
        <Form form={form} id="signup" onSubmit={submit} labelOf={(field) => labels[field] ?? field}>
          <p>{t("signup.intro")}</p>
          {throttled ? <p className="error" role="alert">{t("signup.throttled")}</p> : null}
          <TextField name="email" label={labels.email} type="email" autoComplete="email" required hint={t("signup.emailHint")} className="" />
          <TextField name="name" label={labels.name} autoComplete="name" required className="" />
          <SelectField name="language" label={labels.language} className=""
            options={languages.map((option) => ({ value: option, label: t(`language.${option}` as MessageKey) }))} />
          <div className="actions">
            <button type="submit">{t("signup.submit")}</button>
          </div>
        </Form>
      )}
      <Link to="/login">{t("forgot.back")}</Link>
    </section>
  );
}
