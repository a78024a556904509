// Server state: TanStack Query over the typed client. Every page reads and writes the API through `$api`.
import { MutationCache, QueryClient } from "@tanstack/react-query";
import createQueryClient from "openapi-react-query";
import { api, errorCode, type Me } from "./client";

/** Only a request that never got an answer is worth repeating; a refusal would be refused again. */
export function retryOnNetworkError(failureCount: number, error: unknown): boolean {
  return error instanceof TypeError && failureCount < 3;
}

export const queryClient: QueryClient = new QueryClient({
  defaultOptions: {
    queries: { retry: retryOnNetworkError, staleTime: 30_000, refetchOnWindowFocus: false },
    mutations: { retry: false },
  },
  // After any accepted write what was read before may be stale: pages show it again from the API.
  mutationCache: new MutationCache({
    onSuccess: (): Promise<void> => queryClient.invalidateQueries(),
  }),
});

export const $api = createQueryClient(api);

/** The logged-in principal, or null when there is no session: asked once, then kept until it changes. */
export const meQuery = {
  queryKey: ["me"] as const,
  queryFn: async (): Promise<Me | null> => {
    const { data, error, response } = await api.GET("/me");
    if (data) return data;
    if (response.status === 401) return null;
    throw error ?? new Error(errorCode(error));
  },
  staleTime: Infinity,
};

/** Whether a refusal is an optimistic-locking conflict: someone else saved first; reload, then try again. */
export function isConflict(error: unknown): boolean {
  const code = errorCode(error);
  return code === "version_mismatch" || code === "transaction_conflict";
}

/** Runs a write and answers its refusal (the API's error body), or null when it was accepted. */
export async function refusalOf(write: Promise<unknown>): Promise<unknown> {
  try {
    await write;
    return null;
  } catch (error) {
    return error ?? new Error("refused");
  }
}

/**
 * Options for `$api.useInfiniteQuery` over a list the API pages with signed cursors: the first page, then each
 * page's `next_cursor` until there is none.
 */
export const byCursor = {
  pageParamName: "cursor",
  // null, not undefined: the first request carries no cursor at all (openapi-fetch leaves a null parameter out).
  initialPageParam: null as string | null,
  getNextPageParam: (page: { next_cursor?: string | null }): string | undefined => page.next_cursor ?? undefined,
};

/**
 * A list read a page at a time (`$api.useInfiniteQuery` with `byCursor`), under a query key of its own:
 * openapi-react-query would give it the key of a single read of the same address, and a page elsewhere reading
 * that address once (the start page counts waiting requests) would find pages where it expects one answer.
 */
export const usePages: typeof $api.useInfiniteQuery = (method, path, init, options, client) =>
  $api.useInfiniteQuery(method, path, init, { ...options, queryKey: [method, path, init, "pages"] } as typeof options, client);
