import { useEffect, useState } from 'react';
import { Button, Card, Col, Empty, List, Row, Select, Space, Statistic, Tag, Tooltip, Typography } from 'antd';
import { ArrowDownOutlined, ArrowUpOutlined, FullscreenExitOutlined, FullscreenOutlined } from '@ant-design/icons';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { Page } from '../../kernel/components/PageHeader';
import { OrgTreeSelect } from '../../kernel/components/OrgTreeSelect';
import { useIsMobile } from '../../kernel/responsive';
import { useUrlState } from '../../kernel/url-state';
import { appRoutes } from '../../app/routes';
import { plansApi, plansKey, type Cockpit } from './api';
import { Chart } from './Chart';
import { COLOUR_HEX, ColourTag } from './ColourTag';

type Metric = Cockpit['metrics'][number];
const hasPage = (path: string) => appRoutes.some((r) => r.path === path);
const fmt = (v: number | null) => (v === null ? null : Math.abs(v) >= 100 ? Math.round(v).toLocaleString() : Number(v.toFixed(2)).toString());

function MetricCard({ m, wall }: { m: Metric; wall: boolean }) {
  const { t, i18n } = useTranslation();
  const name = i18n.language === 'en' ? m.nameEn : m.nameZh;
  const delta = m.value !== null && m.previous !== null ? m.value - m.previous : null;
  const good = delta === null || delta === 0 ? null : (delta > 0) === (m.better === 'higher');
  const drill = `/${m.module}`;
  const body = (
    <Card size="small" data-testid={`metric-${m.key}`} style={wall ? { background: '#0b2545', borderColor: '#1d3f6e' } : undefined}
      styles={{ body: { padding: 12 } }} hoverable={hasPage(drill)}>
      <Statistic title={<span style={wall ? { color: '#9fb3c8' } : undefined}>{name}{m.dataYear !== null && (
          <Tooltip title={t('plans.cockpit.dataYearHint')}><Tag color="gold" style={{ marginInlineStart: 6 }} data-testid="metric-data-year">{t('plans.cockpit.dataYear', { year: m.dataYear })}</Tag></Tooltip>
        )}</span>}
        value={fmt(m.value) ?? t('plans.cockpit.noValue')} suffix={m.value === null ? undefined : m.unit}
        styles={{ content: { fontSize: wall ? 30 : 22, color: wall ? '#fff' : undefined } }} />
      {delta !== null && (
        <Typography.Text style={{ color: good === null ? (wall ? '#c9d6e3' : undefined) : good ? '#52c41a' : '#ff4d4f' }}>
          {t('plans.cockpit.vsLast')} {delta > 0 ? <ArrowUpOutlined /> : delta < 0 ? <ArrowDownOutlined /> : null} {fmt(Math.abs(delta))}
        </Typography.Text>
      )}
      <Chart height={wall ? 70 : 50} option={{
        grid: { left: 0, right: 0, top: 4, bottom: 0 }, xAxis: { type: 'category', show: false, data: m.trend.map((p) => p.label) }, yAxis: { type: 'value', show: false, scale: true },
        tooltip: { trigger: 'axis' }, series: [{ type: 'line', data: m.trend.map((p) => p.value), smooth: true, symbol: 'none', connectNulls: true, areaStyle: { opacity: 0.15 } }],
      }} />
    </Card>
  );
  return hasPage(drill) ? <Link to={drill} aria-label={name}>{body}</Link> : body;
}

/** Month by month for one metric (this year against the same months a year earlier), loaded on demand. */
function MonthlyPanel({ metrics, unitId, year, wall = false }: { metrics: Metric[]; unitId: number; year: number; wall?: boolean }) {
  const { t, i18n } = useTranslation();
  const mobile = useIsMobile();
  const capable = metrics.filter((m) => m.monthly);
  const [picked, setPicked] = useState<string | undefined>();
  // On the wall nobody picks: the panel turns to the next metric every 20 seconds until someone does
  // (and holds still while someone has the list open, so the list does not move under their finger).
  const [turn, setTurn] = useState(0);
  const [choosing, setChoosing] = useState(false);
  useEffect(() => {
    if (!wall || picked || choosing || capable.length < 2) return undefined;
    const timer = setInterval(() => setTurn((n) => n + 1), 20_000);
    return () => clearInterval(timer);
  }, [wall, picked, choosing, capable.length]);
  const key = picked && capable.some((m) => m.key === picked) ? picked : capable[wall ? turn % Math.max(1, capable.length) : 0]?.key;
  const textColor = wall ? '#c9d6e3' : undefined;
  const q = useQuery({ queryKey: [...plansKey, 'cockpit-monthly', key, unitId, year], queryFn: () => plansApi.cockpitMonthly({ key: key!, unitId, year }), enabled: Boolean(key) });
  if (capable.length === 0) return null;
  const pts = q.data?.points ?? [];
  return (
    <Card size="small" title={<span style={wall ? { color: '#fff' } : undefined}>{t('plans.cockpit.monthly')}</span>} data-testid="cockpit-monthly"
      style={wall ? { background: '#0b2545', borderColor: '#1d3f6e', color: '#fff' } : undefined}
      extra={<Select size="small" value={key} onChange={setPicked} onOpenChange={setChoosing} style={{ minWidth: wall ? 150 : 180, maxWidth: '60vw' }} data-testid="cockpit-monthly-metric"
        options={capable.map((m) => ({ value: m.key, label: i18n.language === 'en' ? m.nameEn : m.nameZh }))} />}>
      <Chart height={wall ? 300 : 220} option={{
        grid: { left: 48, right: mobile ? 28 : 16, top: 28, bottom: 24 }, tooltip: { trigger: 'axis' }, legend: { top: 0, textStyle: textColor ? { color: textColor } : {} },
        // On a phone the months are bare numbers under a "月" axis name, every other one when twelve do not fit, never overlapping.
        xAxis: { type: 'category', data: pts.map((p) => (mobile ? String(Number(p.label.slice(5))) : t('plans.cockpit.monthLabel', { m: Number(p.label.slice(5)) }))),
          name: mobile ? t('plans.cockpit.monthAxis') : undefined, nameGap: 6, axisLabel: { hideOverlap: true, interval: mobile && pts.length > 6 ? 1 : 'auto', ...(textColor ? { color: textColor } : {}) } },
        yAxis: { type: 'value', scale: true, name: q.data?.unit, nameTextStyle: { align: 'left', ...(textColor ? { color: textColor } : {}) }, ...(textColor ? { axisLabel: { color: textColor } } : {}) },
        series: [
          { name: t('plans.cockpit.thisYear'), type: 'line', data: pts.map((p) => p.value), smooth: true, connectNulls: true, areaStyle: { opacity: 0.12 } },
          { name: t('plans.cockpit.lastYear'), type: 'line', data: pts.map((p) => p.lastYear), smooth: true, connectNulls: true, lineStyle: { type: 'dashed' } },
        ],
      }} />
    </Card>
  );
}

/** 领导驾驶舱: every registered metric, the plans' weighted progress, alerts, the last ranking and suggestions. */
export default function CockpitPage() {
  const { t } = useTranslation();
  const url = useUrlState();
  const mobile = useIsMobile();
  const wall = url.get('wall') === '1';
  const unitId = url.getNumber('unitId');
  const year = url.getNumber('year') ?? new Date().getFullYear();
  const q = useQuery({ queryKey: [...plansKey, 'cockpit', unitId, year], queryFn: () => plansApi.cockpit({ unitId, year }), refetchInterval: wall ? 60_000 : false });
  const c = q.data;
  const dark = wall ? { background: '#0b2545', borderColor: '#1d3f6e', color: '#fff' } : undefined;
  const cardTitle = (s: string) => <span style={wall ? { color: '#fff' } : undefined}>{s}</span>;
  const textColor = wall ? '#c9d6e3' : '#595959';

  const controls = (
    <Space wrap className="no-print">
      {!wall && <span>{t('plans.cockpit.unit')}</span>}
      {!wall && <div style={{ minWidth: 200 }}><OrgTreeSelect value={unitId ?? c?.unitId} onChange={(v) => url.set({ unitId: v })} /></div>}
      <Select value={year} onChange={(v) => url.set({ year: v })} style={{ width: 100 }} options={Array.from({ length: 8 }, (_, i) => new Date().getFullYear() - i).map((y) => ({ value: y, label: String(y) }))} data-testid="cockpit-year" />
      {!mobile && (
        <Button icon={wall ? <FullscreenExitOutlined /> : <FullscreenOutlined />} onClick={() => url.set({ wall: wall ? undefined : '1' })} data-testid="cockpit-wall">
          {t(wall ? 'plans.cockpit.exitWall' : 'plans.cockpit.wall')}
        </Button>
      )}
    </Space>
  );

  const content = !c ? <Card loading={q.isLoading}><Empty /></Card> : (
    <Row gutter={[12, 12]}>
      <Col span={24}>
        {c.metrics.length === 0 ? <Empty description={t('plans.cockpit.noMetrics')} /> : (
          <Row gutter={[12, 12]} data-testid="cockpit-metrics">
            {c.metrics.map((m) => <Col key={m.key} xs={12} sm={12} md={8} lg={6} xl={wall ? 4 : 6}><MetricCard m={m} wall={wall} /></Col>)}
          </Row>
        )}
      </Col>
      {!wall && <Col span={24}><MonthlyPanel metrics={c.metrics} unitId={c.unitId} year={year} /></Col>}
      {wall && <Col xs={24} lg={6}><MonthlyPanel metrics={c.metrics} unitId={c.unitId} year={year} wall /></Col>}
      <Col xs={24} lg={wall ? 6 : 12}>
        <Card size="small" title={cardTitle(t('plans.cockpit.plans'))} style={dark} data-testid="cockpit-plans">
          <Chart height={wall ? 300 : Math.max(160, c.plans.length * 22)} option={{
            grid: { left: mobile ? 100 : wall ? 130 : 200, right: 40, top: 8, bottom: 8 }, tooltip: {},
            xAxis: { type: 'value', max: 100, axisLabel: { color: textColor } },
            yAxis: { type: 'category', data: c.plans.map((p) => p.name.replace(/机关事务工作“十四五”规划$/, '')).reverse(), axisLabel: { color: textColor, width: mobile ? 90 : wall ? 120 : 190, overflow: 'truncate' } },
            series: [{ type: 'bar', data: c.plans.map((p) => ({ value: p.score === null ? null : Math.round(p.score * 1000) / 10, itemStyle: { color: COLOUR_HEX[p.colour] } })).reverse(), label: { show: true, position: 'right', color: textColor, formatter: '{c}%' } }],
          }} />
        </Card>
      </Col>
      <Col xs={24} lg={wall ? 6 : 12}>
        <Card size="small" title={cardTitle(`${t('plans.cockpit.alerts')} (${c.alerts.length})`)} style={dark} data-testid="cockpit-alerts">
          <List size="small" dataSource={c.alerts.slice(0, wall ? 9 : 8)} locale={{ emptyText: <Empty description={t('plans.cockpit.noAlerts')} /> }} renderItem={(a) => (
            <List.Item>
              <Space wrap size={4}>
                <Tag color={a.kind === 'red_item' || a.kind === 'metric_worse' ? 'error' : a.kind === 'deadline' ? 'warning' : 'default'}>{t(`plans.cockpit.alertKind.${a.kind}`)}</Tag>
                {a.link && !wall ? <Link to={a.link}>{a.title}</Link> : <span style={{ color: wall ? '#fff' : undefined }}>{a.title}</span>}
                <Typography.Text type="secondary" style={wall ? { color: textColor } : undefined}>{a.detail}</Typography.Text>
              </Space>
            </List.Item>
          )} />
        </Card>
      </Col>
      <Col xs={24} lg={wall ? 6 : 12}>
        <Card size="small" title={cardTitle(t('plans.cockpit.ranking'))} style={dark} extra={!wall && <Link to="/plans/evaluation">{t('plans.cockpit.drill')}</Link>} data-testid="cockpit-ranking">
          {c.ranking.length === 0 ? <Empty /> : <Chart height={wall ? 300 : 260} option={{
            grid: { left: 90, right: 30, top: 8, bottom: 8 }, tooltip: {},
            xAxis: { type: 'value', axisLabel: { color: textColor } }, yAxis: { type: 'category', data: c.ranking.map((r) => r.unitName).reverse(), axisLabel: { color: textColor } },
            series: [{ type: 'bar', data: c.ranking.map((r) => r.total).reverse(), itemStyle: { color: '#1677ff' }, label: { show: true, position: 'right', color: textColor } }],
          }} />}
        </Card>
      </Col>
      {!wall && (
        <Col xs={24} lg={12}>
          <Card size="small" title={t('plans.cockpit.suggestions')} extra={<Link to="/plans/suggestions">{t('plans.cockpit.drill')}</Link>} data-testid="cockpit-suggestions">
            <Chart height={220} option={{
              tooltip: {}, legend: { bottom: 0 },
              series: [{ type: 'pie', radius: ['40%', '65%'], data: Object.entries(c.suggestions.byOutcome).map(([k, v]) => ({ name: t(`plans.suggestions.outcomes.${k}`), value: v })) }],
            }} />
            <List size="small" dataSource={c.plans.slice(0, 3)} renderItem={(p) => (
              <List.Item><Link to={`/plans?plan=${p.id}`}>{p.name}</Link><ColourTag colour={p.colour} score={p.score} /></List.Item>
            )} />
          </Card>
        </Col>
      )}
    </Row>
  );

  if (wall) {
    return (
      <section data-testid="page-plans-cockpit" aria-label={t('plans.cockpit.title')}
        style={{ position: 'fixed', inset: 0, zIndex: 1000, background: '#061a33', color: '#fff', padding: 20, overflow: 'auto' }}>
        <Row justify="space-between" align="middle" style={{ marginBottom: 12 }}>
          <Typography.Title level={2} style={{ color: '#fff', margin: 0 }} data-testid="page-title">{t('plans.cockpit.title')} · {c?.unitName} · {year}</Typography.Title>
          {controls}
        </Row>
        {content}
      </section>
    );
  }
  return <Page id="plans-cockpit" title={t('plans.cockpit.title')} extra={controls}>{content}</Page>;
}
