import { QueryClientProvider } from "@tanstack/react-query";
import { RouterProvider } from "@tanstack/react-router";
import { StrictMode } from "react";
import { createRoot } from "react-dom/client";
import { queryClient } from "./api/query";
import { createAppRouter, normaliseHash } from "./app/router";
import { I18nProvider } from "./i18n";
import "./forms/messages";
import "./styles.css";

const hash = normaliseHash(window.location.hash);
if (hash !== window.location.hash) window.history.replaceState(null, "", `${window.location.pathname}${window.location.search}${hash}`);

const router = createAppRouter();

createRoot(document.getElementById("root")!).render(
  <StrictMode>
    <QueryClientProvider client={queryClient}>
      <I18nProvider>
        <RouterProvider router={router} />
      </I18nProvider>
    </QueryClientProvider>
  </StrictMode>,
);
