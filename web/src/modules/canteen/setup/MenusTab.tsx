import { useState } from 'react';
import { App, Button, DatePicker, Form, Segmented, Select, Space } from 'antd';
import { useMutation, useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import dayjs from 'dayjs';
import type { Canteen, Dish, Meal } from '@guanjia/contracts/canteen';
import { api } from '../../../kernel/api';
import { useNotifyError } from '../../../kernel/errors';

/** The dishes of one meal on one day (每日菜单). */
export function MenusTab({ canteen }: { canteen: Canteen }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const notifyError = useNotifyError();
  const [day, setDay] = useState(dayjs().add(1, 'day').format('YYYY-MM-DD'));
  const [meal, setMeal] = useState<Meal>('lunch');
  const dishes = useQuery({ queryKey: ['canteen', 'dishes', canteen.id], queryFn: () => api.get<Dish[]>(`/api/canteen/canteens/${canteen.id}/dishes`) });
  const menus = useQuery({ queryKey: ['canteen', 'menus', canteen.id, day], queryFn: () => api.get<{ day: string; meal: Meal; dishIds: number[] }[]>(`/api/canteen/canteens/${canteen.id}/menus`, { from: day, to: day }) });
  const current = menus.data?.find((m) => m.meal === meal)?.dishIds;
  const [chosen, setChosen] = useState<number[] | null>(null);
  const save = useMutation({
    mutationFn: () => api.put(`/api/canteen/canteens/${canteen.id}/menus`, { day, meal, dishIds: chosen ?? current ?? [] }),
    onSuccess: () => {
      void message.success(t('canteen.setup.saved'));
      setChosen(null);
      void menus.refetch();
    },
    onError: notifyError,
  });
  return (
    <Form layout="vertical" style={{ maxWidth: 720 }}>
      <Space wrap>
        <Form.Item label={t('canteen.setup.menuDay')}><DatePicker value={dayjs(day)} allowClear={false} onChange={(d) => { if (d) { setDay(d.format('YYYY-MM-DD')); setChosen(null); } }} /></Form.Item>
        <Form.Item label={t('canteen.setup.menuMeal')}>
          <Segmented<Meal> value={meal} onChange={(m) => { setMeal(m); setChosen(null); }} options={canteen.meals.map((m) => ({ value: m.meal, label: t(`canteen.meal.${m.meal}`) }))} />
        </Form.Item>
      </Space>
      <Form.Item label={t('canteen.setup.menuDishes')}>
        <Select mode="multiple" aria-label={t('canteen.setup.menuDishes')} value={chosen ?? current ?? []} onChange={setChosen} optionFilterProp="label"
          options={(dishes.data ?? []).map((d) => ({ value: d.id, label: `${d.name}(${t(`canteen.kitchen.cat.${d.category}`)})` }))} />
      </Form.Item>
      <Button type="primary" loading={save.isPending} onClick={() => save.mutate()}>{t('canteen.setup.saveMenu')}</Button>
    </Form>
  );
}
