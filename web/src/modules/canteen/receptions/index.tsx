import { useState } from 'react';
import { Alert, App, Button, Card, DatePicker, Drawer, Empty, Form, Input, InputNumber, Segmented, Select, Table, Tag } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import { useQuery } from '@tanstack/react-query';
import { useMutation } from '../../../kernel/mutation';
import { useTranslation } from 'react-i18next';
import dayjs, { type Dayjs } from 'dayjs';
import type { Canteen, Meal, Reception } from '@guanjia/contracts/canteen';
import { api } from '../../../kernel/api';
import { useCan } from '../../../kernel/auth';
import { applyFieldErrors, useNotifyError } from '../../../kernel/errors';
import { Page } from '../../../kernel/components/PageHeader';

const yuan = (f: number) => `¥${(f / 100).toFixed(2)}`;
interface Values { canteenId: number; day: Dayjs; meal: Meal; purpose: string; guests: number; hosts: number; cost: number }

/** 公务用餐: headcount and cost against the per-person standard in force; over it is flagged red. */
export default function ReceptionsPage() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const can = useCan();
  const notifyError = useNotifyError();
  const [range, setRange] = useState<[string, string]>([dayjs().startOf('month').format('YYYY-MM-DD'), dayjs().endOf('month').format('YYYY-MM-DD')]);
  const list = useQuery({ queryKey: ['canteen', 'receptions', range], queryFn: () => api.get<Reception[]>('/api/canteen/receptions', { from: range[0], to: range[1] }) });
  const canteens = useQuery({ queryKey: ['canteen', 'canteens'], queryFn: () => api.get<Canteen[]>('/api/canteen/canteens') });
  const [open, setOpen] = useState(false);
  const [last, setLast] = useState<Reception | null>(null);
  const [form] = Form.useForm<Values>();
  const create = useMutation({
    mutationFn: (v: Values) => api.post<Reception>('/api/canteen/receptions', { canteenId: v.canteenId, day: v.day.format('YYYY-MM-DD'), meal: v.meal, purpose: v.purpose, guests: v.guests, hosts: v.hosts, costFen: Math.round(v.cost * 100) }),
    onSuccess: (r) => {
      setOpen(false);
      form.resetFields();
      setLast(r);
      if (!r.exceeded) void message.success(t('canteen.setup.saved'));
      void list.refetch();
    },
    onError: (e) => applyFieldErrors(form, e) || notifyError(e),
  });
  const name = (id: number) => canteens.data?.find((c) => c.id === id)?.name ?? id;
  return (
    <Page id="canteen-receptions" title={t('canteen.receptions.title')} extra={can('canteen.kitchen') && <Button type="primary" icon={<PlusOutlined />} onClick={() => setOpen(true)}>{t('canteen.receptions.add')}</Button>}>
      {last?.exceeded && <Alert type="error" showIcon style={{ marginBottom: 12 }} title={t('canteen.receptions.alert', { cost: yuan(last.costFen), limit: yuan(last.limitFen) })} />}
      <Card size="small" style={{ marginBottom: 12 }}>
        <DatePicker.RangePicker value={[dayjs(range[0]), dayjs(range[1])]} allowClear={false} onChange={(v) => v?.[0] && v[1] && setRange([v[0].format('YYYY-MM-DD'), v[1].format('YYYY-MM-DD')])} />
      </Card>
      <Table<Reception> size="small" rowKey="id" loading={list.isLoading} dataSource={list.data} locale={{ emptyText: <Empty description={t('canteen.receptions.empty')} /> }} columns={[
        { title: t('canteen.receptions.day'), dataIndex: 'day' },
        { title: t('canteen.kitchen.canteen'), dataIndex: 'canteenId', render: name },
        { title: t('canteen.receptions.meal'), dataIndex: 'meal', render: (m: string) => t(`canteen.meal.${m}`) },
        { title: t('canteen.receptions.purpose'), dataIndex: 'purpose' },
        { title: t('canteen.receptions.guests'), dataIndex: 'guests', align: 'right' },
        { title: t('canteen.receptions.hosts'), dataIndex: 'hosts', align: 'right' },
        { title: t('canteen.receptions.standard'), dataIndex: 'standardFen', align: 'right', render: yuan },
        { title: t('canteen.receptions.limit'), dataIndex: 'limitFen', align: 'right', render: yuan },
        { title: t('canteen.receptions.cost'), dataIndex: 'costFen', align: 'right', render: yuan },
        { title: '', dataIndex: 'exceeded', render: (x: boolean) => <Tag color={x ? 'red' : 'green'}>{x ? t('canteen.receptions.exceeded') : t('canteen.receptions.within')}</Tag> },
      ]} />
      <Drawer open={open} onClose={() => setOpen(false)} title={t('canteen.receptions.add')} extra={<Button type="primary" loading={create.isPending} onClick={() => form.submit()}>{t('canteen.setup.save')}</Button>}>
        <Form form={form} layout="vertical" onFinish={(v) => create.mutate(v)} initialValues={{ day: dayjs(), meal: 'lunch', guests: 1, hosts: 1, canteenId: canteens.data?.[0]?.id }}>
          <Form.Item name="canteenId" label={t('canteen.kitchen.canteen')} rules={[{ required: true }]}><Select options={(canteens.data ?? []).map((c) => ({ value: c.id, label: c.name }))} /></Form.Item>
          <Form.Item name="day" label={t('canteen.receptions.day')} rules={[{ required: true }]}><DatePicker /></Form.Item>
          <Form.Item name="meal" label={t('canteen.receptions.meal')}><Segmented options={(['breakfast', 'lunch', 'dinner'] as const).map((m) => ({ value: m, label: t(`canteen.meal.${m}`) }))} /></Form.Item>
          <Form.Item name="purpose" label={t('canteen.receptions.purpose')} rules={[{ required: true, min: 2, max: 200 }]}><Input /></Form.Item>
          <Form.Item name="guests" label={t('canteen.receptions.guests')} rules={[{ required: true }]}><InputNumber min={1} max={500} precision={0} /></Form.Item>
          <Form.Item name="hosts" label={t('canteen.receptions.hosts')} rules={[{ required: true }]}><InputNumber min={0} max={500} precision={0} /></Form.Item>
          <Form.Item name="cost" label={t('canteen.receptions.cost')} rules={[{ required: true }]}><InputNumber min={0} max={1000000} precision={2} /></Form.Item>
        </Form>
      </Drawer>
    </Page>
  );
}
