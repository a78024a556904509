import { useState, type FormEvent } from "react";
import { api, errorCode } from "../api/client";
import { useI18n } from "../i18n";
import type { MessageKey } from "../i18n/messages";

const MIN_LENGTH = 12;
const FIELD_ERRORS = new Set(["password_too_short", "password_too_long"]);

type Problem = { field: MessageKey | null; summary: MessageKey | null };

/** AUTH-1: the page an e-mailed link (forgotten password or invitation) opens; the new code list follows by e-mail. */
export function SetPasswordPage({ token, onDone }: { token: string; onDone: () => void }) {
  const { t } = useI18n();
  const [saved, setSaved] = useState(false);
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<Problem>({ field: null, summary: null });

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const password = String(form.get("password") ?? "");
    if (password.length < MIN_LENGTH) return setProblem({ field: "error.password_too_short", summary: null });
    if (password !== String(form.get("repeat") ?? "")) return setProblem({ field: "password.mismatch", summary: null });
    setBusy(true);
    setProblem({ field: null, summary: null });
    const { data, error } = await api
      .POST("/auth/password", { body: { token, password } })
      .catch(() => ({ data: undefined, error: undefined }));
    setBusy(false);
    if (data) return setSaved(true);
    const code = errorCode(error);
    if (FIELD_ERRORS.has(code)) return setProblem({ field: `error.${code}` as MessageKey, summary: null });
    setProblem({
      field: null,
      summary: code === "link_not_valid" || code === "unavailable" ? (`error.${code}` as MessageKey) : "error.unknown",
    });
  }

  return (
    <section className="card narrow" aria-labelledby="password-heading">
      <h1 id="password-heading">{t("password.heading")}</h1>
      {saved ? (
        <p role="status">{t("password.saved")}</p>
      ) : (
        <form onSubmit={submit} noValidate>
          <p id="password-intro">{t("password.intro")}</p>
          {problem.summary ? (
            <p className="error" role="alert">
              {t(problem.summary)}
            </p>
          ) : null}
          <label htmlFor="new-password">{t("password.new")}</label>
          <input
            id="new-password"
            name="password"
            type="password"
            autoComplete="new-password"
            required
            minLength={MIN_LENGTH}
            aria-invalid={problem.field ? true : undefined}
            aria-describedby={problem.field ? "new-password-error password-intro" : "password-intro"}
          />
          {problem.field ? (
            <p className="field-error" id="new-password-error" role="alert">
              {t(problem.field)}
            </p>
          ) : null}
          <label htmlFor="repeat-password">{t("password.repeat")}</label>
          <input id="repeat-password" name="repeat" type="password" autoComplete="new-password" required />
          <div className="actions">
            <button type="submit" disabled={busy}>
              {t("password.submit")}
            </button>
          </div>
        </form>
      )}
      <button type="button" className="link" onClick={onDone}>
        {t("password.toLogin")}
      </button>
    </section>
  );
}
