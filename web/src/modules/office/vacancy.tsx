import { useMemo, useState } from 'react';
import { Button, Form, Input, Select } from 'antd';
import { DownloadOutlined } from '@ant-design/icons';
import { useQuery } from '@tanstack/react-query';
import { useMutation } from '../../kernel/mutation';
import { useTranslation } from 'react-i18next';
import { useNotifyError } from '../../kernel/errors';
import { useUrlState } from '../../kernel/url-state';
import { pagingOf } from '../../kernel/table';
import { Page } from '../../kernel/components/PageHeader';
import { QueryForm } from '../../kernel/components/QueryForm';
import { CLASSES, exportRooms, fetchRooms, officeKey, type RoomFilters } from './office-api';
import { RoomTable } from './RoomTable';
import { RoomDrawer } from './RoomDrawer';

/** 空置房源: every vacant room in scope, for reassignment (调剂) first. */
export default function VacancyPage() {
  const { t } = useTranslation();
  const url = useUrlState();
  const notifyError = useNotifyError();
  const [roomId, setRoomId] = useState<number | null>(null);
  const filters = useMemo<RoomFilters>(() => ({ status: 'vacant', q: url.get('q'), roomClass: url.get('roomClass') as RoomFilters['roomClass'] }), [url]);
  const { page, pageSize } = url;
  const list = useQuery({ queryKey: [...officeKey, 'vacant', filters, page, pageSize], queryFn: () => fetchRooms(filters, page, pageSize) });
  const exporting = useMutation({ mutationFn: () => exportRooms(filters), onError: notifyError });
  return (
    <Page id="office-vacancy" title={t('office.nav.vacancy')}
      extra={<Button icon={<DownloadOutlined />} loading={exporting.isPending} onClick={() => exporting.mutate()}>{t('common.export')}</Button>}>
      <QueryForm<RoomFilters> values={filters} onSearch={(v) => url.set({ q: v.q?.trim(), roomClass: v.roomClass, page: undefined })} onReset={() => url.set({ q: undefined, roomClass: undefined, page: undefined })}
        fields={[
          <Form.Item key="q" name="q" label={t('office.keyword')}><Input allowClear placeholder={t('office.keywordPlaceholder')} /></Form.Item>,
          <Form.Item key="c" name="roomClass" label={t('office.class')}><Select allowClear placeholder={t('common.all')} options={CLASSES.map((s) => ({ value: s, label: t(`office.roomClass.${s}`) }))} /></Form.Item>,
        ]} />
      <RoomTable rooms={list.data?.items} loading={list.isFetching} onOpen={setRoomId} emptyText={t('office.vacancyEmpty')}
        pagination={pagingOf(t, page, pageSize, list.data?.total, (p, s) => url.set({ page: p, pageSize: s }))} />
      <RoomDrawer roomId={roomId} onClose={() => setRoomId(null)} canWrite={false} />
    </Page>
  );
}
