import { useEffect, useMemo, useRef, useState } from 'react';
import { TreeSelect } from 'antd';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import type { OrgUnit } from '../contracts';
import { fetchOrgUnit, loadOrgChildren, orgChildrenKey, fetchOrgChildren, searchOrgUnits } from '../org-api';

interface Props {
  value?: number | null;
  onChange?: (value: number | undefined) => void;
  placeholder?: string;
  allowClear?: boolean;
  disabled?: boolean;
  /** A unit that cannot be picked, nor its subtree (moving a unit under itself). */
  excludeId?: number;
  id?: string;
  'data-testid'?: string;
}

interface Node {
  id: number;
  /** 0 for top-level nodes. */
  pId: number;
  value: number;
  title: string;
  isLeaf: boolean;
  disabled?: boolean;
}

/** Pick an org unit: the tree loads level by level; typing searches the server. */
export function OrgTreeSelect({ value, onChange, placeholder, allowClear = true, disabled, excludeId, id, ...rest }: Props) {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const roots = useQuery({ queryKey: orgChildrenKey(null), queryFn: () => fetchOrgChildren(null), staleTime: 30_000 });
  const [loaded, setLoaded] = useState<Map<number, OrgUnit>>(new Map());
  const [search, setSearch] = useState('');
  const [found, setFound] = useState<OrgUnit[] | null>(null);
  const timer = useRef<ReturnType<typeof setTimeout>>(undefined);

  const add = (units: OrgUnit[]) =>
    setLoaded((prev) => {
      const next = new Map(prev);
      units.forEach((u) => next.set(u.id, u));
      return next;
    });

  useEffect(() => {
    if (roots.data) add(roots.data);
  }, [roots.data]);

  // The selected unit may not be loaded yet (e.g. an id taken from the URL): fetch its name.
  const missing = value != null && !loaded.has(value) ? value : null;
  const selected = useQuery({
    queryKey: ['org', 'unit', missing],
    queryFn: () => fetchOrgUnit(missing as number),
    enabled: missing !== null,
    retry: false,
  });

  useEffect(() => {
    if (!search.trim()) return setFound(null);
    clearTimeout(timer.current);
    timer.current = setTimeout(() => {
      searchOrgUnits(search.trim())
        .then(setFound)
        .catch(() => setFound([]));
    }, 300);
    return () => clearTimeout(timer.current);
  }, [search]);

  const treeData = useMemo<Node[]>(() => {
    const toNode = (u: OrgUnit, flat: boolean): Node => ({
      id: u.id,
      pId: flat ? 0 : (u.parentId ?? 0),
      value: u.id,
      title: u.name,
      isLeaf: flat || u.childCount === 0 || u.id === excludeId,
      disabled: u.id === excludeId,
    });
    if (found) return found.map((u) => toNode(u, true));
    const rootIds = new Set((roots.data ?? []).map((u) => u.id));
    const nodes = [...loaded.values()].map((u) => {
      const n = toNode(u, false);
      // Roots are shown at the top whatever their real parent is.
      return rootIds.has(u.id) ? { ...n, pId: 0 } : n;
    });
    if (selected.data && !loaded.has(selected.data.id)) nodes.push({ ...toNode(selected.data, true) });
    return nodes;
  }, [found, loaded, roots.data, excludeId, selected.data]);

  return (
    <TreeSelect<number>
      id={id}
      data-testid={rest['data-testid']}
      value={value ?? undefined}
      onChange={(v) => onChange?.(v ?? undefined)}
      treeDataSimpleMode={{ id: 'id', pId: 'pId', rootPId: 0 }}
      treeData={treeData}
      loadData={async (node) => {
        const nodeId = Number(node.value);
        if (found) return;
        add(await loadOrgChildren(qc, nodeId));
      }}
      showSearch={{ searchValue: search, onSearch: setSearch, filterTreeNode: false }}
      placeholder={placeholder ?? t('org.pickUnit')}
      allowClear={allowClear}
      disabled={disabled}
      loading={roots.isLoading}
      notFoundContent={t('org.noUnitFound')}
      popupMatchSelectWidth={false}
      style={{ width: '100%', minWidth: 180 }}
    />
  );
}
