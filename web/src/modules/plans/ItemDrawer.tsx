import { useState } from 'react';
import { App, Button, Descriptions, Divider, Drawer, Empty, Flex, Form, Input, InputNumber, Popconfirm, Radio, Select, Space, Tag, Timeline, Typography, Upload } from 'antd';
import { UploadOutlined } from '@ant-design/icons';
import type { UploadFile } from 'antd';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useMutation } from '../../kernel/mutation';
import { useTranslation } from 'react-i18next';
import { useCan } from '../../kernel/auth';
import { applyFieldErrors, useNotifyError } from '../../kernel/errors';
import { formatDate } from '../../kernel/format';
import { useDrawerSize } from '../../kernel/responsive';
import { plansApi, plansKey, type Plan, type PlanItem, type ReportCreate } from './api';
import { ColourTag, COLOUR_HEX, num, pct } from './ColourTag';
import { ItemFormModal } from './PlanForms';

/** One item: facts, the progress report form with evidence, its alignment and its timeline. */
export function ItemDrawer({ plan, item, items, onClose }: { plan: Plan; item: PlanItem; items: PlanItem[]; onClose: () => void }) {
  const { t } = useTranslation();
  const can = useCan();
  const qc = useQueryClient();
  const { message } = App.useApp();
  const notifyError = useNotifyError();
  const size = useDrawerSize(620);
  const [form] = Form.useForm<ReportCreate>();
  const [files, setFiles] = useState<UploadFile[]>([]);
  const measurable = item.kind === 'indicator' || item.kind === 'task';
  const periods = useQuery({ queryKey: [...plansKey, 'periods', plan.id], queryFn: () => plansApi.periods(plan.id), enabled: measurable });
  const timeline = useQuery({ queryKey: [...plansKey, 'timeline', item.id], queryFn: () => plansApi.timeline(item.id) });
  // The alignment picker needs the upper plan's item names, not its tree with live figures.
  const upper = useQuery({ queryKey: [...plansKey, 'item-options', plan.parentPlanId], queryFn: () => plansApi.itemOptions(plan.parentPlanId!), enabled: Boolean(plan.parentPlanId) && can('plans.write') });
  const [upperIds, setUpperIds] = useState<number[]>(item.upperItemIds);
  const [editing, setEditing] = useState(false);
  const detail = useQuery({ queryKey: [...plansKey, 'detail', item.id], queryFn: () => plansApi.detail(item.id), enabled: item.kind === 'task' });
  const markDone = useMutation({
    mutationFn: (id: number) => plansApi.milestoneDone(id),
    onSuccess: () => { void message.success(t('plans.item.milestoneDone')); void qc.invalidateQueries({ queryKey: plansKey }); },
    onError: notifyError,
  });

  const report = useMutation({
    mutationFn: async (v: ReportCreate) => {
      const { id } = await plansApi.report(item.id, v);
      for (const f of files) if (f.originFileObj) await plansApi.uploadEvidence(id, f.originFileObj);
    },
    onSuccess: () => {
      void message.success(t('plans.item.reported'));
      form.resetFields();
      setFiles([]);
      void qc.invalidateQueries({ queryKey: plansKey });
    },
    onError: (e) => { if (!applyFieldErrors(form, e)) notifyError(e); },
  });
  const align = useMutation({
    mutationFn: () => plansApi.align(item.id, upperIds),
    onSuccess: () => { void message.success(t('plans.item.aligned')); void qc.invalidateQueries({ queryKey: plansKey }); },
    onError: notifyError,
  });
  const openPeriods = (periods.data ?? []).filter((p) => !p.closed);
  const remove = useMutation({
    mutationFn: () => plansApi.deleteItem(item.id),
    onSuccess: () => { void message.success(t('plans.tree.deleted')); void qc.invalidateQueries({ queryKey: plansKey }); onClose(); },
    onError: notifyError,
  });

  return (
    <Drawer open title={item.title} size={size} onClose={onClose} destroyOnHidden data-testid="item-drawer"
      extra={can('plans.write') && (
        <Space>
          <Button size="small" onClick={() => setEditing(true)} data-testid="item-edit">{t('plans.tree.editItem')}</Button>
          <Popconfirm title={t('plans.tree.confirmDelete')} onConfirm={() => remove.mutate()}>
            <Button danger size="small" loading={remove.isPending}>{t('common.delete')}</Button>
          </Popconfirm>
        </Space>
      )}>
      <Descriptions size="small" column={1} bordered items={[
        { key: 'kind', label: t('plans.tree.title'), children: <Space wrap><Tag>{t(`plans.itemKind.${item.kind}`)}</Tag>{item.code}<ColourTag colour={item.colour} score={item.score} /></Space> },
        { key: 'share', label: t('plans.tree.share'), children: `${pct(item.share)}(${t('plans.tree.weight')} ${num(item.weight)})` },
        ...(item.kind === 'indicator' ? [
          { key: 'b', label: t('plans.tree.baseline'), children: `${num(item.baselineValue)} ${item.unit ?? ''}(${item.baselineYear ?? '—'})` },
          { key: 't', label: t('plans.tree.target'), children: `${num(item.targetValue)} ${item.unit ?? ''}(${item.targetYear ?? '—'})· ${item.direction ? t(`plans.direction.${item.direction}`) : ''} · ${item.binding ? t(`plans.binding.${item.binding}`) : ''}` },
          { key: 'a', label: t('plans.tree.actual'), children: <Space>{num(item.actual)} {item.unit}<Tag>{t(`plans.source.${item.actualSource}`)}</Tag>{item.liveStatus === 'unavailable' && <Tag>{t('plans.source.unavailable')}</Tag>}{item.metricKey && <Typography.Text code>{item.metricKey}</Typography.Text>}</Space> },
        ] : []),
        ...(item.kind === 'task' ? [
          { key: 'o', label: t('plans.tree.owner'), children: item.ownerName ?? '—' },
          { key: 'co', label: t('plans.item.coOwners'), children: <span data-testid="item-co-owner-names">{(detail.data?.coOwners ?? []).map((u) => u.name).join('、') || '—'}</span> },
          { key: 'd', label: t('plans.tree.deadline'), children: item.deadline ?? '—' },
        ] : []),
      ]} />

      {item.kind === 'task' && (
        <>
          <Divider titlePlacement="start">{t('plans.item.milestones')}</Divider>
          {(detail.data?.milestones ?? []).length === 0 ? <Typography.Text type="secondary">{t('plans.item.noMilestones')}</Typography.Text> : (
            <div data-testid="milestone-list">
              {(detail.data?.milestones ?? []).map((m) => (
                <Flex key={m.id} justify="space-between" align="center" gap={8} wrap style={{ padding: '4px 0', borderBottom: '1px solid rgba(5,5,5,0.06)' }} data-testid="milestone-row">
                  <span>{m.title} <Typography.Text type="secondary">{t('plans.item.due', { date: m.due })}</Typography.Text></span>
                  {m.doneOn ? <Tag color="green">{t('plans.item.doneOn', { date: m.doneOn })}</Tag> : can('plans.report') && (
                    <Popconfirm title={t('plans.item.confirmDone')} onConfirm={() => markDone.mutate(m.id)}>
                      <Button size="small" loading={markDone.isPending && markDone.variables === m.id} data-testid="milestone-done">{t('plans.item.markDone')}</Button>
                    </Popconfirm>
                  )}
                </Flex>
              ))}
            </div>
          )}
        </>
      )}

      {measurable && can('plans.report') && (
        <>
          <Divider titlePlacement="start">{t('plans.item.report')}</Divider>
          <Form form={form} layout="vertical" onFinish={(v) => report.mutate(v)} data-testid="report-form">
            <Form.Item name="periodId" label={t('plans.item.period')} rules={[{ required: true, message: t('common.required') }]}>
              <Select data-testid="report-period" options={(periods.data ?? []).map((p) => ({ value: p.id, label: `${p.label}${p.closed ? t('plans.item.closedPeriod') : ''}`, disabled: p.closed }))}
                placeholder={openPeriods.length === 0 ? '—' : undefined} />
            </Form.Item>
            {item.kind === 'indicator' ? (
              <Form.Item name="value" label={`${t('plans.item.value')}(${item.unit ?? ''})`} rules={[{ required: true, message: t('common.required') }]}>
                <InputNumber style={{ width: '100%' }} data-testid="report-value" />
              </Form.Item>
            ) : (
              <Form.Item name="status" label={t('plans.item.status')} rules={[{ required: true, message: t('common.required') }]}>
                <Radio.Group data-testid="report-status" options={(['green', 'amber', 'red'] as const).map((c) => ({ value: c, label: <span style={{ color: COLOUR_HEX[c] }}>● {t(`plans.colour.${c}`)}</span> }))} />
              </Form.Item>
            )}
            <Form.Item name="note" label={t('plans.item.note')}><Input.TextArea rows={2} maxLength={2000} data-testid="report-note" /></Form.Item>
            <Form.Item label={t('plans.item.evidence')}>
              <Upload fileList={files} beforeUpload={() => false} onChange={({ fileList }) => setFiles(fileList)} multiple>
                <Button icon={<UploadOutlined />}>{t('plans.item.evidence')}</Button>
              </Upload>
            </Form.Item>
            <Button type="primary" htmlType="submit" loading={report.isPending} data-testid="report-submit">{t('plans.item.submit')}</Button>
          </Form>
        </>
      )}

      {plan.parentPlanId && can('plans.write') && (
        <>
          <Divider titlePlacement="start">{t('plans.item.alignment')}</Divider>
          <Space.Compact style={{ width: '100%' }}>
            <Select mode="multiple" style={{ width: '100%' }} value={upperIds} onChange={setUpperIds} loading={upper.isLoading} optionFilterProp="label" data-testid="align-select"
              options={(upper.data ?? []).filter((i) => ['goal', 'indicator', 'task'].includes(i.kind)).map((i) => ({ value: i.id, label: `${i.code ?? ''} ${i.title}` }))} />
            <Button onClick={() => align.mutate()} loading={align.isPending} data-testid="align-save">{t('plans.item.alignSave')}</Button>
          </Space.Compact>
        </>
      )}

      <Divider titlePlacement="start">{t('plans.item.timeline')}</Divider>
      {(timeline.data ?? []).length === 0 ? <Empty description={t('plans.item.noTimeline')} /> : (
        <Timeline data-testid="item-timeline" items={(timeline.data ?? []).map((e) => ({
          color: e.status === 'done' ? 'green' : e.status ? COLOUR_HEX[e.status as 'green'] : e.kind === 'deadline' ? 'red' : 'gray',
          content: (
            <div>
              <Typography.Text type="secondary">{formatDate(e.at)} · {t(`plans.item.timelineKind.${e.kind}`)}{e.periodLabel ? ` · ${e.periodLabel}` : ''}</Typography.Text>
              <div>
                {e.value !== null && <b>{num(e.value)} {item.unit} </b>}
                {e.status === 'done' ? <Tag color="green">{t('plans.item.milestoneDone')}</Tag> : e.status && <ColourTag colour={e.status as 'green'} />}
                {e.title} {e.by && <Typography.Text type="secondary">— {e.by}</Typography.Text>}
                {e.files > 0 && <Tag>{t('plans.item.files', { count: e.files })}</Tag>}
              </div>
            </div>
          ),
        }))} />
      )}
      {editing && <ItemFormModal open plan={plan} items={items} item={item} onClose={() => setEditing(false)}
        onCreated={() => { setEditing(false); void message.success(t('plans.tree.saved')); void qc.invalidateQueries({ queryKey: plansKey }); }} />}
    </Drawer>
  );
}
