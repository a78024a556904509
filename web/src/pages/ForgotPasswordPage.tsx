import { useState, type FormEvent } from "react";
import { api, errorCode } from "../api/client";
import { useI18n } from "../i18n";

export function ForgotPasswordPage({ onBack }: { onBack: () => void }) {
  const { t } = useI18n();
  const [sent, setSent] = useState(false);
  const [failed, setFailed] = useState<"error.invalid_request" | "forgot.throttled" | null>(null);

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const username = String(new FormData(event.currentTarget).get("username") ?? "");
    const { data, error } = await api
      .POST("/auth/forgot-password", { body: { username } })
      .catch(() => ({ data: undefined, error: undefined }));
    setSent(Boolean(data));
    setFailed(data ? null : errorCode(error) === "throttled" ? "forgot.throttled" : "error.invalid_request");
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
              {t(failed)}
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
