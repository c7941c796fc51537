import { useState } from 'react';
import { App, Button, DatePicker, Descriptions, Drawer, Flex, Form, InputNumber, Popconfirm, Select, Table, Typography } from 'antd';
import dayjs from 'dayjs';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useMutation } from '../../kernel/mutation';
import { useTranslation } from 'react-i18next';
import { useNotifyError } from '../../kernel/errors';
import { OrgTreeSelect } from '../../kernel/components/OrgTreeSelect';
import { assignOccupant, changeRoomUse, endOccupancy, fetchPersons, fetchRoom, officeKey, STATUSES, updateRoom, type Occupant } from './office-api';
import { m2, StatusTag, todayIso, VerdictTag } from './labels';
import { RankModal } from './RankModal';
import { TransferModal } from './TransferModal';

/** One room: its figures and verdict, who sits there, its use over time; edit, assign, end, change use. */
/** `date`: the room as it was on that day (read-only view of the past). */
export function RoomDrawer({ roomId, onClose, canWrite, date }: { roomId: number | null; onClose: () => void; canWrite: boolean; date?: string | undefined }) {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const { message } = App.useApp();
  const notifyError = useNotifyError();
  const detail = useQuery({ queryKey: [...officeKey, 'room', roomId, date], queryFn: () => fetchRoom(roomId!, date), enabled: roomId !== null });
  const [personQ, setPersonQ] = useState('');
  const persons = useQuery({ queryKey: [...officeKey, 'persons', personQ, detail.data?.room.orgUnitId], queryFn: () => fetchPersons(personQ || undefined), enabled: roomId !== null });
  const [assignForm] = Form.useForm<{ personId: number; kind: 'main' | 'extra'; from: dayjs.Dayjs }>();
  const [useForm] = Form.useForm<{ status: string; orgUnitId: number; from: dayjs.Dayjs }>();
  const [areaForm] = Form.useForm<{ usableArea: number; grossArea: number; washroomArea: number; capacity: number }>();
  const refresh = () => qc.invalidateQueries({ queryKey: officeKey });
  const ok = () => {
    void message.success(t('common.saved'));
    void refresh();
  };
  const assign = useMutation({ mutationFn: (v: { personId: number; kind: string; from: dayjs.Dayjs }) => assignOccupant(roomId!, { ...v, from: v.from.format('YYYY-MM-DD') }), onSuccess: () => { assignForm.resetFields(); ok(); }, onError: notifyError });
  const end = useMutation({ mutationFn: (id: number) => endOccupancy(id, todayIso()), onSuccess: ok, onError: notifyError });
  const use = useMutation({ mutationFn: (v: { status: string; orgUnitId: number; from: dayjs.Dayjs }) => changeRoomUse(roomId!, { ...v, from: v.from.format('YYYY-MM-DD') }), onSuccess: ok, onError: notifyError });
  const area = useMutation({ mutationFn: (v: object) => updateRoom(roomId!, v), onSuccess: ok, onError: notifyError });
  const r = detail.data?.room;
  const [ranking, setRanking] = useState<{ id: number; name: string } | null>(null);
  const [transferring, setTransferring] = useState<{ id: number; name: string } | null>(null);

  return (
    <Drawer open={roomId !== null} onClose={onClose} size="large" title={r ? `${r.buildingName} ${r.number}` : ''} destroyOnHidden data-testid="room-drawer">
      <RankModal person={ranking} onClose={() => setRanking(null)} />
      <TransferModal person={transferring} onClose={() => setTransferring(null)} />
      {r && (
        <Flex vertical gap={16}>
          <Descriptions size="small" column={{ xs: 1, sm: 2 }} bordered>
            <Descriptions.Item label={t('office.organ')}>{r.orgUnitName}</Descriptions.Item>
            <Descriptions.Item label={t('office.class')}>{`${t(`office.roomClass.${r.roomClass}`)} / ${t(`office.subType.${r.subType}`)}`}</Descriptions.Item>
            <Descriptions.Item label={t('office.usableArea')}>{m2(r.usableArea)}</Descriptions.Item>
            <Descriptions.Item label={t('office.grossArea')}>{m2(r.grossArea)}</Descriptions.Item>
            <Descriptions.Item label={t('office.washroomArea')}>{m2(r.washroomArea)}</Descriptions.Item>
            <Descriptions.Item label={t('office.capacity')}>{r.capacity}</Descriptions.Item>
            <Descriptions.Item label={t('common.status')}><StatusTag status={r.status} /></Descriptions.Item>
            <Descriptions.Item label={t('office.verdictLabel')}><span data-testid="room-verdict"><VerdictTag verdict={r.verdict} over={r.overArea} /></span></Descriptions.Item>
            <Descriptions.Item label={t('office.entitlement')}>{m2(r.entitlement)}</Descriptions.Item>
          </Descriptions>

          {r.roomClass === 'office' && (
            <>
              <Typography.Title level={5} style={{ margin: 0 }}>{t('office.occupantsTitle')}</Typography.Title>
              <Table<Occupant>
                size="small" rowKey="occupancyId" pagination={false} dataSource={detail.data?.occupants} locale={{ emptyText: t('office.noOccupants') }} data-testid="occupant-table" scroll={{ x: 'max-content' }}
                columns={[
                  { title: t('office.personName'), dataIndex: 'name' },
                  { title: t('office.rank'), dataIndex: 'rankCode', render: (c: string) => t(`office.rankName.${c}`) },
                  { title: t('office.mainOrgan'), dataIndex: 'organName', render: (v: string | undefined) => v ?? '—' },
                  { title: t('office.officeKind'), dataIndex: 'kind', render: (k: string) => t(`office.kind.${k}`) },
                  { title: t('office.entitlement'), dataIndex: 'entitlement', render: (v: number | null) => (v === null ? <Typography.Text type="warning">{t('office.verdict.no_standard')}</Typography.Text> : m2(v)) },
                  { title: t('office.from'), dataIndex: 'from' },
                  ...(canWrite ? [{ title: t('common.actions'), key: 'a', render: (_: unknown, o: Occupant) => (
                    <Flex gap={8}>
                      <Button size="small" onClick={() => setRanking({ id: o.personId, name: o.name })} data-testid={`rank-change-${o.personId}`}>{t('office.rankChange')}</Button>
                      <Button size="small" onClick={() => setTransferring({ id: o.personId, name: o.name })} data-testid={`transfer-${o.personId}`}>{t('office.transfer')}</Button>
                      <Popconfirm title={t('office.endConfirm', { name: o.name })} onConfirm={() => end.mutate(o.occupancyId)}>
                        <Button size="small" danger>{t('office.endOccupancy')}</Button>
                      </Popconfirm>
                    </Flex>
                  ) }] : []),
                ]}
              />
              {canWrite && (
                <Form form={assignForm} layout="inline" onFinish={(v) => assign.mutate(v)} initialValues={{ kind: 'main', from: dayjs() }} data-testid="assign-form">
                  <Form.Item name="personId" rules={[{ required: true, message: t('common.required') }]}>
                    <Select showSearch={{ filterOption: false, onSearch: setPersonQ }} style={{ width: 220 }} placeholder={t('office.pickPerson')}
                      options={(persons.data?.items ?? []).filter((p) => p.status === 'active').map((p) => ({ value: p.id, label: `${p.name} · ${p.orgUnitName} · ${t(`office.rankName.${p.rankCode}`)}` }))} data-testid="assign-person" />
                  </Form.Item>
                  <Form.Item name="kind"><Select style={{ width: 120 }} options={[{ value: 'main', label: t('office.kind.main') }, { value: 'extra', label: t('office.kind.extra') }]} /></Form.Item>
                  <Form.Item name="from" rules={[{ required: true }]}><DatePicker /></Form.Item>
                  <Button type="primary" htmlType="submit" loading={assign.isPending} data-testid="assign-submit">{t('office.assign')}</Button>
                </Form>
              )}
            </>
          )}

          {canWrite && (
            <>
              <Typography.Title level={5} style={{ margin: 0 }}>{t('office.editAreas')}</Typography.Title>
              <Form form={areaForm} layout="inline" initialValues={r} onFinish={(v) => area.mutate(v)} data-testid="area-form">
                <Form.Item name="usableArea" label={t('office.usableArea')}><InputNumber min={0.01} max={3000} /></Form.Item>
                <Form.Item name="grossArea" label={t('office.grossArea')}><InputNumber min={0.01} max={5000} /></Form.Item>
                <Form.Item name="washroomArea" label={t('office.washroomArea')}><InputNumber min={0} max={100} /></Form.Item>
                <Form.Item name="capacity" label={t('office.capacity')}><InputNumber min={1} max={200} /></Form.Item>
                <Button htmlType="submit" loading={area.isPending}>{t('common.save')}</Button>
              </Form>
              <Typography.Title level={5} style={{ margin: 0 }}>{t('office.changeUse')}</Typography.Title>
              <Form form={useForm} layout="inline" initialValues={{ status: r.status, orgUnitId: r.orgUnitId, from: dayjs() }} onFinish={(v) => use.mutate(v)}>
                <Form.Item name="status"><Select style={{ width: 120 }} options={STATUSES.map((s) => ({ value: s, label: t(`office.status.${s}`) }))} /></Form.Item>
                <Form.Item name="orgUnitId" rules={[{ required: true }]}><OrgTreeSelect /></Form.Item>
                <Form.Item name="from" rules={[{ required: true }]}><DatePicker /></Form.Item>
                <Button htmlType="submit" loading={use.isPending}>{t('common.save')}</Button>
              </Form>
            </>
          )}

          <Typography.Title level={5} style={{ margin: 0 }}>{t('office.useHistory')}</Typography.Title>
          <Table size="small" rowKey={(u) => u.from} pagination={false} scroll={{ x: 'max-content' }} dataSource={detail.data?.uses}
            columns={[
              { title: t('office.from'), dataIndex: 'from' },
              { title: t('office.to'), dataIndex: 'to', render: (v: string | null) => v ?? t('office.untilNow') },
              { title: t('common.status'), dataIndex: 'status', render: (s: typeof r.status) => <StatusTag status={s} /> },
              { title: t('office.organ'), dataIndex: 'orgUnitName' },
            ]}
          />
        </Flex>
      )}
    </Drawer>
  );
}
