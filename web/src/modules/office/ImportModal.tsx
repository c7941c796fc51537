import { useState } from 'react';
import { Alert, Button, Flex, Modal, Result, Select, Table, Typography, Upload } from 'antd';
import { DownloadOutlined, InboxOutlined } from '@ant-design/icons';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { isApiError, type ErrorDetail } from '../../kernel/api';
import { useErrorText, useNotifyError } from '../../kernel/errors';
import { downloadTemplate, importFile, officeKey } from './office-api';

type Kind = 'buildings' | 'rooms' | 'occupants' | 'survey';

/** Excel import of one kind: template, upload, then "N imported" or every bad row (nothing imported). */
export function ImportModal({ open, onClose, kinds }: { open: boolean; onClose: () => void; kinds: Kind[] }) {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const errorText = useErrorText();
  const notifyError = useNotifyError();
  const [kind, setKind] = useState<Kind>(kinds[0]!);
  const [file, setFile] = useState<File | null>(null);
  const template = useMutation({ mutationFn: () => downloadTemplate(kind), onError: notifyError });
  const upload = useMutation({ mutationFn: (f: File) => importFile<{ imported: number }>(kind, f), onSuccess: () => qc.invalidateQueries({ queryKey: officeKey }) });
  const close = () => {
    setFile(null);
    upload.reset();
    onClose();
  };
  const rowErrors: ErrorDetail[] = isApiError(upload.error) && upload.error.status === 422 ? upload.error.details : [];
  return (
    <Modal open={open} onCancel={close} title={t('office.importTitle')} width={720} destroyOnHidden footer={null}>
      {upload.isSuccess ? (
        <Result status="success" title={t('office.importDone', { count: upload.data.imported })} extra={<Button type="primary" onClick={close}>{t('common.close')}</Button>} data-testid="office-import-done" />
      ) : (
        <Flex vertical gap={16}>
          <Flex gap={8} align="center" wrap>
            <Select value={kind} onChange={(k) => { setKind(k); upload.reset(); }} style={{ width: 200 }} options={kinds.map((k) => ({ value: k, label: t(`office.importKind.${k}`) }))} data-testid="office-import-kind" />
            <Button type="link" icon={<DownloadOutlined />} onClick={() => template.mutate()} loading={template.isPending}>{t('office.template')}</Button>
          </Flex>
          <Typography.Text type="secondary">{t('office.importIntro')}</Typography.Text>
          <Upload.Dragger accept=".xlsx" maxCount={1} fileList={file ? [{ uid: '1', name: file.name, status: 'done' }] : []}
            beforeUpload={(f) => { setFile(f); upload.reset(); return false; }} onRemove={() => setFile(null)} data-testid="office-import-file">
            <p className="ant-upload-drag-icon"><InboxOutlined /></p>
            <p>{t('office.importDrop')}</p>
          </Upload.Dragger>
          {upload.isError && (
            <Alert type="error" showIcon title={rowErrors.length ? t('office.importRejected', { count: new Set(rowErrors.map((e) => e.row)).size }) : errorText(upload.error)}
              description={rowErrors.length ? t('office.importNothingSaved') : undefined} data-testid="office-import-error" />
          )}
          {rowErrors.length > 0 && (
            <Table<ErrorDetail> size="small" rowKey={(d) => `${d.row}-${d.column}-${d.message}`} dataSource={rowErrors} pagination={{ pageSize: 10 }}
              columns={[{ title: t('office.row'), dataIndex: 'row', width: 70 }, { title: t('office.column'), dataIndex: 'column', width: 160 }, { title: t('office.problem'), dataIndex: 'message' }]} />
          )}
          <Flex justify="end" gap={8}>
            <Button onClick={close}>{t('common.cancel')}</Button>
            <Button type="primary" disabled={!file} loading={upload.isPending} onClick={() => file && upload.mutate(file)} data-testid="office-import-submit">{t('common.import')}</Button>
          </Flex>
        </Flex>
      )}
    </Modal>
  );
}
