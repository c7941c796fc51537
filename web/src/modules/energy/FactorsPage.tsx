import { useState } from 'react';
import { Alert, App, Button, Form, Input, InputNumber, Modal, Select, Table } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { useCan } from '../../kernel/auth';
import { Page } from '../../kernel/components/PageHeader';
import { applyFieldErrors, useNotifyError } from '../../kernel/errors';
import { formatDateTime } from '../../kernel/format';
import { createFactor, energyKey, fetchFactors, fetchTypes, type Factor, type FactorInput } from './api';

/** Versioned coefficients and factors with their sources; the province bureau adds versions. */
export default function FactorsPage() {
  const { t } = useTranslation();
  const can = useCan();
  const { message } = App.useApp();
  const notifyError = useNotifyError();
  const qc = useQueryClient();
  const [adding, setAdding] = useState(false);
  const [kind, setKind] = useState<Factor['kind'] | undefined>();
  const [form] = Form.useForm<FactorInput>();
  const list = useQuery({ queryKey: [...energyKey, 'factors'], queryFn: fetchFactors });
  const types = useQuery({ queryKey: [...energyKey, 'types'], queryFn: fetchTypes, staleTime: Infinity });
  const save = useMutation({
    mutationFn: createFactor,
    onSuccess: async () => {
      void message.success(t('energy.factorSaved'));
      setAdding(false);
      form.resetFields();
      await qc.invalidateQueries({ queryKey: energyKey });
    },
    onError: (e) => applyFieldErrors(form, e) || notifyError(e),
  });
  const rows = (list.data ?? []).filter((f) => !kind || f.kind === kind);
  return (
    <Page id="energy-factors" title={t('energy.nav.factors')}
      extra={can('energy.factors') && <Button type="primary" icon={<PlusOutlined />} onClick={() => setAdding(true)} data-testid="factor-add">{t('energy.addFactor')}</Button>}>
      <Alert type="info" showIcon message={t('energy.factorHint')} style={{ marginBottom: 12 }} />
      <Select allowClear placeholder={t('common.all')} style={{ width: 220, marginBottom: 12 }} value={kind} onChange={setKind}
        options={(['coal', 'co2', 'density'] as const).map((k) => ({ value: k, label: t(`energy.factorKind.${k}`) }))} />
      <Table<Factor> rowKey="id" size="small" loading={list.isLoading} dataSource={rows} scroll={{ x: 900 }} pagination={{ pageSize: 20 }}
        columns={[
          { title: '', dataIndex: 'kind', render: (k: Factor['kind']) => t(`energy.factorKind.${k}`) },
          { title: t('energy.energyType'), dataIndex: 'energyType', render: (v: string) => t(`energy.types.${v}`) },
          { title: '', dataIndex: 'method', render: (v: Factor['method']) => t(`energy.method.${v}`) },
          { title: t('energy.factorRegion'), dataIndex: 'region' },
          { title: t('energy.factorYear'), dataIndex: 'year' },
          { title: t('energy.factorValue'), dataIndex: 'value' },
          { title: t('energy.source'), dataIndex: 'source', ellipsis: true },
          { title: '', dataIndex: 'updatedAt', render: (v: string) => formatDateTime(v) },
        ]} />
      <Modal open={adding} title={t('energy.addFactor')} onCancel={() => setAdding(false)} onOk={() => form.submit()} okButtonProps={{ loading: save.isPending }} destroyOnHidden>
        <Form form={form} layout="vertical" initialValues={{ kind: 'co2', method: 'none', region: 'national', year: new Date().getFullYear() }} onFinish={(v) => save.mutate(v)}>
          <Form.Item name="kind" label="" rules={[{ required: true }]}>
            <Select options={(['coal', 'co2', 'density'] as const).map((k) => ({ value: k, label: t(`energy.factorKind.${k}`) }))} />
          </Form.Item>
          <Form.Item name="energyType" label={t('energy.energyType')} rules={[{ required: true }]}>
            <Select options={(types.data ?? []).map((ty) => ({ value: ty.code, label: t(`energy.types.${ty.code}`) }))} />
          </Form.Item>
          <Form.Item name="method" label="" rules={[{ required: true }]}>
            <Select options={(['calorific', 'equal_value', 'none'] as const).map((k) => ({ value: k, label: t(`energy.method.${k}`) }))} />
          </Form.Item>
          <Form.Item name="region" label={t('energy.factorRegion')} rules={[{ required: true }]}><Input maxLength={20} /></Form.Item>
          <Form.Item name="year" label={t('energy.factorYear')} rules={[{ required: true }]}><InputNumber min={1990} max={2100} precision={0} /></Form.Item>
          <Form.Item name="value" label={t('energy.factorValue')} rules={[{ required: true }]}><InputNumber min={0} step={0.0001} style={{ width: 200 }} /></Form.Item>
          <Form.Item name="source" label={t('energy.source')} rules={[{ required: true, min: 2 }]}><Input maxLength={200} /></Form.Item>
        </Form>
      </Modal>
    </Page>
  );
}
