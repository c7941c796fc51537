import { useState } from 'react';
import { App, Button, DatePicker, Drawer, Empty, Form, Input, InputNumber, Popconfirm, Space, Table, Tag, TimePicker } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import { useQuery } from '@tanstack/react-query';
import { useMutation } from '../../../kernel/mutation';
import { useTranslation } from 'react-i18next';
import dayjs, { type Dayjs } from 'dayjs';
import type { Canteen, TakeawayItem } from '@guanjia/contracts/canteen';
import { api } from '../../../kernel/api';
import { applyFieldErrors, useNotifyError } from '../../../kernel/errors';
import { yuanToFen } from './index';

interface Values { day: Dayjs; name: string; unit: string; priceYuan: number; stock: number; slots: string; orderCutoff: Dayjs }

/** Takeaway for pre-order: stock per day and pickup slots; remaining shows what is still for sale. */
export function TakeawayTab({ canteen }: { canteen: Canteen }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const notifyError = useNotifyError();
  const from = dayjs().format('YYYY-MM-DD');
  const to = dayjs().add(13, 'day').format('YYYY-MM-DD');
  const items = useQuery({ queryKey: ['canteen', 'takeaway', canteen.id], queryFn: () => api.get<TakeawayItem[]>(`/api/canteen/canteens/${canteen.id}/takeaway`, { from, to }) });
  const [open, setOpen] = useState(false);
  /** The item being edited (null: a new one). */
  const [editing, setEditing] = useState<TakeawayItem | null>(null);
  const [form] = Form.useForm<Values>();
  const startEdit = (item: TakeawayItem) => {
    setEditing(item);
    form.setFieldsValue({ day: dayjs(item.day), name: item.name, unit: item.unit, priceYuan: item.priceFen / 100, stock: item.stock, slots: item.slots.join(', '), orderCutoff: dayjs(item.orderCutoff.slice(11), 'HH:mm') });
    setOpen(true);
  };
  const startNew = () => {
    setEditing(null);
    form.resetFields();
    setOpen(true);
  };
  const create = useMutation({
    mutationFn: (v: Values) => {
      const body = { name: v.name, unit: v.unit, priceFen: yuanToFen(v.priceYuan), stock: v.stock, slots: v.slots.split(/[,，\s]+/).filter(Boolean), orderCutoff: v.orderCutoff.format('HH:mm') };
      return editing ? api.patch(`/api/canteen/takeaway/${editing.id}`, body) : api.post(`/api/canteen/canteens/${canteen.id}/takeaway`, { ...body, day: v.day.format('YYYY-MM-DD') });
    },
    onSuccess: () => {
      setOpen(false);
      setEditing(null);
      form.resetFields();
      void message.success(t('canteen.setup.saved'));
      void items.refetch();
    },
    onError: (e) => applyFieldErrors(form, e) || notifyError(e),
  });
  const withdraw = useMutation({
    mutationFn: (id: number) => api.post(`/api/canteen/takeaway/${id}/withdraw`),
    onSuccess: () => {
      void message.success(t('canteen.setup.saved'));
      void items.refetch();
    },
    onError: notifyError,
  });
  return (
    <>
      <Button icon={<PlusOutlined />} style={{ marginBottom: 8 }} onClick={startNew}>{t('canteen.setup.newItem')}</Button>
      <Table<TakeawayItem> size="small" rowKey="id" loading={items.isLoading} dataSource={items.data} locale={{ emptyText: <Empty description={t('canteen.setup.noItems')} /> }} columns={[
        { title: t('canteen.setup.day'), dataIndex: 'day' },
        { title: t('canteen.setup.itemName'), dataIndex: 'name', render: (n: string, r) => <>{n} {r.withdrawn && <Tag>{t('canteen.setup.withdrawn')}</Tag>}</> },
        { title: t('canteen.setup.price'), dataIndex: 'priceFen', align: 'right', render: (f: number, r) => `¥${(f / 100).toFixed(2)}/${r.unit}` },
        { title: t('canteen.setup.stock'), dataIndex: 'stock', align: 'right' },
        { title: t('canteen.setup.ordered'), dataIndex: 'ordered', align: 'right' },
        { title: t('canteen.setup.remaining'), dataIndex: 'remaining', align: 'right' },
        { title: t('canteen.setup.slots'), dataIndex: 'slots', render: (s: string[]) => s.join(', ') },
        { title: t('canteen.setup.orderCutoff'), dataIndex: 'orderCutoff' },
        { title: '', key: 'actions', render: (_: unknown, r) => !r.withdrawn && (
          <Space size={0}>
            <Button type="link" size="small" onClick={() => startEdit(r)}>{t('canteen.setup.edit')}</Button>
            <Popconfirm title={t('canteen.setup.confirmWithdraw', { name: r.name, ordered: r.ordered, unit: r.unit })} okText={t('canteen.setup.withdraw')} okButtonProps={{ danger: true }} onConfirm={() => withdraw.mutate(r.id)}>
              <Button type="link" size="small" danger>{t('canteen.setup.withdraw')}</Button>
            </Popconfirm>
          </Space>
        ) },
      ]} />
      <Drawer open={open} onClose={() => setOpen(false)} title={editing ? t('canteen.setup.editItem', { name: editing.name }) : t('canteen.setup.newItem')} extra={<Button type="primary" loading={create.isPending} onClick={() => form.submit()}>{t('canteen.setup.save')}</Button>}>
        <Form form={form} layout="vertical" onFinish={(v) => create.mutate(v)} initialValues={{ day: dayjs().add(1, 'day'), unit: '份', slots: '17:00-17:30, 17:30-18:00', orderCutoff: dayjs('15:00', 'HH:mm') }}>
          <Form.Item name="day" label={t('canteen.setup.day')} rules={[{ required: true }]}><DatePicker disabled={!!editing} /></Form.Item>
          <Form.Item name="name" label={t('canteen.setup.itemName')} rules={[{ required: true, max: 50 }]}><Input /></Form.Item>
          <Form.Item name="unit" label={t('canteen.setup.itemUnit')} rules={[{ required: true, max: 10 }]}><Input /></Form.Item>
          <Form.Item name="priceYuan" label={t('canteen.setup.price')} rules={[{ required: true }]}><InputNumber min={0} max={10000} precision={2} style={{ width: '100%' }} /></Form.Item>
          <Form.Item name="stock" label={t('canteen.setup.stock')} rules={[{ required: true }]} extra={editing ? t('canteen.setup.stockAtLeast', { ordered: editing.ordered, unit: editing.unit }) : undefined}><InputNumber min={0} max={100000} precision={0} style={{ width: '100%' }} /></Form.Item>
          <Form.Item name="slots" label={t('canteen.setup.slots')} rules={[{ required: true }]}><Input /></Form.Item>
          <Form.Item name="orderCutoff" label={t('canteen.setup.orderCutoff')} rules={[{ required: true }]}><TimePicker format="HH:mm" /></Form.Item>
        </Form>
      </Drawer>
    </>
  );
}
