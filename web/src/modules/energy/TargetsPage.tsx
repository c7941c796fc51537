import { useState } from 'react';
import { App, Button, Form, InputNumber, Modal, Radio, Select, Space, Table, Tag } from 'antd';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useMutation } from '../../kernel/mutation';
import { useTranslation } from 'react-i18next';
import { useAuth, useCan } from '../../kernel/auth';
import { Page } from '../../kernel/components/PageHeader';
import { OrgTreeSelect } from '../../kernel/components/OrgTreeSelect';
import { useNotifyError } from '../../kernel/errors';
import { useUrlState } from '../../kernel/url-state';
import { cascadeTarget, energyKey, fetchProgress, fetchTargetChildren, fmt, putTarget, type Progress, type TargetInput } from './api';

const COLOR: Record<Progress['status'], string> = { on_track: 'green', off_pace: 'orange', over_quota: 'red', no_data: 'default' };

/** Targets of a unit and the units one level below, with progress on the straight line to 2025; set and cascade. */
export default function TargetsPage() {
  const { t } = useTranslation();
  const { me } = useAuth();
  const can = useCan();
  const { message } = App.useApp();
  const notifyError = useNotifyError();
  const qc = useQueryClient();
  const url = useUrlState();
  const unitId = url.getNumber('unit') ?? me.scopes[0]?.unitId ?? me.orgUnitId;
  const year = url.getNumber('year') ?? Math.max(2021, new Date().getFullYear() - 1);
  const list = useQuery({ queryKey: [...energyKey, 'progress', unitId, year], queryFn: () => fetchProgress(unitId, year) });
  const [cascading, setCascading] = useState<Progress | null>(null);
  const [setting, setSetting] = useState(false);
  const [mode, setMode] = useState<'even' | 'manual'>('even');
  const [form] = Form.useForm<Record<string, number>>();
  const [targetForm] = Form.useForm<TargetInput>();
  const children = useQuery({ queryKey: [...energyKey, 'target-children', cascading?.targetId], queryFn: () => fetchTargetChildren(cascading!.targetId), enabled: !!cascading });
  const ok = async () => {
    void message.success(t('common.saved'));
    await qc.invalidateQueries({ queryKey: energyKey });
  };
  const cascade = useMutation({
    mutationFn: (v: Record<string, number>) => cascadeTarget(cascading!.targetId, mode, mode === 'manual' ? (children.data ?? []).map((c) => ({ orgUnitId: c.orgUnitId, reductionPct: v[`u${c.orgUnitId}`] ?? cascading!.reductionPct })) : undefined),
    onSuccess: async () => { setCascading(null); await ok(); },
    onError: notifyError,
  });
  const save = useMutation({ mutationFn: (v: TargetInput) => putTarget({ ...v, orgUnitId: unitId }), onSuccess: async () => { setSetting(false); await ok(); }, onError: notifyError });
  const canEdit = can('energy.targets');
  return (
    <Page id="energy-targets" title={t('energy.nav.targets')} extra={canEdit && <Button type="primary" onClick={() => setSetting(true)} data-testid="target-set">{t('energy.setTarget')}</Button>}>
      <Space wrap style={{ marginBottom: 16 }}>
        <div style={{ minWidth: 240 }}><OrgTreeSelect value={unitId} onChange={(v) => url.set({ unit: v })} /></div>
        <Select value={year} onChange={(v) => url.set({ year: v })} style={{ width: 110 }} aria-label={t('energy.year')}
          options={Array.from({ length: 10 }, (_, i) => 2021 + i).map((y) => ({ value: y, label: `${y}` }))} />
      </Space>
      <Table<Progress> rowKey="targetId" size="small" loading={list.isLoading} dataSource={list.data ?? []} scroll={{ x: 1000 }} pagination={{ pageSize: 24 }} data-testid="targets-table"
        columns={[
          { title: t('energy.region'), dataIndex: 'unitName' },
          { title: '', dataIndex: 'indicator', render: (v: Progress['indicator']) => t(`energy.indicator.${v}`) },
          { title: '', dataIndex: 'tier', render: (v: Progress['tier']) => t(`energy.tier.${v}`) },
          { title: t('energy.reduction'), dataIndex: 'reductionPct', render: (v: number) => `−${v}%` },
          { title: t('energy.baseline'), dataIndex: 'baseline', render: (v: number | null) => fmt(v) },
          { title: t('energy.current'), dataIndex: 'current', render: (v: number | null) => fmt(v) },
          { title: t('energy.pathValue'), dataIndex: 'pathValue', render: (v: number | null) => fmt(v) },
          { title: '', render: (_, r) => `${t('energy.expected', { pct: r.expectedPct })} / ${t('energy.actual', { pct: r.actualPct ?? '—' })}` },
          { title: t('common.status'), dataIndex: 'status', render: (v: Progress['status']) => <Tag color={COLOR[v]}>{t(`energy.progress.${v}`)}</Tag> },
          { title: t('common.actions'), render: (_, r) => canEdit && r.orgUnitId === unitId && <Button size="small" onClick={() => { setMode('even'); setCascading(r); }}>{t('energy.cascade')}</Button> },
        ]} />
      <Modal open={!!cascading} title={t('energy.cascade')} onCancel={() => setCascading(null)} onOk={() => form.submit()} okButtonProps={{ loading: cascade.isPending }} destroyOnHidden>
        <Radio.Group value={mode} onChange={(e) => setMode(e.target.value as 'even' | 'manual')} style={{ marginBottom: 12 }}
          options={[{ value: 'even', label: t('energy.cascadeEven') }, { value: 'manual', label: t('energy.cascadeManual') }]} />
        <Form form={form} layout="horizontal" onFinish={(v) => cascade.mutate(v)}>
          {mode === 'manual' && (children.data ?? []).map((c) => (
            <Form.Item key={c.orgUnitId} name={`u${c.orgUnitId}`} label={c.name} initialValue={cascading?.reductionPct}><InputNumber min={-99} max={99} addonAfter="%" /></Form.Item>
          ))}
        </Form>
      </Modal>
      <Modal open={setting} title={t('energy.setTarget')} onCancel={() => setSetting(false)} onOk={() => targetForm.submit()} okButtonProps={{ loading: save.isPending }} destroyOnHidden>
        <Form form={targetForm} layout="vertical" initialValues={{ indicator: 'per_area', tier: 'binding' }} onFinish={(v) => save.mutate(v)}>
          <Form.Item name="indicator" label="" rules={[{ required: true }]}>
            <Select options={(['per_area', 'per_capita', 'water_per_capita', 'co2_per_area'] as const).map((k) => ({ value: k, label: t(`energy.indicator.${k}`) }))} />
          </Form.Item>
          <Form.Item name="tier" label="" rules={[{ required: true }]}>
            <Select options={(['binding', 'benchmark', 'aspirational'] as const).map((k) => ({ value: k, label: t(`energy.tier.${k}`) }))} />
          </Form.Item>
          <Form.Item name="reductionPct" label={t('energy.reduction')} extra={t('energy.defaultHint')}><InputNumber min={-99} max={99} addonAfter="%" /></Form.Item>
        </Form>
      </Modal>
    </Page>
  );
}
