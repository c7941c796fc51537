import { useState } from 'react';
import { Empty, Input, Spin, Tree } from 'antd';
import type { DataNode } from 'antd/es/tree';
import { useQueries, useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { fetchBuilding, fetchBuildings, officeKey } from './office-api';

/** Building → floor tree with a search box; choosing a node filters the room list. */
export function BuildingTree({ selected, onSelect }: { selected?: string; onSelect: (key: { buildingId?: number; floorId?: number }) => void }) {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const [q, setQ] = useState('');
  const list = useQuery({ queryKey: [...officeKey, 'buildings', q], queryFn: () => fetchBuildings(q || undefined) });
  // Opened buildings' floors are live queries: a floor added, renamed or deleted shows at once.
  const [opened, setOpened] = useState<number[]>([]);
  const floorQueries = useQueries({ queries: opened.map((id) => ({ queryKey: [...officeKey, 'building', id], queryFn: () => fetchBuilding(id) })) });
  const floors = new Map(opened.map((id, i) => [id, floorQueries[i]?.data?.floorList.map((fl): DataNode => (
    { key: `f${fl.id}:${id}`, title: `${fl.name}(${t('office.roomsCount', { count: fl.rooms })})`, isLeaf: true }))]));

  const tree: DataNode[] = (list.data?.items ?? []).map((b) => ({
    key: `b${b.id}`,
    title: `${b.name}(${b.code})`,
    isLeaf: b.floors === 0,
    children: floors.get(b.id),
  }));

  return (
    <div data-testid="building-tree">
      <Input.Search allowClear placeholder={t('office.treeSearch')} onSearch={(v) => setQ(v.trim())} style={{ marginBottom: 8 }} data-testid="building-search" />
      {list.isLoading ? (
        <Spin />
      ) : tree.length === 0 ? (
        <Empty description={q ? t('office.treeEmptySearch', { q }) : t('office.treeEmpty')} />
      ) : (
        <Tree
          treeData={tree}
          selectedKeys={selected ? [selected] : []}
          loadData={async (node) => {
            const id = Number(String(node.key).slice(1));
            await qc.fetchQuery({ queryKey: [...officeKey, 'building', id], queryFn: () => fetchBuilding(id) });
            setOpened((ids) => (ids.includes(id) ? ids : [...ids, id]));
          }}
          onSelect={(keys) => {
            const k = String(keys[0] ?? '');
            if (!k) return onSelect({});
            if (k.startsWith('b')) return onSelect({ buildingId: Number(k.slice(1)) });
            const [f, b] = k.slice(1).split(':');
            onSelect({ buildingId: Number(b), floorId: Number(f) });
          }}
          style={{ maxHeight: 560, overflow: 'auto' }}
        />
      )}
    </div>
  );
}
