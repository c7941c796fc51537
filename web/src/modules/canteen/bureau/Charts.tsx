import { Card, Col, Row } from 'antd';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import type { BureauRow } from '@guanjia/contracts/canteen';
import { api } from '../../../kernel/api';
import { Chart, type ChartOption } from '../../../kernel/components/Chart';

/** One bureau chart: the kernel's ECharts host, 300 px high, named for screen readers. */
function BureauChart({ option, label }: { option: ChartOption; label: string }) {
  return <Chart option={option} label={label} height={300} />;
}

/** Two questions, one chart each: booked vs served per canteen; waste per meal over time. */
export default function Charts({ rows, from, to }: { rows: BureauRow[]; from: string; to: string }) {
  const { t } = useTranslation();
  const trend = useQuery({ queryKey: ['canteen', 'trend', from, to], queryFn: () => api.get<{ week: string; canteenId: number; gramsPerMeal: number | null }[]>('/api/canteen/bureau/waste-trend', { from, to }) });
  const weeks = [...new Set((trend.data ?? []).map((p) => p.week))];
  return (
    <Row gutter={[12, 12]} style={{ marginTop: 12 }}>
      <Col xs={24} lg={12}>
        <Card size="small" title={t('canteen.bureau.chartServed')}>
          <BureauChart label={t('canteen.bureau.chartServed')} option={{
            tooltip: { trigger: 'axis' }, legend: {}, grid: { left: 48, right: 16, bottom: 48 },
            xAxis: { type: 'category', data: rows.map((r) => r.canteenName), axisLabel: { interval: 0, rotate: 15 } }, yAxis: { type: 'value' },
            series: [{ name: t('canteen.bureau.booked'), type: 'bar', data: rows.map((r) => r.booked) }, { name: t('canteen.bureau.served'), type: 'bar', data: rows.map((r) => r.served) }],
          }} />
        </Card>
      </Col>
      <Col xs={24} lg={12}>
        <Card size="small" title={t('canteen.bureau.chartWaste')}>
          <BureauChart label={t('canteen.bureau.chartWaste')} option={{
            tooltip: { trigger: 'axis' }, legend: {}, grid: { left: 48, right: 16, bottom: 32 },
            xAxis: { type: 'category', data: weeks }, yAxis: { type: 'value', name: 'g' },
            series: rows.map((r) => ({ name: r.canteenName, type: 'line', data: weeks.map((w) => trend.data?.find((p) => p.week === w && p.canteenId === r.canteenId)?.gramsPerMeal ?? null) })),
          }} />
        </Card>
      </Col>
    </Row>
  );
}
