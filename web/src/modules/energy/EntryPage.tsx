import { useEffect, useMemo, useState } from 'react';
import { Alert, App, Button, Card, Checkbox, DatePicker, Empty, Flex, InputNumber, Select, Space, Table, Tag, Typography } from 'antd';
import { FileTextOutlined, SaveOutlined, SendOutlined, UploadOutlined } from '@ant-design/icons';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useMutation } from '../../kernel/mutation';
import { useTranslation } from 'react-i18next';
import dayjs from 'dayjs';
import { Page } from '../../kernel/components/PageHeader';
import { useNotifyError } from '../../kernel/errors';
import { useUrlState } from '../../kernel/url-state';
import { createMonth, energyKey, fetchFactors, fetchFilled, fetchInstitutions, fetchMonth, fetchPeriods, fetchReports, fetchTypes, fmt, replaceMonth, submitReport, ym, type EnergyType, type EntryInput } from './api';
import { BillModal } from './BillModal';
import { DenominatorCard } from './DenominatorCard';
import { ImportModal } from './ImportModal';
import { periodLabel, StatusTag } from './common';

interface Row { quantity: number | null; unit: 'natural' | 'L'; costYuan: number | null; bulk: boolean; forHeating: boolean; density?: number | null }
const BULK = new Set(['coal', 'diesel', 'gasoline', 'kerosene', 'lpg']);

/** The filler's screen: one institution, one month, one line per energy type; then submit the period. */
export default function EntryPage() {
  const { t, i18n } = useTranslation();
  const { message } = App.useApp();
  const notifyError = useNotifyError();
  const qc = useQueryClient();
  const url = useUrlState();
  const [importing, setImporting] = useState(false);
  const [billing, setBilling] = useState(false);
  const factors = useQuery({ queryKey: [...energyKey, 'factors'], queryFn: fetchFactors, staleTime: 60_000 });
  const institutions = useQuery({ queryKey: [...energyKey, 'institutions'], queryFn: () => fetchInstitutions() });
  const types = useQuery({ queryKey: [...energyKey, 'types'], queryFn: fetchTypes, staleTime: Infinity });
  const unitId = url.getNumber('unit') ?? institutions.data?.items[0]?.orgUnitId;
  const month = /^\d{4}-\d{2}$/.test(url.get('month') ?? '') ? url.get('month')! : ym(dayjs().subtract(1, 'month').toDate());
  const year = Number(month.slice(0, 4));
  const data = useQuery({ queryKey: [...energyKey, 'month', unitId, month], queryFn: () => fetchMonth(unitId!, month), enabled: !!unitId });
  const filled = useQuery({ queryKey: [...energyKey, 'filled', unitId, year], queryFn: () => fetchFilled(unitId!, year), enabled: !!unitId });
  const [rows, setRows] = useState<Record<string, Row>>({});

  useEffect(() => {
    const next: Record<string, Row> = {};
    for (const e of data.data?.entries ?? []) {
      next[e.energyType] = { quantity: e.enteredQuantity ?? e.quantity, unit: e.enteredUnit === 'L' ? 'L' : 'natural', costYuan: e.costFen / 100, bulk: e.bulk, forHeating: e.forHeating, density: e.density };
    }
    setRows(next);
  }, [data.data]);

  const billed = useMemo(() => new Set((data.data?.entries ?? []).filter((e) => e.billId !== null).map((e) => e.energyType)), [data.data]);
  const hasOwn = (data.data?.entries ?? []).some((e) => e.billId === null);
  const locked = data.data?.locked ?? false;

  const save = useMutation({
    mutationFn: () => {
      const entries: EntryInput[] = Object.entries(rows)
        .filter(([type, r]) => !billed.has(type as EnergyType['code']) && r.quantity !== null)
        .map(([type, r]) => ({ energyType: type as EntryInput['energyType'], quantity: r.quantity!, unit: r.unit, costFen: Math.round((r.costYuan ?? 0) * 100), bulk: r.bulk, forHeating: r.forHeating,
          ...(r.unit === 'L' && r.density ? { density: r.density } : {}) }));
      return hasOwn ? replaceMonth(unitId!, month, entries) : createMonth(unitId!, month, entries);
    },
    onSuccess: async () => {
      void message.success(t('energy.monthSaved', { month }));
      await qc.invalidateQueries({ queryKey: energyKey });
    },
    onError: notifyError,
  });

  const set = (type: string, patch: Partial<Row>) =>
    setRows((prev) => ({ ...prev, [type]: { quantity: null, unit: 'natural', costYuan: null, bulk: false, forHeating: type === 'heat', ...prev[type], ...patch } }));
  const name = (ty: EnergyType) => (i18n.language === 'en' ? ty.nameEn : ty.nameZh);
  /** The bureau's density for the type and year (kg/L): the default when the delivery note gives none. */
  const defaultDensity = (type: string) => (factors.data ?? []).filter((f) => f.kind === 'density' && f.energyType === type && f.year <= year).sort((a, b) => b.year - a.year)[0]?.value;

  if (institutions.data && institutions.data.items.length === 0) {
    return <Page id="energy-entry" title={t('energy.nav.entry')}><Empty description={t('energy.noInstitution')} /></Page>;
  }
  return (
    <Page id="energy-entry" title={t('energy.nav.entry')} extra={<Space wrap>
      <Button icon={<FileTextOutlined />} disabled={!unitId} onClick={() => setBilling(true)} data-testid="energy-bill">{t('energy.enterBill')}</Button>
      <Button icon={<UploadOutlined />} onClick={() => setImporting(true)} data-testid="energy-import">{t('energy.import')}</Button>
    </Space>}>
      <Flex wrap gap={12} style={{ marginBottom: 16 }}>
        <Select style={{ minWidth: 260 }} value={unitId} loading={institutions.isLoading} data-testid="entry-institution" showSearch optionFilterProp="label"
          options={(institutions.data?.items ?? []).map((i) => ({ value: i.orgUnitId, label: i.name }))} onChange={(v) => url.set({ unit: v })} aria-label={t('energy.institution')} />
        <DatePicker picker="month" value={dayjs(`${month}-01`)} allowClear={false} onChange={(d) => d && url.set({ month: d.format('YYYY-MM') })} data-testid="entry-month" aria-label={t('energy.month')} />
      </Flex>
      <Flex gap={6} wrap style={{ marginBottom: 12 }} data-testid="entry-filled">
        <Typography.Text type="secondary">{t('energy.filledMonths')}:</Typography.Text>
        {Array.from({ length: 12 }, (_, i) => `${year}-${String(i + 1).padStart(2, '0')}`).map((m) => (
          <Tag key={m} color={filled.data?.some((f) => f.month === m) ? 'green' : m === month ? 'blue' : 'default'} style={{ cursor: 'pointer' }} onClick={() => url.set({ month: m })}>
            {Number(m.slice(5))}
          </Tag>
        ))}
      </Flex>
      {locked && <Alert type="warning" showIcon message={t('energy.locked')} style={{ marginBottom: 12 }} data-testid="entry-locked" />}
      <Table<EnergyType>
        rowKey="code" size="small" pagination={false} loading={types.isLoading || data.isLoading} scroll={{ x: 760 }}
        dataSource={types.data ?? []}
        columns={[
          { title: t('energy.energyType'), dataIndex: 'code', render: (_, ty) => <>{name(ty)} {billed.has(ty.code) && <Tag>{t('energy.fromBill')}</Tag>}</> },
          { title: t('energy.quantity'), render: (_, ty) => (
            <InputNumber min={0} value={rows[ty.code]?.quantity ?? null} disabled={locked || billed.has(ty.code)} style={{ width: 150 }}
              onChange={(v) => set(ty.code, { quantity: v })} data-testid={`qty-${ty.code}`} aria-label={`${name(ty)} ${t('energy.quantity')}`} />
          ) },
          { title: t('energy.unit'), render: (_, ty) => {
            if (!ty.liquid) return ty.unit;
            const r = rows[ty.code];
            const density = r?.density ?? defaultDensity(ty.code);
            return (
              <Space direction="vertical" size={2}>
                <Select size="small" value={r?.unit ?? 'natural'} disabled={locked} style={{ width: 100 }} onChange={(v) => set(ty.code, { unit: v })} data-testid={`unit-${ty.code}`}
                  options={[{ value: 'natural', label: ty.unit }, { value: 'L', label: t('energy.litres') }]} />
                {r?.unit === 'L' && (
                  <Space size={4} wrap>
                    <InputNumber size="small" min={0.3} max={1.5} step={0.01} value={r.density ?? null} placeholder={density ? String(density) : ''} disabled={locked}
                      onChange={(v) => set(ty.code, { density: v })} style={{ width: 90 }} data-testid={`density-${ty.code}`} aria-label={t('energy.density')} />
                    <Typography.Text type="secondary" data-testid={`converted-${ty.code}`}>
                      {r.quantity !== null && density ? t('energy.converted', { kg: fmt(r.quantity * density, 2) }) : ''}
                    </Typography.Text>
                  </Space>
                )}
              </Space>
            );
          } },
          { title: t('energy.cost'), render: (_, ty) => (
            <InputNumber min={0} precision={2} value={rows[ty.code]?.costYuan ?? null} disabled={locked || billed.has(ty.code)} style={{ width: 150 }}
              onChange={(v) => set(ty.code, { costYuan: v })} data-testid={`cost-${ty.code}`} aria-label={`${name(ty)} ${t('energy.cost')}`} />
          ) },
          { title: t('energy.bulk'), render: (_, ty) => BULK.has(ty.code) && <Checkbox checked={rows[ty.code]?.bulk ?? false} disabled={locked} onChange={(e) => set(ty.code, { bulk: e.target.checked })} /> },
          { title: t('energy.forHeating'), render: (_, ty) => ty.isEnergy && <Checkbox checked={rows[ty.code]?.forHeating ?? ty.code === 'heat'} disabled={locked} onChange={(e) => set(ty.code, { forHeating: e.target.checked })} /> },
        ]}
      />
      <Flex justify="end" style={{ marginTop: 12 }}>
        <Button type="primary" icon={<SaveOutlined />} disabled={locked || !unitId} loading={save.isPending} onClick={() => save.mutate()} data-testid="entry-save">
          {t('energy.saveMonth')}
        </Button>
      </Flex>
      {unitId && <ReportCard unitId={unitId} year={year} />}
      {unitId && <DenominatorCard unitId={unitId} />}
      <ImportModal open={importing} onClose={() => setImporting(false)} />
      {unitId && <BillModal unitId={unitId} open={billing} onClose={() => setBilling(false)} />}
    </Page>
  );
}

/** The periods this institution reports, with status and the submit button. */
function ReportCard({ unitId, year }: { unitId: number; year: number }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const notifyError = useNotifyError();
  const qc = useQueryClient();
  const periods = useQuery({ queryKey: [...energyKey, 'periods'], queryFn: fetchPeriods });
  const candidates = (periods.data ?? []).filter((p) => p.year === year);
  const [chosen, setChosen] = useState<number | undefined>();
  const periodId = chosen && candidates.some((p) => p.id === chosen) ? chosen : candidates[0]?.id;
  const report = useQuery({ queryKey: [...energyKey, 'reports', periodId, unitId], queryFn: () => fetchReports(periodId!, unitId), enabled: !!periodId });
  const mine = report.data?.find((r) => r.orgUnitId === unitId);
  const submit = useMutation({
    mutationFn: () => submitReport(periodId!, unitId),
    onSuccess: async () => {
      void message.success(t('energy.submitted'));
      await qc.invalidateQueries({ queryKey: energyKey });
    },
    onError: notifyError,
  });
  if (!candidates.length) return null;
  return (
    <Card size="small" title={t('energy.reportStatus')} style={{ marginTop: 16 }}>
      <Space wrap>
        <Select value={periodId} onChange={setChosen} style={{ minWidth: 220 }} data-testid="report-period"
          options={candidates.map((p) => ({ value: p.id, label: `${periodLabel(t, p)} · ${t('energy.due', { date: p.dueOn })}` }))} />
        {mine && <StatusTag status={mine.status} overdue={mine.overdue} testId="report-status" />}
        <Button type="primary" icon={<SendOutlined />} disabled={!mine || ['submitted', 'accepted'].includes(mine.status)} loading={submit.isPending}
          onClick={() => submit.mutate()} data-testid="report-submit">
          {t('energy.submitReport')}
        </Button>
      </Space>
      {mine?.returnReason && <Alert type="error" showIcon style={{ marginTop: 12 }} message={t('energy.returnReason', { reason: mine.returnReason })} data-testid="report-return-reason" />}
    </Card>
  );
}
