// The session as the pages see it: who is logged in (from /me), logging out, and a session the API ended.
import { useQuery, useQueryClient, type QueryClient } from "@tanstack/react-query";
import { useNavigate, useRouter } from "@tanstack/react-router";
import { useEffect } from "react";
import { api, SESSION_ENDED, type Me } from "../api/client";
import { meQuery } from "../api/query";

export function useMe(): Me | null | undefined {
  return useQuery(meQuery).data;
}

/** The logged-in principal on a page inside the portal (the portal's route has made sure there is one). */
export function usePrincipal(): Me {
  const me = useMe();
  if (!me) throw new Error("usePrincipal outside the portal's pages");
  return me;
}

/** Nothing read for this login stays in memory for the next; /me (observed by every page) says no one. */
function forgetSession(queryClient: QueryClient): void {
  queryClient.setQueryData(meQuery.queryKey, null);
  queryClient.removeQueries({ predicate: (query) => query.queryKey[0] !== meQuery.queryKey[0] });
}

export function useLogout(): () => Promise<void> {
  const queryClient = useQueryClient();
  const navigate = useNavigate();
  return async () => {
    await api.POST("/auth/logout");
    forgetSession(queryClient);
    await navigate({ to: "/login" });
  };
}

/** When the API stops knowing the session (expired, logged out elsewhere, password changed), the login opens
 * and says so; after logging in again the user returns where they were. */
export function useSessionEndedHandler(): void {
  const queryClient = useQueryClient();
  const router = useRouter();
  useEffect(() => {
    const ended = () => {
      if (!queryClient.getQueryData(meQuery.queryKey)) return; // not logged in yet: nothing was lost
      const redirect = router.state.location.href;
      forgetSession(queryClient);
      void router.navigate({ to: "/login", search: { redirect, ended: true } });
    };
    window.addEventListener(SESSION_ENDED, ended);
    return () => window.removeEventListener(SESSION_ENDED, ended);
  }, [queryClient, router]);
}
