import { useState } from 'react';
import { App, Button, Drawer, Empty, Form, Input, InputNumber, Select, Space, Table, Tag, Upload } from 'antd';
import { EditOutlined, PlusOutlined, UploadOutlined } from '@ant-design/icons';
import { useQuery } from '@tanstack/react-query';
import { useMutation } from '../../../kernel/mutation';
import { useTranslation } from 'react-i18next';
import type { FileMeta } from '@guanjia/contracts';
import type { Canteen, Dish } from '@guanjia/contracts/canteen';
import { api } from '../../../kernel/api';
import { applyFieldErrors, useNotifyError } from '../../../kernel/errors';
import { fenToYuan, yuanToFen } from './index';

const CATS = ['staple', 'main', 'side', 'soup', 'dessert', 'drink'] as const;
interface Values { name: string; category: (typeof CATS)[number]; priceYuan: number; allergens?: string[]; kcal?: number | null; proteinG?: number | null; fatG?: number | null; carbG?: number | null }

const nutritionOf = (v: Values) => Object.fromEntries((['kcal', 'proteinG', 'fatG', 'carbG'] as const).filter((k) => typeof v[k] === 'number').map((k) => [k, v[k]]));

/**
 * Dishes: price in yuan (2 decimals) on screen, fen on the wire; category, allergens, nutrition per
 * portion, a photo (kernel file); edit everything, stop and resume sales.
 */
export function DishesTab({ canteen }: { canteen: Canteen }) {
  const { t } = useTranslation();
  const { modal, message } = App.useApp();
  const notifyError = useNotifyError();
  const dishes = useQuery({ queryKey: ['canteen', 'dishes', canteen.id], queryFn: () => api.get<Dish[]>(`/api/canteen/canteens/${canteen.id}/dishes`) });
  const [editing, setEditing] = useState<Dish | 'new' | null>(null);
  const [search, setSearch] = useState('');
  const [form] = Form.useForm<Values>();
  const openEditor = (d: Dish | 'new') => {
    form.resetFields();
    if (d !== 'new') form.setFieldsValue({ name: d.name, category: d.category, priceYuan: fenToYuan(d.priceFen), allergens: d.allergens, kcal: d.nutrition.kcal ?? null, proteinG: d.nutrition.proteinG ?? null, fatG: d.nutrition.fatG ?? null, carbG: d.nutrition.carbG ?? null });
    setEditing(d);
  };
  const save = useMutation({
    mutationFn: (v: Values) => {
      const body = { name: v.name, category: v.category, priceFen: yuanToFen(v.priceYuan), allergens: v.allergens ?? [], nutrition: nutritionOf(v) };
      return editing && editing !== 'new' ? api.patch(`/api/canteen/canteens/${canteen.id}/dishes/${editing.id}`, body) : api.post(`/api/canteen/canteens/${canteen.id}/dishes`, body);
    },
    onSuccess: () => {
      setEditing(null);
      form.resetFields();
      void message.success(t('canteen.setup.saved'));
      void dishes.refetch();
    },
    onError: (e) => applyFieldErrors(form, e) || notifyError(e),
  });
  const setActive = (d: Dish, active: boolean) => api.patch(`/api/canteen/canteens/${canteen.id}/dishes/${d.id}`, { active }).then(() => {
    void message.success(t(active ? 'canteen.setup.resumed' : 'canteen.setup.stopped', { name: d.name }));
    return dishes.refetch();
  }, notifyError);
  const stop = (d: Dish) => modal.confirm({ title: t('canteen.setup.confirmStop', { name: d.name }), okButtonProps: { danger: true }, onOk: () => setActive(d, false) });
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
  const rows = (dishes.data ?? []).filter((d) => !search || d.name.includes(search.trim()));
  const nutritionText = (d: Dish) => [d.nutrition.kcal !== undefined ? `${d.nutrition.kcal} kcal` : null, d.nutrition.proteinG !== undefined ? `${t('canteen.setup.proteinShort')} ${d.nutrition.proteinG} g` : null,
    d.nutrition.fatG !== undefined ? `${t('canteen.setup.fatShort')} ${d.nutrition.fatG} g` : null, d.nutrition.carbG !== undefined ? `${t('canteen.setup.carbShort')} ${d.nutrition.carbG} g` : null].filter(Boolean).join(' · ') || '—';
  return (
    <>
      <Space style={{ marginBottom: 8 }} wrap>
        <Input.Search allowClear placeholder={t('canteen.setup.searchDish')} aria-label={t('canteen.setup.searchDish')} onSearch={setSearch} onChange={(e) => !e.target.value && setSearch('')} style={{ width: 220 }} />
        <Button icon={<PlusOutlined />} onClick={() => openEditor('new')}>{t('canteen.setup.newDish')}</Button>
      </Space>
      <Table<Dish> size="small" rowKey="id" loading={dishes.isLoading} dataSource={rows} scroll={{ x: 900 }} pagination={{ pageSize: 20, showTotal: (n) => t('common.total', { count: n, defaultValue: `共 ${n} 条` }) }}
        onRow={(d) => ({ 'data-testid': `dish-${d.name}` } as React.HTMLAttributes<HTMLElement>)}
        locale={{ emptyText: <Empty description={t('canteen.setup.noDishes')} /> }} columns={[
          { title: t('canteen.setup.photo'), dataIndex: 'photoFileId', width: 72, render: (id: number | null) => (id ? <img src={`/api/files/${id}`} alt="" width={48} height={48} loading="lazy" style={{ objectFit: 'cover', borderRadius: 4 }} /> : '—') },
          { title: t('canteen.setup.dishName'), dataIndex: 'name', render: (n: string, d: Dish) => <Space>{n}{d.active === false && <Tag color="default">{t('canteen.setup.stoppedTag')}</Tag>}</Space> },
          { title: t('canteen.setup.category'), dataIndex: 'category', render: (c: string) => <Tag>{t(`canteen.kitchen.cat.${c}`)}</Tag> },
          { title: t('canteen.setup.price'), dataIndex: 'priceFen', align: 'right', render: (f: number) => `¥${fenToYuan(f).toFixed(2)}` },
          { title: t('canteen.setup.allergens'), dataIndex: 'allergens', render: (a: string[]) => a.join('、') || '—' },
          { title: t('canteen.setup.nutrition'), render: (_: unknown, d: Dish) => nutritionText(d) },
          { title: t('canteen.bureau.stars'), dataIndex: 'avgStars', align: 'right', render: (v: number | null) => v ?? '—' },
          { title: '', width: 250, render: (_: unknown, d: Dish) => (
            <Space wrap>
              <Button size="small" icon={<EditOutlined />} onClick={() => openEditor(d)}>{t('canteen.setup.edit')}</Button>
              <Upload accept=".jpg,.jpeg,.png" showUploadList={false} beforeUpload={(f) => { void photo(d, f); return false; }}><Button size="small" icon={<UploadOutlined />}>{t('canteen.setup.uploadPhoto')}</Button></Upload>
              {d.active === false
                ? <Button size="small" onClick={() => void setActive(d, true)}>{t('canteen.setup.resumeSelling')}</Button>
                : <Button size="small" danger onClick={() => stop(d)}>{t('canteen.setup.stopSelling')}</Button>}
            </Space>
          ) },
        ]} />
      <Drawer open={editing !== null} onClose={() => setEditing(null)} title={editing === 'new' ? t('canteen.setup.newDish') : t('canteen.setup.editDish')} data-testid="dish-drawer"
        extra={<Button type="primary" loading={save.isPending} onClick={() => form.submit()}>{t('canteen.setup.save')}</Button>}>
        <Form form={form} layout="vertical" onFinish={(v) => save.mutate(v)} initialValues={{ category: 'main' }}>
          <Form.Item name="name" label={t('canteen.setup.dishName')} rules={[{ required: true, whitespace: true, max: 50 }]}><Input /></Form.Item>
          <Form.Item name="category" label={t('canteen.setup.category')}><Select options={CATS.map((c) => ({ value: c, label: t(`canteen.kitchen.cat.${c}`) }))} /></Form.Item>
          <Form.Item name="priceYuan" label={t('canteen.setup.price')} rules={[{ required: true }, { validator: (_, v: number | null) => (v === null || v === undefined || (v >= 0 && Math.abs(v * 100 - Math.round(v * 100)) < 1e-6) ? Promise.resolve() : Promise.reject(new Error(t('canteen.setup.priceRule')))) }]}
            extra={t('canteen.setup.priceHint')}>
            <InputNumber min={0} max={10000} step={0.5} precision={2} prefix="¥" style={{ width: '100%' }} />
          </Form.Item>
          <Form.Item name="allergens" label={t('canteen.setup.allergens')} extra={t('canteen.setup.allergensHint')}><Select mode="tags" tokenSeparators={[',', '，', '、']} /></Form.Item>
          <Form.Item label={t('canteen.setup.nutrition')} extra={t('canteen.setup.nutritionHint')}>
            <Space wrap>
              <Form.Item name="kcal" noStyle><InputNumber min={0} max={5000} precision={0} suffix="kcal" placeholder={t('canteen.setup.kcalShort')} aria-label={t('canteen.setup.kcalShort')} style={{ width: 150 }} /></Form.Item>
              <Form.Item name="proteinG" noStyle><InputNumber min={0} max={500} precision={1} placeholder={t('canteen.setup.proteinShort')} suffix="g" aria-label={t('canteen.setup.proteinShort')} style={{ width: 170 }} /></Form.Item>
              <Form.Item name="fatG" noStyle><InputNumber min={0} max={500} precision={1} placeholder={t('canteen.setup.fatShort')} suffix="g" aria-label={t('canteen.setup.fatShort')} style={{ width: 170 }} /></Form.Item>
              <Form.Item name="carbG" noStyle><InputNumber min={0} max={1000} precision={1} placeholder={t('canteen.setup.carbShort')} suffix="g" aria-label={t('canteen.setup.carbShort')} style={{ width: 170 }} /></Form.Item>
            </Space>
          </Form.Item>
        </Form>
      </Drawer>
    </>
  );
}
