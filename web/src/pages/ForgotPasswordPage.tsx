import { useState, type FormEvent } from "react";
import { api } from "../api/client";
import { useI18n } from "../i18n";

export function ForgotPasswordPage({ onBack }: { onBack: () => void }) {
  const { t } = useI18n();
  const [sent, setSent] = useState(false);
  const [failed, setFailed] = useState(false);

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const username = String(new FormData(event.currentTarget).get("username") ?? "");
    const { data } = await api.POST("/auth/forgot-password", { body: { username } }).catch(() => ({ data: undefined }));
    setSent(Boolean(data));
    setFailed(!data);
  }

  return (
    <section className="card narrow" aria-labelledby="forgot-heading">
      <h1 id="forgot-heading">{t("forgot.heading")}</h1>
      {sent ? (
        <p role="status">{t("forgot.sent")}</p>
      ) : (
        <form onSubmit={submit} noValidate>
          <p>{t("forgot.intro")}</p>
          {failed ? (
            <p className="error" role="alert">
              {t("error.invalid_request")}
            </p>
          ) : null}
          <label htmlFor="forgot-username">{t("login.username")}</label>
          <input id="forgot-username" name="username" autoComplete="username" required />
          <div className="actions">
            <button type="submit">{t("forgot.submit")}</button>
          </div>
        </form>
      )}
      <button type="button" className="link" onClick={onBack}>
        {t("forgot.back")}
      </button>
    </section>
  );
}
