import { useState } from 'react';
import { Alert, Button, Flex, Modal, Result, Table, Typography, Upload } from 'antd';
import { DownloadOutlined, InboxOutlined } from '@ant-design/icons';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { isApiError, type ErrorDetail } from '../../kernel/api';
import { useErrorText, useNotifyError } from '../../kernel/errors';
import { downloadTemplate, energyKey, importUse } from './api';

/** Import of the base form: template, upload, then "N rows imported" or every bad row (nothing imported). */
export function ImportModal({ open, onClose }: { open: boolean; onClose: () => void }) {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const errorText = useErrorText();
  const notifyError = useNotifyError();
  const [file, setFile] = useState<File | null>(null);
  const template = useMutation({ mutationFn: downloadTemplate, onError: notifyError });
  const upload = useMutation({ mutationFn: (f: File) => importUse(f), onSuccess: () => qc.invalidateQueries({ queryKey: energyKey }) });
  const close = () => {
    setFile(null);
    upload.reset();
    onClose();
  };
  const rowErrors: ErrorDetail[] = isApiError(upload.error) && upload.error.status === 422 ? upload.error.details : [];
  return (
    <Modal open={open} onCancel={close} title={t('energy.importTitle')} width={720} destroyOnHidden footer={null}>
      {upload.isSuccess ? (
        <Result status="success" title={t('energy.imported', { count: upload.data.imported })} extra={<Button type="primary" onClick={close}>{t('common.close')}</Button>} />
      ) : (
        <Flex vertical gap={16}>
          <Typography.Paragraph style={{ margin: 0 }}>
            {t('energy.importHint')}{' '}
            <Button type="link" icon={<DownloadOutlined />} onClick={() => template.mutate()} loading={template.isPending}>{t('energy.downloadTemplate')}</Button>
          </Typography.Paragraph>
          <Upload.Dragger accept=".xlsx" maxCount={1} fileList={file ? [{ uid: '1', name: file.name, status: 'done' }] : []}
            beforeUpload={(f) => { setFile(f); upload.reset(); return false; }} onRemove={() => setFile(null)}>
            <p className="ant-upload-drag-icon"><InboxOutlined /></p>
            <p>{t('energy.import')}</p>
          </Upload.Dragger>
          {upload.error && !rowErrors.length && <Alert type="error" showIcon message={errorText(upload.error)} />}
          {rowErrors.length > 0 && (
            <Table size="small" rowKey={(r, i) => `${r.row}-${r.column}-${i}`} dataSource={rowErrors} pagination={{ pageSize: 8 }}
              columns={[{ title: '#', dataIndex: 'row', width: 60 }, { title: t('energy.energyType'), dataIndex: 'column', width: 160 }, { title: '', dataIndex: 'message' }]} />
          )}
          <Flex justify="end"><Button type="primary" disabled={!file} loading={upload.isPending} onClick={() => file && upload.mutate(file)}>{t('common.import')}</Button></Flex>
        </Flex>
      )}
    </Modal>
  );
}
