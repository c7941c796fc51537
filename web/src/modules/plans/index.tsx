import { useMemo, useState } from 'react';
import { Button, Card, Col, Empty, Flex, Input, List, Row, Select, Space, Table, Tag, Tooltip, Typography } from 'antd';
import { DownloadOutlined, PlusOutlined, ApartmentOutlined, LeftOutlined, UploadOutlined } from '@ant-design/icons';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useMutation } from '../../kernel/mutation';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { Page } from '../../kernel/components/PageHeader';
import { useCan } from '../../kernel/auth';
import { useNotifyError } from '../../kernel/errors';
import { useIsMobile } from '../../kernel/responsive';
import { useUrlState } from '../../kernel/url-state';
import { plansApi, plansKey, type Plan, type PlanItem } from './api';
import { ColourTag, num, pct } from './ColourTag';
import { ItemDrawer } from './ItemDrawer';
import { ItemFormModal, PlanFormModal } from './PlanForms';
import { PeriodsModal } from './PeriodsModal';
import { StructureImportModal } from './StructureImport';

type Row = PlanItem & { children?: Row[] };

function toTree(items: PlanItem[]): Row[] {
  const byParent = new Map<number | null, Row[]>();
  for (const i of items) byParent.set(i.parentId, [...(byParent.get(i.parentId) ?? []), { ...i }]);
  const attach = (rows: Row[]): Row[] => rows.map((r) => {
    const kids = byParent.get(r.id);
    return kids ? { ...r, children: attach(kids) } : r;
  });
  return attach(byParent.get(null) ?? []);
}

/** Plans: the list (own and upper plans), one plan's tree with weighted progress, and an item's drawer. */
export default function PlansPage() {
  const { t } = useTranslation();
  const can = useCan();
  const mobile = useIsMobile();
  const url = useUrlState();
  const qc = useQueryClient();
  const notifyError = useNotifyError();
  const planId = url.getNumber('plan');
  const itemId = url.getNumber('item');
  const [level, setLevel] = useState<string | undefined>();
  const [q, setQ] = useState('');
  const [creating, setCreating] = useState(false);
  const [adding, setAdding] = useState(false);
  const [periodsOpen, setPeriodsOpen] = useState(false);
  const list = useQuery({ queryKey: [...plansKey, 'list', level, q], queryFn: () => plansApi.list({ level, q: q || undefined }) });
  const tree = useQuery({ queryKey: [...plansKey, 'tree', planId], queryFn: () => plansApi.tree(planId!), enabled: Boolean(planId) });
  const exporting = useMutation({ mutationFn: () => plansApi.exportItems(planId!), onError: notifyError });
  const exportingStructure = useMutation({ mutationFn: () => plansApi.exportStructure(planId!), onError: notifyError });
  const [importing, setImporting] = useState(false);
  const publish = useMutation({ mutationFn: () => plansApi.publish(planId!), onSuccess: () => void qc.invalidateQueries({ queryKey: plansKey }), onError: notifyError });
  const rows = useMemo(() => toTree(tree.data?.items ?? []), [tree.data]);
  const item = tree.data?.items.find((i) => i.id === itemId);
  const canWrite = can('plans.write');

  const planList = (
    <Card size="small" title={t('plans.nav.plans')} extra={canWrite && <Button size="small" icon={<PlusOutlined />} onClick={() => setCreating(true)} data-testid="plan-create">{t('plans.list.create')}</Button>}>
      <Space.Compact style={{ width: '100%', marginBottom: 8 }}>
        <Select allowClear placeholder={t('plans.list.allLevels')} value={level} onChange={setLevel} style={{ width: 120 }}
          options={(['national', 'provincial', 'prefecture', 'county'] as const).map((l) => ({ value: l, label: t(`plans.level.${l}`) }))} />
        <Input.Search allowClear placeholder={t('plans.list.search')} onSearch={setQ} data-testid="plan-search" />
      </Space.Compact>
      <List<Plan>
        loading={list.isLoading}
        dataSource={list.data ?? []}
        locale={{ emptyText: <Empty description={t('plans.list.empty')} /> }}
        style={{ maxHeight: mobile ? undefined : 'calc(100vh - 260px)', overflow: 'auto' }}
        renderItem={(p) => (
          <List.Item onClick={() => url.set({ plan: p.id, item: undefined })} style={{ cursor: 'pointer', background: p.id === planId ? 'rgba(22,119,255,0.08)' : undefined, paddingInline: 8 }} data-testid={`plan-${p.id}`}>
            <List.Item.Meta title={p.name} description={<Space size={4} wrap><Tag>{t(`plans.level.${p.level}`)}</Tag><span>{p.unitName}</span><span>{p.startYear}–{p.endYear}</span></Space>} />
            <ColourTag colour={p.colour} score={p.score} />
          </List.Item>
        )}
      />
    </Card>
  );

  const plan = tree.data?.plan;
  const columns = [
    {
      title: t('plans.tree.title'), dataIndex: 'title', key: 'title',
      render: (_: unknown, r: Row) => (
        <Space size={4} wrap>
          <Tag>{t(`plans.itemKind.${r.kind}`)}</Tag>
          {r.code && <Typography.Text type="secondary">{r.code}</Typography.Text>}
          <Typography.Link onClick={() => url.set({ item: r.id })} data-testid={`item-${r.id}`}>{r.title}</Typography.Link>
          {r.binding && <Tag color={r.binding === 'binding' ? 'volcano' : 'blue'}>{t(`plans.binding.${r.binding}`)}</Tag>}
        </Space>
      ),
    },
    { title: t('plans.tree.share'), key: 'share', width: 90, render: (_: unknown, r: Row) => pct(r.share) },
    ...(mobile ? [] : [
      { title: t('plans.tree.target'), key: 'target', width: 150, render: (_: unknown, r: Row) => (r.kind === 'indicator' ? `${num(r.targetValue)} ${r.unit ?? ''}` : r.deadline ?? '') },
      {
        title: t('plans.tree.actual'), key: 'actual', width: 140,
        render: (_: unknown, r: Row) => r.kind !== 'indicator' ? null : (
          <Space size={4} wrap>
            {r.actual !== null && num(r.actual)}
            {r.liveStatus === 'live' && <Tooltip title={t('plans.tree.liveHint')}><Tag color="cyan">{t('plans.source.live')}</Tag></Tooltip>}
            {r.liveStatus === 'unavailable' && <Tooltip title={t('plans.tree.unavailableHint')}><Tag>{t('plans.source.unavailable')}</Tag></Tooltip>}
          </Space>
        ),
      },
      { title: t('plans.tree.owner'), dataIndex: 'ownerName', key: 'owner', width: 140 },
    ]),
    { title: t('plans.tree.score'), key: 'score', width: 120, render: (_: unknown, r: Row) => <ColourTag colour={r.colour} score={r.score} /> },
  ];

  const planTree = !planId ? <Card><Empty description={t('plans.list.pick')} /></Card> : (
    <Card
      size="small"
      loading={tree.isLoading}
      title={plan && (
        <Flex gap={8} wrap align="center">
          {mobile && <Button size="small" icon={<LeftOutlined />} onClick={() => url.set({ plan: undefined, item: undefined })} aria-label="back" />}
          <span data-testid="plan-name">{plan.name}</span>
          <ColourTag colour={plan.colour} score={plan.score} />
        </Flex>
      )}
      extra={plan && (
        <Space wrap>
          <Link to={`/plans/matrix?plan=${plan.id}`}><Button size="small" icon={<ApartmentOutlined />}>{t('plans.tree.matrix')}</Button></Link>
          <Button size="small" icon={<DownloadOutlined />} loading={exporting.isPending} onClick={() => exporting.mutate()}>{t('plans.tree.exportItems')}</Button>
          <Button size="small" icon={<DownloadOutlined />} loading={exportingStructure.isPending} onClick={() => exportingStructure.mutate()} data-testid="structure-export">{t('plans.structure.export')}</Button>
          {canWrite && <Button size="small" icon={<UploadOutlined />} onClick={() => setImporting(true)} data-testid="structure-import">{t('plans.structure.import')}</Button>}
          {canWrite && plan.status === 'draft' && <Button size="small" loading={publish.isPending} onClick={() => publish.mutate()}>{t('plans.tree.publish')}</Button>}
          {canWrite && <Button size="small" onClick={() => setPeriodsOpen(true)} data-testid="periods-open">{t('plans.item.period')}</Button>}
          {canWrite && <Button size="small" type="primary" icon={<PlusOutlined />} onClick={() => setAdding(true)} data-testid="item-add">{t('plans.tree.addItem')}</Button>}
        </Space>
      )}
    >
      {plan && (
        <Space wrap size={4} style={{ marginBottom: 8 }}>
          <Tag>{t(`plans.level.${plan.level}`)}</Tag><Tag>{t(`plans.kind.${plan.kind}`)}</Tag><Tag>{t(`plans.status.${plan.status}`)}</Tag>
          <span>{plan.unitName} · {plan.startYear}–{plan.endYear}</span>
          {plan.parentPlanName && <span>{t('plans.list.upper')}:{plan.parentPlanName}</span>}
          <Tag color={plan.alignmentStatus === 'approved' ? 'green' : undefined}>{t(`plans.alignment.${plan.alignmentStatus}`)}</Tag>
        </Space>
      )}
      {rows.length > 0 && (
        <Table<Row> rowKey="id" size="small" columns={columns} dataSource={rows} pagination={false} scroll={{ x: mobile ? undefined : 900 }}
          expandable={{ defaultExpandAllRows: true }} data-testid="plan-tree" />
      )}
      {rows.length === 0 && !tree.isLoading && <Empty />}
    </Card>
  );

  return (
    <Page id="plans" title={t('plans.nav.plans')}>
      {mobile ? (planId ? planTree : planList) : (
        <Row gutter={16}>
          <Col span={7}>{planList}</Col>
          <Col span={17}>{planTree}</Col>
        </Row>
      )}
      {plan && item && <ItemDrawer plan={plan} item={item} items={tree.data?.items ?? []} onClose={() => url.set({ item: undefined })} />}
      <PlanFormModal open={creating} plans={list.data ?? []} onClose={() => setCreating(false)} onCreated={(id) => { setCreating(false); void qc.invalidateQueries({ queryKey: plansKey }); url.set({ plan: id }); }} />
      {plan && <PeriodsModal planId={plan.id} open={periodsOpen} onClose={() => setPeriodsOpen(false)} />}
      {plan && <StructureImportModal plan={plan} open={importing} onClose={() => setImporting(false)} />}
      {plan && <ItemFormModal open={adding} plan={plan} items={tree.data?.items ?? []} onClose={() => setAdding(false)} onCreated={() => { setAdding(false); void qc.invalidateQueries({ queryKey: plansKey }); }} />}
    </Page>
  );
}
