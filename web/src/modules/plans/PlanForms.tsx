import { useEffect, useState } from 'react';
import { Button, DatePicker, Form, Input, InputNumber, Modal, Select, Space } from 'antd';
import { MinusCircleOutlined, PlusOutlined } from '@ant-design/icons';
import dayjs from 'dayjs';
import { useQuery } from '@tanstack/react-query';
import { useMutation } from '../../kernel/mutation';
import { useTranslation } from 'react-i18next';
import type { Dayjs } from 'dayjs';
import { api } from '../../kernel/api';
import { OrgTreeSelect } from '../../kernel/components/OrgTreeSelect';
import { applyFieldErrors, useNotifyError } from '../../kernel/errors';
import { formatDay } from '../../kernel/format';
import { fetchOrgChildren, fetchOrgUnit, orgChildrenKey, searchOrgUnits } from '../../kernel/org-api';
import { plansApi, plansKey, type MetricInfo, type Plan, type PlanCreate, type PlanItem, type PlanItemCreate } from './api';

export function PlanFormModal({ open, plans, onClose, onCreated }: { open: boolean; plans: Plan[]; onClose: () => void; onCreated: (id: number) => void }) {
  const { t } = useTranslation();
  const [form] = Form.useForm<PlanCreate>();
  const notifyError = useNotifyError();
  const save = useMutation({
    mutationFn: (v: PlanCreate) => plansApi.create(v),
    onSuccess: (r) => { form.resetFields(); onCreated(r.id); },
    onError: (e) => { if (!applyFieldErrors(form, e)) notifyError(e); },
  });
  return (
    <Modal open={open} title={t('plans.list.create')} onCancel={onClose} onOk={() => form.submit()} confirmLoading={save.isPending} destroyOnHidden>
      <Form form={form} layout="vertical" onFinish={(v) => save.mutate(v)} initialValues={{ kind: 'special', startYear: 2026, endYear: 2030 }}>
        <Form.Item name="name" label={t('plans.list.name')} rules={[{ required: true, message: t('common.required') }]}><Input maxLength={200} /></Form.Item>
        <Form.Item name="orgUnitId" label={t('plans.list.owner')} rules={[{ required: true, message: t('common.required') }]}><OrgTreeSelect /></Form.Item>
        <Form.Item name="level" label={t('plans.list.allLevels')} rules={[{ required: true, message: t('common.required') }]}>
          <Select options={(['national', 'provincial', 'prefecture', 'county'] as const).map((l) => ({ value: l, label: t(`plans.level.${l}`) }))} />
        </Form.Item>
        <Form.Item name="kind" label={t('plans.tree.title')}>
          <Select options={(['development', 'special', 'regional', 'spatial'] as const).map((l) => ({ value: l, label: t(`plans.kind.${l}`) }))} />
        </Form.Item>
        <Form.Item name="startYear" label={t('plans.list.startYear')}><InputNumber min={1949} max={2100} /></Form.Item>
        <Form.Item name="endYear" label={t('plans.list.endYear')}><InputNumber min={1949} max={2100} /></Form.Item>
        <Form.Item name="parentPlanId" label={t('plans.list.upper')}>
          <Select allowClear options={plans.map((p) => ({ value: p.id, label: p.name }))} />
        </Form.Item>
      </Form>
    </Modal>
  );
}

type MilestoneValue = { id?: number; title: string; due?: Dayjs };
type ItemValues = Omit<PlanItemCreate, 'deadline' | 'milestones'> & { deadline?: Dayjs; milestones?: MilestoneValue[] };

/**
 * Several org units (co-owner departments): the owner department's sibling units (and the plan
 * unit's children) to start with; typing filters them and searches the server.
 */
export function OrgMultiSelect({ value, onChange, rootId, ownerUnitId, known, ...rest }: { value?: number[]; onChange?: (v: number[]) => void; rootId: number; ownerUnitId?: number | null; known: { id: number; name: string }[]; 'data-testid'?: string }) {
  const [q, setQ] = useState('');
  const owner = useQuery({ queryKey: ['org', 'unit', ownerUnitId], queryFn: () => fetchOrgUnit(ownerUnitId!), enabled: Boolean(ownerUnitId), staleTime: 30_000 });
  const siblingsOf = owner.data?.parentId ?? null;
  const siblings = useQuery({ queryKey: orgChildrenKey(siblingsOf), queryFn: () => fetchOrgChildren(siblingsOf), enabled: siblingsOf !== null, staleTime: 30_000 });
  const children = useQuery({ queryKey: orgChildrenKey(rootId), queryFn: () => fetchOrgChildren(rootId), enabled: rootId > 0, staleTime: 30_000 });
  const found = useQuery({ queryKey: ['org', 'search', q], queryFn: () => searchOrgUnits(q), enabled: q.trim().length > 0 });
  const options = new Map<number, string>();
  for (const u of [...known, ...(siblings.data ?? []), ...(children.data ?? []), ...(found.data ?? [])]) options.set(u.id, u.name);
  return (
    <Select mode="multiple" value={value ?? []} onChange={onChange} loading={found.isFetching} data-testid={rest['data-testid']}
      showSearch={{ onSearch: setQ, filterOption: (input, o) => String(o?.label ?? '').includes(input.trim()) }}
      options={[...options].map(([id, name]) => ({ value: id, label: name }))} />
  );
}

/** Adds an item, or edits one (`item`): every field the API accepts, co-owner departments and milestones for tasks. */
export function ItemFormModal({ open, plan, items, item, onClose, onCreated }: { open: boolean; plan: Plan; items: PlanItem[]; item?: PlanItem; onClose: () => void; onCreated: () => void }) {
  const { t, i18n } = useTranslation();
  const [form] = Form.useForm<ItemValues>();
  const notifyError = useNotifyError();
  const watched = Form.useWatch('kind', form);
  const owner = Form.useWatch('ownerUnitId', form);
  const kind = item?.kind ?? watched;
  const metrics = useQuery({ queryKey: ['metrics'], queryFn: () => api.get<MetricInfo[]>('/api/metrics'), enabled: open });
  const detail = useQuery({ queryKey: [...plansKey, 'detail', item?.id], queryFn: () => plansApi.detail(item!.id), enabled: open && Boolean(item) });
  useEffect(() => {
    if (!open || !item || !detail.data) return;
    form.setFieldsValue({
      code: item.code, title: item.title, weight: item.weight, unit: item.unit, baselineYear: item.baselineYear, baselineValue: item.baselineValue,
      targetYear: item.targetYear, targetValue: item.targetValue, direction: item.direction as 'up' | null, binding: item.binding as 'binding' | null, metricKey: item.metricKey,
      ownerUnitId: item.ownerUnitId, coOwnerUnitIds: item.coOwnerUnitIds, deadline: item.deadline ? dayjs(item.deadline) : undefined,
      milestones: detail.data.milestones.map((m) => ({ id: m.id, title: m.title, due: dayjs(m.due) })),
    });
  }, [open, item, detail.data, form]);
  const save = useMutation({
    mutationFn: async ({ deadline, milestones, ...raw }: ItemValues) => {
      const v = { ...raw, code: raw.code?.trim() ? raw.code : null, ...(kind === 'indicator' ? { metricKey: raw.metricKey ?? null, baselineYear: raw.baselineYear ?? null, baselineValue: raw.baselineValue ?? null } : {}) };
      const ms = kind === 'task' ? (milestones ?? []).map((m) => ({ ...(m.id ? { id: m.id } : {}), title: m.title, due: formatDay(m.due)! })) : undefined;
      if (!item) return plansApi.addItem(plan.id, { ...v, deadline: formatDay(deadline) ?? null, ...(ms ? { milestones: ms } : {}) });
      const { kind: _k, parentId: _p, ...rest } = v;
      return plansApi.updateItem(item.id, { ...rest, ...(kind === 'task' ? { deadline: formatDay(deadline) ?? null, milestones: ms } : {}) });
    },
    onSuccess: () => { form.resetFields(); onCreated(); },
    onError: (e) => { if (!applyFieldErrors(form, e)) notifyError(e); },
  });
  const parents = items.filter((i) => ['chapter', 'section', 'goal'].includes(i.kind));
  const required = [{ required: true, message: t('common.required') }];
  return (
    <Modal open={open} title={item ? t('plans.tree.editItem') : t('plans.tree.addItem')} onCancel={onClose} onOk={() => form.submit()} confirmLoading={save.isPending} destroyOnHidden
      okButtonProps={{ 'data-testid': 'item-form-ok' } as Record<string, string>}>
      <Form form={form} layout="vertical" onFinish={(v) => save.mutate(v)} initialValues={{ kind: 'indicator', weight: 1, direction: 'up', binding: 'anticipatory' }} data-testid="item-form">
        {!item && (
          <>
            <Form.Item name="kind" label={t('plans.tree.title')}>
              <Select options={(['chapter', 'section', 'goal', 'indicator', 'task'] as const).map((k) => ({ value: k, label: t(`plans.itemKind.${k}`) }))} />
            </Form.Item>
            <Form.Item name="parentId" label={t('plans.tree.parent')}><Select allowClear options={parents.map((p) => ({ value: p.id, label: `${t(`plans.itemKind.${p.kind}`)} ${p.title}` }))} /></Form.Item>
          </>
        )}
        <Form.Item name="code" label={t('plans.tree.code')}><Input maxLength={30} /></Form.Item>
        <Form.Item name="title" label={t('plans.list.name')} rules={required}><Input maxLength={200} data-testid="item-title" /></Form.Item>
        <Form.Item name="weight" label={t('plans.tree.weight')}><InputNumber min={0} data-testid="item-weight" /></Form.Item>
        {kind === 'indicator' && (
          <>
            <Form.Item name="unit" label={t('plans.tree.unit')} rules={required}><Input maxLength={30} /></Form.Item>
            <Form.Item name="baselineYear" label={t('plans.tree.baselineYear')}><InputNumber min={1949} max={2100} /></Form.Item>
            <Form.Item name="baselineValue" label={t('plans.tree.baseline')}><InputNumber /></Form.Item>
            <Form.Item name="targetYear" label={t('plans.tree.targetYear')} rules={required}><InputNumber min={1949} max={2100} /></Form.Item>
            <Form.Item name="targetValue" label={t('plans.tree.target')} rules={required}><InputNumber data-testid="item-target" /></Form.Item>
            <Form.Item name="direction" label={t('plans.tree.direction')}>
              <Select options={(['up', 'down'] as const).map((d) => ({ value: d, label: t(`plans.direction.${d}`) }))} />
            </Form.Item>
            <Form.Item name="binding" label={t('plans.tree.binding')}>
              <Select options={(['binding', 'anticipatory'] as const).map((d) => ({ value: d, label: t(`plans.binding.${d}`) }))} />
            </Form.Item>
            <Form.Item name="metricKey" label={t('plans.tree.metricKey')}>
              <Select allowClear placeholder={t('plans.tree.noMetric')} options={(metrics.data ?? []).map((m) => ({ value: m.key, label: `${i18n.language === 'en' ? m.nameEn : m.nameZh}(${m.unit})` }))} />
            </Form.Item>
          </>
        )}
        {kind === 'task' && (
          <>
            <Form.Item name="ownerUnitId" label={t('plans.tree.owner')} rules={required}><OrgTreeSelect /></Form.Item>
            <Form.Item name="coOwnerUnitIds" label={t('plans.item.coOwners')}>
              <OrgMultiSelect rootId={plan.orgUnitId} ownerUnitId={owner} known={detail.data?.coOwners ?? []} data-testid="item-co-owners" />
            </Form.Item>
            <Form.Item name="deadline" label={t('plans.tree.deadline')} rules={required}><DatePicker /></Form.Item>
            <Form.Item label={t('plans.item.milestones')}>
              <Form.List name="milestones">
                {(fields, { add, remove }) => (
                  <div data-testid="item-milestones">
                    {fields.map((f) => (
                      <Space key={f.key} align="start" wrap style={{ display: 'flex', marginBottom: 4 }}>
                        <Form.Item name={[f.name, 'id']} hidden><InputNumber /></Form.Item>
                        <Form.Item name={[f.name, 'title']} rules={required} style={{ marginBottom: 0 }}><Input maxLength={200} placeholder={t('plans.item.milestoneTitle')} data-testid="milestone-title" /></Form.Item>
                        <Form.Item name={[f.name, 'due']} rules={required} style={{ marginBottom: 0 }}><DatePicker placeholder={t('plans.item.milestoneDue')} data-testid="milestone-due" /></Form.Item>
                        <Button type="text" danger icon={<MinusCircleOutlined />} onClick={() => remove(f.name)} aria-label={t('common.delete')} />
                      </Space>
                    ))}
                    <Button type="dashed" icon={<PlusOutlined />} onClick={() => add({ title: '' })} data-testid="milestone-add">{t('plans.item.addMilestone')}</Button>
                  </div>
                )}
              </Form.List>
            </Form.Item>
          </>
        )}
      </Form>
    </Modal>
  );
}
