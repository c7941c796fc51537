import { useCallback, useRef } from 'react';
import { useMutation as useTanstackMutation, type DefaultError, type UseMutationOptions, type UseMutationResult } from '@tanstack/react-query';

/** A mutation's variables as a key: equal variables, equal key (files and form data compare equal, which is fine for a double click). */
const keyOf = (v: unknown): string => {
  try {
    return JSON.stringify(v) ?? 'undefined';
  } catch {
    return String(v);
  }
};

/**
 * React Query's useMutation, made safe against a double click: while a call with the same
 * variables is in flight, a second one is not sent (`mutate` ignores it, `mutateAsync` returns the
 * first call's promise). A form's submit validates asynchronously, so a button's `loading` comes
 * too late to stop the second click of a double click; without this, a double click saved two
 * records, or saved one and then showed the second request's "already exists" error.
 * Calls with different variables (two rows' buttons) still run side by side. Use it instead of
 * `@tanstack/react-query`'s useMutation everywhere (lint points here).
 */
export function useMutation<TData = unknown, TError = DefaultError, TVariables = void, TContext = unknown>(
  options: UseMutationOptions<TData, TError, TVariables, TContext>,
): UseMutationResult<TData, TError, TVariables, TContext> {
  const m = useTanstackMutation(options);
  const inFlight = useRef(new Map<string, Promise<TData>>());
  type Result = UseMutationResult<TData, TError, TVariables, TContext>;
  const { mutateAsync: run } = m;
  const mutateAsync = useCallback(((...args: Parameters<Result['mutateAsync']>) => {
    const key = keyOf(args[0]);
    const running = inFlight.current.get(key);
    if (running) return running;
    const p = run(...args).finally(() => inFlight.current.delete(key));
    inFlight.current.set(key, p);
    return p;
  }) as Result['mutateAsync'], [run]);
  const mutate = useCallback(((...args: Parameters<Result['mutate']>) => {
    // Errors reach onError (the hook's or the call's), as with the original mutate.
    mutateAsync(...(args as Parameters<Result['mutateAsync']>)).catch(() => undefined);
  }) as Result['mutate'], [mutateAsync]);
  return { ...m, mutate, mutateAsync } as UseMutationResult<TData, TError, TVariables, TContext>;
}
