import { useState } from 'react';
import { App, Button, Card, Empty, Popconfirm, Radio, Select, Space, Table, Tabs, Tag, Typography } from 'antd';
import { DownloadOutlined, PrinterOutlined } from '@ant-design/icons';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useMutation } from '../../kernel/mutation';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { Page } from '../../kernel/components/PageHeader';
import { useCan } from '../../kernel/auth';
import { useNotifyError } from '../../kernel/errors';
import { useIsMobile } from '../../kernel/responsive';
import { useUrlState } from '../../kernel/url-state';
import { plansApi, plansKey, type Ranking } from './api';
import { Chart } from './Chart';
import { SchemesTab } from './SchemesTab';
import { RoundFormModal } from './EvalForms';

type RankRow = Ranking['rows'][number];
const PRINT_CSS = '@media print { .ant-layout-sider, .ant-layout-header, .no-print, .ant-tabs-nav { display: none !important; } .ant-layout-content { margin: 0 !important; padding: 0 !important; } }';

/** 评估考核: ranking with its breakdown (Excel and print), qualitative scoring, schemes and versions. */
export default function EvaluationPage() {
  const { t } = useTranslation();
  const can = useCan();
  const url = useUrlState();
  const mobile = useIsMobile();
  const qc = useQueryClient();
  const { message } = App.useApp();
  const notifyError = useNotifyError();
  const [creating, setCreating] = useState(false);
  const rounds = useQuery({ queryKey: [...plansKey, 'rounds'], queryFn: plansApi.rounds });
  const roundId = url.getNumber('round') ?? rounds.data?.[0]?.id;
  const tab = url.get('tab') ?? 'ranking';
  const ranking = useQuery({ queryKey: [...plansKey, 'ranking', roundId], queryFn: () => plansApi.ranking(roundId!), enabled: Boolean(roundId) });
  const mine = useQuery({ queryKey: [...plansKey, 'mine', roundId], queryFn: () => plansApi.myReviews(roundId!), enabled: Boolean(roundId) && can('plans.review') && tab === 'scoring' });
  const criterionId = url.getNumber('criterion');
  const exporting = useMutation({ mutationFn: () => plansApi.exportRound(roundId!), onError: notifyError });
  const close = useMutation({ mutationFn: () => plansApi.closeRound(roundId!), onSuccess: () => void qc.invalidateQueries({ queryKey: plansKey }), onError: notifyError });
  const score = useMutation({
    mutationFn: (b: { criterionId: number; subjectUnitId: number; level: string }) => plansApi.saveReview(roundId!, b),
    onSuccess: () => { void message.success(t('plans.evaluation.saved')); void qc.invalidateQueries({ queryKey: plansKey }); },
    onError: notifyError,
  });
  const rk = ranking.data;
  const open = rk?.round.status === 'open';
  const qualitative = (rk?.criteria ?? []).filter((c) => c.kind === 'qualitative');
  const crit = qualitative.find((c) => c.id === criterionId) ?? qualitative[0];

  const roundPicker = (
    <Space wrap>
    {can('plans.evaluate') && <Button onClick={() => setCreating(true)} data-testid="round-new">{t('plans.evaluation.newRound')}</Button>}
    <Select style={{ minWidth: 280, maxWidth: '90vw' }} value={roundId} onChange={(v) => url.set({ round: v })} loading={rounds.isLoading} data-testid="round-select"
      placeholder={t('plans.evaluation.pickRound')}
      options={(rounds.data ?? []).map((r) => ({ value: r.id, label: `${r.name}(${t(`plans.evaluation.kind.${r.kind}`)} · ${t(`plans.status.${r.status}`)})` }))} />
    </Space>
  );

  const columns = [
    { title: t('plans.evaluation.rank'), dataIndex: 'rank', key: 'rank', width: 64 },
    { title: t('plans.evaluation.unit'), key: 'unit', width: 130, render: (_: unknown, r: RankRow) => <>{r.unitName}{r.mode === 'focused' && <Tag color="purple" style={{ marginInlineStart: 4 }} data-testid="mode-focused">{t('plans.evaluation.modes.focused')}</Tag>}</> },
    { title: t('plans.evaluation.total'), dataIndex: 'total', key: 'total', width: 80, render: (v: number) => <b>{v}</b> },
    ...(mobile ? [] : (rk?.criteria ?? []).map((c, i) => ({
      title: `${c.code} ${c.name}(${c.weight})`, key: `c${c.id}`, width: 120,
      render: (_: unknown, r: RankRow) => !r.breakdown[i]!.applies ? <Typography.Text type="secondary">{t('plans.evaluation.notApplied')}</Typography.Text>
        : r.breakdown[i]!.raw === null ? <Typography.Text type="secondary">—</Typography.Text> : r.breakdown[i]!.points,
    }))),
  ];

  const rankingTab = !rk ? <Empty description={t('plans.evaluation.noRounds')} /> : (
    <Space direction="vertical" style={{ width: '100%' }}>
      <Space wrap className="no-print">
        <Button icon={<DownloadOutlined />} loading={exporting.isPending} onClick={() => exporting.mutate()} data-testid="round-export">{t('plans.evaluation.exportXlsx')}</Button>
        <Link to={`/plans/evaluation/report?round=${rk.round.id}`} data-testid="round-report"><Button icon={<PrinterOutlined />}>{t('plans.evaluation.openReport')}</Button></Link>
        {open && can('plans.evaluate') && (
          <Popconfirm title={t('plans.evaluation.confirmCloseRound')} onConfirm={() => close.mutate()}>
            <Button danger loading={close.isPending} data-testid="round-close">{t('plans.evaluation.closeRound')}</Button>
          </Popconfirm>
        )}
        {!open && <Tag>{t('plans.evaluation.readOnly')}</Tag>}
      </Space>
      <Typography.Title level={5}>{rk.round.name} · {rk.round.schemeName} v{rk.round.version}</Typography.Title>
      <Table<RankRow> rowKey="unitId" size="small" columns={columns} dataSource={rk.rows} pagination={false} scroll={{ x: mobile ? undefined : 400 + 120 * rk.criteria.length }} data-testid="ranking-table"
        expandable={{
          expandedRowRender: (r) => (
            <Table size="small" rowKey="criterionId" pagination={false} dataSource={r.breakdown} columns={[
              { title: t('plans.evaluation.criterion'), key: 'n', render: (_: unknown, b: RankRow['breakdown'][number]) => `${b.code} ${b.name}` },
              { title: t('plans.evaluation.weight'), dataIndex: 'weight', key: 'w' },
              { title: t('plans.evaluation.raw'), dataIndex: 'raw', key: 'r', render: (v: number | null) => (v === null ? '—' : v) },
              { title: t('plans.evaluation.points'), dataIndex: 'points', key: 'p' },
              { title: t('plans.evaluation.reviewers'), dataIndex: 'reviewers', key: 'v', render: (v: number, b: RankRow['breakdown'][number]) => (b.kind === 'qualitative' ? v : '') },
            ]} />
          ),
        }} />
      <Card size="small" title={t('plans.evaluation.chart')}>
        <Chart testId="ranking-chart" height={mobile ? 360 : 280} option={{
          tooltip: {}, grid: { left: mobile ? 80 : 40, right: 16, top: 16, bottom: mobile ? 16 : 60 },
          xAxis: mobile ? { type: 'value' } : { type: 'category', data: rk.rows.map((r) => r.unitName), axisLabel: { rotate: 40 } },
          yAxis: mobile ? { type: 'category', data: rk.rows.map((r) => r.unitName).reverse() } : { type: 'value' },
          series: [{ type: 'bar', data: mobile ? rk.rows.map((r) => r.total).reverse() : rk.rows.map((r) => r.total), itemStyle: { color: '#1677ff' } }],
        }} />
      </Card>
    </Space>
  );

  const myLevel = (unitId: number) => mine.data?.find((m) => m.criterionId === crit?.id && m.subjectUnitId === unitId)?.level;
  const scoringTab = !rk || !crit ? <Empty /> : (
    <Space direction="vertical" style={{ width: '100%' }}>
      <Space wrap>
        <span>{t('plans.evaluation.criterion')}</span>
        <Select style={{ minWidth: 240 }} value={crit.id} onChange={(v) => url.set({ criterion: v })} options={qualitative.map((c) => ({ value: c.id, label: `${c.code} ${c.name}` }))} data-testid="criterion-select" />
        {!open && <Tag>{t('plans.evaluation.readOnly')}</Tag>}
      </Space>
      <Typography.Text type="secondary">{(crit.rubric ?? []).map((l) => `${l.level}(${l.score}):${l.descZh}`).join(';')}</Typography.Text>
      <Table size="small" rowKey="unitId" pagination={false} dataSource={rk.rows.slice().sort((a, b) => a.unitId - b.unitId)} data-testid="scoring-table" columns={[
        { title: t('plans.evaluation.unit'), dataIndex: 'unitName', key: 'u', width: 120 },
        {
          title: t('plans.evaluation.level'), key: 'l',
          render: (_: unknown, r: RankRow) => (
            <Radio.Group disabled={!open || score.isPending} value={myLevel(r.unitId)} optionType="button" size="small" data-testid={`score-${r.unitId}`}
              onChange={(e) => score.mutate({ criterionId: crit.id, subjectUnitId: r.unitId, level: String(e.target.value) })}
              options={(crit.rubric ?? []).map((l) => ({ value: l.level, label: l.level }))} />
          ),
        },
      ]} />
    </Space>
  );

  return (
    <Page id="plans-evaluation" title={t('plans.nav.evaluation')} extra={roundPicker}>
      <style>{PRINT_CSS}</style>
      <RoundFormModal open={creating} onClose={() => setCreating(false)} onCreated={(id) => { setCreating(false); url.set({ round: id, tab: 'scoring' }); }} />
      <Tabs activeKey={tab} onChange={(k) => url.set({ tab: k })} items={[
        { key: 'ranking', label: t('plans.evaluation.ranking'), children: <Card size="small" loading={ranking.isLoading}>{rankingTab}</Card> },
        ...(can('plans.review') ? [{ key: 'scoring', label: t('plans.evaluation.scoring'), children: <Card size="small">{scoringTab}</Card> }] : []),
        { key: 'schemes', label: t('plans.evaluation.schemes'), children: <SchemesTab /> },
      ]} />
    </Page>
  );
}
