import { useState } from 'react';
import { Alert, App, Button, Card, Descriptions, Form, Input, InputNumber, Modal, Select, Space, Table, Typography } from 'antd';
import { EditOutlined, PlusOutlined } from '@ant-design/icons';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useMutation } from '../../kernel/mutation';
import { useTranslation } from 'react-i18next';
import { useCan } from '../../kernel/auth';
import { Page } from '../../kernel/components/PageHeader';
import { applyFieldErrors, useNotifyError } from '../../kernel/errors';
import { formatDateTime } from '../../kernel/format';
import { createFactor, createSeason, energyKey, fetchAffects, fetchFactors, fetchSeasons, fetchTypes, updateFactor, type Factor, type FactorInput, type HeatingSeason } from './api';

/** Which figures a factor version governs: years, institution-months, and the version it takes over from. */
function Affects({ q }: { q: { kind?: string; energyType?: string; method?: string; region?: string; year?: number } }) {
  const { t } = useTranslation();
  const ready = !!(q.kind && q.energyType && q.method && q.region && q.year && q.year >= 1990 && q.year <= 2100);
  const a = useQuery({
    queryKey: [...energyKey, 'affects', q], enabled: ready, retry: false,
    queryFn: () => fetchAffects({ kind: q.kind!, energyType: q.energyType!, method: q.method!, region: q.region!, year: q.year! }),
  });
  if (!ready || !a.data) return null;
  const d = a.data;
  return (
    <Alert type="warning" showIcon data-testid="factor-affects" style={{ marginBottom: 12 }}
      message={t('energy.affects', { from: d.fromYear, until: d.untilYear ?? t('energy.onwards'), rows: d.monthlyRows, institutions: d.institutions })}
      description={d.replaces ? t('energy.replaces', { year: d.replaces.year, value: d.replaces.value, source: d.replaces.source }) : t('energy.replacesNone')} />
  );
}

/** Versioned coefficients and factors with their sources; the province bureau adds and corrects versions, and keeps the heating season. */
export default function FactorsPage() {
  const { t } = useTranslation();
  const can = useCan();
  const { message } = App.useApp();
  const notifyError = useNotifyError();
  const qc = useQueryClient();
  const [adding, setAdding] = useState(false);
  const [editing, setEditing] = useState<Factor | null>(null);
  const [kind, setKind] = useState<Factor['kind'] | undefined>();
  const [form] = Form.useForm<FactorInput>();
  const [editForm] = Form.useForm<{ value: number; source: string }>();
  const watched = Form.useWatch([], form) as Partial<FactorInput> | undefined;
  const list = useQuery({ queryKey: [...energyKey, 'factors'], queryFn: fetchFactors });
  const types = useQuery({ queryKey: [...energyKey, 'types'], queryFn: fetchTypes, staleTime: Infinity });
  const done = async (text: string) => {
    void message.success(text);
    await qc.invalidateQueries({ queryKey: energyKey });
  };
  const save = useMutation({
    mutationFn: createFactor,
    onSuccess: async () => {
      setAdding(false);
      form.resetFields();
      await done(t('energy.factorSaved'));
    },
    onError: (e) => applyFieldErrors(form, e) || notifyError(e),
  });
  const edit = useMutation({
    mutationFn: (v: { value: number; source: string }) => updateFactor(editing!.id, v),
    onSuccess: async () => {
      setEditing(null);
      await done(t('energy.factorSaved'));
    },
    onError: (e) => applyFieldErrors(editForm, e) || notifyError(e),
  });
  const rows = (list.data ?? []).filter((f) => !kind || f.kind === kind);
  const mayEdit = can('energy.factors');
  return (
    <Page id="energy-factors" title={t('energy.nav.factors')}
      extra={mayEdit && <Button type="primary" icon={<PlusOutlined />} onClick={() => setAdding(true)} data-testid="factor-add">{t('energy.addFactor')}</Button>}>
      <Alert type="info" showIcon message={t('energy.factorHint')} style={{ marginBottom: 12 }} />
      <Select allowClear placeholder={t('common.all')} style={{ width: 220, marginBottom: 12 }} value={kind} onChange={setKind}
        options={(['coal', 'co2', 'density'] as const).map((k) => ({ value: k, label: t(`energy.factorKind.${k}`) }))} />
      <Table<Factor> rowKey="id" size="small" loading={list.isLoading} dataSource={rows} scroll={{ x: 960 }} pagination={{ pageSize: 20 }} data-testid="factor-table"
        columns={[
          { title: t('energy.factorKindLabel'), dataIndex: 'kind', render: (k: Factor['kind']) => t(`energy.factorKind.${k}`) },
          { title: t('energy.energyType'), dataIndex: 'energyType', render: (v: string) => t(`energy.types.${v}`) },
          { title: t('energy.methodLabel'), dataIndex: 'method', render: (v: Factor['method']) => t(`energy.method.${v}`) },
          { title: t('energy.factorRegion'), dataIndex: 'region' },
          { title: t('energy.factorYear'), dataIndex: 'year' },
          { title: t('energy.factorValue'), dataIndex: 'value' },
          { title: t('energy.source'), dataIndex: 'source', ellipsis: true },
          { title: t('energy.updatedAt'), dataIndex: 'updatedAt', render: (v: string) => formatDateTime(v) },
          ...(mayEdit ? [{ title: '', key: 'edit', render: (_: unknown, f: Factor) => (
            <Button size="small" icon={<EditOutlined />} onClick={() => { setEditing(f); editForm.setFieldsValue({ value: f.value, source: f.source }); }} data-testid={`factor-edit-${f.id}`}>{t('common.edit')}</Button>
          ) }] : []),
        ]} />
      <SeasonsCard mayEdit={mayEdit} />
      <Modal open={adding} title={t('energy.addFactor')} onCancel={() => setAdding(false)} onOk={() => form.submit()} okButtonProps={{ loading: save.isPending }} destroyOnHidden>
        <Affects q={watched ?? {}} />
        <Form form={form} layout="vertical" initialValues={{ kind: 'co2', method: 'none', region: 'national', year: new Date().getFullYear() }} onFinish={(v) => save.mutate(v)}>
          <Form.Item name="kind" label={t('energy.factorKindLabel')} rules={[{ required: true }]}>
            <Select options={(['coal', 'co2', 'density'] as const).map((k) => ({ value: k, label: t(`energy.factorKind.${k}`) }))} />
          </Form.Item>
          <Form.Item name="energyType" label={t('energy.energyType')} rules={[{ required: true }]}>
            <Select data-testid="factor-type" options={(types.data ?? []).map((ty) => ({ value: ty.code, label: t(`energy.types.${ty.code}`) }))} />
          </Form.Item>
          <Form.Item name="method" label={t('energy.methodLabel')} rules={[{ required: true }]} extra={t('energy.methodHint')}>
            <Select options={(['calorific', 'equal_value', 'none'] as const).map((k) => ({ value: k, label: t(`energy.method.${k}`) }))} />
          </Form.Item>
          <Form.Item name="region" label={t('energy.factorRegion')} rules={[{ required: true }]} extra={t('energy.regionHint')}><Input maxLength={20} /></Form.Item>
          <Form.Item name="year" label={t('energy.factorYear')} rules={[{ required: true }]}><InputNumber min={1990} max={2100} precision={0} /></Form.Item>
          <Form.Item name="value" label={t('energy.factorValue')} rules={[{ required: true }]}><InputNumber min={0} step={0.0001} style={{ width: 200 }} data-testid="factor-value" /></Form.Item>
          <Form.Item name="source" label={t('energy.source')} rules={[{ required: true, min: 2 }]}><Input maxLength={200} data-testid="factor-source" /></Form.Item>
        </Form>
      </Modal>
      <Modal open={!!editing} title={t('energy.editFactor')} onCancel={() => setEditing(null)} onOk={() => editForm.submit()} okButtonProps={{ loading: edit.isPending, id: 'factor-edit-save' }} destroyOnHidden>
        {editing && (
          <>
            <Descriptions size="small" column={1} style={{ marginBottom: 12 }} items={[
              { key: 'k', label: t('energy.factorKindLabel'), children: `${t(`energy.factorKind.${editing.kind}`)} · ${t(`energy.types.${editing.energyType}`)} · ${t(`energy.method.${editing.method}`)}` },
              { key: 'r', label: t('energy.factorRegion'), children: `${editing.region} · ${t('energy.factorYear')} ${editing.year}` },
            ]} />
            <Affects q={editing} />
          </>
        )}
        <Form form={editForm} layout="vertical" onFinish={(v) => edit.mutate(v)}>
          <Form.Item name="value" label={t('energy.factorValue')} rules={[{ required: true }, { type: 'number', min: 0.000001, message: t('energy.positive') }]}>
            <InputNumber step={0.0001} style={{ width: 200 }} data-testid="factor-edit-value" />
          </Form.Item>
          <Form.Item name="source" label={t('energy.correctionSource')} rules={[{ required: true, min: 2 }]}><Input maxLength={200} data-testid="factor-edit-source" /></Form.Item>
        </Form>
      </Modal>
    </Page>
  );
}

/** Heating seasons per province from a year on (used for the inside / outside the heating season split). */
function SeasonsCard({ mayEdit }: { mayEdit: boolean }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const notifyError = useNotifyError();
  const qc = useQueryClient();
  const [form] = Form.useForm<HeatingSeason>();
  const [open, setOpen] = useState(false);
  const list = useQuery({ queryKey: [...energyKey, 'seasons'], queryFn: fetchSeasons });
  const save = useMutation({
    mutationFn: createSeason,
    onSuccess: async () => {
      void message.success(t('energy.seasonSaved'));
      setOpen(false);
      form.resetFields();
      await qc.invalidateQueries({ queryKey: energyKey });
    },
    onError: (e) => applyFieldErrors(form, e) || notifyError(e),
  });
  const md = { pattern: /^(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/, message: t('energy.mdFormat') };
  return (
    <Card size="small" title={t('energy.seasons')} style={{ marginTop: 16 }}
      extra={mayEdit && <Button size="small" icon={<PlusOutlined />} onClick={() => setOpen(true)} data-testid="season-add">{t('energy.addSeason')}</Button>}>
      <Typography.Paragraph type="secondary">{t('energy.seasonHint')}</Typography.Paragraph>
      <Table<HeatingSeason> rowKey={(s) => `${s.provinceCode}/${s.fromYear}`} size="small" pagination={false} dataSource={list.data ?? []} data-testid="season-table"
        columns={[
          { title: t('energy.province'), dataIndex: 'provinceCode' },
          { title: t('energy.factorYear'), dataIndex: 'fromYear' },
          { title: t('energy.seasonRange'), render: (_, s) => `${s.startsMd} → ${s.endsMd}` },
          { title: t('energy.source'), dataIndex: 'source', ellipsis: true },
        ]} />
      <Modal open={open} title={t('energy.addSeason')} onCancel={() => setOpen(false)} onOk={() => form.submit()} okButtonProps={{ loading: save.isPending }} destroyOnHidden>
        <Form form={form} layout="vertical" initialValues={{ provinceCode: '230000', fromYear: new Date().getFullYear() }} onFinish={(v) => save.mutate(v)}>
          <Form.Item name="provinceCode" label={t('energy.province')} rules={[{ required: true, pattern: /^\d{6}$/, message: t('energy.provinceFormat') }]}><Input maxLength={6} /></Form.Item>
          <Form.Item name="fromYear" label={t('energy.factorYear')} rules={[{ required: true }]}><InputNumber min={2000} max={2100} precision={0} /></Form.Item>
          <Space>
            <Form.Item name="startsMd" label={t('energy.seasonStarts')} rules={[{ required: true }, md]}><Input placeholder="10-20" maxLength={5} /></Form.Item>
            <Form.Item name="endsMd" label={t('energy.seasonEnds')} rules={[{ required: true }, md]}><Input placeholder="04-20" maxLength={5} /></Form.Item>
          </Space>
          <Form.Item name="source" label={t('energy.source')} rules={[{ required: true, min: 2 }]}><Input maxLength={200} /></Form.Item>
        </Form>
      </Modal>
    </Card>
  );
}


