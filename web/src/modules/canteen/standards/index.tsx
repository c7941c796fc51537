import { useState } from 'react';
import { Alert, App, Button, Card, DatePicker, Drawer, Form, Input, InputNumber, Space, Table, Tag } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import { useQuery } from '@tanstack/react-query';
import { useMutation } from '../../../kernel/mutation';
import { useTranslation } from 'react-i18next';
import dayjs, { type Dayjs } from 'dayjs';
import type { Standards } from '@guanjia/contracts/canteen';
import { api } from '../../../kernel/api';
import { useCan } from '../../../kernel/auth';
import { applyFieldErrors, useNotifyError } from '../../../kernel/errors';
import { Page } from '../../../kernel/components/PageHeader';

type Row = Standards['reception'][number];
const yuan = (f: number) => `¥${(f / 100).toFixed(2)}`;
const fen = (y: number | undefined) => Math.round((y ?? 0) * 100);

interface ReceptionValues { source: string; effectiveFrom: Dayjs; breakfast: number; lunch: number; dinner: number }
interface OverdraftValues { source: string; effectiveFrom: Dayjs; max: number }

/**
 * 标准与限额: the reception-meal standards per person and the overdraft maximum, as versioned data
 * (each version with its source and effective date). Initial values that still wait for the
 * province bureau's confirmation are marked as placeholders. Only the province bureau adds versions.
 */
export default function CanteenStandardsPage() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const can = useCan();
  const notifyError = useNotifyError();
  const data = useQuery({ queryKey: ['canteen', 'standards'], queryFn: () => api.get<Standards>('/api/canteen/standards') });
  const [adding, setAdding] = useState<'reception' | 'overdraft' | null>(null);
  const [rForm] = Form.useForm<ReceptionValues>();
  const [oForm] = Form.useForm<OverdraftValues>();
  const done = () => {
    setAdding(null);
    rForm.resetFields();
    oForm.resetFields();
    void message.success(t('canteen.standards.saved'));
    void data.refetch();
  };
  const addReception = useMutation({
    mutationFn: (v: ReceptionValues) => api.post('/api/canteen/standards/reception', { source: v.source, effectiveFrom: v.effectiveFrom.format('YYYY-MM-DD'), breakfastFen: fen(v.breakfast), lunchFen: fen(v.lunch), dinnerFen: fen(v.dinner) }),
    onSuccess: done,
    onError: (e) => applyFieldErrors(rForm, e) || notifyError(e),
  });
  const addOverdraft = useMutation({
    mutationFn: (v: OverdraftValues) => api.post('/api/canteen/standards/overdraft', { source: v.source, effectiveFrom: v.effectiveFrom.format('YYYY-MM-DD'), maxFen: fen(v.max) }),
    onSuccess: done,
    onError: (e) => applyFieldErrors(oForm, e) || notifyError(e),
  });
  const status = (r: Row) => (
    <Space size={4} wrap>
      {r.inForce ? <Tag color="blue">{t('canteen.standards.inForce')}</Tag> : r.effectiveFrom > dayjs().format('YYYY-MM-DD') ? <Tag>{t('canteen.standards.future')}</Tag> : <Tag>{t('canteen.standards.superseded')}</Tag>}
      {r.placeholder && <Tag color="orange" data-testid="placeholder-tag">{t('canteen.standards.placeholder')}</Tag>}
    </Space>
  );
  const columns = (what: 'reception' | 'overdraft') => [
    ...(what === 'reception' ? [{ title: t('canteen.standards.meal'), dataIndex: 'key', render: (m: string) => t(`canteen.meal.${m}`) }] : []),
    { title: what === 'reception' ? t('canteen.standards.perPerson') : t('canteen.standards.max'), dataIndex: 'perPersonFen', align: 'right' as const, render: yuan },
    { title: t('canteen.standards.effectiveFrom'), dataIndex: 'effectiveFrom' },
    { title: t('canteen.standards.source'), dataIndex: 'source' },
    { title: t('canteen.standards.status'), key: 'status', render: (_: unknown, r: Row) => status(r) },
  ];
  const placeholderInForce = (rows: Row[] | undefined) => (rows ?? []).some((r) => r.inForce && r.placeholder);
  const mayEdit = can('canteen.standards');
  return (
    <Page id="canteen-standards" title={t('canteen.standards.title')}>
      <Space orientation="vertical" style={{ width: '100%' }}>
        {(placeholderInForce(data.data?.reception) || placeholderInForce(data.data?.overdraft)) && (
          <Alert type="warning" showIcon data-testid="placeholder-alert" title={t('canteen.standards.placeholderAlert')} />
        )}
        <Card size="small" title={t('canteen.standards.reception')} extra={mayEdit && <Button icon={<PlusOutlined />} onClick={() => setAdding('reception')}>{t('canteen.standards.addVersion')}</Button>}>
          <Table<Row> size="small" rowKey={(r) => `${r.key}-${r.effectiveFrom}`} loading={data.isLoading} dataSource={data.data?.reception} columns={columns('reception')} pagination={{ pageSize: 12, hideOnSinglePage: true }} />
        </Card>
        <Card size="small" title={t('canteen.standards.overdraft')} extra={mayEdit && <Button icon={<PlusOutlined />} onClick={() => setAdding('overdraft')}>{t('canteen.standards.addVersion')}</Button>}>
          <Table<Row> size="small" rowKey={(r) => r.effectiveFrom} loading={data.isLoading} dataSource={data.data?.overdraft} columns={columns('overdraft')} pagination={{ pageSize: 12, hideOnSinglePage: true }} />
        </Card>
      </Space>
      <Drawer open={adding === 'reception'} onClose={() => setAdding(null)} title={t('canteen.standards.addReception')}
        extra={<Button type="primary" loading={addReception.isPending} onClick={() => rForm.submit()}>{t('canteen.setup.save')}</Button>}>
        <Form form={rForm} layout="vertical" onFinish={(v) => addReception.mutate(v)}>
          <Form.Item name="source" label={t('canteen.standards.source')} rules={[{ required: true, min: 4, max: 300 }]} extra={t('canteen.standards.sourceHint')}><Input.TextArea rows={2} /></Form.Item>
          <Form.Item name="effectiveFrom" label={t('canteen.standards.effectiveFrom')} rules={[{ required: true }]}><DatePicker /></Form.Item>
          {(['breakfast', 'lunch', 'dinner'] as const).map((m) => (
            <Form.Item key={m} name={m} label={`${t(`canteen.meal.${m}`)} · ${t('canteen.standards.perPersonYuan')}`} rules={[{ required: true }]}>
              <InputNumber min={0.01} max={100000} precision={2} style={{ width: '100%' }} />
            </Form.Item>
          ))}
        </Form>
      </Drawer>
      <Drawer open={adding === 'overdraft'} onClose={() => setAdding(null)} title={t('canteen.standards.addOverdraft')}
        extra={<Button type="primary" loading={addOverdraft.isPending} onClick={() => oForm.submit()}>{t('canteen.setup.save')}</Button>}>
        <Form form={oForm} layout="vertical" onFinish={(v) => addOverdraft.mutate(v)}>
          <Form.Item name="source" label={t('canteen.standards.source')} rules={[{ required: true, min: 4, max: 300 }]} extra={t('canteen.standards.sourceHint')}><Input.TextArea rows={2} /></Form.Item>
          <Form.Item name="effectiveFrom" label={t('canteen.standards.effectiveFrom')} rules={[{ required: true }]}><DatePicker /></Form.Item>
          <Form.Item name="max" label={t('canteen.standards.maxYuan')} rules={[{ required: true }]}><InputNumber min={0} max={100000} precision={2} style={{ width: '100%' }} /></Form.Item>
        </Form>
      </Drawer>
    </Page>
  );
}
