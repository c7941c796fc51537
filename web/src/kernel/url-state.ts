import { useCallback, useMemo } from 'react';
import { useSearchParams } from 'react-router';

export type UrlPatch = Record<string, string | number | boolean | null | undefined>;

/** Filters and paging kept in the URL, so a list can be bookmarked, shared and exported. */
export function useUrlState() {
  const [params, setParams] = useSearchParams();
  const get = useCallback((k: string): string | undefined => params.get(k) ?? undefined, [params]);
  const getNumber = useCallback(
    (k: string, fallback?: number): number | undefined => {
      const v = Number(params.get(k));
      return params.get(k) !== null && Number.isFinite(v) && v > 0 ? v : fallback;
    },
    [params],
  );
  const set = useCallback(
    (patch: UrlPatch, replace = false) => {
      setParams(
        (prev) => {
          const next = new URLSearchParams(prev);
          for (const [k, v] of Object.entries(patch)) {
            if (v === undefined || v === null || v === '') next.delete(k);
            else next.set(k, String(v));
          }
          return next;
        },
        { replace },
      );
    },
    [setParams],
  );
  const page = getNumber('page', 1) ?? 1;
  const pageSize = getNumber('pageSize', 20) ?? 20;
  return useMemo(() => ({ params, get, getNumber, set, page, pageSize }), [params, get, getNumber, set, page, pageSize]);
}
