import { Button, DatePicker, Form, Input, Modal, Popconfirm, Space, Table, Tag } from 'antd';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useMutation } from '../../kernel/mutation';
import { useTranslation } from 'react-i18next';
import type { Dayjs } from 'dayjs';
import { applyFieldErrors, useNotifyError } from '../../kernel/errors';
import { formatDay } from '../../kernel/format';
import { plansApi, plansKey, type Period } from './api';

/** A plan's reporting periods: add one, close one (no reports after that). */
export function PeriodsModal({ planId, open, onClose }: { planId: number; open: boolean; onClose: () => void }) {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const notifyError = useNotifyError();
  const [form] = Form.useForm<{ label: string; range: [Dayjs, Dayjs] }>();
  const periods = useQuery({ queryKey: [...plansKey, 'periods', planId], queryFn: () => plansApi.periods(planId), enabled: open });
  const refresh = () => void qc.invalidateQueries({ queryKey: plansKey });
  const add = useMutation({
    mutationFn: (v: { label: string; range: [Dayjs, Dayjs] }) => plansApi.addPeriod(planId, { label: v.label, starts: formatDay(v.range[0])!, ends: formatDay(v.range[1])! }),
    onSuccess: () => { form.resetFields(); refresh(); },
    onError: (e) => { if (!applyFieldErrors(form, e)) notifyError(e); },
  });
  const close = useMutation({ mutationFn: plansApi.closePeriod, onSuccess: refresh, onError: notifyError });
  return (
    <Modal open={open} title={t('plans.item.period')} onCancel={onClose} footer={null} destroyOnHidden>
      <Table<Period> size="small" rowKey="id" pagination={false} dataSource={periods.data ?? []} loading={periods.isLoading} columns={[
        { title: t('plans.item.label'), dataIndex: 'label', key: 'l' },
        { title: t('plans.item.starts'), dataIndex: 'starts', key: 's' },
        { title: t('plans.item.ends'), dataIndex: 'ends', key: 'e' },
        {
          title: '', key: 'c', render: (_: unknown, p: Period) => p.closed ? <Tag>{t('plans.status.closed')}</Tag> : (
            <Popconfirm title={t('plans.item.confirmClose')} onConfirm={() => close.mutate(p.id)}>
              <Button size="small" danger data-testid={`period-close-${p.id}`}>{t('plans.item.closePeriod')}</Button>
            </Popconfirm>
          ),
        },
      ]} />
      <Form form={form} layout="inline" style={{ marginTop: 12, rowGap: 8 }} onFinish={(v) => add.mutate(v)}>
        <Form.Item name="label" rules={[{ required: true, message: t('common.required') }]}><Input placeholder={t('plans.item.label')} maxLength={40} style={{ width: 120 }} /></Form.Item>
        <Form.Item name="range" rules={[{ required: true, message: t('common.required') }]}><DatePicker.RangePicker /></Form.Item>
        <Space><Button htmlType="submit" loading={add.isPending}>{t('plans.item.addPeriod')}</Button></Space>
      </Form>
    </Modal>
  );
}
