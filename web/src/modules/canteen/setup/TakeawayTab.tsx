import { useState } from 'react';
import { App, Button, DatePicker, Drawer, Empty, Form, Input, InputNumber, Table, TimePicker } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import { useMutation, useQuery } from '@tanstack/react-query';
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
  const [form] = Form.useForm<Values>();
  const create = useMutation({
    mutationFn: (v: Values) => api.post(`/api/canteen/canteens/${canteen.id}/takeaway`, {
      day: v.day.format('YYYY-MM-DD'), name: v.name, unit: v.unit, priceFen: yuanToFen(v.priceYuan), stock: v.stock,
      slots: v.slots.split(/[,，\s]+/).filter(Boolean), orderCutoff: v.orderCutoff.format('HH:mm'),
    }),
    onSuccess: () => {
      setOpen(false);
      form.resetFields();
      void message.success(t('canteen.setup.saved'));
      void items.refetch();
    },
    onError: (e) => applyFieldErrors(form, e) || notifyError(e),
  });
  return (
    <>
      <Button icon={<PlusOutlined />} style={{ marginBottom: 8 }} onClick={() => setOpen(true)}>{t('canteen.setup.newItem')}</Button>
      <Table<TakeawayItem> size="small" rowKey="id" loading={items.isLoading} dataSource={items.data} locale={{ emptyText: <Empty description={t('canteen.setup.noItems')} /> }} columns={[
        { title: t('canteen.setup.day'), dataIndex: 'day' },
        { title: t('canteen.setup.itemName'), dataIndex: 'name' },
        { title: t('canteen.setup.price'), dataIndex: 'priceFen', align: 'right', render: (f: number, r) => `¥${(f / 100).toFixed(2)}/${r.unit}` },
        { title: t('canteen.setup.stock'), dataIndex: 'stock', align: 'right' },
        { title: t('canteen.setup.remaining'), dataIndex: 'remaining', align: 'right' },
        { title: t('canteen.setup.slots'), dataIndex: 'slots', render: (s: string[]) => s.join(', ') },
        { title: t('canteen.setup.orderCutoff'), dataIndex: 'orderCutoff' },
      ]} />
      <Drawer open={open} onClose={() => setOpen(false)} title={t('canteen.setup.newItem')} extra={<Button type="primary" loading={create.isPending} onClick={() => form.submit()}>{t('canteen.setup.save')}</Button>}>
        <Form form={form} layout="vertical" onFinish={(v) => create.mutate(v)} initialValues={{ day: dayjs().add(1, 'day'), unit: '份', slots: '17:00-17:30, 17:30-18:00', orderCutoff: dayjs('15:00', 'HH:mm') }}>
          <Form.Item name="day" label={t('canteen.setup.day')} rules={[{ required: true }]}><DatePicker /></Form.Item>
          <Form.Item name="name" label={t('canteen.setup.itemName')} rules={[{ required: true, max: 50 }]}><Input /></Form.Item>
          <Form.Item name="unit" label={t('canteen.setup.itemUnit')} rules={[{ required: true, max: 10 }]}><Input /></Form.Item>
          <Form.Item name="priceYuan" label={t('canteen.setup.price')} rules={[{ required: true }]}><InputNumber min={0} max={10000} precision={2} style={{ width: '100%' }} /></Form.Item>
          <Form.Item name="stock" label={t('canteen.setup.stock')} rules={[{ required: true }]}><InputNumber min={0} max={100000} precision={0} style={{ width: '100%' }} /></Form.Item>
          <Form.Item name="slots" label={t('canteen.setup.slots')} rules={[{ required: true }]}><Input /></Form.Item>
          <Form.Item name="orderCutoff" label={t('canteen.setup.orderCutoff')} rules={[{ required: true }]}><TimePicker format="HH:mm" /></Form.Item>
        </Form>
      </Drawer>
    </>
  );
}
