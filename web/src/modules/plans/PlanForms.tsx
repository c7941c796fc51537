import { DatePicker, Form, Input, InputNumber, Modal, Select } from 'antd';
import { useMutation, useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import type { Dayjs } from 'dayjs';
import { api } from '../../kernel/api';
import { OrgTreeSelect } from '../../kernel/components/OrgTreeSelect';
import { applyFieldErrors, useNotifyError } from '../../kernel/errors';
import { formatDay } from '../../kernel/format';
import { plansApi, type MetricInfo, type Plan, type PlanCreate, type PlanItem, type PlanItemCreate } from './api';

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

type ItemValues = Omit<PlanItemCreate, 'deadline'> & { deadline?: Dayjs };

export function ItemFormModal({ open, plan, items, onClose, onCreated }: { open: boolean; plan: Plan; items: PlanItem[]; onClose: () => void; onCreated: () => void }) {
  const { t, i18n } = useTranslation();
  const [form] = Form.useForm<ItemValues>();
  const notifyError = useNotifyError();
  const kind = Form.useWatch('kind', form);
  const metrics = useQuery({ queryKey: ['metrics'], queryFn: () => api.get<MetricInfo[]>('/api/metrics'), enabled: open });
  const save = useMutation({
    mutationFn: ({ deadline, ...v }: ItemValues) => plansApi.addItem(plan.id, { ...v, deadline: formatDay(deadline) ?? null }),
    onSuccess: () => { form.resetFields(); onCreated(); },
    onError: (e) => { if (!applyFieldErrors(form, e)) notifyError(e); },
  });
  const parents = items.filter((i) => ['chapter', 'section', 'goal'].includes(i.kind));
  return (
    <Modal open={open} title={t('plans.tree.addItem')} onCancel={onClose} onOk={() => form.submit()} confirmLoading={save.isPending} destroyOnHidden>
      <Form form={form} layout="vertical" onFinish={(v) => save.mutate(v)} initialValues={{ kind: 'indicator', weight: 1, direction: 'up', binding: 'anticipatory' }}>
        <Form.Item name="kind" label={t('plans.tree.title')}>
          <Select options={(['chapter', 'section', 'goal', 'indicator', 'task'] as const).map((k) => ({ value: k, label: t(`plans.itemKind.${k}`) }))} />
        </Form.Item>
        <Form.Item name="parentId" label={t('plans.tree.parent')}><Select allowClear options={parents.map((p) => ({ value: p.id, label: `${t(`plans.itemKind.${p.kind}`)} ${p.title}` }))} /></Form.Item>
        <Form.Item name="code" label={t('plans.tree.code')}><Input maxLength={30} /></Form.Item>
        <Form.Item name="title" label={t('plans.list.name')} rules={[{ required: true, message: t('common.required') }]}><Input maxLength={200} /></Form.Item>
        <Form.Item name="weight" label={t('plans.tree.weight')}><InputNumber min={0} /></Form.Item>
        {kind === 'indicator' && (
          <>
            <Form.Item name="unit" label={t('plans.tree.unit')} rules={[{ required: true, message: t('common.required') }]}><Input maxLength={30} /></Form.Item>
            <Form.Item name="baselineYear" label={t('plans.tree.baselineYear')}><InputNumber min={1949} max={2100} /></Form.Item>
            <Form.Item name="baselineValue" label={t('plans.tree.baseline')}><InputNumber /></Form.Item>
            <Form.Item name="targetYear" label={t('plans.tree.targetYear')} rules={[{ required: true, message: t('common.required') }]}><InputNumber min={1949} max={2100} /></Form.Item>
            <Form.Item name="targetValue" label={t('plans.tree.target')} rules={[{ required: true, message: t('common.required') }]}><InputNumber /></Form.Item>
            <Form.Item name="direction" label={t('plans.direction.up')}>
              <Select options={(['up', 'down'] as const).map((d) => ({ value: d, label: t(`plans.direction.${d}`) }))} />
            </Form.Item>
            <Form.Item name="binding" label={t('plans.binding.binding')}>
              <Select options={(['binding', 'anticipatory'] as const).map((d) => ({ value: d, label: t(`plans.binding.${d}`) }))} />
            </Form.Item>
            <Form.Item name="metricKey" label={t('plans.tree.metricKey')}>
              <Select allowClear placeholder={t('plans.tree.noMetric')} options={(metrics.data ?? []).map((m) => ({ value: m.key, label: `${i18n.language === 'en' ? m.nameEn : m.nameZh}(${m.unit})` }))} />
            </Form.Item>
          </>
        )}
        {kind === 'task' && (
          <>
            <Form.Item name="ownerUnitId" label={t('plans.tree.owner')} rules={[{ required: true, message: t('common.required') }]}><OrgTreeSelect /></Form.Item>
            <Form.Item name="deadline" label={t('plans.tree.deadline')} rules={[{ required: true, message: t('common.required') }]}><DatePicker /></Form.Item>
          </>
        )}
      </Form>
    </Modal>
  );
}
