import { useState, type FormEvent } from "react";
import { api, errorCode, type LoginChallenge, type Me } from "../api/client";
import { useI18n } from "../i18n";
import type { MessageKey } from "../i18n/messages";

const KNOWN_ERRORS = new Set([
  "invalid_credentials",
  "wrong_code",
  "code_already_used",
  "login_expired",
  "code_list_exhausted",
  "code_list_replaced",
  "invalid_request",
  "unavailable",
]);

function errorKey(code: string): MessageKey {
  return (KNOWN_ERRORS.has(code) ? `error.${code}` : "error.unknown") as MessageKey;
}

type Props = { onLoggedIn: (me: Me) => void; onForgot: () => void; onRegister: () => void };

/** AUTH-1: username and password, then the security code at the position the server asks for. */
export function LoginPage({ onLoggedIn, onForgot, onRegister }: Props) {
  const { t } = useI18n();
  const [challenge, setChallenge] = useState<LoginChallenge | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  async function submitPassword(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    setBusy(true);
    setError(null);
    const { data, error: failure } = await api.POST("/auth/login", {
      body: { username: String(form.get("username") ?? ""), password: String(form.get("password") ?? "") },
    }).catch(() => ({ data: undefined, error: undefined }));
    setBusy(false);
    if (data) {
      setChallenge(data);
    } else {
      setError(t(errorKey(errorCode(failure))));
    }
  }

  async function submitCode(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (!challenge) return;
    const code = String(new FormData(event.currentTarget).get("code") ?? "");
    setBusy(true);
    setError(null);
    const { data, error: failure } = await api.POST("/auth/login/code", {
      body: { challenge: challenge.challenge, code },
    }).catch(() => ({ data: undefined, error: undefined }));
    setBusy(false);
    if (data) {
      onLoggedIn(data.me);
      return;
    }
    const reason = errorCode(failure);
    setError(t(errorKey(reason), { position: challenge.code_position }));
    if (reason !== "wrong_code") setChallenge(null);
  }

  return (
    <section className="card narrow" aria-labelledby="login-heading">
      <h1 id="login-heading">{challenge ? t("login.codeHeading") : t("login.heading")}</h1>
      {error ? (
        <p className="error" role="alert">
          {error}
        </p>
      ) : null}
      {challenge ? (
        <form onSubmit={submitCode} noValidate>
          <p>{t("login.codePrompt", { position: challenge.code_position })}</p>
          <label htmlFor="code">{t("login.code", { position: challenge.code_position })}</label>
          {/* Step 2 replaces the form: focus follows to the one field it asks for. */}
          <input autoFocus id="code" name="code" inputMode="numeric" autoComplete="one-time-code" required />
          <div className="actions">
            <button type="submit" disabled={busy}>
              {t("login.continue")}
            </button>
            <button type="button" className="link" onClick={() => setChallenge(null)}>
              {t("login.startOver")}
            </button>
          </div>
        </form>
      ) : (
        <form onSubmit={submitPassword} noValidate>
          <label htmlFor="username">{t("login.username")}</label>
          <input id="username" name="username" autoComplete="username" required />
          <label htmlFor="password">{t("login.password")}</label>
          <input id="password" name="password" type="password" autoComplete="current-password" required />
          <div className="actions">
            <button type="submit" disabled={busy}>
              {t("login.submit")}
            </button>
            <button type="button" className="link" onClick={onForgot}>
              {t("login.forgot")}
            </button>
          </div>
        </form>
      )}
      {challenge ? null : (
        <p>
          <button type="button" className="link" onClick={onRegister}>
            {t("login.register")}
          </button>
        </p>
      )}
    </section>
  );
}
