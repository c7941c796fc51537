import { useState } from 'react';
import { App, Button, Popconfirm, Segmented, Table, Tag } from 'antd';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { useCan } from '../../kernel/auth';
import { useNotifyError } from '../../kernel/errors';
import { endOccupancy, fetchVacate, officeKey, type VacateTask } from './office-api';
import { todayIso } from './labels';

/** 腾退: rooms of people who left, due in 1 month (2 for an extra office), tracked to the day. */
export function VacateTab() {
  const { t } = useTranslation();
  const can = useCan();
  const qc = useQueryClient();
  const { message } = App.useApp();
  const notifyError = useNotifyError();
  const [open, setOpen] = useState(true);
  const list = useQuery({ queryKey: [...officeKey, 'vacate', open], queryFn: () => fetchVacate(open) });
  const done = useMutation({ mutationFn: (id: number) => endOccupancy(id, todayIso()), onSuccess: () => { void message.success(t('common.saved')); void qc.invalidateQueries({ queryKey: officeKey }); }, onError: notifyError });
  return (
    <>
      <Segmented style={{ marginBottom: 12 }} value={open ? 'open' : 'all'} onChange={(v) => setOpen(v === 'open')} options={[{ value: 'open', label: t('office.vacateOpen') }, { value: 'all', label: t('common.all') }]} />
      <Table<VacateTask & { occupancyId: number }> rowKey="id" size="middle" loading={list.isFetching} dataSource={list.data} scroll={{ x: 800 }} data-testid="vacate-table"
        locale={{ emptyText: t('office.vacateEmpty') }}
        columns={[
          { title: t('office.personName'), dataIndex: 'personName' },
          { title: t('office.organ'), dataIndex: 'orgUnitName', ellipsis: true },
          { title: t('office.room'), key: 'room', render: (_, r) => `${r.buildingName} ${r.roomNumber}` },
          { title: t('office.officeKind'), dataIndex: 'kind', render: (k: string) => t(`office.kind.${k}`) },
          { title: t('office.dueOn'), dataIndex: 'dueOn' },
          { title: t('office.daysLeft'), key: 'left', render: (_, r) => (r.doneOn ? <Tag color="green">{t('office.vacatedOn', { date: r.doneOn })}</Tag> : r.daysLeft < 0 ? <Tag color="red">{t('office.overdueDays', { count: -r.daysLeft })}</Tag> : <Tag color={r.daysLeft <= 7 ? 'orange' : 'blue'}>{t('office.daysLeftN', { count: r.daysLeft })}</Tag>) },
          { title: t('common.actions'), key: 'a', render: (_, r) => !r.doneOn && can('office.write') && (
            <Popconfirm title={t('office.vacateConfirm', { name: r.personName })} onConfirm={() => done.mutate(r.occupancyId)}>
              <Button size="small">{t('office.markVacated')}</Button>
            </Popconfirm>
          ) },
        ]} />
    </>
  );
}
