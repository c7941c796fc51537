import { useEffect, useRef } from 'react';
import { Alert, Button, Card, Flex, Progress, Typography } from 'antd';
import { CloseOutlined, DownloadOutlined } from '@ant-design/icons';
import { useQuery } from '@tanstack/react-query';
import { useMutation } from '../../../kernel/mutation';
import { useTranslation } from 'react-i18next';
import { formatDateTime } from '../../../kernel/format';
import { useErrorText, useNotifyError } from '../../../kernel/errors';
import { downloadFile, fetchJob, fileIdOf } from './audit-api';

const running = (s: string | undefined) => s === 'queued' || s === 'running';

/** Progress of an export job (polled every second); the file when done. Survives leaving the page (`?job=ID`). */
export function AuditExportProgress({ jobId, onDismiss }: { jobId: number; onDismiss: () => void }) {
  const { t } = useTranslation();
  const errorText = useErrorText();
  const notifyError = useNotifyError();
  const job = useQuery({
    queryKey: ['jobs', jobId],
    queryFn: () => fetchJob(jobId),
    refetchInterval: (q) => (!q.state.data || running(q.state.data.status) ? 1000 : false),
  });
  const download = useMutation({ mutationFn: (fileId: number) => downloadFile(fileId, `audit-${jobId}.xlsx`), onError: notifyError });
  const j = job.data;
  const fileId = j ? fileIdOf(j) : null;

  // Watched to the end: download right away (once). Coming back later: the button is enough.
  const wasRunning = useRef(false);
  const { mutate } = download;
  useEffect(() => {
    if (running(j?.status)) wasRunning.current = true;
    else if (j?.status === 'done' && wasRunning.current && fileId !== null) {
      wasRunning.current = false;
      mutate(fileId);
    }
  }, [j?.status, fileId, mutate]);

  const close = <Button type="text" size="small" icon={<CloseOutlined />} onClick={onDismiss} aria-label={t('common.close')} />;
  if (job.isError) return <Alert type="error" showIcon title={errorText(job.error)} action={close} style={{ marginBottom: 16 }} />;

  const percent = j?.status === 'done' ? 100 : Math.max(0, Math.min(100, j?.progress ?? 0));
  const status = j?.status === 'failed' ? 'exception' : j?.status === 'done' ? 'success' : 'active';
  return (
    <Card size="small" style={{ marginBottom: 16 }} data-testid="audit-export-job">
      <Flex justify="space-between" align="center" gap={8}>
        <Typography.Text strong>
          {t(`audit.job.${j?.status ?? 'queued'}`)}
          {j && <Typography.Text type="secondary"> · {formatDateTime(j.createdAt)}</Typography.Text>}
        </Typography.Text>
        {close}
      </Flex>
      <Progress percent={percent} status={status} data-testid="audit-export-progress" />
      {j?.status === 'failed' && <Alert type="error" showIcon title={j.error ?? t('audit.job.failed')} />}
      {j?.status === 'done' && fileId !== null && (
        <Button type="primary" icon={<DownloadOutlined />} loading={download.isPending} onClick={() => download.mutate(fileId)} data-testid="audit-export-download">
          {t('audit.downloadExport')}
        </Button>
      )}
    </Card>
  );
}
