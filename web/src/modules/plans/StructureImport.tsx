import { useState } from 'react';
import { Alert, Button, Flex, Modal, Result, Table, Typography, Upload } from 'antd';
import { DownloadOutlined, InboxOutlined } from '@ant-design/icons';
import { useQueryClient } from '@tanstack/react-query';
import { useMutation } from '../../kernel/mutation';
import { useTranslation } from 'react-i18next';
import { isApiError, type ErrorDetail } from '../../kernel/api';
import { useErrorText, useNotifyError } from '../../kernel/errors';
import { plansApi, plansKey, type Plan } from './api';

/** A plan's structure from Excel: template, upload, then "N items imported" or every bad row (nothing imported). */
export function StructureImportModal({ plan, open, onClose }: { plan: Plan; open: boolean; onClose: () => void }) {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const errorText = useErrorText();
  const notifyError = useNotifyError();
  const [file, setFile] = useState<File | null>(null);
  const template = useMutation({ mutationFn: plansApi.structureTemplate, onError: notifyError });
  const upload = useMutation({ mutationFn: (f: File) => plansApi.importStructure(plan.id, f), onSuccess: () => qc.invalidateQueries({ queryKey: plansKey }) });
  const close = () => {
    setFile(null);
    upload.reset();
    onClose();
  };
  const rowErrors: ErrorDetail[] = isApiError(upload.error) && upload.error.status === 422 ? upload.error.details.filter((d) => d.row !== undefined || d.column) : [];
  return (
    <Modal open={open} onCancel={close} title={t('plans.structure.title')} width={720} destroyOnHidden footer={null}>
      {upload.isSuccess ? (
        <Result status="success" title={t('plans.structure.done', { count: upload.data.imported })} extra={<Button type="primary" onClick={close}>{t('common.close')}</Button>} data-testid="structure-import-done" />
      ) : (
        <Flex vertical gap={16}>
          <Typography.Paragraph style={{ margin: 0 }}>
            {t('plans.structure.intro')}{' '}
            <Button type="link" icon={<DownloadOutlined />} onClick={() => template.mutate()} loading={template.isPending}>{t('plans.structure.template')}</Button>
          </Typography.Paragraph>
          <Upload.Dragger accept=".xlsx,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet" maxCount={1}
            fileList={file ? [{ uid: '1', name: file.name, status: 'done' }] : []}
            beforeUpload={(f) => { setFile(f); upload.reset(); return false; }} onRemove={() => setFile(null)} data-testid="structure-import-file">
            <p className="ant-upload-drag-icon"><InboxOutlined /></p>
            <p>{t('plans.structure.drop')}</p>
          </Upload.Dragger>
          {upload.isError && (
            <Alert type="error" showIcon title={rowErrors.length ? t('plans.structure.rejected', { count: new Set(rowErrors.map((e) => e.row)).size }) : errorText(upload.error)}
              description={rowErrors.length ? t('plans.structure.nothingSaved') : undefined} data-testid="structure-import-error" />
          )}
          {rowErrors.length > 0 && (
            <Table<ErrorDetail> size="small" rowKey={(d) => `${d.row}-${d.column}-${d.message}`} dataSource={rowErrors} pagination={rowErrors.length > 10 ? { pageSize: 10 } : false} scroll={{ x: 'max-content' }}
              columns={[
                { title: t('plans.structure.row'), dataIndex: 'row', width: 80 },
                { title: t('plans.structure.column'), dataIndex: 'column', width: 140 },
                { title: t('plans.structure.problem'), dataIndex: 'message' },
              ]} data-testid="structure-import-errors" />
          )}
          <Flex justify="flex-end" gap={8}>
            <Button onClick={close}>{t('common.cancel')}</Button>
            <Button type="primary" disabled={!file} loading={upload.isPending} onClick={() => file && upload.mutate(file)} data-testid="structure-import-submit">{t('plans.structure.start')}</Button>
          </Flex>
        </Flex>
      )}
    </Modal>
  );
}
