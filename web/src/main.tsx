// First: the form errors' wording and zod's settings apply to every schema the app creates.
import "./forms/messages";
import { QueryClientProvider } from "@tanstack/react-query";
import { RouterProvider } from "@tanstack/react-router";
import { StrictMode } from "react";
import { createRoot } from "react-dom/client";
import { queryClient } from "./api/query";
import { createAppRouter, normaliseHash } from "./app/router";
import { I18nProvider } from "./i18n";
import "./styles.css";

const hash = normaliseHash(window.location.hash);
if (hash !== window.location.hash) window.history.replaceState(null, "", `${window.location.pathname}${window.location.search}${hash}`);

const router = createAppRouter();
// An old-style address typed or followed while the app is open gets its slash too.
window.addEventListener("hashchange", () => {
  const fixed = normaliseHash(window.location.hash);
  if (fixed !== window.location.hash) router.history.replace(fixed.slice(1));
});

createRoot(document.getElementById("root")!).render(
  <StrictMode>
    <QueryClientProvider client={queryClient}>
      <I18nProvider>
        <RouterProvider router={router} />
      </I18nProvider>
    </QueryClientProvider>
  </StrictMode>,
);
