import { Link, useParams } from "@tanstack/react-router";
import { useState } from "react";
import { z } from "zod";
import { api } from "../api/client";
import { Form, TextField } from "../forms/Form";
import { encode } from "../forms/messages";
import { useApiForm } from "../forms/useApiForm";
import { useI18n } from "../i18n";

const MIN_LENGTH = 12;
const MAX_LENGTH = 256;

const choice = z
  .object({ password: z.string().min(MIN_LENGTH).max(MAX_LENGTH), repeat: z.string() })
  .refine((values) => values.password === values.repeat, { path: ["repeat"], message: encode({ key: "password.mismatch" }) });

/** AUTH-1/AUTH-2: the page an e-mailed link (forgotten password, invitation, or the confirmation of an account asked
 * for at /signup) opens; the new code list follows by e-mail. */
export function SetPasswordPage() {
  const { t } = useI18n();
  const { token } = useParams({ from: "/password/$token" });
  const [saved, setSaved] = useState(false);
  const form = useApiForm(choice, { password: "", repeat: "" });

  async function submit(values: z.infer<typeof choice>) {
    const { data, error } = await api
      .POST("/auth/password", { body: { token, password: values.password } })
      .catch(() => ({ data: undefined, error: undefined }));
    if (data) setSaved(true);
    else form.refuse(error);
  }

  return (
    <section className="card narrow" aria-labelledby="password-heading">
      <h1 id="password-heading" tabIndex={-1}>{t("password.heading")}</h1>
      {saved ? (
        <p role="status">{t("password.saved")}</p>
      ) : (
        <Form form={form} id="password" onSubmit={submit} labelOf={(field) => t(field === "repeat" ? "password.repeat" : "password.new")}>
          <p>{t("password.intro")}</p>
          <TextField name="password" label={t("password.new")} type="password" autoComplete="new-password"
            hint={t("password.rule", { min: MIN_LENGTH })} className="" />
          <TextField name="repeat" label={t("password.repeat")} type="password" autoComplete="new-password" className="" />
          <div className="actions">
            <button type="submit">{t("password.submit")}</button>
          </div>
        </Form>
      )}
      <Link to="/login">{t("password.toLogin")}</Link>
    </section>
  );
}
