import { useCallback, useEffect, useMemo, useState } from 'react';
import { useQueryClient } from '@tanstack/react-query';
import type { OrgUnit } from '../../../kernel/contracts';
import { fetchOrgChildren, orgChildrenKey } from '../../../kernel/org-api';

const ROOT = 'root';
type ParentKey = number | typeof ROOT;

/** The org tree as loaded so far: children by parent, fetched level by level. */
export function useOrgTree() {
  const qc = useQueryClient();
  const [children, setChildren] = useState<Map<ParentKey, OrgUnit[]>>(new Map());
  const [loading, setLoading] = useState(true);

  const put = useCallback((key: ParentKey, units: OrgUnit[]) => {
    setChildren((prev) => new Map(prev).set(key, units));
  }, []);

  /** Load (or re-load from the server) the children of a unit; null = the caller's roots. */
  const load = useCallback(
    async (parentId: number | null, fresh = false): Promise<OrgUnit[]> => {
      const units = fresh
        ? await fetchOrgChildren(parentId)
        : await qc.fetchQuery({ queryKey: orgChildrenKey(parentId), queryFn: () => fetchOrgChildren(parentId), staleTime: 30_000 });
      if (fresh) qc.setQueryData(orgChildrenKey(parentId), units);
      put(parentId ?? ROOT, units);
      return units;
    },
    [qc, put],
  );

  useEffect(() => {
    load(null)
      .catch(() => put(ROOT, []))
      .finally(() => setLoading(false));
  }, [load, put]);

  const byId = useMemo(() => {
    const m = new Map<number, OrgUnit>();
    children.forEach((list) => list.forEach((u) => m.set(u.id, u)));
    return m;
  }, [children]);

  /** Parents outside the loaded tree (above the caller's roots) stand for the roots. */
  const known = useCallback((p: number | null) => (p !== null && byId.has(p) ? p : null), [byId]);

  /** After a change: fresh children for the given parents, and drop cached org lists elsewhere. */
  const reload = useCallback(
    async (...parentIds: (number | null)[]): Promise<OrgUnit[]> => {
      await qc.invalidateQueries({ queryKey: ['org'] });
      const results = await Promise.allSettled([...new Set(parentIds.map(known))].map((p) => load(p, true)));
      return results.flatMap((r) => (r.status === 'fulfilled' ? r.value : []));
    },
    [qc, load, known],
  );

  return { roots: children.get(ROOT) ?? [], childrenOf: (id: number) => children.get(id), byId, load, reload, loading };
}

export type OrgTreeState = ReturnType<typeof useOrgTree>;
