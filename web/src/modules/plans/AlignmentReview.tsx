import { Alert, Empty, Space, Table, Tag, Tooltip, Typography } from 'antd';
import { Link } from 'react-router';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import type { ApprovalDetailProps } from '../../kernel/approval-details';
import { plansApi, plansKey, type AlignmentMatrix } from './api';

type MatrixRow = AlignmentMatrix['rows'][number];

/**
 * Inside an alignment review in /approvals: the submitted (lower) plan's column of the alignment
 * matrix — which upper items it does not serve and which of its binding targets are weaker than
 * the upper ones — so the approver decides with the gaps in front of them.
 */
export default function AlignmentReview({ objectId }: ApprovalDetailProps) {
  const { t } = useTranslation();
  const planId = Number(objectId);
  const options = useQuery({ queryKey: [...plansKey, 'options'], queryFn: () => plansApi.options() });
  const upperId = options.data?.find((p) => p.id === planId)?.parentPlanId ?? undefined;
  const matrix = useQuery({ queryKey: [...plansKey, 'matrix', upperId], queryFn: () => plansApi.matrix(upperId!), enabled: Boolean(upperId) });
  const m = matrix.data;
  const col = m ? m.lowerPlans.findIndex((p) => p.id === planId) : -1;
  if (options.isLoading || matrix.isLoading) return <Typography.Text type="secondary">…</Typography.Text>;
  if (!m || col < 0) return <Empty description={t('plans.matrix.noLower')} />;
  const state = (r: MatrixRow) => (r.weaker.some((w) => w.planId === planId) ? 'weaker' : r.cells[col]!.itemIds.length ? 'covered' : 'gap');
  const gaps = m.rows.filter((r) => state(r) === 'gap').length;
  const weaker = m.rows.filter((r) => state(r) === 'weaker').length;
  return (
    <Space direction="vertical" style={{ width: '100%' }} data-testid="approval-alignment">
      <Typography.Title level={5} style={{ margin: 0 }}>{t('plans.matrix.review')}</Typography.Title>
      <Typography.Text type="secondary">{t('plans.matrix.reviewOf', { name: m.upperPlan.name })}</Typography.Text>
      <Space wrap>
        <Alert type={gaps ? 'warning' : 'success'} showIcon message={t('plans.matrix.reviewGaps', { count: gaps })} data-testid="approval-alignment-gaps" />
        <Alert type={weaker ? 'warning' : 'success'} showIcon message={t('plans.matrix.reviewWeaker', { count: weaker })} data-testid="approval-alignment-weaker" />
      </Space>
      <Table<MatrixRow> rowKey="upperItemId" size="small" pagination={false} dataSource={m.rows} scroll={{ y: 320 }}
        columns={[
          { title: t('plans.matrix.upperItem'), key: 'i', render: (_: unknown, r) => <Space size={4} wrap><Tag>{t(`plans.itemKind.${r.kind}`)}</Tag>{r.code} {r.title}</Space> },
          {
            title: t('plans.matrix.thisPlan'), key: 'c', width: 90, align: 'center',
            render: (_: unknown, r) => {
              const s = state(r);
              if (s === 'weaker') {
                const w = r.weaker.filter((x) => x.planId === planId);
                return <Tooltip title={`${t('plans.matrix.weaker')}: ${w.map((x) => `${x.title} ${x.targetValue ?? ''}`).join('; ')}`}><Tag color="warning" data-cell="weaker">⚠ {t('plans.matrix.weaker')}</Tag></Tooltip>;
              }
              return s === 'covered' ? <span data-cell="covered" style={{ color: '#52c41a' }}>✓</span> : <Tag color="error" data-cell="gap">{t('plans.matrix.gap')}</Tag>;
            },
          },
        ]} />
      <Link to={`/plans/matrix?plan=${m.upperPlan.id}`}>{t('plans.matrix.openMatrix')}</Link>
    </Space>
  );
}
