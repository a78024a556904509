import { Link } from "@tanstack/react-router";
import { useState } from "react";
import { z } from "zod";
import { api, errorCode } from "../api/client";
import { Form, TextField } from "../forms/Form";
import { useApiForm } from "../forms/useApiForm";
import { useI18n } from "../i18n";
import { GetInTouch } from "../ui/GetInTouch";

const request = z.object({ username: z.string().trim().min(1).max(254) });

/** AUTH-1: asks for an e-mailed link to choose a new password; the answer is the same whether the user exists. */
export function ForgotPasswordPage() {
  const { t } = useI18n();
  const [sent, setSent] = useState(false);
  const [throttled, setThrottled] = useState(false);
  const form = useApiForm(request, { username: "" });

  async function submit(values: z.infer<typeof request>) {
    const { data, error } = await api.POST("/auth/forgot-password", { body: values }).catch(() => ({ data: undefined, error: undefined }));
    setThrottled(!data && errorCode(error) === "throttled");
    if (data) setSent(true);
    else if (errorCode(error) !== "throttled") form.refuse(error);
  }

  return (
    <section className="card narrow" aria-labelledby="forgot-heading">
      <h1 id="forgot-heading" tabIndex={-1}>{t("forgot.heading")}</h1>
      {sent ? (
        <>
          <p role="status">{t("forgot.sent")}</p>
          <GetInTouch topic="reset" values={{ username: form.getValues("username") }} />
        </>
      ) : (
        <Form form={form} id="forgot" onSubmit={submit}>
          <p>{t("forgot.intro")}</p>
          {throttled ? <p className="error" role="alert">{t("forgot.throttled")}</p> : null}
          <TextField name="username" label={t("login.username")} autoComplete="username" className="" />
          <div className="actions">
            <button type="submit">{t("forgot.submit")}</button>
          </div>
        </Form>
      )}
      <Link to="/login">{t("forgot.back")}</Link>
    </section>
  );
}
