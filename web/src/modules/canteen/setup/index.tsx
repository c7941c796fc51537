import { useState } from 'react';
import { App, Button, Card, Empty, Popconfirm, Select, Space, Tabs, Tag } from 'antd';
import { EditOutlined, PlusOutlined } from '@ant-design/icons';
import { useQuery } from '@tanstack/react-query';
import { useMutation } from '../../../kernel/mutation';
import { useNotifyError } from '../../../kernel/errors';
import { useTranslation } from 'react-i18next';
import type { Canteen } from '@guanjia/contracts/canteen';
import { api } from '../../../kernel/api';
import { useCan } from '../../../kernel/auth';
import { Page } from '../../../kernel/components/PageHeader';
import { NewCanteenDrawer } from './NewCanteenDrawer';
import { DishesTab } from './DishesTab';
import { MenusTab } from './MenusTab';
import { TakeawayTab } from './TakeawayTab';
import { MealsTab } from './MealsTab';
import { CashierTab } from './CashierTab';

export const yuanToFen = (y: number | null | undefined) => Math.round((y ?? 0) * 100);
export const fenToYuan = (f: number) => f / 100;

/** 食堂设置: the canteens in scope, each with its dishes, menus, takeaway, meals and prices, cashier. */
export default function CanteenSetupPage() {
  const { t } = useTranslation();
  const can = useCan();
  const canteens = useQuery({ queryKey: ['canteen', 'canteens'], queryFn: () => api.get<Canteen[]>('/api/canteen/canteens') });
  const [picked, setPicked] = useState<number | undefined>();
  const [creating, setCreating] = useState(false);
  const [editing, setEditing] = useState(false);
  const { message } = App.useApp();
  const notifyError = useNotifyError();
  const canteen = canteens.data?.find((c) => c.id === picked) ?? canteens.data?.[0];
  const setActive = useMutation({
    mutationFn: (active: boolean) => api.patch<Canteen>(`/api/canteen/canteens/${canteen!.id}`, { active }),
    onSuccess: () => {
      void message.success(t('canteen.setup.saved'));
      void canteens.refetch();
    },
    onError: notifyError,
  });
  return (
    <Page id="canteen-setup" title={t('canteen.setup.title')} extra={can('canteen.manage') && <Button type="primary" icon={<PlusOutlined />} onClick={() => setCreating(true)}>{t('canteen.setup.newCanteen')}</Button>}>
      {canteens.data && canteens.data.length === 0 && <Empty description={t('canteen.setup.empty')} />}
      {canteen && (
        <Card size="small" title={<Select aria-label={t('canteen.kitchen.canteen')} style={{ minWidth: 240 }} value={canteen.id} onChange={setPicked} options={(canteens.data ?? []).map((c) => ({ value: c.id, label: c.active ? c.name : `${c.name}(${t('canteen.setup.inactive')})` }))} />}
          extra={(
            <Space wrap>
              <span>{canteen.unitName} · {t(`canteen.setup.chargeModes.${canteen.chargeMode}`)}</span>
              {!canteen.active && <Tag color="default" data-testid="canteen-inactive">{t('canteen.setup.inactive')}</Tag>}
              {can('canteen.manage') && <Button size="small" icon={<EditOutlined />} onClick={() => setEditing(true)}>{t('canteen.setup.editCanteen')}</Button>}
              {can('canteen.manage') && (canteen.active ? (
                <Popconfirm title={t('canteen.setup.confirmDeactivate', { name: canteen.name })} okText={t('canteen.setup.deactivate')} okButtonProps={{ danger: true }} onConfirm={() => setActive.mutate(false)}>
                  <Button size="small" danger>{t('canteen.setup.deactivate')}</Button>
                </Popconfirm>
              ) : <Button size="small" onClick={() => setActive.mutate(true)}>{t('canteen.setup.reactivate')}</Button>)}
            </Space>
          )}>
          <Tabs destroyOnHidden items={[
            { key: 'dishes', label: t('canteen.setup.dishes'), children: <DishesTab canteen={canteen} /> },
            { key: 'menus', label: t('canteen.setup.menus'), children: <MenusTab canteen={canteen} /> },
            { key: 'takeaway', label: t('canteen.setup.takeaway'), children: <TakeawayTab canteen={canteen} /> },
            { key: 'meals', label: t('canteen.setup.meals'), children: <MealsTab canteen={canteen} onSaved={() => void canteens.refetch()} /> },
            { key: 'cashier', label: t('canteen.setup.cashier'), children: <CashierTab canteen={canteen} /> },
          ]} />
        </Card>
      )}
      {canteen && <NewCanteenDrawer canteen={canteen} open={editing} onClose={() => setEditing(false)} onCreated={() => {
        setEditing(false);
        void canteens.refetch();
      }} />}
      <NewCanteenDrawer open={creating} onClose={() => setCreating(false)} onCreated={(id) => {
        setCreating(false);
        setPicked(id);
        void canteens.refetch();
      }} />
    </Page>
  );
}
