import { App, DatePicker, Form, InputNumber, Modal, Select, Table, Typography } from 'antd';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useMutation } from '../../kernel/mutation';
import { useTranslation } from 'react-i18next';
import type { Dayjs } from 'dayjs';
import { prorate, type ProratedPortion as BillPortion } from '@guanjia/contracts/energy-prorate';
import { useNotifyError } from '../../kernel/errors';
import { createBill, energyKey, fetchTypes, fmt, type EnergyType } from './api';

interface Values { energyType: EnergyType['code']; range: [Dayjs, Dayjs]; quantity: number; costYuan?: number }

/**
 * A bill spanning months (e.g. 15 Jan – 14 Feb): the preview shows how it is pro-rated by days into
 * each month — the same function the server stores with — before it is saved.
 */
export function BillModal({ unitId, open, onClose }: { unitId: number; open: boolean; onClose: () => void }) {
  const { t, i18n } = useTranslation();
  const { message } = App.useApp();
  const notifyError = useNotifyError();
  const qc = useQueryClient();
  const [form] = Form.useForm<Values>();
  const types = useQuery({ queryKey: [...energyKey, 'types'], queryFn: fetchTypes, staleTime: Infinity });
  const v = Form.useWatch([], form) as Partial<Values> | undefined;
  const type = types.data?.find((x) => x.code === v?.energyType);
  let portions: BillPortion[] = [];
  if (v?.range?.[0] && v.range[1] && typeof v.quantity === 'number' && v.quantity >= 0 && !v.range[1].isBefore(v.range[0]) && v.range[1].diff(v.range[0], 'month') < 24) {
    portions = prorate(v.range[0].format('YYYY-MM-DD'), v.range[1].format('YYYY-MM-DD'), v.quantity, Math.round((v.costYuan ?? 0) * 100));
  }
  const save = useMutation({
    mutationFn: (x: Values) => createBill({ orgUnitId: unitId, energyType: x.energyType, periodStart: x.range[0].format('YYYY-MM-DD'), periodEnd: x.range[1].format('YYYY-MM-DD'), quantity: x.quantity, costFen: Math.round((x.costYuan ?? 0) * 100) }),
    onSuccess: async (r) => {
      void message.success(t('energy.billSaved', { count: r.portions.length }));
      form.resetFields();
      onClose();
      await qc.invalidateQueries({ queryKey: energyKey });
    },
    onError: notifyError,
  });
  return (
    <Modal open={open} title={t('energy.billTitle')} onCancel={onClose} onOk={() => form.submit()} okButtonProps={{ loading: save.isPending, id: 'bill-save' }} destroyOnHidden width={640}>
      <Typography.Paragraph type="secondary">{t('energy.billHint')}</Typography.Paragraph>
      <Form form={form} layout="vertical" onFinish={(x) => save.mutate(x)} initialValues={{ energyType: 'electricity' }}>
        <Form.Item name="energyType" label={t('energy.energyType')} rules={[{ required: true }]}>
          <Select data-testid="bill-type" options={(types.data ?? []).map((ty) => ({ value: ty.code, label: `${i18n.language === 'en' ? ty.nameEn : ty.nameZh} (${ty.unit})` }))} />
        </Form.Item>
        <Form.Item name="range" label={t('energy.billPeriod')} rules={[{ required: true, message: t('energy.billPeriodRequired') }]}>
          <DatePicker.RangePicker data-testid="bill-range" style={{ width: '100%' }} />
        </Form.Item>
        <Form.Item name="quantity" label={`${t('energy.quantity')}${type ? ` (${type.unit})` : ''}`} rules={[{ required: true, message: t('energy.quantityRequired') }, { type: 'number', min: 0, message: t('energy.notNegative') }]}>
          <InputNumber data-testid="bill-quantity" style={{ width: 200 }} />
        </Form.Item>
        <Form.Item name="costYuan" label={t('energy.cost')} rules={[{ type: 'number', min: 0, message: t('energy.notNegative') }]}>
          <InputNumber data-testid="bill-cost" precision={2} style={{ width: 200 }} />
        </Form.Item>
      </Form>
      <Table<BillPortion> rowKey="month" size="small" pagination={false} dataSource={portions} data-testid="bill-preview"
        locale={{ emptyText: t('energy.billPreviewEmpty') }}
        columns={[
          { title: t('energy.month'), dataIndex: 'month' },
          { title: t('energy.days'), dataIndex: 'days' },
          { title: t('energy.quantity'), dataIndex: 'quantity', render: (q: number) => fmt(q, 4) },
          { title: t('energy.cost'), dataIndex: 'costFen', render: (c: number) => fmt(c / 100) },
        ]} />
    </Modal>
  );
}
