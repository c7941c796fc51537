import { useMemo } from 'react';
import { Button, DatePicker, Form, Input, Select } from 'antd';
import { ExportOutlined } from '@ant-design/icons';
import { useQuery } from '@tanstack/react-query';
import { useMutation } from '../../../kernel/mutation';
import { useTranslation } from 'react-i18next';
import dayjs, { type Dayjs } from 'dayjs';
import type { AuditEntry } from '../../../kernel/contracts';
import { useNotifyError } from '../../../kernel/errors';
import { useUrlState } from '../../../kernel/url-state';
import { pagingOf } from '../../../kernel/table';
import { formatDay } from '../../../kernel/format';
import { Page } from '../../../kernel/components/PageHeader';
import { QueryForm } from '../../../kernel/components/QueryForm';
import { auditKey, fetchAudit, startAuditExport, type AuditFilters } from './audit-api';
import { AuditTable } from './AuditTable';
import { AuditExportProgress } from './AuditExportProgress';
import { KNOWN_ACTIONS, KNOWN_OBJECT_TYPES, useAuditLabels } from './audit-labels';

interface FormValues {
  username?: string;
  action?: string;
  objectType?: string;
  result?: AuditEntry['result'];
  range?: [Dayjs | null, Dayjs | null] | null;
}

const RESULTS: AuditEntry['result'][] = ['ok', 'denied', 'failed'];
const isResult = (v: string | undefined): v is AuditEntry['result'] => RESULTS.includes(v as AuditEntry['result']);
const day = (v: string | undefined) => (v && dayjs(v, 'YYYY-MM-DD', true).isValid() ? v : undefined);

/** The audit log: filters in the URL, expandable rows, export as a background job (`?job=ID`). */
export default function AuditPage() {
  const { t } = useTranslation();
  const url = useUrlState();
  const notifyError = useNotifyError();
  const { actionLabel, objectTypeLabel } = useAuditLabels();
  const { get, page, pageSize } = url;
  const filters = useMemo<AuditFilters>(() => {
    const result = get('result');
    return {
      username: get('username'),
      action: get('action'),
      objectType: get('objectType'),
      result: isResult(result) ? result : undefined,
      from: day(get('from')),
      to: day(get('to')),
    };
  }, [get]);
  const formValues = useMemo<FormValues>(
    () => ({ ...filters, range: filters.from || filters.to ? [filters.from ? dayjs(filters.from) : null, filters.to ? dayjs(filters.to) : null] : null }),
    [filters],
  );
  const list = useQuery({ queryKey: [...auditKey, filters, page, pageSize], queryFn: () => fetchAudit(filters, page, pageSize) });
  const jobId = url.getNumber('job');
  const exportJob = useMutation({
    mutationFn: () => startAuditExport(filters),
    onSuccess: (job) => url.set({ job: job.id }),
    onError: notifyError,
  });

  const search = (v: FormValues) =>
    url.set({
      username: v.username?.trim(),
      action: v.action?.trim(),
      objectType: v.objectType?.trim(),
      result: v.result,
      from: formatDay(v.range?.[0]),
      to: formatDay(v.range?.[1]),
      page: undefined,
    });

  return (
    <Page
      id="audit"
      title={t('nav.audit')}
      extra={
        <Button icon={<ExportOutlined />} loading={exportJob.isPending} onClick={() => exportJob.mutate()} data-testid="audit-export">
          {t('audit.export')}
        </Button>
      }
    >
      {jobId !== undefined && <AuditExportProgress jobId={jobId} onDismiss={() => url.set({ job: undefined })} />}
      <QueryForm<FormValues>
        values={formValues}
        onSearch={search}
        onReset={() => search({})}
        fields={[
          <Form.Item key="username" name="username" label={t('audit.user')}>
            <Input allowClear data-testid="audit-query-username" />
          </Form.Item>,
          <Form.Item key="action" name="action" label={t('audit.action')}>
            <Select
              allowClear
              showSearch={{ optionFilterProp: 'search' }}
              placeholder={t('audit.actionPlaceholder')}
              options={KNOWN_ACTIONS.map((code) => ({ value: code, label: actionLabel(code), search: `${actionLabel(code)} ${code}` }))}
              data-testid="audit-query-action"
            />
          </Form.Item>,
          <Form.Item key="range" name="range" label={t('audit.dateRange')}>
            <DatePicker.RangePicker allowEmpty={[true, true]} format="YYYY-MM-DD" style={{ width: '100%' }} />
          </Form.Item>,
        ]}
        moreFields={[
          <Form.Item key="objectType" name="objectType" label={t('audit.objectType')}>
            <Select allowClear placeholder={t('common.all')} options={KNOWN_OBJECT_TYPES.map((v) => ({ value: v, label: objectTypeLabel(v) }))} />
          </Form.Item>,
          <Form.Item key="result" name="result" label={t('audit.result')}>
            <Select allowClear placeholder={t('common.all')} options={RESULTS.map((r) => ({ value: r, label: t(`audit.resultValue.${r}`) }))} />
          </Form.Item>,
        ]}
      />
      <AuditTable
        entries={list.data?.items}
        loading={list.isFetching}
        pagination={pagingOf(t, page, pageSize, list.data?.total, (p, s) => url.set({ page: p, pageSize: s }))}
      />
    </Page>
  );
}
