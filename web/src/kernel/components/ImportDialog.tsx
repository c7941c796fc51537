import { useState, type ReactNode } from 'react';
import { Alert, Button, Flex, Modal, Result, Select, Table, Typography, Upload } from 'antd';
import { DownloadOutlined, InboxOutlined } from '@ant-design/icons';
import { useQueryClient, type QueryKey } from '@tanstack/react-query';
import { useMutation } from '../mutation';
import { useTranslation } from 'react-i18next';
import { isApiError, type ErrorDetail } from '../api';
import { useErrorText, useNotifyError } from '../errors';

export interface ImportKind {
  value: string;
  label: string;
}

export interface ImportDialogProps {
  open: boolean;
  onClose: () => void;
  title: string;
  /** What the file must hold; defaults to the all-or-nothing rule. */
  intro?: ReactNode;
  /** Several kinds (buildings, rooms…) share one dialog with a picker; omit for a single kind. */
  kinds?: ImportKind[];
  downloadTemplate: (kind: string) => Promise<unknown>;
  upload: (kind: string, file: File) => Promise<{ imported: number }>;
  /** Queries to refresh after a successful import. */
  invalidate: QueryKey;
  /** Prefix of the test ids: `<prefix>-file`, `-submit`, `-done`, `-error`, `-errors`, `-template`, `-kind`. */
  testId: string;
}

/**
 * The one Excel import dialog: template, upload, then either "N rows imported" or every bad row with
 * its column and problem, and nothing imported (the server's imports are all-or-nothing, 422).
 */
export function ImportDialog({ open, onClose, title, intro, kinds, downloadTemplate, upload, invalidate, testId }: ImportDialogProps) {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const errorText = useErrorText();
  const notifyError = useNotifyError();
  const [kind, setKind] = useState(kinds?.[0]?.value ?? '');
  const [file, setFile] = useState<File | null>(null);
  const template = useMutation({ mutationFn: () => downloadTemplate(kind), onError: notifyError });
  const run = useMutation({ mutationFn: (f: File) => upload(kind, f), onSuccess: () => qc.invalidateQueries({ queryKey: invalidate }) });

  const close = () => {
    setFile(null);
    run.reset();
    onClose();
  };
  const rowErrors: ErrorDetail[] = isApiError(run.error) && run.error.status === 422 ? run.error.details.filter((d) => d.row !== undefined || d.column) : [];
  const badRows = new Set(rowErrors.map((d) => d.row)).size;

  return (
    <Modal open={open} onCancel={close} title={title} width={720} destroyOnHidden footer={null}>
      {run.isSuccess ? (
        <Result status="success" title={t('common.importDialog.done', { count: run.data.imported })}
          extra={<Button type="primary" onClick={close}>{t('common.close')}</Button>} data-testid={`${testId}-done`} />
      ) : (
        <Flex vertical gap={16}>
          <Flex gap={8} align="center" wrap>
            {kinds && kinds.length > 1 && (
              <Select value={kind} onChange={(k) => { setKind(k); run.reset(); }} style={{ width: 200 }} options={kinds} aria-label={t('common.importDialog.kind')} data-testid={`${testId}-kind`} />
            )}
            <Button type="link" icon={<DownloadOutlined />} onClick={() => template.mutate()} loading={template.isPending} data-testid={`${testId}-template`}>
              {t('common.importDialog.template')}
            </Button>
          </Flex>
          <Typography.Text type="secondary">{intro ?? t('common.importDialog.intro')}</Typography.Text>
          <div data-testid={`${testId}-file`}>
          <Upload.Dragger accept=".xlsx,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet" maxCount={1}
            fileList={file ? [{ uid: '1', name: file.name, status: 'done' }] : []}
            beforeUpload={(f) => { setFile(f); run.reset(); return false; }} onRemove={() => setFile(null)}>
            <p className="ant-upload-drag-icon"><InboxOutlined /></p>
            <p>{t('common.importDialog.drop')}</p>
          </Upload.Dragger>
          </div>
          {run.isError && (
            <Alert type="error" showIcon title={rowErrors.length ? t('common.importDialog.rejected', { count: badRows || rowErrors.length }) : errorText(run.error)}
              description={rowErrors.length ? t('common.importDialog.nothingSaved') : undefined} data-testid={`${testId}-error`} />
          )}
          {rowErrors.length > 0 && (
            <Table<ErrorDetail> size="small" rowKey={(d, i) => `${d.row}-${d.column}-${i}`} dataSource={rowErrors}
              pagination={rowErrors.length > 10 ? { pageSize: 10 } : false} scroll={{ x: 'max-content' }} data-testid={`${testId}-errors`}
              columns={[
                { title: t('common.importDialog.row'), dataIndex: 'row', width: 70 },
                { title: t('common.importDialog.column'), dataIndex: 'column', width: 160 },
                { title: t('common.importDialog.problem'), dataIndex: 'message' },
              ]} />
          )}
          <Flex justify="flex-end" gap={8}>
            <Button onClick={close}>{t('common.cancel')}</Button>
            <Button type="primary" disabled={!file} loading={run.isPending} onClick={() => file && run.mutate(file)} data-testid={`${testId}-submit`}>
              {t('common.importDialog.start')}
            </Button>
          </Flex>
        </Flex>
      )}
    </Modal>
  );
}
