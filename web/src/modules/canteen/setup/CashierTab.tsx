import { useState } from 'react';
import { App, Button, Card, DatePicker, Descriptions, Form, Input, InputNumber, Select, Space, Table, Tag } from 'antd';
import { DownloadOutlined } from '@ant-design/icons';
import { useQuery } from '@tanstack/react-query';
import { useMutation } from '../../../kernel/mutation';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import dayjs, { type Dayjs } from 'dayjs';
import type { Canteen, SubsidyBatch } from '@guanjia/contracts/canteen';
import { api } from '../../../kernel/api';
import { useCan } from '../../../kernel/auth';
import { applyFieldErrors, useNotifyError } from '../../../kernel/errors';
import { yuanToFen } from './index';

const yuan = (f: number) => `¥${(f / 100).toFixed(2)}`;
const key = () => `cash-${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 10)}`;

/** Cash at the counter (the cashier provider), the monthly subsidy batch (with approval), statements. */
export function CashierTab({ canteen }: { canteen: Canteen }) {
  const { t } = useTranslation();
  const { message, modal } = App.useApp();
  const can = useCan();
  const notifyError = useNotifyError();
  const [cash] = Form.useForm<{ username: string; amount: number }>();
  const topUp = useMutation({
    mutationFn: (v: { username: string; amount: number }) => api.post<{ balanceFen: number }>('/api/canteen/cashier/topups', { canteenId: canteen.id, username: v.username, amountFen: yuanToFen(v.amount), idempotencyKey: key() }),
    onSuccess: (r) => {
      cash.resetFields();
      void message.success(t('canteen.setup.toppedUp', { balance: yuan(r.balanceFen) }));
    },
    onError: (e) => applyFieldErrors(cash, e) || notifyError(e),
  });
  // 透支额度: approval-free but audited, never above the maximum in force (set by the province bureau).
  const [od] = Form.useForm<{ username: string; overdraftYuan?: number }>();
  const [odInfo, setOdInfo] = useState<{ username: string; displayName: string; balanceFen: number; overdraftFen: number; maxFen: number } | null>(null);
  const lookUp = useMutation({
    mutationFn: (username: string) => api.get<NonNullable<typeof odInfo>>(`/api/canteen/canteens/${canteen.id}/overdraft`, { username }),
    onSuccess: (r) => {
      setOdInfo(r);
      od.setFieldValue('overdraftYuan', r.overdraftFen / 100);
    },
    onError: (e) => applyFieldErrors(od, e) || notifyError(e),
  });
  const setOverdraft = useMutation({
    mutationFn: (v: { username: string; overdraftYuan?: number }) => api.put<NonNullable<typeof odInfo>>(`/api/canteen/canteens/${canteen.id}/overdraft`, { username: v.username, overdraftFen: yuanToFen(v.overdraftYuan) }),
    onSuccess: (r) => {
      setOdInfo(r);
      void message.success(t('canteen.setup.saved'));
    },
    onError: (e) => applyFieldErrors(od, e) || notifyError(e),
  });
  const [diner] = Form.useForm<{ username: string; categoryCode: string }>();
  const setDiner = useMutation({
    mutationFn: (v: { username: string; categoryCode: string }) => api.put(`/api/canteen/canteens/${canteen.id}/diners`, v),
    onSuccess: () => {
      diner.resetFields();
      void message.success(t('canteen.setup.saved'));
    },
    onError: (e) => applyFieldErrors(diner, e) || notifyError(e),
  });
  const batches = useQuery({ queryKey: ['canteen', 'subsidy'], queryFn: () => api.get<SubsidyBatch[]>('/api/canteen/subsidy-batches') });
  /** A returned batch: resubmit (lines recomputed from the corrected categories) or cancel, each confirmed. */
  const batchAction = (b: SubsidyBatch, action: 'resubmit' | 'cancel') => modal.confirm({
    title: t(action === 'resubmit' ? 'canteen.setup.confirmResubmit' : 'canteen.setup.confirmCancelBatch', { month: b.month }),
    okButtonProps: action === 'cancel' ? { danger: true } : {},
    onOk: () => api.post<SubsidyBatch>(`/api/canteen/subsidy-batches/${b.id}/${action}`, {}).then((r) => {
      void message.success(action === 'resubmit' ? t('canteen.setup.subsidyStarted', { people: r.people, total: yuan(r.totalFen) }) : t('canteen.setup.batchCancelled'));
      return batches.refetch();
    }, notifyError),
  });
  const [sub] = Form.useForm<{ month: Dayjs }>();
  const start = useMutation({
    mutationFn: (v: { month: Dayjs }) => api.post<{ people: number; totalFen: number }>('/api/canteen/subsidy-batches', { canteenId: canteen.id, month: v.month.format('YYYY-MM') }),
    onSuccess: (r) => {
      void message.success(t('canteen.setup.subsidyStarted', { people: r.people, total: yuan(r.totalFen) }));
      void batches.refetch();
    },
    onError: notifyError,
  });
  return (
    <Space orientation="vertical" style={{ width: '100%' }}>
      {can('canteen.cashier') && (
        <Card size="small" title={t('canteen.setup.cashTopUp')}>
          <Form form={cash} layout="inline" onFinish={(v) => topUp.mutate(v)}>
            <Form.Item name="username" rules={[{ required: true }]}><Input placeholder={t('canteen.setup.username')} aria-label={t('canteen.setup.username')} /></Form.Item>
            <Form.Item name="amount" rules={[{ required: true }]}><InputNumber min={0.01} max={100000} precision={2} placeholder={t('canteen.setup.amount')} aria-label={t('canteen.setup.amount')} /></Form.Item>
            <Button type="primary" htmlType="submit" loading={topUp.isPending}>{t('canteen.setup.topUp')}</Button>
          </Form>
        </Card>
      )}
      {can('canteen.cashier') && (
        <Card size="small" title={t('canteen.setup.overdraft')} data-testid="overdraft-card">
          <Form form={od} layout="inline" onFinish={(v) => setOverdraft.mutate(v)}>
            <Form.Item name="username" rules={[{ required: true }]}><Input placeholder={t('canteen.setup.username')} aria-label={t('canteen.setup.overdraftUser')} onChange={() => setOdInfo(null)} /></Form.Item>
            <Button loading={lookUp.isPending} onClick={() => void od.validateFields(['username']).then((v) => lookUp.mutate(v.username))}>{t('canteen.setup.lookUp')}</Button>
            {odInfo && (
              <>
                <Form.Item name="overdraftYuan" rules={[{ required: true }]}><InputNumber min={0} max={odInfo.maxFen / 100} precision={2} aria-label={t('canteen.setup.overdraftAmount')} placeholder={t('canteen.setup.overdraftAmount')} /></Form.Item>
                <Button type="primary" htmlType="submit" loading={setOverdraft.isPending}>{t('canteen.setup.save')}</Button>
              </>
            )}
          </Form>
          {odInfo && (
            <Descriptions size="small" style={{ marginTop: 8 }} column={{ xs: 1, sm: 2, md: 4 }} items={[
              { key: 'n', label: t('canteen.setup.person'), children: `${odInfo.displayName}(${odInfo.username})` },
              { key: 'b', label: t('canteen.setup.balance'), children: yuan(odInfo.balanceFen) },
              { key: 'o', label: t('canteen.setup.overdraftNow'), children: <span data-testid="overdraft-now">{yuan(odInfo.overdraftFen)}</span> },
              { key: 'm', label: t('canteen.setup.overdraftMax'), children: yuan(odInfo.maxFen) },
            ]} />
          )}
        </Card>
      )}
      {can('canteen.manage') && (
        <Card size="small" title={t('canteen.setup.dinerCategory')}>
          <Form form={diner} layout="inline" onFinish={(v) => setDiner.mutate(v)}>
            <Form.Item name="username" rules={[{ required: true }]}><Input placeholder={t('canteen.setup.username')} aria-label={t('canteen.setup.username')} /></Form.Item>
            <Form.Item name="categoryCode" rules={[{ required: true }]}><Select style={{ minWidth: 140 }} aria-label={t('canteen.setup.categoryName')} options={canteen.categories.map((k) => ({ value: k.code, label: k.nameZh }))} /></Form.Item>
            <Button htmlType="submit" loading={setDiner.isPending}>{t('canteen.setup.setCategory')}</Button>
          </Form>
        </Card>
      )}
      {can('canteen.subsidy') && (
        <Card size="small" title={t('canteen.setup.subsidyBatch')}>
          <Form form={sub} layout="inline" onFinish={(v) => start.mutate(v)} initialValues={{ month: dayjs() }}>
            <Form.Item name="month" rules={[{ required: true }]}><DatePicker picker="month" aria-label={t('canteen.setup.month')} /></Form.Item>
            <Button htmlType="submit" loading={start.isPending}>{t('canteen.setup.startSubsidy')}</Button>
          </Form>
          <Table<SubsidyBatch> size="small" rowKey="id" style={{ marginTop: 8 }} pagination={false} dataSource={(batches.data ?? []).filter((b) => b.canteenId === canteen.id)}
            onRow={(b) => ({ 'data-testid': `batch-${b.month}-${b.status}` } as React.HTMLAttributes<HTMLElement>)} columns={[
            { title: t('canteen.setup.month'), dataIndex: 'month' },
            { title: t('canteen.bureau.diners'), dataIndex: 'people', align: 'right' },
            { title: t('canteen.setup.amount'), dataIndex: 'totalFen', align: 'right', render: yuan },
            { title: '', dataIndex: 'status', render: (s: string, b: SubsidyBatch) => (
              <Space orientation="vertical" size={0}>
                <Tag color={s === 'approved' ? 'green' : s === 'rejected' ? 'red' : s === 'returned' ? 'orange' : s === 'cancelled' ? 'default' : 'gold'}>{t(`canteen.setup.status.${s}`)}</Tag>
                {s === 'returned' && b.returnComment && <span className="ant-typography ant-typography-secondary">{t('canteen.setup.returnComment')}:{b.returnComment}</span>}
              </Space>
            ) },
            { title: '', render: (_: unknown, b: SubsidyBatch) => b.approvalId !== null && <Link to={`/approvals?id=${b.approvalId}`}>{t('canteen.setup.viewApproval')}</Link> },
            { title: '', render: (_: unknown, b: SubsidyBatch) => b.status === 'returned' && (
              <Space wrap>
                <Button size="small" type="primary" onClick={() => batchAction(b, 'resubmit')}>{t('canteen.setup.resubmitBatch')}</Button>
                <Button size="small" danger onClick={() => batchAction(b, 'cancel')}>{t('canteen.setup.cancelBatch')}</Button>
              </Space>
            ) },
          ]} />
        </Card>
      )}
      <Button icon={<DownloadOutlined />} onClick={() => void api.download('/api/canteen/statements/export', { canteenId: canteen.id, month: dayjs().format('YYYY-MM') }, 'statement.xlsx').catch(notifyError)}>{t('canteen.setup.statement')}</Button>
    </Space>
  );
}
