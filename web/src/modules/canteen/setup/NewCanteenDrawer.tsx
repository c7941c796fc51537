import { useEffect } from 'react';
import { Button, Checkbox, Drawer, Form, Input, InputNumber, Radio, Space, Switch } from 'antd';
import { MinusCircleOutlined, PlusOutlined } from '@ant-design/icons';
import { useMutation } from '../../../kernel/mutation';
import { useTranslation } from 'react-i18next';
import type { Canteen } from '@guanjia/contracts/canteen';
import { api } from '../../../kernel/api';
import { applyFieldErrors, useNotifyError } from '../../../kernel/errors';
import { OrgTreeSelect } from '../../../kernel/components/OrgTreeSelect';

interface Values { name: string; orgUnitId: number; eligible: (number | undefined)[]; chargeMode: 'booking' | 'pickup'; openWeekdays: number[]; address?: string; portionGrams: number; allowDishChoice: boolean; pricePerDish: boolean }

/**
 * A new canteen, or (with `canteen`) editing one: who runs it (fixed once created), whose staff may
 * eat there, how it charges, which days it opens, whether diners may choose dishes with a booking.
 */
export function NewCanteenDrawer({ open, onClose, onCreated, canteen }: { open: boolean; onClose: () => void; onCreated: (id: number) => void; canteen?: Canteen }) {
  const { t } = useTranslation();
  const [form] = Form.useForm<Values>();
  const notifyError = useNotifyError();
  useEffect(() => {
    if (open && canteen) {
      form.setFieldsValue({ name: canteen.name, orgUnitId: canteen.orgUnitId, eligible: canteen.eligibleUnitIds, chargeMode: canteen.chargeMode, openWeekdays: canteen.openWeekdays,
        address: canteen.address ?? '', portionGrams: canteen.portionGrams, allowDishChoice: canteen.allowDishChoice, pricePerDish: canteen.pricePerDish });
    }
  }, [open, canteen, form]);
  const create = useMutation({
    mutationFn: ({ orgUnitId, eligible, ...v }: Values) => {
      const eligibleUnitIds = eligible.filter((x): x is number => !!x);
      return canteen
        ? api.patch<Canteen>(`/api/canteen/canteens/${canteen.id}`, { ...v, address: v.address || null, eligibleUnitIds })
        : api.post<Canteen>('/api/canteen/canteens', { ...v, orgUnitId, eligibleUnitIds });
    },
    onSuccess: (c) => {
      form.resetFields();
      onCreated(c.id);
    },
    onError: (e) => applyFieldErrors(form, e) || notifyError(e),
  });
  const days = [1, 2, 3, 4, 5, 6, 7].map((d) => ({ value: d, label: t(`canteen.setup.weekday.${d}`) }));
  return (
    <Drawer open={open} onClose={onClose} title={canteen ? t('canteen.setup.editCanteen') : t('canteen.setup.newCanteen')} size="large" extra={<Button type="primary" loading={create.isPending} onClick={() => form.submit()}>{t('canteen.setup.save')}</Button>}>
      <Form form={form} layout="vertical" onFinish={(v) => create.mutate(v)} initialValues={{ chargeMode: 'booking', openWeekdays: [1, 2, 3, 4, 5], eligible: [undefined], portionGrams: 450, allowDishChoice: false, pricePerDish: false }}>
        <Form.Item name="name" label={t('canteen.setup.name')} rules={[{ required: true, max: 100 }]}><Input /></Form.Item>
        <Form.Item name="orgUnitId" label={t('canteen.setup.unit')} rules={[{ required: true }]}><OrgTreeSelect disabled={!!canteen} /></Form.Item>
        <Form.List name="eligible">
          {(fields, { add, remove }) => (
            <Form.Item label={t('canteen.setup.eligible')} required>
              {fields.map((f) => (
                <Space key={f.key} style={{ display: 'flex', marginBottom: 8 }} align="baseline">
                  <Form.Item name={f.name} noStyle rules={[{ required: true }]}><OrgTreeSelect /></Form.Item>
                  {fields.length > 1 && <MinusCircleOutlined onClick={() => remove(f.name)} />}
                </Space>
              ))}
              <Button type="dashed" icon={<PlusOutlined />} onClick={() => add()}>{t('canteen.setup.eligible')}</Button>
            </Form.Item>
          )}
        </Form.List>
        <Form.Item name="chargeMode" label={t('canteen.setup.chargeMode')}>
          <Radio.Group options={[{ value: 'booking', label: t('canteen.setup.chargeModes.booking') }, { value: 'pickup', label: t('canteen.setup.chargeModes.pickup') }]} />
        </Form.Item>
        <Form.Item name="openWeekdays" label={t('canteen.setup.openWeekdays')} rules={[{ required: true, type: 'array', min: 1 }]}><Checkbox.Group options={days} /></Form.Item>
        <Form.Item name="address" label={t('canteen.setup.address')}><Input maxLength={200} /></Form.Item>
        <Form.Item name="portionGrams" label={t('canteen.setup.portionGrams')}><InputNumber min={50} max={2000} precision={0} /></Form.Item>
        <Form.Item name="allowDishChoice" label={t('canteen.setup.allowDishChoice')} valuePropName="checked" extra={t('canteen.setup.allowDishChoiceHint')}><Switch /></Form.Item>
        <Form.Item noStyle shouldUpdate={(a, b) => a.allowDishChoice !== b.allowDishChoice}>
          {() => form.getFieldValue('allowDishChoice') ? (
            <Form.Item name="pricePerDish" label={t('canteen.setup.pricePerDish')} valuePropName="checked" extra={t('canteen.setup.pricePerDishHint')}><Switch aria-label={t('canteen.setup.pricePerDish')} /></Form.Item>
          ) : null}
        </Form.Item>
      </Form>
    </Drawer>
  );
}
