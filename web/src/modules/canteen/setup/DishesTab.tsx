import { useState } from 'react';
import { App, Button, Drawer, Empty, Form, Input, InputNumber, Select, Space, Table, Tag, Upload } from 'antd';
import { PlusOutlined, UploadOutlined } from '@ant-design/icons';
import { useMutation, useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import type { FileMeta } from '@guanjia/contracts';
import type { Canteen, Dish } from '@guanjia/contracts/canteen';
import { api } from '../../../kernel/api';
import { applyFieldErrors, useNotifyError } from '../../../kernel/errors';
import { fenToYuan, yuanToFen } from './index';

const CATS = ['staple', 'main', 'side', 'soup', 'dessert', 'drink'] as const;
interface Values { name: string; category: (typeof CATS)[number]; priceYuan: number; allergens?: string[]; kcal?: number }

/** Dishes: price in yuan on screen, fen on the wire; allergens, energy, a photo (kernel file). */
export function DishesTab({ canteen }: { canteen: Canteen }) {
  const { t } = useTranslation();
  const { modal, message } = App.useApp();
  const notifyError = useNotifyError();
  const dishes = useQuery({ queryKey: ['canteen', 'dishes', canteen.id], queryFn: () => api.get<Dish[]>(`/api/canteen/canteens/${canteen.id}/dishes`) });
  const [open, setOpen] = useState(false);
  const [form] = Form.useForm<Values>();
  const create = useMutation({
    mutationFn: (v: Values) => api.post(`/api/canteen/canteens/${canteen.id}/dishes`, { name: v.name, category: v.category, priceFen: yuanToFen(v.priceYuan), allergens: v.allergens ?? [], nutrition: v.kcal ? { kcal: v.kcal } : {} }),
    onSuccess: () => {
      setOpen(false);
      form.resetFields();
      void message.success(t('canteen.setup.saved'));
      void dishes.refetch();
    },
    onError: (e) => applyFieldErrors(form, e) || notifyError(e),
  });
  const stop = (d: Dish) => modal.confirm({
    title: t('canteen.setup.confirmStop', { name: d.name }),
    onOk: () => api.patch(`/api/canteen/canteens/${canteen.id}/dishes/${d.id}`, { active: false }).then(() => dishes.refetch(), notifyError),
  });
  const photo = async (d: Dish, file: File) => {
    try {
      // The object reference goes before the file: the server reads fields that precede it.
      const form = new FormData();
      form.append('objectType', 'canteen_dish');
      form.append('objectId', String(d.id));
      form.append('file', file);
      const meta = await api.post<FileMeta>('/api/files', form);
      await api.patch(`/api/canteen/canteens/${canteen.id}/dishes/${d.id}`, { photoFileId: meta.id });
      void dishes.refetch();
    } catch (e) {
      notifyError(e);
    }
  };
  return (
    <>
      <Space style={{ marginBottom: 8 }}><Button icon={<PlusOutlined />} onClick={() => setOpen(true)}>{t('canteen.setup.newDish')}</Button></Space>
      <Table<Dish> size="small" rowKey="id" loading={dishes.isLoading} dataSource={dishes.data} pagination={{ pageSize: 20, showTotal: (n) => t('common.total', { count: n, defaultValue: `共 ${n} 条` }) }}
        locale={{ emptyText: <Empty description={t('canteen.setup.noDishes')} /> }} columns={[
          { title: t('canteen.setup.photo'), dataIndex: 'photoFileId', width: 72, render: (id: number | null) => (id ? <img src={`/api/files/${id}`} alt="" width={48} height={48} loading="lazy" style={{ objectFit: 'cover', borderRadius: 4 }} /> : '—') },
          { title: t('canteen.setup.dishName'), dataIndex: 'name' },
          { title: t('canteen.setup.category'), dataIndex: 'category', render: (c: string) => <Tag>{t(`canteen.kitchen.cat.${c}`)}</Tag> },
          { title: t('canteen.setup.price'), dataIndex: 'priceFen', align: 'right', render: (f: number) => `¥${fenToYuan(f).toFixed(2)}` },
          { title: t('canteen.setup.allergens'), dataIndex: 'allergens', render: (a: string[]) => a.join('、') || '—' },
          { title: t('canteen.setup.kcal'), render: (_: unknown, d: Dish) => d.nutrition.kcal ?? '—', align: 'right' },
          { title: t('canteen.bureau.stars'), dataIndex: 'avgStars', align: 'right', render: (v: number | null) => v ?? '—' },
          { title: '', width: 200, render: (_: unknown, d: Dish) => (
            <Space>
              <Upload accept=".jpg,.jpeg,.png" showUploadList={false} beforeUpload={(f) => { void photo(d, f); return false; }}><Button size="small" icon={<UploadOutlined />}>{t('canteen.setup.uploadPhoto')}</Button></Upload>
              <Button size="small" danger onClick={() => stop(d)}>{t('canteen.setup.stopSelling')}</Button>
            </Space>
          ) },
        ]} />
      <Drawer open={open} onClose={() => setOpen(false)} title={t('canteen.setup.newDish')} extra={<Button type="primary" loading={create.isPending} onClick={() => form.submit()}>{t('canteen.setup.save')}</Button>}>
        <Form form={form} layout="vertical" onFinish={(v) => create.mutate(v)} initialValues={{ category: 'main' }}>
          <Form.Item name="name" label={t('canteen.setup.dishName')} rules={[{ required: true, max: 50 }]}><Input /></Form.Item>
          <Form.Item name="category" label={t('canteen.setup.category')}><Select options={CATS.map((c) => ({ value: c, label: t(`canteen.kitchen.cat.${c}`) }))} /></Form.Item>
          <Form.Item name="priceYuan" label={t('canteen.setup.price')} rules={[{ required: true }]}><InputNumber min={0} max={10000} precision={2} style={{ width: '100%' }} /></Form.Item>
          <Form.Item name="allergens" label={t('canteen.setup.allergens')}><Select mode="tags" tokenSeparators={[',', '，', '、']} /></Form.Item>
          <Form.Item name="kcal" label={t('canteen.setup.kcal')}><InputNumber min={0} max={5000} precision={0} style={{ width: '100%' }} /></Form.Item>
        </Form>
      </Drawer>
    </>
  );
}
