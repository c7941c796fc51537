import { App, Button, Card, DatePicker, Form, InputNumber, Space, Typography } from 'antd';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useMutation } from '../../kernel/mutation';
import { useTranslation } from 'react-i18next';
import dayjs, { type Dayjs } from 'dayjs';
import { applyFieldErrors, useNotifyError } from '../../kernel/errors';
import { energyKey, fetchDenominators, fmt, saveDenominator } from './api';

interface Values { effectiveFrom: Dayjs; headcount: number; floorArea: number; heatedArea: number }

/** Effective-dated denominators: the current ones, and a new version from a date. */
export function DenominatorCard({ unitId }: { unitId: number }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const notifyError = useNotifyError();
  const qc = useQueryClient();
  const [form] = Form.useForm<Values>();
  const list = useQuery({ queryKey: [...energyKey, 'denominators', unitId], queryFn: () => fetchDenominators(unitId) });
  const current = list.data?.[0];
  const save = useMutation({
    mutationFn: (v: Values) => saveDenominator(unitId, { effectiveFrom: v.effectiveFrom.format('YYYY-MM-DD'), headcount: v.headcount, floorArea: v.floorArea, heatedArea: v.heatedArea }),
    onSuccess: async () => {
      void message.success(t('common.saved'));
      await qc.invalidateQueries({ queryKey: energyKey });
    },
    onError: (e) => applyFieldErrors(form, e) || notifyError(e),
  });
  return (
    <Card size="small" title={t('energy.denominators')} style={{ marginTop: 16 }}>
      {current && (
        <Typography.Paragraph type="secondary" data-testid="denominator-current">
          {t('energy.effectiveFrom')} {current.effectiveFrom} · {t('energy.headcount')} {fmt(current.headcount, 0)} · {t('energy.floorArea')} {fmt(current.floorArea)} · {t('energy.heatedArea')} {fmt(current.heatedArea)}
        </Typography.Paragraph>
      )}
      <Form form={form} layout="inline" onFinish={(v) => save.mutate(v)} initialValues={{ effectiveFrom: dayjs().startOf('year') }}>
        <Space wrap>
          <Form.Item name="effectiveFrom" label={t('energy.effectiveFrom')} rules={[{ required: true }]}><DatePicker /></Form.Item>
          <Form.Item name="headcount" label={t('energy.headcount')} rules={[{ required: true }]}><InputNumber min={1} precision={0} /></Form.Item>
          <Form.Item name="floorArea" label={t('energy.floorArea')} rules={[{ required: true }]}><InputNumber min={0.01} /></Form.Item>
          <Form.Item name="heatedArea" label={t('energy.heatedArea')} rules={[{ required: true }]}><InputNumber min={0} /></Form.Item>
          <Button htmlType="submit" loading={save.isPending}>{t('energy.saveDenominators')}</Button>
        </Space>
      </Form>
    </Card>
  );
}
