/** The signed-in user, shared with every page, and a small data-loading hook. */
import { createContext, useCallback, useContext, useEffect, useRef, useState } from "react";
import type { Role, User } from "./api";

export interface Session {
  user: User;
  hasRole: (...roles: Role[]) => boolean;
}

export const SessionContext = createContext<Session | null>(null);

export function useSession(): Session {
  const session = useContext(SessionContext);
  if (!session) throw new Error("useSession outside a signed-in page");
  return session;
}

export function sessionOf(user: User): Session {
  return { user, hasRole: (...roles) => user.roles.some((r) => roles.includes(r)) };
}

export interface Resource<T> {
  data: T | undefined;
  error: unknown;
  loading: boolean;
  reload: () => void;
  setData: (data: T) => void;
}

/** Loads `load()` when `key` changes; the latest answer wins. */
export function useResource<T>(load: () => Promise<T>, key: string): Resource<T> {
  const [state, setState] = useState<{ data?: T; error?: unknown; loading: boolean; key?: string }>({ loading: true });
  const [tick, setTick] = useState(0);
  const loadRef = useRef(load);
  loadRef.current = load;

  useEffect(() => {
    let live = true;
    // Keep showing the same record while it reloads; never another record's data.
    setState((s) => ({ data: s.key === key ? s.data : undefined, loading: true, key }));
    loadRef.current().then(
      (data) => live && setState({ data, loading: false, key }),
      (error: unknown) => live && setState({ error, loading: false, key }),
    );
    return () => {
      live = false;
    };
  }, [key, tick]);

  const reload = useCallback(() => setTick((n) => n + 1), []);
  const setData = useCallback((data: T) => setState((s) => ({ data, loading: false, key: s.key })), []);
  return { data: state.data, error: state.error, loading: state.loading, reload, setData };
}
