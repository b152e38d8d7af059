/**
 * Server data in the browser: one TanStack Query cache for the app. A query is
 * keyed by what it asks for, so two components asking for the same thing share
 * one request and one answer; every successful write (see `setWriteHandler`)
 * marks all cached answers stale, so what is on screen is fetched again after a change.
 */
import { QueryClient, useMutation, useQuery, useQueryClient, type QueryKey } from "@tanstack/react-query";
import { useCallback, useEffect, useRef } from "react";
import { api, call, setWriteHandler } from "./api";

export function makeQueryClient(): QueryClient {
  const client = new QueryClient({
    defaultOptions: {
      // An answer is shown at once and refreshed in the background when it is older than this.
      queries: { staleTime: 30_000, retry: false, refetchOnWindowFocus: false },
      mutations: { retry: false },
    },
  });
  setWriteHandler(() => void client.invalidateQueries());
  return client;
}

export interface ApiQuery<T> {
  data: T | undefined;
  error: unknown;
  /** The first answer is still on its way (a refresh keeps showing the last one). */
  loading: boolean;
  reload: () => void;
  /** Puts a record the server returned after a write into the cache. */
  setData: (data: T) => void;
}

/** An API read under `key`; `enabled: false` waits (data undefined) until what it needs is known. */
export function useApiQuery<T>(key: QueryKey, load: () => Promise<T>, options: { enabled?: boolean } = {}): ApiQuery<T> {
  const client = useQueryClient();
  const q = useQuery({ queryKey: key, queryFn: load, enabled: options.enabled ?? true });
  const reload = useCallback(() => void q.refetch(), [q.refetch]);
  const setData = useCallback((data: T) => client.setQueryData(key, data), [client, JSON.stringify(key)]);
  return { data: q.data, error: q.error ?? undefined, loading: q.isFetching || (q.isPending && (options.enabled ?? true)), reload, setData };
}

/**
 * A write: `run(args)` sends it, `error` and `busy` are its state, and after
 * success `onSaved` gets the server's answer (the cache is refreshed by the client).
 * When it fails, focus goes to the first field marked invalid in the form it was sent from.
 */
export function useApiMutation<A, R>(write: (args: A) => Promise<R>, onSaved?: (result: R, args: A) => void) {
  const m = useMutation({ mutationFn: write, onSuccess: (result, args) => onSaved?.(result, args) });
  const from = useRef<Element | null>(null);
  const { mutate } = m;
  const run: typeof mutate = useCallback(
    (...args) => {
      from.current = document.activeElement?.closest("form") ?? null;
      mutate(...args);
    },
    [mutate],
  );
  useEffect(() => {
    if (!m.error) return;
    const scope = from.current?.isConnected ? from.current : document.getElementById("main");
    scope?.querySelector<HTMLElement>('[aria-invalid="true"]')?.focus();
  }, [m.error]);
  return { run, busy: m.isPending, error: m.error ?? undefined, reset: m.reset };
}

/** Follows a list's cursor until the last page, so a long list is never cut short. */
export async function allPages<I, Q extends Record<string, string | undefined>>(
  query: Q,
  page: (query: Q & { cursor?: string }) => Promise<{ items: I[]; cursor?: string | null }>,
): Promise<I[]> {
  const items: I[] = [];
  let cursor: string | undefined;
  do {
    const r = await page(cursor ? { ...query, cursor } : query);
    items.push(...r.items);
    cursor = r.cursor ?? undefined;
  } while (cursor);
  return items;
}

/** Every member state (any status): one request per page, shared by every component that asks. */
export function useStatesQuery() {
  return useApiQuery(["states"], () => call(api.states.$get()).then((r) => r.items));
}
