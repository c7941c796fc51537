import { Button, Checkbox, Drawer, Form, Input, InputNumber, Radio, Space } from 'antd';
import { MinusCircleOutlined, PlusOutlined } from '@ant-design/icons';
import { useMutation } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import type { Canteen } from '@guanjia/contracts/canteen';
import { api } from '../../../kernel/api';
import { applyFieldErrors, useNotifyError } from '../../../kernel/errors';
import { OrgTreeSelect } from '../../../kernel/components/OrgTreeSelect';

interface Values { name: string; orgUnitId: number; eligible: (number | undefined)[]; chargeMode: 'booking' | 'pickup'; openWeekdays: number[]; address?: string; portionGrams: number }

/** A new canteen: who runs it, whose staff may eat there, how it charges, which days it opens. */
export function NewCanteenDrawer({ open, onClose, onCreated }: { open: boolean; onClose: () => void; onCreated: (id: number) => void }) {
  const { t } = useTranslation();
  const [form] = Form.useForm<Values>();
  const notifyError = useNotifyError();
  const create = useMutation({
    mutationFn: (v: Values) => api.post<Canteen>('/api/canteen/canteens', { ...v, eligibleUnitIds: v.eligible.filter((x): x is number => !!x) }),
    onSuccess: (c) => {
      form.resetFields();
      onCreated(c.id);
    },
    onError: (e) => applyFieldErrors(form, e) || notifyError(e),
  });
  const days = [1, 2, 3, 4, 5, 6, 7].map((d) => ({ value: d, label: t(`canteen.setup.weekday.${d}`) }));
  return (
    <Drawer open={open} onClose={onClose} title={t('canteen.setup.newCanteen')} size="large" extra={<Button type="primary" loading={create.isPending} onClick={() => form.submit()}>{t('canteen.setup.save')}</Button>}>
      <Form form={form} layout="vertical" onFinish={(v) => create.mutate(v)} initialValues={{ chargeMode: 'booking', openWeekdays: [1, 2, 3, 4, 5], eligible: [undefined], portionGrams: 450 }}>
        <Form.Item name="name" label={t('canteen.setup.name')} rules={[{ required: true, max: 100 }]}><Input /></Form.Item>
        <Form.Item name="orgUnitId" label={t('canteen.setup.unit')} rules={[{ required: true }]}><OrgTreeSelect /></Form.Item>
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
      </Form>
    </Drawer>
  );
}
