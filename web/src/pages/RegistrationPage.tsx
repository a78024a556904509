import { useState, type FormEvent } from "react";
import { api } from "../api/client";
import { problemOf, type Problem } from "../api/problems";
import { useI18n } from "../i18n";
import type { MessageKey } from "../i18n/messages";

const FIELDS: [string, MessageKey, string][] = [
  ["company_name", "register.company", "organization"],
  ["organisation_number", "field.organisation_number", "off"],
  ["contact_person", "field.contact_person", "name"],
  ["email", "field.email", "email"],
  ["phone", "field.phone", "tel"],
];

/** AUTH-1: a company without access asks for it; the vendor's staff decide. */
export function RegistrationPage({ onBack }: { onBack: () => void }) {
  const { t, language } = useI18n();
  const [sent, setSent] = useState(false);
  const [problem, setProblem] = useState<Problem | null>(null);

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const text = (name: string) => String(form.get(name) ?? "").trim();
    const { data, error } = await api.POST("/registration-requests", {
      body: {
        company_name: text("company_name"), organisation_number: text("organisation_number"),
        country: text("country") as "NO" | "SE", contact_person: text("contact_person"), email: text("email"),
        phone: text("phone") || null, message: text("message") || null,
        language, // the answer and the new login's e-mails come in the language the form was filled in
      },
    });
    if (data) setSent(true);
    else setProblem(problemOf(error, t));
  }

  return (
    <section className="card narrow" aria-labelledby="register-heading">
      <h1 id="register-heading">{t("register.heading")}</h1>
      {sent ? (
        <p className="notice" role="status">{t("register.sent")}</p>
      ) : (
        <form onSubmit={submit} noValidate>
          <p>{t("register.intro")}</p>
          {problem ? <p className="error" role="alert">{t(problem.summary)}</p> : null}
          {FIELDS.map(([name, label, autoComplete]) => {
            const message = problem?.fields[name];
            return (
              <div key={name}>
                <label htmlFor={`register-${name}`}>{t(label)}</label>
                <input id={`register-${name}`} name={name} autoComplete={autoComplete}
                  type={name === "email" ? "email" : "text"} aria-invalid={message ? true : undefined}
                  aria-describedby={message ? `register-${name}-error` : undefined} />
                {message ? <p className="field-error" id={`register-${name}-error`}>{message}</p> : null}
              </div>
            );
          })}
          <label htmlFor="register-country">{t("field.country")}</label>
          <select id="register-country" name="country" defaultValue="NO">
            <option value="NO">{t("country.NO")}</option>
            <option value="SE">{t("country.SE")}</option>
          </select>
          <label htmlFor="register-message">{t("register.message")}</label>
          <textarea id="register-message" name="message" rows={3} />
          <div className="actions">
            <button type="submit">{t("register.submit")}</button>
          </div>
        </form>
      )}
      <button type="button" className="link" onClick={onBack}>{t("forgot.back")}</button>
    </section>
  );
}
