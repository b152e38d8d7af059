/** A very small client-side router: history.pushState, a path hook and a Link. */
import { useMemo, useSyncExternalStore, type AnchorHTMLAttributes, type MouseEvent } from "react";

const listeners = new Set<() => void>();

function notify() {
  for (const listener of listeners) listener();
}

if (typeof window !== "undefined") window.addEventListener("popstate", notify);

function subscribe(listener: () => void) {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

const currentPath = () => window.location.pathname;

/** Goes to `to`; `state` is kept with the history entry (read it with `window.history.state`). */
export function navigate(to: string, options: { replace?: boolean; state?: unknown } = {}) {
  if (to === window.location.pathname + window.location.search && options.state === undefined) return;
  if (options.replace) window.history.replaceState(options.state ?? null, "", to);
  else window.history.pushState(options.state ?? null, "", to);
  notify();
  if (!options.replace) window.scrollTo(0, 0);
}

/** The current pathname; re-renders on navigation and back/forward. */
export function usePath(): string {
  return useSyncExternalStore(subscribe, currentPath);
}

const currentSearch = () => window.location.search;

/** The current query string's parameters (filters kept in the address); re-renders when it changes. */
export function useSearch(): URLSearchParams {
  const search = useSyncExternalStore(subscribe, currentSearch);
  return useMemo(() => new URLSearchParams(search), [search]);
}

/**
 * Changes some query parameters of the current address in place (no new history
 * entry); an empty or undefined value removes the parameter.
 */
export function setQuery(updates: Record<string, string | number | undefined>) {
  const params = new URLSearchParams(window.location.search);
  for (const [key, value] of Object.entries(updates)) {
    if (value === undefined || value === "") params.delete(key);
    else params.set(key, String(value));
  }
  const qs = params.toString();
  navigate(`${window.location.pathname}${qs ? `?${qs}` : ""}`, { replace: true, state: window.history.state ?? undefined });
}

/** A path with query parameters; empty values are left out. */
export function withQuery(path: string, params: Record<string, string | number | undefined>): string {
  const qs = new URLSearchParams();
  for (const [key, value] of Object.entries(params)) if (value !== undefined && value !== "") qs.set(key, String(value));
  const s = qs.toString();
  return s ? `${path}?${s}` : path;
}

/**
 * Matches `/states/:code` against a path; returns the decoded parameters or
 * undefined. Trailing slashes are ignored.
 */
export function match(pattern: string, path: string): Record<string, string> | undefined {
  const want = pattern.split("/").filter(Boolean);
  const have = path.split("/").filter(Boolean);
  if (want.length !== have.length) return undefined;
  const params: Record<string, string> = {};
  for (let i = 0; i < want.length; i++) {
    const w = want[i]!;
    const h = have[i]!;
    if (w.startsWith(":")) {
      try {
        params[w.slice(1)] = decodeURIComponent(h);
      } catch {
        return undefined;
      }
    } else if (w !== h) return undefined;
  }
  return params;
}

type LinkProps = AnchorHTMLAttributes<HTMLAnchorElement> & { to: string };

/** An ordinary link that navigates without a page load (modified clicks still open new tabs). */
export function Link({ to, onClick, ...rest }: LinkProps) {
  const handle = (event: MouseEvent<HTMLAnchorElement>) => {
    onClick?.(event);
    if (event.defaultPrevented || event.button !== 0 || event.metaKey || event.ctrlKey || event.shiftKey || event.altKey) return;
    event.preventDefault();
    navigate(to);
  };
  return <a href={to} onClick={handle} {...rest} />;
}

/** Whether this page was opened right after creating the record `id` (navigate(..., { state: { created: id } })). */
export function justCreated(id: string): boolean {
  const state: unknown = window.history.state;
  return typeof state === "object" && state !== null && "created" in state && state.created === id;
}
