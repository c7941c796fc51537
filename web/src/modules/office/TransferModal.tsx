import { App, DatePicker, Form, Modal, Table, Typography } from 'antd';
import dayjs from 'dayjs';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useMutation } from '../../kernel/mutation';
import { useTranslation } from 'react-i18next';
import { useNotifyError } from '../../kernel/errors';
import { OrgTreeSelect } from '../../kernel/components/OrgTreeSelect';
import { fetchOrganPeriods, officeKey, transferPerson, type OrganPeriod } from './office-api';

/** 调动: a person's main organ over time and a dated transfer (entitlement, headcount and lists follow the organ held each day). */
export function TransferModal({ person, onClose }: { person: { id: number; name: string } | null; onClose: () => void }) {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const { message } = App.useApp();
  const notifyError = useNotifyError();
  const [form] = Form.useForm<{ orgUnitId: number; from: dayjs.Dayjs }>();
  const periods = useQuery({ queryKey: [...officeKey, 'organs', person?.id], queryFn: () => fetchOrganPeriods(person!.id), enabled: person !== null });
  const save = useMutation({
    mutationFn: (v: { orgUnitId: number; from: dayjs.Dayjs }) => transferPerson(person!.id, v.orgUnitId, v.from.format('YYYY-MM-DD')),
    onSuccess: () => { void message.success(t('common.saved')); form.resetFields(); void qc.invalidateQueries({ queryKey: officeKey }); },
    onError: notifyError,
  });
  return (
    <Modal open={person !== null} title={t('office.transferTitle', { name: person?.name ?? '' })} onCancel={onClose} onOk={() => form.submit()} okText={t('office.transferSave')}
      confirmLoading={save.isPending} destroyOnHidden okButtonProps={{ 'data-testid': 'transfer-save' } as Record<string, string>}>
      <Typography.Paragraph type="secondary">{t('office.transferIntro')}</Typography.Paragraph>
      <Table<OrganPeriod> rowKey="id" size="small" pagination={false} dataSource={periods.data} loading={periods.isFetching} scroll={{ x: 'max-content' }} data-testid="organ-history"
        columns={[
          { title: t('office.organ'), key: 'o', render: (_, p) => (p.departmentName ? `${p.orgUnitName} / ${p.departmentName}` : p.orgUnitName) },
          { title: t('office.from'), dataIndex: 'from', render: (v: string | null) => v ?? t('office.sinceRecorded') },
          { title: t('office.to'), dataIndex: 'to', render: (v: string | null) => v ?? t('office.untilNow') },
        ]} />
      <Form form={form} layout="vertical" style={{ marginTop: 16 }} onFinish={(v) => save.mutate(v)} data-testid="transfer-form">
        <Form.Item name="orgUnitId" label={t('office.transferTo')} rules={[{ required: true, message: t('common.required') }]}><OrgTreeSelect /></Form.Item>
        <Form.Item name="from" label={t('office.transferFrom')} rules={[{ required: true, message: t('common.required') }]}>
          <DatePicker disabledDate={(d) => d.isAfter(dayjs(), 'day')} data-testid="transfer-from" />
        </Form.Item>
      </Form>
    </Modal>
  );
}
