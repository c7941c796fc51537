import { useState } from 'react';
import { Alert, Button, Flex, Modal, Result, Table, Typography, Upload } from 'antd';
import { DownloadOutlined, InboxOutlined } from '@ant-design/icons';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import type { ErrorDetail } from '../../../kernel/api';
import { isApiError } from '../../../kernel/api';
import { useErrorText, useNotifyError } from '../../../kernel/errors';
import { downloadImportTemplate, importUsers, usersKey } from './user-api';

/** Excel import: template, upload, then either "N imported" or every bad row (nothing imported). */
export function UserImportModal({ open, onClose }: { open: boolean; onClose: () => void }) {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const errorText = useErrorText();
  const notifyError = useNotifyError();
  const [file, setFile] = useState<File | null>(null);

  const template = useMutation({ mutationFn: downloadImportTemplate, onError: notifyError });
  const upload = useMutation({
    mutationFn: (f: File) => importUsers(f),
    onSuccess: () => qc.invalidateQueries({ queryKey: usersKey }),
  });

  const close = () => {
    setFile(null);
    upload.reset();
    onClose();
  };

  const rowErrors: ErrorDetail[] =
    isApiError(upload.error) && upload.error.status === 422 ? upload.error.details.filter((d) => d.row !== undefined || d.column) : [];

  return (
    <Modal open={open} onCancel={close} title={t('users.importTitle')} width={720} destroyOnHidden footer={null}>
      {upload.isSuccess ? (
        <Result
          status="success"
          title={t('users.importDone', { count: upload.data.imported })}
          extra={<Button type="primary" onClick={close}>{t('common.close')}</Button>}
          data-testid="user-import-done"
        />
      ) : (
        <Flex vertical gap={16}>
          <Typography.Paragraph style={{ margin: 0 }}>
            {t('users.importIntro')}{' '}
            <Button type="link" icon={<DownloadOutlined />} onClick={() => template.mutate()} loading={template.isPending} data-testid="user-import-template">
              {t('users.importTemplate')}
            </Button>
          </Typography.Paragraph>
          <Upload.Dragger
            accept=".xlsx,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
            maxCount={1}
            fileList={file ? [{ uid: '1', name: file.name, status: 'done' }] : []}
            beforeUpload={(f) => {
              setFile(f);
              upload.reset();
              return false;
            }}
            onRemove={() => setFile(null)}
            data-testid="user-import-file"
          >
            <p className="ant-upload-drag-icon">
              <InboxOutlined />
            </p>
            <p>{t('users.importDrop')}</p>
          </Upload.Dragger>
          {upload.isError && (
            <Alert
              type="error"
              showIcon
              title={rowErrors.length ? t('users.importRejected', { count: rowErrors.length }) : errorText(upload.error)}
              description={rowErrors.length ? t('users.importNothingSaved') : undefined}
              data-testid="user-import-error"
            />
          )}
          {rowErrors.length > 0 && (
            <Table<ErrorDetail>
              size="small"
              rowKey={(d) => `${d.row}-${d.column}-${d.message}`}
              dataSource={rowErrors}
              pagination={rowErrors.length > 10 ? { pageSize: 10 } : false}
              scroll={{ x: 'max-content' }}
              columns={[
                { title: t('users.importRow'), dataIndex: 'row', width: 80 },
                { title: t('users.importColumn'), dataIndex: 'column', width: 140 },
                { title: t('users.importProblem'), dataIndex: 'message' },
              ]}
              data-testid="user-import-errors"
            />
          )}
          <Flex justify="flex-end" gap={8}>
            <Button onClick={close}>{t('common.cancel')}</Button>
            <Button type="primary" disabled={!file} loading={upload.isPending} onClick={() => file && upload.mutate(file)} data-testid="user-import-submit">
              {t('users.importStart')}
            </Button>
          </Flex>
        </Flex>
      )}
    </Modal>
  );
}
