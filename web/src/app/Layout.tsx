import { Outlet } from "@tanstack/react-router";
import { lazy, Suspense } from "react";
import { LanguagePicker } from "../LanguagePicker";
import { useI18n } from "../i18n";

// Loaded after the page: the login page needs no toasts, and the widget library behind them is large.
const Toasts = lazy(() => import("../ui/Toasts").then((module) => ({ default: module.Toasts })));
import { useLogout, useMe, useSessionEndedHandler } from "./session";
import { SupportFooter } from "./SupportFooter";

/** Every page: the top bar (language, logout), the main region the skip link leads to, and the toasts. */
export function Layout() {
  const { t } = useI18n();
  const me = useMe();
  const logout = useLogout();
  useSessionEndedHandler();
  return (
    <>
      <a className="skip-link" href="#main" onClick={(event) => { event.preventDefault(); document.getElementById("main")?.focus(); }}>
        {t("skip")}
      </a>
      <header className="topbar">
        <span className="brand">{t("app.title")}</span>
        <div className="topbar-actions">
          <LanguagePicker />
          {me ? <button type="button" className="secondary" onClick={() => void logout()}>{t("logout")}</button> : null}
        </div>
      </header>
      <main id="main" tabIndex={-1}>
        <Outlet />
      </main>
      <SupportFooter />
      <Suspense fallback={null}>
        <Toasts />
      </Suspense>
    </>
  );
}
