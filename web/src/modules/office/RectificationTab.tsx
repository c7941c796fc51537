import { useState } from 'react';
import { App, Button, DatePicker, Flex, Form, Input, Modal, Popconfirm, Select, Table, Tag, Upload } from 'antd';
import dayjs from 'dayjs';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useMutation } from '../../kernel/mutation';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { useCan } from '../../kernel/auth';
import { useNotifyError } from '../../kernel/errors';
import { fetchRectifications, officeKey, requestClose, sweepRectifications, uploadEvidence, type Rectification } from './office-api';
import { exportList } from './office-api';
import { DownloadOutlined } from '@ant-design/icons';
import { m2 } from './labels';

const STATUS_COLOR = { open: 'red', closing: 'orange', closed: 'green' } as const;

/** 整改: cases on over-standard rooms; the organ reports its measures with evidence, the bureau approves closing. */
export function RectificationTab() {
  const { t } = useTranslation();
  const can = useCan();
  const qc = useQueryClient();
  const { message } = App.useApp();
  const notifyError = useNotifyError();
  const [status, setStatus] = useState<string | undefined>('open');
  const [closing, setClosing] = useState<Rectification | null>(null);
  const [file, setFile] = useState<File | null>(null);
  const [form] = Form.useForm<{ measures: string }>();
  const [deadline, setDeadline] = useState(dayjs().add(3, 'month'));
  const list = useQuery({ queryKey: [...officeKey, 'rect', status], queryFn: () => fetchRectifications(status) });
  const sweep = useMutation({ mutationFn: () => sweepRectifications(deadline.format('YYYY-MM-DD')), onSuccess: (r) => { void message.success(t('office.sweepDone', { count: r.opened })); void qc.invalidateQueries({ queryKey: officeKey }); }, onError: notifyError });
  const close = useMutation({
    mutationFn: async (v: { measures: string }) => {
      const r = await requestClose(closing!.id, v.measures);
      if (file) await uploadEvidence(r.approvalId, file);
      return r;
    },
    onSuccess: () => { void message.success(t('office.closeRequested')); setClosing(null); setFile(null); void qc.invalidateQueries({ queryKey: officeKey }); },
    onError: notifyError,
  });
  return (
    <Flex vertical gap={12}>
      <Flex gap={8} wrap justify="space-between">
        <Select style={{ width: 160 }} allowClear placeholder={t('common.all')} value={status} onChange={setStatus}
          options={(['open', 'closing', 'closed'] as const).map((s) => ({ value: s, label: t(`office.rectStatus.${s}`) }))} data-testid="rect-status" />
        <Button icon={<DownloadOutlined />} onClick={() => exportList('rectifications', { status }).catch(notifyError)} data-testid="rect-export">{t('common.export')}</Button>
        {can('office.supervise') && (
          <Flex gap={8} align="center" wrap>
            <span>{t('office.deadline')}</span>
            <DatePicker value={deadline} onChange={(d) => d && setDeadline(d)} allowClear={false} disabledDate={(d) => d.isBefore(dayjs(), 'day')} />
            <Popconfirm title={t('office.sweepConfirm')} onConfirm={() => sweep.mutate()}>
              <Button type="primary" loading={sweep.isPending} data-testid="rect-sweep">{t('office.sweep')}</Button>
            </Popconfirm>
          </Flex>
        )}
      </Flex>
      <Table<Rectification> rowKey="id" size="middle" loading={list.isFetching} dataSource={list.data} scroll={{ x: 'max-content' }} data-testid="rect-table"
        locale={{ emptyText: t('office.rectEmpty') }}
        columns={[
          { title: t('office.organ'), dataIndex: 'orgUnitName', ellipsis: true },
          { title: t('office.room'), key: 'room', render: (_, r) => `${r.buildingName} ${r.roomNumber}` },
          { title: t('office.overArea'), dataIndex: 'overArea', render: (v: number) => m2(v) },
          { title: t('office.openedOn'), dataIndex: 'openedOn' },
          { title: t('office.deadline'), dataIndex: 'deadline', render: (d: string, r) => (r.overdue ? <Tag color="red">{d} {t('office.overdue')}</Tag> : d) },
          { title: t('common.status'), dataIndex: 'status', render: (s: Rectification['status']) => <Tag color={STATUS_COLOR[s]}>{t(`office.rectStatus.${s}`)}</Tag> },
          { title: t('common.actions'), key: 'a', render: (_, r) => (
            <Flex gap={8}>
              {r.status === 'open' && can('office.write') && <Button size="small" onClick={() => setClosing(r)} data-testid={`rect-close-${r.id}`}>{t('office.requestClose')}</Button>}
              {r.approvalId && <Link to={`/approvals?id=${r.approvalId}`}>{t('office.viewApproval')}</Link>}
            </Flex>
          ) },
        ]} />
      <Modal open={closing !== null} title={t('office.requestClose')} onCancel={() => setClosing(null)} onOk={() => form.submit()} confirmLoading={close.isPending} destroyOnHidden okButtonProps={{ 'data-testid': 'rect-close-ok' } as Record<string, string>}>
        <Form form={form} layout="vertical" preserve={false} onFinish={(v) => close.mutate(v)}>
          <Form.Item name="measures" label={t('office.measures')} rules={[{ required: true, message: t('common.required') }]}>
            <Input.TextArea rows={4} maxLength={1000} data-testid="rect-measures" />
          </Form.Item>
          <Form.Item label={t('office.evidence')}>
            <Upload maxCount={1} beforeUpload={(f) => { setFile(f); return false; }} onRemove={() => setFile(null)} fileList={file ? [{ uid: '1', name: file.name, status: 'done' }] : []}>
              <Button>{t('office.pickEvidence')}</Button>
            </Upload>
          </Form.Item>
        </Form>
      </Modal>
    </Flex>
  );
}
