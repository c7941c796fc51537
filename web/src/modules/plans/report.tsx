import { Button, Card, Descriptions, Empty, Space, Table, Tag, Typography } from 'antd';
import { DownloadOutlined, PrinterOutlined } from '@ant-design/icons';
import { useQuery } from '@tanstack/react-query';
import { useMutation } from '../../kernel/mutation';
import { useTranslation } from 'react-i18next';
import { Page } from '../../kernel/components/PageHeader';
import { useCan } from '../../kernel/auth';
import { useNotifyError } from '../../kernel/errors';
import { formatDateTime } from '../../kernel/format';
import { useUrlState } from '../../kernel/url-state';
import { useIsMobile } from '../../kernel/responsive';
import { plansApi, plansKey, type Ranking, type RoundReview } from './api';

type RankRow = Ranking['rows'][number];
type Crit = Ranking['criteria'][number];

// A document, not a screen: on paper only the report, black on white, sections kept together.
const PRINT_CSS = `@media print {
  .ant-layout-sider, .ant-layout-header, .no-print, .ant-breadcrumb { display: none !important; }
  .ant-layout-content { margin: 0 !important; padding: 0 !important; }
  .ant-card { border: none !important; box-shadow: none !important; }
  .report-section { break-inside: avoid; page-break-inside: avoid; }
  .report-unit { break-inside: avoid; page-break-inside: avoid; }
  body { -webkit-print-color-adjust: exact; print-color-adjust: exact; }
}`;

/**
 * 评估报告: one round as a printable document — title and facts, the scheme with its weights and
 * formulas or rubrics, the ranking, each subject's breakdown, and every reviewer's qualitative score.
 * The Excel workbook of the same report is one click away.
 */
export default function EvaluationReportPage() {
  const { t } = useTranslation();
  const can = useCan();
  const url = useUrlState();
  const notifyError = useNotifyError();
  // On a phone each table scrolls within itself, the page never sideways.
  const mobile = useIsMobile();
  const scroll = mobile ? { x: 'max-content' as const } : undefined;
  const roundId = url.getNumber('round');
  const ranking = useQuery({ queryKey: [...plansKey, 'ranking', roundId], queryFn: () => plansApi.ranking(roundId!), enabled: Boolean(roundId) });
  // Reviewers' names stay with the bureau running the round: others get 404 and the section says so.
  const reviews = useQuery({ queryKey: [...plansKey, 'round-reviews', roundId], queryFn: () => plansApi.roundReviews(roundId!), enabled: Boolean(roundId) && can('plans.read'), retry: false });
  const exporting = useMutation({ mutationFn: () => plansApi.exportRound(roundId!), onError: notifyError });
  const rk = ranking.data;
  const title = rk ? t('plans.evaluation.reportTitle', { name: rk.round.name }) : t('plans.evaluation.report');
  const anyFocused = Boolean(rk?.rows.some((r) => r.mode === 'focused'));
  const critName = (c: Pick<Crit, 'code' | 'name'>) => `${c.code} ${c.name}`;
  const byUnit = new Map<number, RoundReview[]>();
  for (const r of reviews.data ?? []) byUnit.set(r.subjectUnitId, [...(byUnit.get(r.subjectUnitId) ?? []), r]);

  const body = !rk ? <Card loading={ranking.isLoading}><Empty description={t('plans.evaluation.pickRound')} /></Card> : (
    <Space direction="vertical" size="large" style={{ width: '100%' }} data-testid="eval-report">
      <div className="report-section" style={{ textAlign: 'center' }}>
        <Typography.Title level={2} style={{ marginBottom: 4 }} data-testid="report-title">{title}</Typography.Title>
        <Typography.Text type="secondary">{rk.round.schemeName} v{rk.round.version} · {rk.round.year} · {t('plans.evaluation.generatedAt')} {formatDateTime(new Date().toISOString())}</Typography.Text>
      </div>

      <section className="report-section">
        <Typography.Title level={4}>一、{t('plans.evaluation.facts')}</Typography.Title>
        <Descriptions size="small" bordered column={{ xs: 1, sm: 2 }} items={[
          { key: 'k', label: t('plans.evaluation.kindLabel'), children: t(`plans.evaluation.kind.${rk.round.kind}`) },
          { key: 'y', label: t('plans.evaluation.year'), children: rk.round.year },
          { key: 's', label: t('plans.evaluation.status'), children: t(`plans.status.${rk.round.status}`) },
          { key: 'n', label: t('plans.evaluation.subjects'), children: t('plans.evaluation.subjectsCount', { count: rk.rows.length }) },
          ...(anyFocused ? [
            { key: 'f', label: t('plans.evaluation.focusedUnits'), children: rk.rows.filter((r) => r.mode === 'focused').map((r) => r.unitName).join('、') },
            { key: 'c', label: t('plans.evaluation.focusCriteria'), children: rk.criteria.filter((c) => rk.round.focusCriterionIds?.includes(c.id)).map(critName).join('、') },
          ] : []),
        ]} />
        {anyFocused && <Typography.Paragraph type="secondary" style={{ marginTop: 8 }}>{t('plans.evaluation.modeHint')}</Typography.Paragraph>}
      </section>

      <section className="report-section" data-testid="report-scheme">
        <Typography.Title level={4}>二、{t('plans.evaluation.scheme')}</Typography.Title>
        <Table<Crit> rowKey="id" size="small" bordered pagination={false} scroll={scroll} dataSource={rk.criteria} columns={[
          { title: t('plans.evaluation.code'), dataIndex: 'code', key: 'code', width: 70 },
          { title: t('plans.evaluation.criterion'), dataIndex: 'name', key: 'name' },
          { title: `${t('plans.evaluation.quantitative')}/${t('plans.evaluation.qualitative')}`, key: 'kind', width: 90, render: (_: unknown, c) => t(`plans.evaluation.${c.kind}`) },
          { title: t('plans.evaluation.weight'), dataIndex: 'weight', key: 'weight', width: 70 },
          { title: `${t('plans.evaluation.formula')} / ${t('plans.evaluation.rubric')}`, key: 'how', render: (_: unknown, c) => c.formula ?? (c.rubric ?? []).map((l) => `${l.level}(${l.score}):${l.descZh}`).join(';') },
        ]} />
      </section>

      <section className="report-section" data-testid="report-ranking">
        <Typography.Title level={4}>三、{t('plans.evaluation.ranking')}</Typography.Title>
        <Table<RankRow> rowKey="unitId" size="small" bordered pagination={false} scroll={scroll} dataSource={rk.rows} columns={[
          { title: t('plans.evaluation.rank'), dataIndex: 'rank', key: 'rank', width: 60 },
          { title: t('plans.evaluation.unit'), dataIndex: 'unitName', key: 'unit' },
          ...(anyFocused ? [{ title: t('plans.evaluation.mode'), key: 'mode', width: 80, render: (_: unknown, r: RankRow) => t(`plans.evaluation.modes.${r.mode}`) }] : []),
          { title: t('plans.evaluation.total'), dataIndex: 'total', key: 'total', width: 80, render: (v: number) => <b>{v}</b> },
        ]} />
      </section>

      <section data-testid="report-breakdown">
        <Typography.Title level={4}>四、{t('plans.evaluation.perUnit')}</Typography.Title>
        {rk.rows.map((r) => (
          <div key={r.unitId} className="report-unit" style={{ marginBottom: 16 }} data-testid="report-unit">
            <Typography.Title level={5} style={{ marginBottom: 6 }}>
              {r.rank}. {r.unitName} · {t('plans.evaluation.total')} {r.total}{anyFocused && <Tag style={{ marginInlineStart: 8 }}>{t(`plans.evaluation.modes.${r.mode}`)}</Tag>}
            </Typography.Title>
            <Table rowKey="criterionId" size="small" bordered pagination={false} scroll={scroll} dataSource={r.breakdown} columns={[
              { title: t('plans.evaluation.criterion'), key: 'n', render: (_: unknown, b: RankRow['breakdown'][number]) => critName(b) },
              { title: t('plans.evaluation.weight'), dataIndex: 'weight', key: 'w', width: 70 },
              { title: t('plans.evaluation.raw'), key: 'r', width: 80, render: (_: unknown, b: RankRow['breakdown'][number]) => (!b.applies ? t('plans.evaluation.notApplied') : b.raw ?? '—') },
              { title: t('plans.evaluation.points'), key: 'p', width: 70, render: (_: unknown, b: RankRow['breakdown'][number]) => (b.applies ? b.points : '—') },
              { title: t('plans.evaluation.reviewers'), key: 'v', width: 80, render: (_: unknown, b: RankRow['breakdown'][number]) => (b.kind === 'qualitative' && b.applies ? b.reviewers : '') },
            ]} />
          </div>
        ))}
      </section>

      <section data-testid="report-reviews">
        <Typography.Title level={4}>五、{t('plans.evaluation.reviewScores')}</Typography.Title>
        {reviews.isError || (reviews.data ?? []).length === 0 ? <Typography.Text type="secondary">{t('plans.evaluation.noReviews')}</Typography.Text> : rk.rows.filter((r) => byUnit.has(r.unitId)).map((r) => (
          <div key={r.unitId} className="report-unit" style={{ marginBottom: 12 }}>
            <Typography.Text strong>{r.unitName}</Typography.Text>
            <Table<RoundReview> rowKey={(x) => `${x.criterionId}-${x.reviewerName}`} size="small" bordered pagination={false} scroll={scroll} dataSource={byUnit.get(r.unitId)} data-testid="report-review-table" columns={[
              { title: t('plans.evaluation.criterion'), key: 'c', render: (_: unknown, x) => { const c = rk.criteria.find((k) => k.id === x.criterionId); return c ? critName(c) : ''; } },
              { title: t('plans.evaluation.reviewer'), dataIndex: 'reviewerName', key: 'n', width: 120 },
              { title: t('plans.evaluation.level'), key: 'l', width: 80, render: (_: unknown, x) => `${x.level}(${x.score})` },
              { title: t('plans.evaluation.comment'), dataIndex: 'comment', key: 'm' },
            ]} />
          </div>
        ))}
      </section>
    </Space>
  );

  return (
    <Page id="plans-evaluation-report" title={t('plans.evaluation.reportPage')} extra={rk && (
      <Space wrap className="no-print">
        <Button icon={<DownloadOutlined />} loading={exporting.isPending} onClick={() => exporting.mutate()} data-testid="report-export">{t('plans.evaluation.exportXlsx')}</Button>
        <Button type="primary" icon={<PrinterOutlined />} onClick={() => window.print()} data-testid="report-print">{t('plans.evaluation.printNow')}</Button>
      </Space>
    )}>
      <style>{PRINT_CSS}</style>
      {body}
    </Page>
  );
}
