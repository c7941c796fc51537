import { useEffect, useState } from 'react';
import { App, Button, Card, Col, Input, Row } from 'antd';
import { DownloadOutlined } from '@ant-design/icons';
import { useMutation } from '../../../kernel/mutation';
import { useTranslation } from 'react-i18next';
import type { OrgUnit } from '../../../kernel/contracts';
import { api } from '../../../kernel/api';
import { useCan } from '../../../kernel/auth';
import { useNotifyError } from '../../../kernel/errors';
import { Page } from '../../../kernel/components/PageHeader';
import { useOrgTree } from './use-org-tree';
import { OrgTree } from './OrgTree';
import { OrgSearchResults } from './OrgSearchResults';
import { OrgUnitDetail } from './OrgUnitDetail';
import { OrgUnitFormDrawer, type OrgFormTarget } from './OrgUnitFormDrawer';
import { MoveUnitModal } from './MoveUnitModal';

/** Org units: tree and search on the left, the selected unit on the right. */
export default function OrgPage() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const canWrite = useCan()('kernel.org.write');
  const notifyError = useNotifyError();
  const tree = useOrgTree();
  const [selected, setSelected] = useState<OrgUnit | null>(null);
  const [expanded, setExpanded] = useState<number[]>([]);
  const [q, setQ] = useState('');
  const [form, setForm] = useState<OrgFormTarget>(null);
  const [moving, setMoving] = useState<OrgUnit | null>(null);

  // One root (the caller's province, city or county): open it and show it, rather than an empty page.
  const soleRoot = tree.roots.length === 1 ? tree.roots[0] : undefined;
  const { load } = tree;
  useEffect(() => {
    if (!soleRoot) return;
    setSelected((s) => s ?? soleRoot);
    setExpanded((keys) => (keys.length ? keys : [soleRoot.id]));
    if (soleRoot.childCount > 0) void load(soleRoot.id).catch(() => undefined);
  }, [soleRoot, load]);

  const exportXlsx = useMutation({
    mutationFn: () => api.download('/api/org/units/export', { rootId: selected?.id }, 'org-units.xlsx'),
    onError: notifyError,
  });

  /** Refresh what changed and keep the (updated) unit selected. */
  const refreshAfter = async (parents: (number | null)[], keepId?: number) => {
    const fresh = (await tree.reload(...parents)).find((u) => u.id === keepId);
    if (fresh) setSelected(fresh);
  };

  return (
    <Page
      id="org"
      title={t('nav.org')}
      extra={
        <Button icon={<DownloadOutlined />} loading={exportXlsx.isPending} onClick={() => exportXlsx.mutate()} data-testid="org-export">
          {selected ? t('org.exportSubtree', { name: selected.name }) : t('common.export')}
        </Button>
      }
    >
      <Row gutter={[16, 16]}>
        <Col xs={24} lg={9} xl={8}>
          <Card>
            <Input.Search
              allowClear
              placeholder={t('org.searchPlaceholder')}
              onSearch={(v) => setQ(v.trim())}
              style={{ marginBottom: 12 }}
              data-testid="org-search"
            />
            {q ? (
              <OrgSearchResults q={q} selectedId={selected?.id ?? null} onSelect={setSelected} />
            ) : (
              <OrgTree tree={tree} selectedId={selected?.id ?? null} expandedKeys={expanded} onExpand={setExpanded} onSelect={setSelected} />
            )}
          </Card>
        </Col>
        <Col xs={24} lg={15} xl={16}>
          <OrgUnitDetail
            unit={selected}
            canWrite={canWrite}
            onCreateChild={(parent) => setForm({ mode: 'create', parent })}
            onEdit={(unit) => setForm({ mode: 'edit', unit })}
            onMove={setMoving}
          />
        </Col>
      </Row>
      <OrgUnitFormDrawer
        target={form}
        onClose={() => setForm(null)}
        onSaved={(parentId, id, updated) => {
          const wasCreate = form?.mode === 'create';
          if (updated) setSelected(updated);
          setForm(null);
          void message.success(t('common.saved'));
          if (wasCreate && parentId !== null) {
            setExpanded((keys) => [...new Set([...keys, parentId])]);
            const grand = tree.byId.get(parentId)?.parentId ?? null;
            void refreshAfter([grand, parentId], parentId);
          } else void refreshAfter([parentId], id);
        }}
      />
      <MoveUnitModal
        unit={moving}
        onClose={() => setMoving(null)}
        onMoved={(from, to) => {
          const id = moving?.id;
          setMoving(null);
          void message.success(t('org.moved'));
          setExpanded((keys) => [...new Set([...keys, to])]);
          void refreshAfter([from, to], id);
        }}
      />
    </Page>
  );
}
