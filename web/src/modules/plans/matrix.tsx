import { useState } from 'react';
import { App, Alert, Button, Card, Empty, Select, Space, Table, Tag, Tooltip } from 'antd';
import { Link } from 'react-router';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useMutation } from '../../kernel/mutation';
import { useTranslation } from 'react-i18next';
import { Page } from '../../kernel/components/PageHeader';
import { useCan } from '../../kernel/auth';
import { useNotifyError } from '../../kernel/errors';
import { useUrlState } from '../../kernel/url-state';
import { plansApi, plansKey, type AlignmentMatrix } from './api';

type MatrixRow = AlignmentMatrix['rows'][number];

/** 衔接矩阵: upper items × lower plans; gaps and weaker binding targets stand out. */
export default function MatrixPage() {
  const { t } = useTranslation();
  const can = useCan();
  const url = useUrlState();
  const qc = useQueryClient();
  const { message } = App.useApp();
  const notifyError = useNotifyError();
  const planId = url.getNumber('plan');
  const plans = useQuery({ queryKey: [...plansKey, 'options'], queryFn: () => plansApi.options() });
  const matrix = useQuery({ queryKey: [...plansKey, 'matrix', planId], queryFn: () => plansApi.matrix(planId!), enabled: Boolean(planId) });
  const review = useMutation({
    mutationFn: (id: number) => plansApi.review(id),
    onSuccess: (r) => { setApprovalId(r.approvalId); void message.success(t('plans.matrix.submitted')); void qc.invalidateQueries({ queryKey: plansKey }); },
    onError: notifyError,
  });
  const [approvalId, setApprovalId] = useState<number | null>(null);
  const m = matrix.data;
  const uppers = (plans.data ?? []).filter((p) => (plans.data ?? []).some((x) => x.parentPlanId === p.id));

  const columns = [
    {
      title: t('plans.matrix.upperItem'), key: 'item', fixed: 'left' as const, width: 260,
      render: (_: unknown, r: MatrixRow) => (
        <Space size={4} wrap>
          <Tag>{t(`plans.itemKind.${r.kind}`)}</Tag>{r.code}{r.title}
          {!r.covered && <Tag color="error">{t('plans.matrix.gap')}</Tag>}
        </Space>
      ),
    },
    ...(m?.lowerPlans ?? []).map((lp, i) => ({
      title: (
        <Space direction="vertical" size={0}>
          <span>{lp.unitName}</span>
          <Tag color={lp.alignmentStatus === 'approved' ? 'green' : undefined}>{t(`plans.alignment.${lp.alignmentStatus}`)}</Tag>
          {can('plans.write') && lp.alignmentStatus !== 'pending' && lp.alignmentStatus !== 'approved' && (
            <Button size="small" type="link" onClick={() => review.mutate(lp.id)} data-testid={`review-${lp.id}`}>{t('plans.matrix.submitReview')}</Button>
          )}
        </Space>
      ),
      key: `p${lp.id}`, width: 110, align: 'center' as const,
      render: (_: unknown, r: MatrixRow) => {
        const cell = r.cells[i]!;
        const weak = r.weaker.filter((w) => w.planId === lp.id);
        if (weak.length) return <Tooltip title={`${t('plans.matrix.weaker')}: ${weak.map((w) => `${w.title} ${w.targetValue ?? ''}`).join('; ')}`}><Tag color="warning" data-cell="weaker">⚠</Tag></Tooltip>;
        return cell.itemIds.length ? <span data-cell="covered" style={{ color: '#52c41a' }}>✓</span> : <span data-cell="gap" style={{ color: '#bfbfbf' }}>—</span>;
      },
    })),
  ];

  return (
    <Page id="plans-matrix" title={t('plans.nav.matrix')}>
      <Space wrap style={{ marginBottom: 12 }}>
        <span>{t('plans.matrix.upperPlan')}</span>
        <Select style={{ minWidth: 320, maxWidth: '90vw' }} value={planId} onChange={(v) => url.set({ plan: v })} loading={plans.isLoading} data-testid="matrix-plan"
          options={uppers.map((p) => ({ value: p.id, label: p.name }))} />
      </Space>
      {!planId ? <Card><Empty /></Card> : (
        <Card size="small" loading={matrix.isLoading}>
          {m && (
            <Space direction="vertical" style={{ width: '100%' }}>
              <Space wrap>
                <Alert type={m.uncovered ? 'warning' : 'success'} showIcon message={t('plans.matrix.uncovered', { count: m.uncovered })} data-testid="matrix-uncovered" />
                <Alert type={m.weakerCount ? 'warning' : 'success'} showIcon message={t('plans.matrix.weakerCount', { count: m.weakerCount })} data-testid="matrix-weaker" />
              </Space>
              {approvalId && <Alert type="info" showIcon message={<>{t('plans.matrix.submitted')} <Link to={`/approvals?id=${approvalId}&tab=mine`} data-testid="matrix-approval-link">{t('plans.matrix.viewApproval')}</Link></>} />}
              <span style={{ color: '#888' }}>{t('plans.matrix.legend')}</span>
              {m.lowerPlans.length === 0 ? <Empty description={t('plans.matrix.noLower')} /> : (
                <Table<MatrixRow> rowKey="upperItemId" size="small" bordered pagination={false} columns={columns} dataSource={m.rows} scroll={{ x: 260 + 110 * m.lowerPlans.length }} data-testid="matrix-table" />
              )}
            </Space>
          )}
        </Card>
      )}
    </Page>
  );
}
