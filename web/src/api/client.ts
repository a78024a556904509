// The typed API client: request and response types come from openapi.json (npm run generate), never by hand.
import createClient from "openapi-fetch";
import type { components, paths } from "./schema";

export const api = createClient<paths>({ baseUrl: "/api", credentials: "same-origin" });

/** Fired when the API no longer knows the session (expired, logged out elsewhere, password reset). */
export const SESSION_ENDED = "kundeportal:session-ended";

api.use({
  onResponse({ request, response }) {
    // The login calls answer 401 for a wrong password; that is the login page's business, not a lost session.
    if (response.status === 401 && !new URL(request.url, window.location.href).pathname.startsWith("/api/auth/")) {
      window.dispatchEvent(new Event(SESSION_ENDED));
    }
    return undefined;
  },
});

export type { components };
export type Me = components["schemas"]["Me"];
export type LoginChallenge = components["schemas"]["LoginChallenge"];
export type ApiError = components["schemas"]["ErrorBody"];

/** The machine-readable code of an error reply, or "unavailable" when the API could not be reached. */
export function errorCode(error: unknown): string {
  const body = error as Partial<ApiError> | undefined;
  return body?.error?.code ?? "unavailable";
}
