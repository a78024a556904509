import { Link, Outlet, useMatches, useRouterState } from "@tanstack/react-router";
import { useEffect, useRef } from "react";
import { HelpPanel } from "../help/HelpPanel";
import { useI18n } from "../i18n";
import { mayOpen, TABS } from "./sections";
import { usePrincipal } from "./session";

/** The logged-in portal: the tabs this principal is offered, and the page the address names. */
export function PortalLayout() {
  const { t } = useI18n();
  const me = usePrincipal();
  const page = useRef<HTMLDivElement>(null);
  const pathname = useRouterState({ select: (state) => state.location.pathname });
  const guide = useMatches({ select: (matches) => matches.at(-1)?.staticData.guide });

  useEffect(() => {
    // A new page moves focus to its heading, so a screen reader announces where the user arrived.
    page.current?.querySelector<HTMLElement>("h1")?.focus();
  }, [pathname]);

  return (
    <>
      <nav aria-label={t("nav.label")} className="tabs">
        {TABS.filter((tab) => mayOpen(me, tab.section)).map((tab) => (
          <Link key={tab.section} to={tab.to} activeOptions={{ exact: tab.to === "/", includeSearch: false }}>
            {t(tab.label)}
          </Link>
        ))}
      </nav>
      <div className="with-help">
        <div ref={page}>
          <Outlet />
        </div>
        {guide ? <HelpPanel key={guide} guide={guide} /> : null}
      </div>
    </>
  );
}
