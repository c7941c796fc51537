import { useTranslation } from 'react-i18next';
import type { ComplianceSummary } from './office-api';
import { Chart } from '../../kernel/components/Chart';

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
  return (
    <Chart testId="compliance-chart" height={320} option={option} onClick={(p) => {
      const r = data[p.dataIndex];
      if (r) onDrill(r);
    }} />
  );
}
