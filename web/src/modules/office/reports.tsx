import { useState } from 'react';
import { Button, Card, Flex, Select, Table, Tag, Typography } from 'antd';
import { DownloadOutlined, UploadOutlined } from '@ant-design/icons';
import { useMutation, useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { useAuth, useCan } from '../../kernel/auth';
import { useNotifyError } from '../../kernel/errors';
import { OrgTreeSelect } from '../../kernel/components/OrgTreeSelect';
import { Page } from '../../kernel/components/PageHeader';
import { downloadAnnualReport, fetchReconciliation, fetchSurveyBatches, officeKey, type ReconciliationDiff } from './office-api';
import { ImportModal } from './ImportModal';

const KIND_COLOR = { missing_in_records: 'red', missing_in_survey: 'orange', area: 'gold', class: 'purple', certificate: 'blue' } as const;

/** 统计与对账: the annual statistics workbook, survey imports and every difference (账实、账证). */
export default function ReportsPage() {
  const { t } = useTranslation();
  const can = useCan();
  const { me } = useAuth();
  const notifyError = useNotifyError();
  const [unitId, setUnitId] = useState<number | undefined>(me.scopes[0]?.unitId);
  const [batch, setBatch] = useState<number | undefined>();
  const [importing, setImporting] = useState(false);
  const batches = useQuery({ queryKey: [...officeKey, 'batches'], queryFn: fetchSurveyBatches });
  const diffs = useQuery({ queryKey: [...officeKey, 'recon', batch], queryFn: () => fetchReconciliation(batch) });
  const report = useMutation({ mutationFn: () => downloadAnnualReport(unitId!), onError: notifyError });
  return (
    <Page id="office-reports" title={t('office.nav.reports')}>
      <Flex vertical gap={16}>
        {can('office.supervise') && (
          <Card size="small" title={t('office.annualReport')}>
            <Typography.Paragraph type="secondary">{t('office.annualIntro')}</Typography.Paragraph>
            <Flex gap={8} wrap>
              <OrgTreeSelect value={unitId} onChange={setUnitId} />
              <Button type="primary" icon={<DownloadOutlined />} disabled={!unitId} loading={report.isPending} onClick={() => report.mutate()} data-testid="annual-report">{t('office.downloadReport')}</Button>
            </Flex>
          </Card>
        )}
        <Card size="small" title={t('office.reconciliation')}
          extra={can('office.write') && <Button icon={<UploadOutlined />} onClick={() => setImporting(true)}>{t('office.importSurvey')}</Button>}>
          <Flex gap={8} align="center" style={{ marginBottom: 12 }} wrap>
            <span>{t('office.surveyBatch')}</span>
            <Select allowClear style={{ width: 260 }} placeholder={t('office.noBatch')} value={batch} onChange={setBatch}
              options={(batches.data ?? []).map((b) => ({ value: b.batch, label: t('office.batchLabel', { batch: b.batch, rows: b.rows, date: b.surveyedOn }) }))} />
          </Flex>
          <Table<ReconciliationDiff> rowKey={(d) => `${d.kind}${d.buildingCode}${d.roomNumber}`} size="small" loading={diffs.isFetching} dataSource={diffs.data} data-testid="recon-table"
            locale={{ emptyText: t('office.noDiffs') }}
            columns={[
              { title: t('office.diffKind'), dataIndex: 'kind', render: (k: ReconciliationDiff['kind']) => <Tag color={KIND_COLOR[k]}>{t(`office.diff.${k}`)}</Tag> },
              { title: t('office.buildingCode'), dataIndex: 'buildingCode' },
              { title: t('office.roomNumber'), dataIndex: 'roomNumber', render: (v: string | null) => v ?? '—' },
              { title: t('office.recorded'), dataIndex: 'recorded', render: (v: string | null) => v ?? '—' },
              { title: t('office.surveyed'), dataIndex: 'surveyed', render: (v: string | null) => v ?? '—' },
            ]} />
        </Card>
      </Flex>
      <ImportModal open={importing} onClose={() => setImporting(false)} kinds={['survey']} />
    </Page>
  );
}
