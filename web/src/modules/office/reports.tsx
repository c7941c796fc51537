import { useMemo, useState } from 'react';
import { Button, Card, DatePicker, Flex, Select, Table, Tag, Typography } from 'antd';
import { DownloadOutlined, UploadOutlined } from '@ant-design/icons';
import dayjs from 'dayjs';
import { useQuery } from '@tanstack/react-query';
import { useMutation } from '../../kernel/mutation';
import { useTranslation } from 'react-i18next';
import { useAuth, useCan } from '../../kernel/auth';
import { useNotifyError } from '../../kernel/errors';
import { OrgTreeSelect } from '../../kernel/components/OrgTreeSelect';
import { Page } from '../../kernel/components/PageHeader';
import { downloadAnnualReport, exportReconciliation, fetchLedgers, fetchReconciliation, fetchSurveyBatches, officeKey, type ReconciliationDiff } from './office-api';
import { ImportModal } from './ImportModal';
import { todayIso } from './labels';

const KIND_COLOR: Record<ReconciliationDiff['kind'], string> = {
  missing_in_records: 'red', missing_in_survey: 'orange', area: 'gold', class: 'purple', certificate: 'blue',
  ledger_missing_in_master: 'magenta', ledger_missing_in_ledger: 'volcano', ledger_area: 'lime', ledger_class: 'geekblue', ledger_organ: 'cyan',
};
const CLASS_KINDS = new Set(['class', 'ledger_class']);

/** 统计与对账: the annual statistics workbook as of a day, survey and organ-ledger imports, and every difference (账实、账证、账账). */
export default function ReportsPage() {
  const { t } = useTranslation();
  const can = useCan();
  const { me } = useAuth();
  const notifyError = useNotifyError();
  const [unitId, setUnitId] = useState<number | undefined>(me.scopes[0]?.unitId);
  const [reportDate, setReportDate] = useState(todayIso());
  const [batch, setBatch] = useState<number | undefined>();
  const [ledgerYear, setLedgerYear] = useState<number | undefined>();
  const [importing, setImporting] = useState(false);
  const batches = useQuery({ queryKey: [...officeKey, 'batches'], queryFn: fetchSurveyBatches });
  const ledgers = useQuery({ queryKey: [...officeKey, 'ledgers'], queryFn: fetchLedgers });
  const years = useMemo(() => {
    const by = new Map<number, number>();
    for (const l of ledgers.data ?? []) by.set(l.year, (by.get(l.year) ?? 0) + 1);
    return [...by.entries()].sort((a, b) => b[0] - a[0]);
  }, [ledgers.data]);
  const diffs = useQuery({ queryKey: [...officeKey, 'recon', batch, ledgerYear], queryFn: () => fetchReconciliation(batch, ledgerYear) });
  const report = useMutation({ mutationFn: () => downloadAnnualReport(unitId!, reportDate), onError: notifyError });
  const exporting = useMutation({ mutationFn: () => exportReconciliation(batch, ledgerYear), onError: notifyError });
  const value = (v: string | null, d: ReconciliationDiff) => (v === null ? '—' : CLASS_KINDS.has(d.kind) ? t(`office.roomClass.${v}`) : v);
  return (
    <Page id="office-reports" title={t('office.nav.reports')}>
      <Flex vertical gap={16}>
        {can('office.supervise') && (
          <Card size="small" title={t('office.annualReport')}>
            <Typography.Paragraph type="secondary">{t('office.annualIntro')}</Typography.Paragraph>
            <Flex gap={8} wrap align="center">
              <OrgTreeSelect value={unitId} onChange={setUnitId} />
              <span>{t('office.reportDate')}</span>
              <DatePicker value={dayjs(reportDate)} allowClear={false} disabledDate={(d) => d.format('YYYY-MM-DD') > todayIso()}
                onChange={(d) => d && setReportDate(d.format('YYYY-MM-DD'))} data-testid="annual-report-date" />
              <Button type="primary" icon={<DownloadOutlined />} disabled={!unitId} loading={report.isPending} onClick={() => report.mutate()} data-testid="annual-report">{t('office.downloadReport')}</Button>
            </Flex>
          </Card>
        )}
        <Card size="small" title={t('office.reconciliation')}
          extra={<Flex gap={8} wrap>
            {can('office.write') && <Button icon={<UploadOutlined />} onClick={() => setImporting(true)} data-testid="recon-import">{t('office.importForRecon')}</Button>}
            <Button icon={<DownloadOutlined />} loading={exporting.isPending} onClick={() => exporting.mutate()} data-testid="recon-export">{t('office.exportDiffs')}</Button>
          </Flex>}>
          <Flex gap={8} align="center" style={{ marginBottom: 12 }} wrap>
            <span>{t('office.surveyBatch')}</span>
            <Select allowClear style={{ width: 260 }} placeholder={t('office.noBatch')} value={batch} onChange={setBatch}
              options={(batches.data ?? []).map((b) => ({ value: b.batch, label: t('office.batchLabel', { batch: b.batch, rows: b.rows, date: b.surveyedOn }) }))} />
            <span>{t('office.ledgerYear')}</span>
            <Select allowClear style={{ width: 200 }} placeholder={t('office.noLedger')} value={ledgerYear} onChange={setLedgerYear} data-testid="recon-ledger-year"
              options={years.map(([year, count]) => ({ value: year, label: t('office.ledgerLabel', { year, count }) }))} />
          </Flex>
          <Table<ReconciliationDiff> rowKey={(d) => `${d.kind}${d.orgUnitName}${d.buildingCode}${d.roomNumber}`} size="small" loading={diffs.isFetching} dataSource={diffs.data} data-testid="recon-table"
            locale={{ emptyText: t('office.noDiffs') }} scroll={{ x: 'max-content' }}
            columns={[
              { title: t('office.diffKind'), dataIndex: 'kind', render: (k: ReconciliationDiff['kind']) => <Tag color={KIND_COLOR[k]}>{t(`office.diff.${k}`)}</Tag> },
              { title: t('office.organ'), dataIndex: 'orgUnitName', ellipsis: true, render: (v: string | null) => v ?? '—' },
              { title: t('office.buildingCode'), dataIndex: 'buildingCode' },
              { title: t('office.roomNumber'), dataIndex: 'roomNumber', render: (v: string | null) => v ?? '—' },
              { title: t('office.recorded'), dataIndex: 'recorded', render: (v: string | null, d) => value(v, d) },
              { title: t('office.surveyed'), dataIndex: 'surveyed', render: (v: string | null, d) => value(v, d) },
            ]} />
        </Card>
      </Flex>
      <ImportModal open={importing} onClose={() => setImporting(false)} kinds={['survey', 'ledger']} />
    </Page>
  );
}
