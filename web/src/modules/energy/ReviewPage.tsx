import { useState } from 'react';
import { App, Button, Form, Input, Modal, Select, Space, Switch, Table, Typography } from 'antd';
import { BellOutlined } from '@ant-design/icons';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useMutation } from '../../kernel/mutation';
import { useTranslation } from 'react-i18next';
import { useAuth, useCan } from '../../kernel/auth';
import { Page } from '../../kernel/components/PageHeader';
import { OrgTreeSelect } from '../../kernel/components/OrgTreeSelect';
import { useNotifyError } from '../../kernel/errors';
import { formatDateTime } from '../../kernel/format';
import { useUrlState } from '../../kernel/url-state';
import { decide, energyKey, fetchPeriods, fetchReports, fmt, remind, rollupReport, type ReportRow } from './api';
import { periodLabel, StatusTag } from './common';
import { PeriodsCard } from './PeriodsCard';

/** Review and roll-up: every reporter below, who has not reported, accept / return with a reason, roll up, remind. */
export default function ReviewPage() {
  const { t } = useTranslation();
  const { me } = useAuth();
  const can = useCan();
  const { message } = App.useApp();
  const notifyError = useNotifyError();
  const qc = useQueryClient();
  const url = useUrlState();
  const unitId = url.getNumber('unit') ?? me.scopes[0]?.unitId;
  const periods = useQuery({ queryKey: [...energyKey, 'periods'], queryFn: fetchPeriods });
  const periodId = url.getNumber('period') ?? periods.data?.find((p) => p.kind === 'annual' && p.dueOn < new Date().toISOString().slice(0, 10))?.id ?? periods.data?.[0]?.id;
  const onlyMissing = url.get('missing') === '1';
  const list = useQuery({ queryKey: [...energyKey, 'reports', periodId, unitId], queryFn: () => fetchReports(periodId!, unitId!), enabled: !!periodId && !!unitId });
  const [returning, setReturning] = useState<ReportRow | null>(null);
  const [form] = Form.useForm<{ reason: string }>();
  const done = async (text: string) => {
    void message.success(text);
    await qc.invalidateQueries({ queryKey: energyKey });
  };
  const decision = useMutation({
    mutationFn: (v: { row: ReportRow; decision: 'accept' | 'return'; reason?: string }) => decide(v.row.id!, v.decision, v.row.version, v.reason),
    onSuccess: async (_, v) => {
      setReturning(null);
      form.resetFields();
      await done(t(v.decision === 'accept' ? 'energy.accepted' : 'energy.returned'));
    },
    onError: notifyError,
  });
  const rollup = useMutation({ mutationFn: (id: number) => rollupReport(periodId!, id), onSuccess: () => done(t('energy.rollupDone')), onError: notifyError });
  const reminding = useMutation({ mutationFn: () => remind(periodId!), onSuccess: (r) => done(t('energy.reminded', { count: r.reminded })), onError: notifyError });
  const rows = (list.data ?? []).filter((r) => !onlyMissing || !['submitted', 'accepted'].includes(r.status));
  const missing = (list.data ?? []).filter((r) => !['submitted', 'accepted'].includes(r.status)).length;

  return (
    <Page id="energy-review" title={t('energy.nav.review')}
      extra={<Button icon={<BellOutlined />} disabled={!periodId} loading={reminding.isPending} onClick={() => reminding.mutate()} data-testid="review-remind">{t('energy.remind')}</Button>}>
      <Space wrap style={{ marginBottom: 16 }}>
        <div style={{ minWidth: 240 }}><OrgTreeSelect value={unitId} onChange={(v) => url.set({ unit: v })} /></div>
        <Select style={{ minWidth: 240 }} value={periodId} loading={periods.isLoading} onChange={(v) => url.set({ period: v })} data-testid="review-period"
          options={(periods.data ?? []).map((p) => ({ value: p.id, label: `${periodLabel(t, p)} · ${t('energy.due', { date: p.dueOn })}` }))} />
        <Space>
          <Switch checked={onlyMissing} onChange={(v) => url.set({ missing: v ? '1' : undefined })} data-testid="review-only-missing" />
          {t('energy.onlyMissing')}
        </Space>
        <Typography.Text type={missing ? 'danger' : 'secondary'} data-testid="review-missing-count">{t('energy.notReported')}: {missing}</Typography.Text>
      </Space>
      <Table<ReportRow>
        rowKey="orgUnitId" size="small" loading={list.isLoading} dataSource={rows} scroll={{ x: 900 }} pagination={{ pageSize: 20, showSizeChanger: true }}
        data-testid="review-table"
        columns={[
          { title: t('energy.reporters'), dataIndex: 'name' },
          { title: '', dataIndex: 'kind', width: 100, render: (k: string) => t(k === 'region' ? 'energy.kindRegion' : 'energy.kindInstitution') },
          { title: t('energy.reportStatus'), dataIndex: 'status', width: 160, render: (_, r) => <StatusTag status={r.status} overdue={r.overdue} /> },
          { title: t('energy.totalTce'), width: 130, render: (_, r) => fmt(r.totals?.totalTce) },
          { title: t('energy.submitReport'), dataIndex: 'submittedAt', width: 170, render: (v: string | null) => formatDateTime(v) },
          { title: t('energy.reasonLabel'), dataIndex: 'returnReason', ellipsis: true },
          { title: t('common.actions'), width: 200, render: (_, r) => (
            <Space>
              {r.status === 'submitted' && (
                <>
                  <Button size="small" type="primary" onClick={() => decision.mutate({ row: r, decision: 'accept' })} data-testid={`accept-${r.orgUnitId}`}>{t('energy.accept')}</Button>
                  <Button size="small" danger onClick={() => setReturning(r)} data-testid={`return-${r.orgUnitId}`}>{t('energy.return')}</Button>
                </>
              )}
              {r.kind === 'region' && (r.status === 'none' || r.status === 'returned') && (
                <Button size="small" onClick={() => rollup.mutate(r.orgUnitId)} loading={rollup.isPending}>{t('energy.rollup')}</Button>
              )}
            </Space>
          ) },
        ]}
      />
      <PeriodsCard mayManage={can('energy.manage')} />
      <Modal open={!!returning} title={returning ? t('energy.returnTitle', { name: returning.name }) : ''} onCancel={() => setReturning(null)}
        okText={t('energy.return')} okButtonProps={{ danger: true, loading: decision.isPending, id: 'return-confirm' }} onOk={() => form.submit()} destroyOnHidden>
        <Form form={form} layout="vertical" onFinish={(v) => returning && decision.mutate({ row: returning, decision: 'return', reason: v.reason })}>
          <Form.Item name="reason" label={t('energy.reasonLabel')} rules={[{ required: true, whitespace: true, message: t('energy.reasonRequired') }]}>
            <Input.TextArea rows={3} maxLength={500} data-testid="return-reason" />
          </Form.Item>
        </Form>
      </Modal>
    </Page>
  );
}
