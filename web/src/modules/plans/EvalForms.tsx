import { Form, Input, InputNumber, Modal, Select } from 'antd';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useMutation } from '../../kernel/mutation';
import { useTranslation } from 'react-i18next';
import { OrgTreeSelect } from '../../kernel/components/OrgTreeSelect';
import { applyFieldErrors, useNotifyError } from '../../kernel/errors';
import { api } from '../../kernel/api';
import { plansApi, plansKey } from './api';
import { OrgMultiSelect } from './PlanForms';

interface RoundValues { orgUnitId: number; versionId: number; name: string; kind: 'annual' | 'midterm' | 'final'; year: number; subjectUnitIds?: number[]; focusedUnitIds?: number[]; focusCriterionIds?: number[] }
interface SchemeValues { orgUnitId: number; planId: number; name: string; total: number }

/** A new round with a published scheme version, scoring the prefectures under a unit or chosen units (e.g. the bureau's divisions). */
export function RoundFormModal({ open, onClose, onCreated }: { open: boolean; onClose: () => void; onCreated: (id: number) => void }) {
  const { t } = useTranslation();
  const [form] = Form.useForm<RoundValues>();
  const unit = Form.useWatch('orgUnitId', form);
  const notifyError = useNotifyError();
  const qc = useQueryClient();
  const schemes = useQuery({ queryKey: [...plansKey, 'schemes'], queryFn: plansApi.schemes, enabled: open });
  const save = useMutation({
    mutationFn: ({ subjectUnitIds, focusedUnitIds, focusCriterionIds, ...v }: RoundValues) => api.post<{ id: number }>('/api/plans/rounds', {
      ...v, ...(subjectUnitIds?.length ? { subjectUnitIds } : {}), ...(focusedUnitIds?.length ? { focusedUnitIds, focusCriterionIds: focusCriterionIds ?? [] } : {}),
    }),
    onSuccess: (r) => { form.resetFields(); void qc.invalidateQueries({ queryKey: plansKey }); onCreated(r.id); },
    onError: (e) => { if (!applyFieldErrors(form, e)) notifyError(e); },
  });
  const versionId = Form.useWatch('versionId', form);
  const versionCriteria = (schemes.data ?? []).flatMap((s) => s.versions).find((v) => v.id === versionId)?.criteria ?? [];
  const versions = (schemes.data ?? []).flatMap((s) => s.versions.filter((v) => v.status === 'published').map((v) => ({ value: v.id, label: `${s.name} v${v.version}` })));
  return (
    <Modal open={open} title={t('plans.evaluation.newRound')} onCancel={onClose} onOk={() => form.submit()} confirmLoading={save.isPending} destroyOnHidden okButtonProps={{ 'data-testid': 'round-ok' } as Record<string, string>}>
      <Form form={form} layout="vertical" onFinish={(v) => save.mutate(v)} initialValues={{ kind: 'annual', year: new Date().getFullYear() }}>
        <Form.Item name="orgUnitId" label={t('plans.cockpit.unit')} rules={[{ required: true, message: t('common.required') }]}><OrgTreeSelect data-testid="round-unit" /></Form.Item>
        <Form.Item name="versionId" label={t('plans.evaluation.schemes')} rules={[{ required: true, message: t('common.required') }]}><Select options={versions} data-testid="round-version" /></Form.Item>
        <Form.Item name="name" label={t('plans.evaluation.name')} rules={[{ required: true, message: t('common.required') }]}><Input maxLength={200} data-testid="round-name" /></Form.Item>
        <Form.Item name="kind" label={t('plans.evaluation.rounds')}>
          <Select options={(['annual', 'midterm', 'final'] as const).map((k) => ({ value: k, label: t(`plans.evaluation.kind.${k}`) }))} />
        </Form.Item>
        <Form.Item name="year" label={t('plans.cockpit.year')}><InputNumber min={1949} max={2100} /></Form.Item>
        <Form.Item name="subjectUnitIds" label={t('plans.evaluation.subjects')} extra={t('plans.evaluation.subjectsHint')}>
          <OrgMultiSelect rootId={unit ?? 0} known={[]} data-testid="round-subjects" />
        </Form.Item>
        <Form.Item name="focusedUnitIds" label={t('plans.evaluation.focusedUnits')} extra={t('plans.evaluation.modeHint')}>
          <OrgMultiSelect rootId={unit ?? 0} known={[]} data-testid="round-focused" />
        </Form.Item>
        <Form.Item name="focusCriterionIds" label={t('plans.evaluation.focusCriteria')}>
          <Select mode="multiple" optionFilterProp="label" data-testid="round-focus-criteria" options={versionCriteria.map((c) => ({ value: c.id, label: `${c.code} ${c.name}(${c.weight})` }))} />
        </Form.Item>
      </Form>
    </Modal>
  );
}

/** A new scoring scheme over a plan's indicators; it starts with an empty draft version 1. */
export function SchemeFormModal({ open, onClose }: { open: boolean; onClose: () => void }) {
  const { t } = useTranslation();
  const [form] = Form.useForm<SchemeValues>();
  const notifyError = useNotifyError();
  const qc = useQueryClient();
  const plans = useQuery({ queryKey: [...plansKey, 'options'], queryFn: () => plansApi.options(), enabled: open });
  const save = useMutation({
    mutationFn: (v: SchemeValues) => api.post<{ id: number }>('/api/plans/schemes', v),
    onSuccess: () => { form.resetFields(); void qc.invalidateQueries({ queryKey: plansKey }); onClose(); },
    onError: (e) => { if (!applyFieldErrors(form, e)) notifyError(e); },
  });
  return (
    <Modal open={open} title={t('plans.evaluation.newScheme')} onCancel={onClose} onOk={() => form.submit()} confirmLoading={save.isPending} destroyOnHidden>
      <Form form={form} layout="vertical" onFinish={(v) => save.mutate(v)} initialValues={{ total: 100 }}>
        <Form.Item name="orgUnitId" label={t('plans.cockpit.unit')} rules={[{ required: true, message: t('common.required') }]}><OrgTreeSelect /></Form.Item>
        <Form.Item name="planId" label={t('plans.suggestions.plan')} rules={[{ required: true, message: t('common.required') }]}>
          <Select options={(plans.data ?? []).map((p) => ({ value: p.id, label: p.name }))} />
        </Form.Item>
        <Form.Item name="name" label={t('plans.evaluation.name')} rules={[{ required: true, message: t('common.required') }]}><Input maxLength={200} /></Form.Item>
        <Form.Item name="total" label={t('plans.evaluation.total')}><InputNumber min={1} max={1000} /></Form.Item>
      </Form>
    </Modal>
  );
}
