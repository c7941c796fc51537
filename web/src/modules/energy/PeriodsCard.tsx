import { useState } from 'react';
import { App, Button, Card, Checkbox, DatePicker, Form, InputNumber, Modal, Select, Table, Typography } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useMutation } from '../../kernel/mutation';
import { useTranslation } from 'react-i18next';
import type { Dayjs } from 'dayjs';
import { applyFieldErrors, useNotifyError } from '../../kernel/errors';
import { createPeriod, energyKey, fetchPeriods, type Period } from './api';
import { periodLabel } from './common';

interface Values { kind: Period['kind']; year: number; seq?: number; all?: boolean; dueOn?: Dayjs }

/**
 * Reporting periods and their deadlines (province bureau): the annual report (due March 31 of the
 * next year unless another date is given) and periodic ones — one quarter or month, or all of a year.
 */
export function PeriodsCard({ mayManage }: { mayManage: boolean }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const notifyError = useNotifyError();
  const qc = useQueryClient();
  const [open, setOpen] = useState(false);
  const [form] = Form.useForm<Values>();
  const kind = Form.useWatch('kind', form);
  const all = Form.useWatch('all', form);
  const periods = useQuery({ queryKey: [...energyKey, 'periods'], queryFn: fetchPeriods });
  const save = useMutation({
    mutationFn: async (v: Values) => {
      const seqs = v.kind === 'annual' ? [1] : v.all ? Array.from({ length: v.kind === 'quarterly' ? 4 : 12 }, (_, i) => i + 1) : [v.seq ?? 1];
      const made: Period[] = [];
      for (const seq of seqs) made.push(await createPeriod({ kind: v.kind, year: v.year, seq, ...(v.dueOn && seqs.length === 1 ? { dueOn: v.dueOn.format('YYYY-MM-DD') } : {}) }));
      return made;
    },
    onSuccess: async (made) => {
      void message.success(t('energy.periodsCreated', { count: made.length }));
      setOpen(false);
      form.resetFields();
      await qc.invalidateQueries({ queryKey: energyKey });
    },
    onError: async (e) => {
      await qc.invalidateQueries({ queryKey: [...energyKey, 'periods'] });
      if (!applyFieldErrors(form, e)) notifyError(e);
    },
  });
  return (
    <Card size="small" title={t('energy.periods')} style={{ marginTop: 16 }} data-testid="periods-card"
      extra={mayManage && <Button size="small" icon={<PlusOutlined />} onClick={() => setOpen(true)} data-testid="period-add">{t('energy.addPeriod')}</Button>}>
      <Table<Period> rowKey="id" size="small" dataSource={periods.data ?? []} pagination={{ pageSize: 8 }} loading={periods.isLoading}
        columns={[
          { title: t('energy.period'), render: (_, p) => periodLabel(t, p) },
          { title: t('energy.periodRange'), render: (_, p) => `${p.startsOn} → ${p.endsOn}` },
          { title: t('energy.dueOn'), dataIndex: 'dueOn' },
        ]} />
      <Modal open={open} title={t('energy.addPeriod')} onCancel={() => setOpen(false)} onOk={() => form.submit()} okButtonProps={{ loading: save.isPending }} destroyOnHidden>
        <Form form={form} layout="vertical" initialValues={{ kind: 'quarterly', year: new Date().getFullYear(), seq: 1 }} onFinish={(v) => save.mutate(v)}>
          <Form.Item name="kind" label={t('energy.periodKindLabel')} rules={[{ required: true }]}>
            <Select data-testid="period-kind" options={(['annual', 'quarterly', 'monthly'] as const).map((k) => ({ value: k, label: t(`energy.periodKinds.${k}`) }))} />
          </Form.Item>
          <Form.Item name="year" label={t('energy.year')} rules={[{ required: true }]}><InputNumber min={2000} max={2100} precision={0} /></Form.Item>
          {kind !== 'annual' && (
            <>
              <Form.Item name="all" valuePropName="checked"><Checkbox data-testid="period-all">{t(kind === 'monthly' ? 'energy.allMonths' : 'energy.allQuarters')}</Checkbox></Form.Item>
              {!all && (
                <Form.Item name="seq" label={t(kind === 'monthly' ? 'energy.month' : 'energy.quarter')} rules={[{ required: true }]}>
                  <InputNumber min={1} max={kind === 'monthly' ? 12 : 4} precision={0} />
                </Form.Item>
              )}
            </>
          )}
          {!all && (
            <Form.Item name="dueOn" label={t('energy.dueOn')} extra={t(kind === 'annual' ? 'energy.dueAnnualHint' : 'energy.dueHint')}>
              <DatePicker />
            </Form.Item>
          )}
          {all && <Typography.Text type="secondary">{t('energy.dueHint')}</Typography.Text>}
        </Form>
      </Modal>
    </Card>
  );
}
