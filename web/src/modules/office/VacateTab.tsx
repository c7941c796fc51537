import { useState } from 'react';
import { App, Button, DatePicker, Flex, Form, Input, Modal, Segmented, Table, Tag, Upload } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useMutation } from '../../kernel/mutation';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { useCan } from '../../kernel/auth';
import { useNotifyError } from '../../kernel/errors';
import { fetchVacate, officeKey, requestVacateClose, uploadEvidence, type VacateTask } from './office-api';
import { exportList } from './office-api';
import { DownloadOutlined } from '@ant-design/icons';
import { todayIso } from './labels';

/**
 * 腾退: rooms of people who left, due in 1 month (2 for an extra office), tracked to the day. The
 * organ reports a room vacated (day, note, evidence); the bureau approves in /approvals, and only
 * then does the occupancy end and the room enter the vacancy pool.
 */
export function VacateTab() {
  const { t } = useTranslation();
  const can = useCan();
  const qc = useQueryClient();
  const { message } = App.useApp();
  const notifyError = useNotifyError();
  const [open, setOpen] = useState(true);
  const [closing, setClosing] = useState<VacateTask | null>(null);
  const [file, setFile] = useState<File | null>(null);
  const [form] = Form.useForm<{ vacatedOn: Dayjs; note?: string }>();
  const list = useQuery({ queryKey: [...officeKey, 'vacate', open], queryFn: () => fetchVacate(open) });
  const report = useMutation({
    mutationFn: async (v: { vacatedOn: Dayjs; note?: string }) => {
      const r = await requestVacateClose(closing!.id, v.vacatedOn.format('YYYY-MM-DD'), v.note ?? '');
      if (file) await uploadEvidence(r.approvalId, file);
      return r;
    },
    onSuccess: () => { void message.success(t('office.vacateRequested')); setClosing(null); setFile(null); void qc.invalidateQueries({ queryKey: officeKey }); },
    onError: notifyError,
  });
  const today = dayjs(todayIso());
  return (
    <>
      <Segmented style={{ marginBottom: 12 }} value={open ? 'open' : 'all'} onChange={(v) => setOpen(v === 'open')} options={[{ value: 'open', label: t('office.vacateOpen') }, { value: 'all', label: t('common.all') }]} data-testid="vacate-filter" />
      <Button style={{ marginLeft: 8, marginBottom: 12 }} icon={<DownloadOutlined />} onClick={() => exportList('vacate', { open: String(open) }).catch(notifyError)} data-testid="vacate-export">{t('common.export')}</Button>
      <Table<VacateTask> rowKey="id" size="middle" loading={list.isFetching} dataSource={list.data} scroll={{ x: 'max-content' }} data-testid="vacate-table"
        locale={{ emptyText: t('office.vacateEmpty') }}
        columns={[
          { title: t('office.personName'), dataIndex: 'personName' },
          { title: t('office.organ'), dataIndex: 'orgUnitName', ellipsis: true },
          { title: t('office.room'), key: 'room', render: (_, r) => `${r.buildingName} ${r.roomNumber}` },
          { title: t('office.officeKind'), dataIndex: 'kind', render: (k: string) => t(`office.kind.${k}`) },
          { title: t('office.dueOn'), dataIndex: 'dueOn' },
          { title: t('office.daysLeft'), key: 'left', render: (_, r) => (r.status === 'done' ? <Tag color="green">{t('office.vacatedOn', { date: r.doneOn })}</Tag>
            : r.status === 'closing' ? <Tag color="orange">{t('office.vacateClosing', { date: r.vacatedOn })}</Tag>
            : r.daysLeft < 0 ? <Tag color="red">{t('office.overdueDays', { count: -r.daysLeft })}</Tag> : <Tag color={r.daysLeft <= 7 ? 'orange' : 'blue'}>{t('office.daysLeftN', { count: r.daysLeft })}</Tag>) },
          { title: t('common.actions'), key: 'a', render: (_, r) => (
            <Flex gap={8}>
              {r.status === 'open' && can('office.write') && <Button size="small" onClick={() => { setClosing(r); setFile(null); }} data-testid={`vacate-report-${r.id}`}>{t('office.reportVacated')}</Button>}
              {r.approvalId && <Link to={`/approvals?id=${r.approvalId}`}>{t('office.viewApproval')}</Link>}
            </Flex>
          ) },
        ]} />
      <Modal open={closing !== null} title={closing ? t('office.reportVacatedTitle', { name: closing.personName, room: `${closing.buildingName} ${closing.roomNumber}` }) : ''}
        onCancel={() => setClosing(null)} onOk={() => form.submit()} confirmLoading={report.isPending} destroyOnHidden okButtonProps={{ 'data-testid': 'vacate-report-ok' } as Record<string, string>}>
        <Form form={form} layout="vertical" preserve={false} initialValues={{ vacatedOn: today }} onFinish={(v) => report.mutate(v)}>
          <Form.Item name="vacatedOn" label={t('office.vacatedDay')} rules={[{ required: true, message: t('common.required') }]} extra={t('office.vacatedDayHint')}>
            <DatePicker allowClear={false} disabledDate={(d) => d.isAfter(today, 'day')} data-testid="vacate-day" />
          </Form.Item>
          <Form.Item name="note" label={t('office.vacateNote')}>
            <Input.TextArea rows={3} maxLength={1000} data-testid="vacate-note" />
          </Form.Item>
          <Form.Item label={t('office.evidence')}>
            <Upload maxCount={1} beforeUpload={(f) => { setFile(f); return false; }} onRemove={() => setFile(null)} fileList={file ? [{ uid: '1', name: file.name, status: 'done' }] : []}>
              <Button>{t('office.pickEvidence')}</Button>
            </Upload>
          </Form.Item>
        </Form>
      </Modal>
    </>
  );
}
