import { useEffect, useRef } from 'react';
import * as echarts from 'echarts/core';
import { BarChart } from 'echarts/charts';
import { GridComponent, LegendComponent, TooltipComponent } from 'echarts/components';
import { CanvasRenderer } from 'echarts/renderers';
import { useTranslation } from 'react-i18next';
import type { ComplianceSummary } from './office-api';

echarts.use([BarChart, GridComponent, TooltipComponent, LegendComponent, CanvasRenderer]);

type Row = ComplianceSummary['children'][number];

/** Compliant vs over-standard offices per child unit; clicking a bar drills down into it. */
export default function ComplianceChart({ rows, onDrill }: { rows: Row[]; onDrill: (row: Row) => void }) {
  const { t } = useTranslation();
  const data = rows.filter((r) => r.offices > 0);
  const option = {
    tooltip: { trigger: 'axis' },
    legend: { data: [t('office.verdict.compliant'), t('office.verdict.over'), t('office.verdict.no_standard')] },
    grid: { left: 8, right: 8, bottom: 8, top: 36, containLabel: true },
    xAxis: { type: 'category', data: data.map((r) => r.name), axisLabel: { interval: 0, rotate: data.length > 8 ? 35 : 0 } },
    yAxis: { type: 'value', name: t('office.officesUnit') },
    series: [
      { name: t('office.verdict.compliant'), type: 'bar', stack: 'a', data: data.map((r) => r.compliant), itemStyle: { color: '#52c41a' } },
      { name: t('office.verdict.over'), type: 'bar', stack: 'a', data: data.map((r) => r.over), itemStyle: { color: '#ff4d4f' } },
      { name: t('office.verdict.no_standard'), type: 'bar', stack: 'a', data: data.map((r) => r.noStandard), itemStyle: { color: '#faad14' } },
    ],
  };
  const el = useRef<HTMLDivElement>(null);
  const chart = useRef<echarts.ECharts | null>(null);
  const drill = useRef(onDrill);
  drill.current = onDrill;
  // echarts-for-react's ESM build needs tslib, which is not installed: a plain ECharts instance instead.
  useEffect(() => {
    const c = echarts.init(el.current!);
    chart.current = c;
    const resize = () => c.resize();
    window.addEventListener('resize', resize);
    return () => {
      window.removeEventListener('resize', resize);
      c.dispose();
      chart.current = null;
    };
  }, []);
  useEffect(() => {
    const c = chart.current;
    if (!c) return;
    c.setOption(option, true);
    c.off('click');
    c.on('click', (p) => {
      const r = data[(p as { dataIndex: number }).dataIndex];
      if (r) drill.current(r);
    });
  });
  return <div data-testid="compliance-chart" ref={el} style={{ height: 320, width: '100%' }} />;
}
