import { useMemo } from 'react';
import { Empty, Spin, Tag, Tree, type TreeDataNode } from 'antd';
import { useTranslation } from 'react-i18next';
import type { OrgUnit } from '../../../kernel/contracts';
import type { OrgTreeState } from './use-org-tree';

interface Props {
  tree: OrgTreeState;
  selectedId: number | null;
  expandedKeys: number[];
  onExpand: (keys: number[]) => void;
  onSelect: (unit: OrgUnit) => void;
}

const kindColor: Record<OrgUnit['kind'], string> = { region: 'geekblue', organ: 'green', department: 'default' };

/** The hierarchy (regions, organs, departments), loaded lazily as nodes open. */
export function OrgTree({ tree, selectedId, expandedKeys, onExpand, onSelect }: Props) {
  const { t } = useTranslation();

  const treeData = useMemo(() => {
    const build = (units: OrgUnit[]): TreeDataNode[] =>
      units.map((u) => {
        const kids = tree.childrenOf(u.id);
        return {
          key: u.id,
          title: (
            <span style={{ opacity: u.active ? 1 : 0.5 }}>
              {u.name} <Tag color={kindColor[u.kind]} style={{ marginInlineStart: 4 }}>{t(`org.kind.${u.kind}`)}</Tag>
              {!u.active && <Tag>{t('org.inactive')}</Tag>}
            </span>
          ),
          isLeaf: u.childCount === 0,
          children: kids ? build(kids) : undefined,
        };
      });
    return build(tree.roots);
  }, [tree, t]);

  if (tree.loading) return <Spin />;
  if (tree.roots.length === 0) return <Empty description={t('org.emptyTree')} />;
  return (
    <Tree
      treeData={treeData}
      blockNode
      data-testid="org-tree"
      selectedKeys={selectedId !== null ? [selectedId] : []}
      expandedKeys={expandedKeys}
      onExpand={(keys) => onExpand(keys.map(Number))}
      loadData={async (node) => {
        if (!tree.childrenOf(Number(node.key))) await tree.load(Number(node.key));
      }}
      onSelect={(_keys, info) => {
        const unit = tree.byId.get(Number(info.node.key));
        if (unit) onSelect(unit);
      }}
    />
  );
}
