import { Card, Col, Row } from 'antd';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import ReactEChartsCore from 'echarts-for-react/esm/core';
import * as echarts from 'echarts/core';
import { BarChart, LineChart } from 'echarts/charts';
import { GridComponent, LegendComponent, TooltipComponent } from 'echarts/components';
import { CanvasRenderer } from 'echarts/renderers';
import type { BureauRow } from '@guanjia/contracts';
import { api } from '../../../kernel/api';

echarts.use([BarChart, LineChart, GridComponent, LegendComponent, TooltipComponent, CanvasRenderer]);

/** Two questions, one chart each: booked vs served per canteen; waste per meal over time. */
export default function Charts({ rows, from, to }: { rows: BureauRow[]; from: string; to: string }) {
  const { t } = useTranslation();
  const trend = useQuery({ queryKey: ['canteen', 'trend', from, to], queryFn: () => api.get<{ week: string; canteenId: number; gramsPerMeal: number | null }[]>('/api/canteen/bureau/waste-trend', { from, to }) });
  const weeks = [...new Set((trend.data ?? []).map((p) => p.week))];
  return (
    <Row gutter={[12, 12]} style={{ marginTop: 12 }}>
      <Col xs={24} lg={12}>
        <Card size="small" title={t('canteen.bureau.chartServed')}>
          <ReactEChartsCore echarts={echarts} style={{ height: 300 }} option={{
            tooltip: { trigger: 'axis' }, legend: {}, grid: { left: 48, right: 16, bottom: 48 },
            xAxis: { type: 'category', data: rows.map((r) => r.canteenName), axisLabel: { interval: 0, rotate: 15 } }, yAxis: { type: 'value' },
            series: [{ name: t('canteen.bureau.booked'), type: 'bar', data: rows.map((r) => r.booked) }, { name: t('canteen.bureau.served'), type: 'bar', data: rows.map((r) => r.served) }],
          }} />
        </Card>
      </Col>
      <Col xs={24} lg={12}>
        <Card size="small" title={t('canteen.bureau.chartWaste')}>
          <ReactEChartsCore echarts={echarts} style={{ height: 300 }} option={{
            tooltip: { trigger: 'axis' }, legend: {}, grid: { left: 48, right: 16, bottom: 32 },
            xAxis: { type: 'category', data: weeks }, yAxis: { type: 'value', name: 'g' },
            series: rows.map((r) => ({ name: r.canteenName, type: 'line', data: weeks.map((w) => trend.data?.find((p) => p.week === w && p.canteenId === r.canteenId)?.gramsPerMeal ?? null) })),
          }} />
        </Card>
      </Col>
    </Row>
  );
}
