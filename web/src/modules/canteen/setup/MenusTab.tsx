import { useState } from 'react';
import { App, Button, DatePicker, Form, InputNumber, Segmented, Select, Space, Table } from 'antd';
import { useQuery } from '@tanstack/react-query';
import { useMutation } from '../../../kernel/mutation';
import { useTranslation } from 'react-i18next';
import dayjs from 'dayjs';
import type { Canteen, Dish, Meal } from '@guanjia/contracts/canteen';
import { api } from '../../../kernel/api';
import { useNotifyError } from '../../../kernel/errors';

type MenuDay = { day: string; meal: Meal; dishIds: number[]; stocks: { dishId: number; stock: number; remaining: number }[] };

/**
 * The dishes of one meal on one day (每日菜单), and where diners choose dishes with their booking,
 * how many portions of each may be pre-ordered (empty: no limit).
 */
export function MenusTab({ canteen }: { canteen: Canteen }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const notifyError = useNotifyError();
  const [day, setDay] = useState(dayjs().add(1, 'day').format('YYYY-MM-DD'));
  const [meal, setMeal] = useState<Meal>('lunch');
  const dishes = useQuery({ queryKey: ['canteen', 'dishes', canteen.id], queryFn: () => api.get<Dish[]>(`/api/canteen/canteens/${canteen.id}/dishes`) });
  const menus = useQuery({ queryKey: ['canteen', 'menus', canteen.id, day], queryFn: () => api.get<MenuDay[]>(`/api/canteen/canteens/${canteen.id}/menus`, { from: day, to: day }) });
  const currentMenu = menus.data?.find((m) => m.meal === meal);
  const current = currentMenu?.dishIds;
  const [chosen, setChosen] = useState<number[] | null>(null);
  const [stockEdits, setStockEdits] = useState<Record<number, number | null>>({});
  const ids = chosen ?? current ?? [];
  const stockOf = (id: number) => (id in stockEdits ? stockEdits[id] : currentMenu?.stocks.find((s) => s.dishId === id)?.stock ?? null);
  const reset = () => {
    setChosen(null);
    setStockEdits({});
  };
  const save = useMutation({
    mutationFn: () => api.put(`/api/canteen/canteens/${canteen.id}/menus`, { day, meal, dishIds: ids,
      stocks: canteen.allowDishChoice ? ids.flatMap((id) => { const s = stockOf(id); return typeof s === 'number' ? [{ dishId: id, stock: s }] : []; }) : undefined }),
    onSuccess: () => {
      void message.success(t('canteen.setup.saved'));
      reset();
      void menus.refetch();
    },
    onError: notifyError,
  });
  const byId = new Map((dishes.data ?? []).map((d) => [d.id, d]));
  return (
    <Form layout="vertical" style={{ maxWidth: 720 }}>
      <Space wrap>
        <Form.Item label={t('canteen.setup.menuDay')} htmlFor="canteen-menu-day"><DatePicker id="canteen-menu-day" value={dayjs(day)} allowClear={false} onChange={(d) => { if (d) { setDay(d.format('YYYY-MM-DD')); reset(); } }} /></Form.Item>
        <Form.Item label={t('canteen.setup.menuMeal')}>
          <Segmented<Meal> value={meal} onChange={(m) => { setMeal(m); reset(); }} options={canteen.meals.map((m) => ({ value: m.meal, label: t(`canteen.meal.${m.meal}`) }))} />
        </Form.Item>
      </Space>
      <Form.Item label={t('canteen.setup.menuDishes')}>
        <Select mode="multiple" aria-label={t('canteen.setup.menuDishes')} value={ids} onChange={setChosen} optionFilterProp="label"
          options={(dishes.data ?? []).filter((d) => d.active !== false || ids.includes(d.id)).map((d) => ({ value: d.id, label: `${d.name}(${t(`canteen.kitchen.cat.${d.category}`)})` }))} />
      </Form.Item>
      {canteen.allowDishChoice && ids.length > 0 && (
        <Form.Item label={t('canteen.setup.menuStocks')} extra={t('canteen.setup.menuStocksHint')}>
          <Table size="small" rowKey={(id) => id} dataSource={ids} pagination={false} columns={[
            { title: t('canteen.setup.dishName'), render: (_: unknown, id: number) => byId.get(id)?.name ?? id },
            { title: t('canteen.setup.price'), align: 'right', render: (_: unknown, id: number) => (byId.get(id) ? `¥${(byId.get(id)!.priceFen / 100).toFixed(2)}` : '—') },
            { title: t('canteen.setup.stockPortions'), width: 160, render: (_: unknown, id: number) => (
              <InputNumber min={0} max={100000} precision={0} value={stockOf(id)} placeholder={t('canteen.setup.noLimit')} aria-label={`${t('canteen.setup.stockPortions')} ${byId.get(id)?.name ?? id}`}
                onChange={(v) => setStockEdits((s) => ({ ...s, [id]: typeof v === 'number' ? v : null }))} />
            ) },
            { title: t('canteen.setup.remaining'), align: 'right', render: (_: unknown, id: number) => currentMenu?.stocks.find((s) => s.dishId === id)?.remaining ?? '—' },
          ]} />
        </Form.Item>
      )}
      <Button type="primary" loading={save.isPending} onClick={() => save.mutate()}>{t('canteen.setup.saveMenu')}</Button>
    </Form>
  );
}
