import { App, Button, Card, Collapse, Empty, Form, Input, InputNumber, Popconfirm, Select, Space, Table, Tag, Typography } from 'antd';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useMutation } from '../../kernel/mutation';
import { useTranslation } from 'react-i18next';
import { useCan } from '../../kernel/auth';
import { applyFieldErrors, useNotifyError } from '../../kernel/errors';
import { useState } from 'react';
import { plansApi, plansKey, type Criterion, type CriterionCreate, type Scheme } from './api';
import { SchemeFormModal } from './EvalForms';

const DEFAULT_RUBRIC = [
  { level: 'A', score: 100, descZh: '优秀', descEn: 'Excellent' },
  { level: 'B', score: 85, descZh: '良好', descEn: 'Good' },
  { level: 'C', score: 70, descZh: '一般', descEn: 'Fair' },
  { level: 'D', score: 50, descZh: '较差', descEn: 'Poor' },
];

function CriterionForm({ versionId }: { versionId: number }) {
  const { t } = useTranslation();
  const [form] = Form.useForm<CriterionCreate>();
  const qc = useQueryClient();
  const notifyError = useNotifyError();
  const kind = Form.useWatch('kind', form);
  const add = useMutation({
    mutationFn: (v: CriterionCreate) => plansApi.addCriterion(versionId, { ...v, rubric: v.kind === 'qualitative' ? DEFAULT_RUBRIC : null, formula: v.kind === 'quantitative' ? v.formula : null }),
    onSuccess: () => { form.resetFields(); void qc.invalidateQueries({ queryKey: plansKey }); },
    onError: (e) => { if (!applyFieldErrors(form, e)) notifyError(e); },
  });
  return (
    <Form form={form} layout="inline" onFinish={(v) => add.mutate(v)} initialValues={{ kind: 'quantitative' }} style={{ rowGap: 8 }} data-testid="criterion-form">
      <Form.Item name="code" rules={[{ required: true, message: t('common.required') }]}><Input placeholder={t('plans.evaluation.code')} style={{ width: 80 }} /></Form.Item>
      <Form.Item name="name" rules={[{ required: true, message: t('common.required') }]}><Input placeholder={t('plans.evaluation.name')} /></Form.Item>
      <Form.Item name="kind"><Select style={{ width: 100 }} options={[{ value: 'quantitative', label: t('plans.evaluation.quantitative') }, { value: 'qualitative', label: t('plans.evaluation.qualitative') }]} /></Form.Item>
      <Form.Item name="weight" rules={[{ required: true, message: t('common.required') }]}><InputNumber placeholder={t('plans.evaluation.weight')} min={0.01} /></Form.Item>
      {kind === 'quantitative' && (
        <Form.Item name="formula" rules={[{ required: true, message: t('common.required') }]} tooltip={t('plans.evaluation.formulaHint')}>
          <Input placeholder="rate(E1) * 100" style={{ width: 240 }} data-testid="criterion-formula" />
        </Form.Item>
      )}
      <Button htmlType="submit" loading={add.isPending}>{t('plans.evaluation.addCriterion')}</Button>
    </Form>
  );
}

/** Scoring schemes: versions with their criteria; a draft is edited, then published with weights that sum to the total. */
export function SchemesTab() {
  const { t } = useTranslation();
  const can = useCan();
  const qc = useQueryClient();
  const { message } = App.useApp();
  const notifyError = useNotifyError();
  const schemes = useQuery({ queryKey: [...plansKey, 'schemes'], queryFn: plansApi.schemes });
  const refresh = () => void qc.invalidateQueries({ queryKey: plansKey });
  const publish = useMutation({ mutationFn: plansApi.publishVersion, onSuccess: () => { void message.success(t('plans.evaluation.published')); refresh(); }, onError: notifyError });
  const newVersion = useMutation({ mutationFn: plansApi.newVersion, onSuccess: refresh, onError: notifyError });
  const del = useMutation({ mutationFn: plansApi.deleteCriterion, onSuccess: refresh, onError: notifyError });
  const manage = can('plans.evaluate');
  const [creating, setCreating] = useState(false);
  return (
    <Space direction="vertical" style={{ width: '100%' }}>
      {manage && <Button onClick={() => setCreating(true)} style={{ alignSelf: 'flex-start' }}>{t('plans.evaluation.newScheme')}</Button>}
      <SchemeFormModal open={creating} onClose={() => setCreating(false)} />
      {!schemes.isLoading && (schemes.data ?? []).length === 0 && <Empty />}
      {(schemes.data ?? []).map((s: Scheme) => (
        <Card key={s.id} size="small" title={s.name} extra={manage && <Button size="small" onClick={() => newVersion.mutate(s.id)}>{t('plans.evaluation.newVersion')}</Button>}>
          <Typography.Text type="secondary">{s.planName}</Typography.Text>
          <Collapse defaultActiveKey={[String(s.versions[s.versions.length - 1]?.id)]} items={s.versions.map((v) => ({
            key: String(v.id),
            label: <Space wrap>{t('plans.evaluation.version')} {v.version}<Tag color={v.status === 'published' ? 'green' : 'default'}>{t(`plans.status.${v.status}`)}</Tag>{t('plans.evaluation.weightSum', { sum: v.weightSum, total: s.total })}</Space>,
            children: (
              <Space direction="vertical" style={{ width: '100%' }}>
                <Table<Criterion> size="small" rowKey="id" pagination={false} dataSource={v.criteria} scroll={{ x: 600 }} columns={[
                  { title: t('plans.evaluation.code'), dataIndex: 'code', key: 'c', width: 70 },
                  { title: t('plans.evaluation.name'), dataIndex: 'name', key: 'n' },
                  { title: t('plans.evaluation.weight'), dataIndex: 'weight', key: 'w', width: 70 },
                  { title: t('plans.evaluation.formula'), key: 'f', render: (_: unknown, c: Criterion) => c.formula ? <Typography.Text code>{c.formula}</Typography.Text> : (c.rubric ?? []).map((l) => `${l.level}=${l.score}`).join(' ') },
                  ...(manage && v.status === 'draft' ? [{ title: '', key: 'x', width: 70, render: (_: unknown, c: Criterion) => (
                    <Popconfirm title={t('common.delete')} onConfirm={() => del.mutate(c.id)}><Button size="small" danger type="link">{t('common.delete')}</Button></Popconfirm>
                  ) }] : []),
                ]} />
                {manage && v.status === 'draft' && (
                  <>
                    <CriterionForm versionId={v.id} />
                    <Button type="primary" onClick={() => publish.mutate(v.id)} loading={publish.isPending} data-testid={`publish-${v.id}`}>{t('plans.evaluation.publish')}</Button>
                  </>
                )}
              </Space>
            ),
          }))} />
        </Card>
      ))}
    </Space>
  );
}
