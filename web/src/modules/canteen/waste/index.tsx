import { useState } from 'react';
import { Button, Card, DatePicker, Empty, Select, Space, Statistic, Table } from 'antd';
import { DownloadOutlined } from '@ant-design/icons';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import dayjs from 'dayjs';
import type { Canteen, Meal, WasteRecordPage, WasteRow } from '@guanjia/contracts/canteen';
import { api } from '../../../kernel/api';
import { useNotifyError } from '../../../kernel/errors';
import { Page } from '../../../kernel/components/PageHeader';

type Stage = 'prep' | 'unserved' | 'plate';
const kg = (v: number | null) => (v === null ? '—' : v.toFixed(3));

/**
 * 餐厨浪费记录: every waste record in scope, filtered by canteen, date range, meal and stage (the
 * records where that stage was weighed), paged on the server, exported to Excel with the same filters.
 */
export default function CanteenWastePage() {
  const { t } = useTranslation();
  const notifyError = useNotifyError();
  const [range, setRange] = useState<[string, string]>([dayjs().subtract(30, 'day').format('YYYY-MM-DD'), dayjs().format('YYYY-MM-DD')]);
  const [canteenId, setCanteenId] = useState<number | undefined>();
  const [meal, setMeal] = useState<Meal | undefined>();
  const [stage, setStage] = useState<Stage | undefined>();
  const [page, setPage] = useState({ page: 1, pageSize: 20 });
  const [exporting, setExporting] = useState(false);
  const filters = { from: range[0], to: range[1], ...(canteenId ? { canteenId } : {}), ...(meal ? { meal } : {}), ...(stage ? { stage } : {}) };
  const canteens = useQuery({ queryKey: ['canteen', 'canteens'], queryFn: () => api.get<Canteen[]>('/api/canteen/canteens') });
  const list = useQuery({
    queryKey: ['canteen', 'waste-records', filters, page],
    queryFn: () => api.get<WasteRecordPage>('/api/canteen/waste-records', { ...filters, ...page }),
    placeholderData: keepPreviousData,
  });
  const filter = <T,>(set: (v: T) => void) => (v: T) => {
    set(v);
    setPage((p) => ({ ...p, page: 1 }));
  };
  const exportXlsx = async () => {
    setExporting(true);
    try {
      await api.download('/api/canteen/waste-records/export', filters, `waste-${range[0]}-${range[1]}.xlsx`);
    } catch (e) {
      notifyError(e);
    } finally {
      setExporting(false);
    }
  };
  const mealOptions = (['breakfast', 'lunch', 'dinner'] as const).map((m) => ({ value: m, label: t(`canteen.meal.${m}`) }));
  const stageOptions = (['prep', 'unserved', 'plate'] as const).map((s) => ({ value: s, label: t(`canteen.waste.stage.${s}`) }));
  return (
    <Page id="canteen-waste" title={t('canteen.waste.title')} extra={<Button icon={<DownloadOutlined />} loading={exporting} onClick={() => void exportXlsx()}>{t('canteen.waste.export')}</Button>}>
      <Card size="small" style={{ marginBottom: 12 }}>
        <Space wrap>
          <Select allowClear placeholder={t('canteen.waste.allCanteens')} aria-label={t('canteen.kitchen.canteen')} data-testid="waste-canteen" style={{ minWidth: 200 }} value={canteenId} onChange={filter(setCanteenId)}
            options={(canteens.data ?? []).map((c) => ({ value: c.id, label: c.name }))} />
          <DatePicker.RangePicker aria-label={t('canteen.waste.period')} value={[dayjs(range[0]), dayjs(range[1])]} allowClear={false}
            onChange={(v) => v?.[0] && v[1] && filter(setRange)([v[0].format('YYYY-MM-DD'), v[1].format('YYYY-MM-DD')])} />
          <Select allowClear placeholder={t('canteen.waste.allMeals')} aria-label={t('canteen.receptions.meal')} data-testid="waste-meal" style={{ minWidth: 120 }} value={meal} onChange={filter(setMeal)} options={mealOptions} />
          <Select allowClear placeholder={t('canteen.waste.allStages')} aria-label={t('canteen.waste.stageLabel')} data-testid="waste-stage" style={{ minWidth: 150 }} value={stage} onChange={filter(setStage)} options={stageOptions} />
        </Space>
      </Card>
      {list.data && list.data.total > 0 && (
        <Space size="large" wrap style={{ marginBottom: 12 }} data-testid="waste-totals">
          <Statistic title={t('canteen.waste.records')} value={list.data.total} />
          <Statistic title={t('canteen.waste.totalKg')} value={list.data.totalKg} precision={1} suffix="kg" />
          <Statistic title={t('canteen.bureau.wastePerMeal')} value={list.data.gramsPerMeal ?? '—'} precision={1} />
        </Space>
      )}
      <Table<WasteRow> size="small" rowKey={(r) => `${r.canteenId}-${r.day}-${r.meal}`} loading={list.isFetching} dataSource={list.data?.items} scroll={{ x: 800 }} data-testid="waste-table"
        locale={{ emptyText: <Empty description={t('canteen.waste.empty')} /> }}
        pagination={{ current: page.page, pageSize: page.pageSize, total: list.data?.total ?? 0, showSizeChanger: true, showTotal: (n) => t('common.total', { count: n, defaultValue: `共 ${n} 条` }), onChange: (p, s) => setPage({ page: s !== page.pageSize ? 1 : p, pageSize: s }) }}
        columns={[
          { title: t('canteen.receptions.day'), dataIndex: 'day' },
          { title: t('canteen.kitchen.canteen'), dataIndex: 'canteenName' },
          { title: t('canteen.receptions.meal'), dataIndex: 'meal', render: (m: string) => t(`canteen.meal.${m}`) },
          { title: t('canteen.waste.served'), dataIndex: 'served', align: 'right' },
          { title: `${t('canteen.waste.stage.prep')}(kg)`, dataIndex: 'prepSurplusKg', align: 'right', render: kg },
          { title: `${t('canteen.waste.stage.unserved')}(kg)`, dataIndex: 'unservedKg', align: 'right', render: kg },
          { title: `${t('canteen.waste.stage.plate')}(kg)`, dataIndex: 'plateKg', align: 'right', render: kg },
          { title: t('canteen.bureau.wastePerMeal'), dataIndex: 'gramsPerMeal', align: 'right', render: (v: number | null) => (v === null ? '—' : v.toFixed(1)) },
        ]} />
    </Page>
  );
}
