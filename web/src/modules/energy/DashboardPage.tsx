import { lazy, Suspense } from 'react';
import { Alert, Button, Card, Col, Empty, Flex, Row, Select, Space, Statistic, Table, Tag, Typography } from 'antd';
import { ArrowUpOutlined, DownloadOutlined } from '@ant-design/icons';
import { useQuery } from '@tanstack/react-query';
import { useMutation } from '../../kernel/mutation';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { isApiError } from '../../kernel/api';
import { useAuth, useCan } from '../../kernel/auth';
import { Page } from '../../kernel/components/PageHeader';
import { useNotifyError } from '../../kernel/errors';
import { fetchOrgUnit } from '../../kernel/org-api';
import { useUrlState } from '../../kernel/url-state';
import { energyKey, exportSummary, type Method, fetchAlerts, fetchBreakdown, fetchIndicators, fetchProgress, fetchTrend, fmt, type BreakdownRow, type Progress } from './api';

const Charts = { RankingBars: lazy(() => import('./Charts').then((m) => ({ default: m.RankingBars }))), TrendLines: lazy(() => import('./Charts').then((m) => ({ default: m.TrendLines }))), ProgressGrid: lazy(() => import('./Charts').then((m) => ({ default: m.ProgressGrid }))) };
const LEVEL: Record<Progress['status'], 0 | 1 | 2 | 3> = { no_data: 0, on_track: 1, off_pace: 2, over_quota: 3 };
const pct = (a: number | null | undefined, b: number | null | undefined) => (a == null || !b ? null : Math.round((a / b - 1) * 1000) / 10);

/** Analysis: indicators of a unit's subtree for a year, drill-down province → prefecture → county → institution. */
export default function DashboardPage() {
  const { t } = useTranslation();
  const { me } = useAuth();
  const can = useCan();
  const url = useUrlState();
  const notifyError = useNotifyError();
  const unitId = url.getNumber('unit') ?? me.scopes[0]?.unitId ?? me.orgUnitId;
  const thisYear = new Date().getFullYear();
  const year = url.getNumber('year') ?? thisYear - 1;
  const method: Method = url.get('method') === 'equal_value' ? 'equal_value' : 'calorific';
  const unit = useQuery({ queryKey: ['org', 'unit', unitId], queryFn: () => fetchOrgUnit(unitId) });
  const ind = useQuery({ queryKey: [...energyKey, 'ind', unitId, year, method], queryFn: () => fetchIndicators(unitId, `${year}-01`, `${year}-12`, method), retry: false });
  const prev = useQuery({ queryKey: [...energyKey, 'ind', unitId, year - 1, method], queryFn: () => fetchIndicators(unitId, `${year - 1}-01`, `${year - 1}-12`, method), retry: false });
  const children = useQuery({ queryKey: [...energyKey, 'breakdown', unitId, year, 'child', method], queryFn: () => fetchBreakdown(unitId, year, 'child', method), retry: false });
  const cats = useQuery({ queryKey: [...energyKey, 'breakdown', unitId, year, 'category', method], queryFn: () => fetchBreakdown(unitId, year, 'category', method), retry: false });
  const trend = useQuery({ queryKey: [...energyKey, 'trend', unitId, year, method], queryFn: () => fetchTrend(unitId, `${year - 1}-01`, `${year}-12`, method), retry: false });
  const progress = useQuery({ queryKey: [...energyKey, 'progress', unitId, year], queryFn: () => fetchProgress(unitId, Math.max(2021, year)) });
  const alerts = useQuery({ queryKey: [...energyKey, 'alerts', unitId, year], queryFn: () => fetchAlerts(unitId, Math.max(2021, year)) });
  const exporting = useMutation({ mutationFn: (by: 'child' | 'category' | 'institution') => exportSummary(unitId, year, by), onError: notifyError });
  const drill = (key: string) => url.set({ unit: Number(key) });
  const total = ind.data?.total;
  const last = prev.data?.total;
  const kids = children.data ?? [];
  const regions = kids.filter((k) => k.kind === 'region');
  const grid = (regions.length ? regions : kids).map((k) => {
    const p = progress.data?.find((x) => String(x.orgUnitId) === k.key && x.indicator === 'per_area' && x.tier === 'binding');
    return { key: k.key, name: k.name, level: LEVEL[p?.status ?? 'no_data'], text: p?.actualPct == null ? t('energy.progress.no_data') : t('energy.actual', { pct: p.actualPct }) };
  });
  const monthly = (y: number) => Array.from({ length: 12 }, (_, i) => trend.data?.find((p) => p.month === `${y}-${String(i + 1).padStart(2, '0')}`)?.totalTce ?? null);

  const kpis: [string, number | null | undefined, number | null | undefined][] = [
    ['totalTce', total?.totalTce, last?.totalTce], ['perCapita', total?.perCapita, last?.perCapita], ['perArea', total?.perArea, last?.perArea],
    ['waterPerCapita', total?.waterPerCapita, last?.waterPerCapita], ['co2PerArea', total?.co2PerArea, last?.co2PerArea],
  ];
  return (
    <Page id="energy-dashboard" title={t('energy.nav.dashboard')}
      extra={(['child', 'category', 'institution'] as const).map((by) => (
        <Button key={by} icon={<DownloadOutlined />} loading={exporting.isPending && exporting.variables === by} onClick={() => exporting.mutate(by)} data-testid={`export-${by}`}>{t(`energy.exportBy.${by}`)}</Button>
      ))}>
      <Flex wrap gap={12} align="center" style={{ marginBottom: 16 }}>
        <Typography.Title level={5} style={{ margin: 0 }} data-testid="dashboard-unit">{unit.data?.name ?? ''}</Typography.Title>
        {unit.data?.parentId && unitId !== me.scopes[0]?.unitId && (
          <Button size="small" icon={<ArrowUpOutlined />} onClick={() => url.set({ unit: unit.data.parentId })} data-testid="dashboard-up">{t('energy.up')}</Button>
        )}
        <Select value={year} onChange={(v) => url.set({ year: v })} style={{ width: 110 }} data-testid="dashboard-year" aria-label={t('energy.year')}
          options={Array.from({ length: thisYear - 2019 }, (_, i) => thisYear - i).map((y) => ({ value: y, label: `${y}` }))} />
        <Select value={method} onChange={(v) => url.set({ method: v === 'calorific' ? undefined : v })} style={{ width: 140 }} data-testid="dashboard-method" aria-label={t('energy.methodLabel')}
          options={(['calorific', 'equal_value'] as const).map((m) => ({ value: m, label: t(`energy.method.${m}`) }))} />
      </Flex>
      {ind.data && ind.data.missingFactors.length > 0 && (
        <Alert type="warning" showIcon style={{ marginBottom: 12 }} message={t('energy.missingFactors', { list: ind.data.missingFactors.map((m) => `${t(`energy.types.${m.energyType}`)} ${m.year}`).join('、') })} />
      )}
      {ind.isError && <Alert type="error" showIcon message={String((ind.error as Error).message)} style={{ marginBottom: 12 }} data-testid="dashboard-error"
        action={isApiError(ind.error) && ind.error.code === 'energy_factor_missing' && can('energy.factors') ? <Link to="/energy/factors"><Button size="small">{t('energy.addFactor')}</Button></Link> : undefined} />}
      <Row gutter={[12, 12]} data-testid="dashboard-kpis">
        {kpis.map(([key, v, p]) => {
          const d = pct(v, p);
          return (
            <Col xs={12} md={8} lg={4} key={key}>
              <Card size="small"><Statistic title={t(`energy.${key}`)} value={fmt(v)} />
                {d !== null && <Tag color={d > 0 ? 'red' : 'green'}>{t('energy.yoy')} {d > 0 ? '+' : ''}{d}%</Tag>}
              </Card>
            </Col>
          );
        })}
        <Col xs={12} md={8} lg={4}>
          <Card size="small"><Statistic title={`${t('energy.perArea')} · ${t('energy.withoutHeating')}`} value={fmt(total?.perAreaWithoutHeating)} /></Card>
        </Col>
      </Row>
      {ind.data?.heatingSeason && (
        <Row gutter={[12, 12]} style={{ marginTop: 12 }} data-testid="dashboard-season">
          {(['inSeason', 'outsideSeason'] as const).map((k) => {
            const p = ind.data!.heatingSeason![k];
            return (
              <Col xs={24} md={12} key={k}>
                <Card size="small" title={t(`energy.${k}`, { starts: ind.data!.heatingSeason!.season.startsMd, ends: ind.data!.heatingSeason!.season.endsMd, days: p.days })}>
                  <Flex gap={24} wrap>
                    <Statistic title={t('energy.totalTce')} value={fmt(p.totalTce)} />
                    <Statistic title={t('energy.perCapita')} value={fmt(p.perCapita)} />
                    <Statistic title={t('energy.perArea')} value={fmt(p.perArea)} />
                  </Flex>
                </Card>
              </Col>
            );
          })}
        </Row>
      )}
      {total && total.totalTce === 0 && <Empty description={t('energy.noData')} style={{ margin: 24 }} />}
      <Suspense fallback={null}>
        <Row gutter={[12, 12]} style={{ marginTop: 12 }}>
          <Col xs={24} lg={12}>
            <Card size="small" title={t('energy.ranking')}>
              <Charts.RankingBars testId="chart-ranking" rows={kids.map((k) => ({ key: k.key, name: k.name, value: k.perArea }))} onPick={drill} />
            </Card>
          </Col>
          <Col xs={24} lg={12}>
            <Card size="small" title={t('energy.progressGrid')}>
              <Charts.ProgressGrid testId="chart-progress" cells={grid} onPick={drill}
                labels={[t('energy.progress.no_data'), t('energy.progress.on_track'), t('energy.progress.off_pace'), t('energy.progress.over_quota')]} />
            </Card>
          </Col>
          <Col xs={24} lg={12}>
            <Card size="small" title={t('energy.trend')}>
              <Charts.TrendLines testId="chart-trend" series={[{ name: t('energy.thisYear', { year: year - 1 }), points: monthly(year - 1) }, { name: t('energy.thisYear', { year }), points: monthly(year) }]} />
            </Card>
          </Col>
          <Col xs={24} lg={12}>
            <Card size="small" title={t('energy.byCategory')}>
              <Charts.RankingBars testId="chart-category" rows={(cats.data ?? []).map((c) => ({ key: c.key, name: c.name, value: c.perArea }))} />
            </Card>
          </Col>
        </Row>
      </Suspense>
      <Card size="small" title={`${t('energy.region')} / ${t('energy.institution')}`} style={{ marginTop: 12 }}>
        <Table<BreakdownRow> rowKey="key" size="small" loading={children.isLoading} dataSource={kids} pagination={false} scroll={{ x: 1180 }} data-testid="dashboard-table"
          columns={[
            { title: t('energy.region'), dataIndex: 'name', render: (v: string, r) => <Button type="link" size="small" onClick={() => drill(r.key)} data-testid={`drill-${r.key}`}>{v}</Button> },
            { title: t('energy.institutions'), dataIndex: 'institutions', width: 80 },
            { title: t('energy.totalTce'), dataIndex: 'totalTce', render: (v: number) => fmt(v), sorter: (a, b) => a.totalTce - b.totalTce },
            { title: t('energy.perArea'), dataIndex: 'perArea', render: (v: number | null) => fmt(v), sorter: (a, b) => (a.perArea ?? 0) - (b.perArea ?? 0), defaultSortOrder: 'ascend' },
            { title: t('energy.perCapita'), dataIndex: 'perCapita', render: (v: number | null) => fmt(v) },
            { title: t('energy.waterPerCapita'), dataIndex: 'waterPerCapita', render: (v: number | null) => fmt(v) },
            { title: t('energy.co2PerArea'), dataIndex: 'co2PerArea', render: (v: number | null) => fmt(v) },
            { title: t('energy.inSeasonTce'), key: 'inSeason', render: (_, r) => <span data-testid={`season-in-${r.key}`}>{fmt(r.heatingSeason?.inSeason.totalTce)}</span> },
            { title: t('energy.outsideSeasonTce'), key: 'outsideSeason', render: (_, r) => <span data-testid={`season-out-${r.key}`}>{fmt(r.heatingSeason?.outsideSeason.totalTce)}</span> },
            { title: t('energy.yoy'), render: (_, r) => { const d = pct(r.totalTce, r.previous?.totalTce); return d === null ? '—' : <Tag color={d > 0 ? 'red' : 'green'}>{d > 0 ? '+' : ''}{d}%</Tag>; } },
          ]} />
      </Card>
      <Card size="small" title={t('energy.alerts')} style={{ marginTop: 12 }}>
        {(alerts.data ?? []).length === 0 ? <Typography.Text type="secondary">{t('energy.noAlerts')}</Typography.Text> : (
          <Space direction="vertical" style={{ width: '100%' }} data-testid="dashboard-alerts">
            {alerts.data!.slice(0, 30).map((a) => (
              <Flex key={a.targetId} gap={8} wrap>
                <Tag color={a.status === 'over_quota' ? 'red' : 'orange'}>{t(`energy.progress.${a.status}`)}</Tag>
                <span>{a.unitName} · {t(`energy.indicator.${a.indicator}`)} · {t(`energy.tier.${a.tier}`)}</span>
                <Typography.Text type="secondary">{t('energy.expected', { pct: a.expectedPct })} / {t('energy.actual', { pct: a.actualPct ?? '—' })}</Typography.Text>
              </Flex>
            ))}
          </Space>
        )}
      </Card>
    </Page>
  );
}
