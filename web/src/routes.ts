// The app's own addresses live in the URL hash, so links, reloads and the back button work without a server.
import { useEffect, useState } from "react";

export type Route =
  | { page: "info" }
  | { page: "customers" }
  | { page: "registrations"; requestId?: string }
  | { page: "new-customer" }
  | { page: "customer"; customerId: string };

export function parseRoute(hash: string): Route {
  const parts = hash.replace(/^#\/?/, "").split("/").filter(Boolean);
  if (parts[0] === "customers" && parts[1] === "new") return { page: "new-customer" };
  if (parts[0] === "customers" && parts[1]) return { page: "customer", customerId: decodeURIComponent(parts[1]) };
  if (parts[0] === "customers") return { page: "customers" };
  if (parts[0] === "registrations" && parts[1]) return { page: "registrations", requestId: decodeURIComponent(parts[1]) };
  if (parts[0] === "registrations") return { page: "registrations" };
  return { page: "info" };
}

export function useRoute(): Route {
  const [route, setRoute] = useState(() => parseRoute(window.location.hash));
  useEffect(() => {
    const update = () => setRoute(parseRoute(window.location.hash));
    window.addEventListener("hashchange", update);
    return () => window.removeEventListener("hashchange", update);
  }, []);
  return route;
}

/** The token of a password link (`#/password/<token>`, e-mailed for a forgotten password or an invitation). */
export function passwordLinkToken(hash: string): string | null {
  const match = /^#\/?password\/([A-Za-z0-9_-]{20,200})$/.exec(hash);
  return match ? match[1] : null;
}
