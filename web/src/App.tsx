import { useCallback, useEffect, useRef, useState } from "react";
import { api, SESSION_ENDED, type Me } from "./api/client";
import { useI18n } from "./i18n";
import { ForgotPasswordPage } from "./pages/ForgotPasswordPage";
import { LoginPage } from "./pages/LoginPage";
import { RegistrationPage } from "./pages/RegistrationPage";
import { SetPasswordPage } from "./pages/SetPasswordPage";
import { passwordLinkToken } from "./routes";
import { LanguagePicker } from "./LanguagePicker";
import { Shell } from "./Shell";

type View = "login" | "forgot" | "register";

export function App() {
  const { t } = useI18n();
  const [me, setMe] = useState<Me | null | undefined>(undefined);
  const [view, setView] = useState<View>("login");
  const [sessionEnded, setSessionEnded] = useState(false);
  const [linkToken, setLinkToken] = useState(() => passwordLinkToken(window.location.hash));
  const loggedIn = useRef(false);
  loggedIn.current = Boolean(me);

  useEffect(() => {
    const ended = () => {
      if (!loggedIn.current) return; // not logged in yet: nothing was lost
      setMe(null);
      setView("login");
      setSessionEnded(true);
    };
    window.addEventListener(SESSION_ENDED, ended);
    return () => window.removeEventListener(SESSION_ENDED, ended);
  }, []);

  useEffect(() => {
    const follow = () => setLinkToken(passwordLinkToken(window.location.hash));
    window.addEventListener("hashchange", follow);
    return () => window.removeEventListener("hashchange", follow);
  }, []);

  function loggedInAs(who: Me) {
    setSessionEnded(false);
    setMe(who);
  }

  const refresh = useCallback(async () => {
    const { data } = await api.GET("/me");
    setMe(data ?? null);
  }, []);

  useEffect(() => {
    void refresh();
  }, [refresh]);

  function leavePasswordLink() {
    window.history.replaceState(null, "", window.location.pathname);
    setLinkToken(null);
    setView("login");
  }

  async function logout() {
    await api.POST("/auth/logout");
    setMe(null);
    setView("login");
  }

  return (
    <>
      <a className="skip-link" href="#main" onClick={(event) => { event.preventDefault(); document.getElementById("main")?.focus(); }}>
        {t("skip")}
      </a>
      <header className="topbar">
        <span className="brand">{t("app.title")}</span>
        <div className="topbar-actions">
          <LanguagePicker />
          {me ? (
            <button type="button" className="secondary" onClick={() => void logout()}>
              {t("logout")}
            </button>
          ) : null}
        </div>
      </header>
      <main id="main" tabIndex={-1}>
        {linkToken ? (
          <SetPasswordPage token={linkToken} onDone={leavePasswordLink} />
        ) : me === undefined ? (
          <p role="status">{t("loading")}</p>
        ) : me ? (
          <Shell me={me} />
        ) : view === "forgot" ? (
          <ForgotPasswordPage onBack={() => setView("login")} />
        ) : view === "register" ? (
          <RegistrationPage onBack={() => setView("login")} />
        ) : (
          <>
            {sessionEnded ? <p className="notice narrow" role="status">{t("session.ended")}</p> : null}
            <LoginPage onLoggedIn={loggedInAs} onForgot={() => setView("forgot")} onRegister={() => setView("register")} />
          </>
        )}
      </main>
    </>
  );
}
