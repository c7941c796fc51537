import { lazy, Suspense, useState } from 'react';
import { Button, Card, DatePicker, Empty, Table } from 'antd';
import { DownloadOutlined } from '@ant-design/icons';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import dayjs from 'dayjs';
import type { BureauRow } from '@guanjia/contracts/canteen';
import { api } from '../../../kernel/api';
import { Page } from '../../../kernel/components/PageHeader';

const Charts = lazy(() => import('./Charts'));
const yuan = (f: number) => `¥${(f / 100).toLocaleString('zh-CN', { minimumFractionDigits: 2, maximumFractionDigits: 2 })}`;

/** 食堂统计: every canteen in scope — diners, bookings vs served, no-shows, waste, ratings, money. */
export default function BureauPage() {
  const { t } = useTranslation();
  const [range, setRange] = useState<[string, string]>([dayjs().subtract(8, 'week').format('YYYY-MM-DD'), dayjs().format('YYYY-MM-DD')]);
  const rows = useQuery({ queryKey: ['canteen', 'bureau', range], queryFn: () => api.get<BureauRow[]>('/api/canteen/bureau', { from: range[0], to: range[1] }) });
  const quarter = Math.ceil((dayjs().month() + 1) / 3);
  return (
    <Page id="canteen-bureau" title={t('canteen.bureau.title')} extra={
      <Button icon={<DownloadOutlined />} onClick={() => void api.download('/api/canteen/waste/quarterly-report', { year: dayjs().year(), quarter }, 'food-saving.xlsx')}>{t('canteen.bureau.export')}</Button>
    }>
      <Card size="small" style={{ marginBottom: 12 }}>
        <DatePicker.RangePicker aria-label={t('canteen.bureau.period')} value={[dayjs(range[0]), dayjs(range[1])]} allowClear={false}
          onChange={(v) => v?.[0] && v[1] && setRange([v[0].format('YYYY-MM-DD'), v[1].format('YYYY-MM-DD')])} />
      </Card>
      {rows.data && rows.data.length === 0 ? <Empty description={t('canteen.bureau.empty')} /> : (
        <>
          <Table<BureauRow> size="small" rowKey="canteenId" loading={rows.isLoading} dataSource={rows.data} pagination={false} scroll={{ x: 900 }} columns={[
            { title: t('canteen.bureau.canteen'), dataIndex: 'canteenName' },
            { title: t('canteen.bureau.unit'), dataIndex: 'unitName' },
            { title: t('canteen.bureau.diners'), dataIndex: 'diners', align: 'right' },
            { title: t('canteen.bureau.booked'), dataIndex: 'booked', align: 'right' },
            { title: t('canteen.bureau.served'), dataIndex: 'served', align: 'right' },
            { title: t('canteen.bureau.noShowRate'), dataIndex: 'noShowRate', align: 'right', render: (v: number | null) => (v === null ? '—' : `${v.toFixed(1)}%`) },
            { title: t('canteen.bureau.wastePerMeal'), dataIndex: 'wastePerMealG', align: 'right', render: (v: number | null) => (v === null ? '—' : v.toFixed(1)) },
            { title: t('canteen.bureau.stars'), dataIndex: 'avgStars', align: 'right', render: (v: number | null) => (v === null ? '—' : v.toFixed(2)) },
            { title: t('canteen.bureau.revenue'), dataIndex: 'revenueFen', align: 'right', render: yuan },
            { title: t('canteen.bureau.subsidy'), dataIndex: 'subsidyFen', align: 'right', render: yuan },
          ]} />
          {rows.data && <Suspense fallback={null}><Charts rows={rows.data} from={range[0]} to={range[1]} /></Suspense>}
        </>
      )}
    </Page>
  );
}
