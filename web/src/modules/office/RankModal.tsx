import { App, DatePicker, Form, Modal, Select, Table, Typography } from 'antd';
import dayjs from 'dayjs';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useMutation } from '../../kernel/mutation';
import { useTranslation } from 'react-i18next';
import { useNotifyError } from '../../kernel/errors';
import { changeRank, fetchRanks, officeKey, type RankPeriod } from './office-api';

const RANKS = ['head', 'deputy_head', 'bureau_chief', 'deputy_bureau_chief', 'division_chief', 'deputy_division_chief', 'section_chief', 'deputy_section_chief', 'staff'] as const;

/** 职级变动: a person's ranks over time and a dated change (the entitlement follows the rank held each day). */
export function RankModal({ person, onClose }: { person: { id: number; name: string } | null; onClose: () => void }) {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const { message } = App.useApp();
  const notifyError = useNotifyError();
  const [form] = Form.useForm<{ rankCode: string; from: dayjs.Dayjs }>();
  const periods = useQuery({ queryKey: [...officeKey, 'ranks', person?.id], queryFn: () => fetchRanks(person!.id), enabled: person !== null });
  const save = useMutation({
    mutationFn: (v: { rankCode: string; from: dayjs.Dayjs }) => changeRank(person!.id, v.rankCode, v.from.format('YYYY-MM-DD')),
    onSuccess: () => { void message.success(t('common.saved')); form.resetFields(); void qc.invalidateQueries({ queryKey: officeKey }); },
    onError: notifyError,
  });
  return (
    <Modal open={person !== null} title={t('office.rankChangeTitle', { name: person?.name ?? '' })} onCancel={onClose} onOk={() => form.submit()} okText={t('office.rankChangeSave')}
      confirmLoading={save.isPending} destroyOnHidden okButtonProps={{ 'data-testid': 'rank-save' } as Record<string, string>}>
      <Typography.Paragraph type="secondary">{t('office.rankChangeIntro')}</Typography.Paragraph>
      <Table<RankPeriod> rowKey="id" size="small" pagination={false} dataSource={periods.data} loading={periods.isFetching} scroll={{ x: 'max-content' }} data-testid="rank-history"
        columns={[
          { title: t('office.rank'), dataIndex: 'rankCode', render: (c: string) => t(`office.rankName.${c}`) },
          { title: t('office.from'), dataIndex: 'from', render: (v: string | null) => v ?? t('office.sinceRecorded') },
          { title: t('office.to'), dataIndex: 'to', render: (v: string | null) => v ?? t('office.untilNow') },
        ]} />
      <Form form={form} layout="vertical" style={{ marginTop: 16 }} onFinish={(v) => save.mutate(v)} data-testid="rank-form">
        <Form.Item name="rankCode" label={t('office.newRank')} rules={[{ required: true, message: t('common.required') }]}>
          <Select options={RANKS.map((r) => ({ value: r, label: t(`office.rankName.${r}`) }))} data-testid="rank-select" />
        </Form.Item>
        <Form.Item name="from" label={t('office.rankFrom')} rules={[{ required: true, message: t('common.required') }]}>
          <DatePicker disabledDate={(d) => d.isAfter(dayjs(), 'day')} data-testid="rank-from" />
        </Form.Item>
      </Form>
    </Modal>
  );
}
