import { useMemo, useState } from 'react';
import { App, Button, Card, Col, Form, Input, Popconfirm, Row, Segmented, Select } from 'antd';
import { DownloadOutlined, HistoryOutlined, PlusOutlined, UploadOutlined } from '@ant-design/icons';
import { Link } from 'react-router';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useMutation } from '../../kernel/mutation';
import { useTranslation } from 'react-i18next';
import { useCan } from '../../kernel/auth';
import { useNotifyError } from '../../kernel/errors';
import { useUrlState } from '../../kernel/url-state';
import { pagingOf } from '../../kernel/table';
import { Page } from '../../kernel/components/PageHeader';
import { QueryForm } from '../../kernel/components/QueryForm';
import { CLASSES, deleteFloor, exportRooms, fetchBuilding, fetchRooms, officeKey, STATUSES, VERDICTS, type RoomFilters } from './office-api';
import { BuildingTree } from './BuildingTree';
import { RoomTable } from './RoomTable';
import { RoomDrawer } from './RoomDrawer';
import { RoomFormModal } from './RoomFormModal';
import { FloorPlan } from './FloorPlan';
import { ImportModal } from './ImportModal';
import { RegistryForms } from './RegistryForms';
import { AsOfDate } from './AsOfDate';

/** 办公用房台账: building → floor → room tree, the room list or the floor plan, room details. */
export default function RegistryPage() {
  const { t } = useTranslation();
  const can = useCan();
  const canWrite = can('office.write');
  const url = useUrlState();
  const notifyError = useNotifyError();
  const qc = useQueryClient();
  const { message } = App.useApp();
  const [roomId, setRoomId] = useState<number | null>(null);
  const [importing, setImporting] = useState(false);
  const [creating, setCreating] = useState(false);
  const [form, setForm] = useState<Parameters<typeof RegistryForms>[0]['mode']>(null);
  const buildingId = url.getNumber('buildingId');
  const floorId = url.getNumber('floorId');
  const view = url.get('view') === 'plan' && floorId ? 'plan' : 'list';
  const date = url.get('date');
  const filters = useMemo<RoomFilters>(() => ({
    date, q: url.get('q'), buildingId, floorId, status: url.get('status') as RoomFilters['status'], roomClass: url.get('roomClass') as RoomFilters['roomClass'], verdict: url.get('verdict') as RoomFilters['verdict'],
  }), [url, buildingId, floorId, date]);
  const { page, pageSize } = url;
  const planSize = view === 'plan' ? 500 : pageSize;
  const list = useQuery({ queryKey: [...officeKey, 'rooms', filters, view === 'plan' ? 1 : page, planSize], queryFn: () => fetchRooms(filters, view === 'plan' ? 1 : page, planSize) });
  const building = useQuery({ queryKey: [...officeKey, 'building', buildingId], queryFn: () => fetchBuilding(buildingId!), enabled: Boolean(buildingId) });
  const exporting = useMutation({ mutationFn: () => exportRooms(filters), onError: notifyError });
  const floor = floorId ? building.data?.floorList.find((f) => f.id === floorId) : undefined;
  const removeFloor = useMutation({
    mutationFn: (id: number) => deleteFloor(id),
    onSuccess: () => { void message.success(t('office.floorDeleted', { name: floor?.name ?? '' })); url.set({ floorId: undefined, view: undefined, page: undefined }); void qc.invalidateQueries({ queryKey: officeKey }); },
    onError: notifyError,
  });
  const filtered = Boolean(filters.q || filters.status || filters.roomClass || filters.verdict || buildingId);

  return (
    <Page id="office-registry" title={t('office.nav.registry')}
      extra={<>
        {canWrite && floorId && building.data && <Button type="primary" icon={<PlusOutlined />} onClick={() => setCreating(true)} data-testid="room-create">{t('office.newRoom')}</Button>}
        {canWrite && <Button onClick={() => setForm({ kind: 'building' })} data-testid="building-create">{t('office.newForm.building')}</Button>}
        {canWrite && buildingId && <Button onClick={() => setForm({ kind: 'floor', buildingId })} data-testid="floor-create">{t('office.newForm.floor')}</Button>}
        {canWrite && !date && building.data && <Button onClick={() => setForm({ kind: 'building', building: building.data })} data-testid="building-edit">{t('office.editBuilding')}</Button>}
        {canWrite && !date && floor && <Button onClick={() => setForm({ kind: 'floorEdit', floor })} data-testid="floor-edit">{t('office.editFloor')}</Button>}
        {/* Only an empty floor (entered by mistake) can go; the server also refuses one that ever had a room. */}
        {canWrite && !date && floor && floor.rooms === 0 && (
          <Popconfirm title={t('office.deleteFloorConfirm', { name: floor.name })} onConfirm={() => removeFloor.mutate(floor.id)} okButtonProps={{ danger: true, ...({ 'data-testid': 'floor-delete-ok' } as Record<string, string>) }}>
            <Button danger loading={removeFloor.isPending} data-testid="floor-delete">{t('office.deleteFloor')}</Button>
          </Popconfirm>
        )}
        {buildingId && <Link to={`/office/building-history?id=${buildingId}${date ? `&date=${date}` : ''}`} data-testid="building-history-link"><Button icon={<HistoryOutlined />}>{t('office.historyOpen')}</Button></Link>}
        {canWrite && <Button onClick={() => setForm({ kind: 'person' })} data-testid="person-create">{t('office.newForm.person')}</Button>}
        {canWrite && <Button icon={<UploadOutlined />} onClick={() => setImporting(true)} data-testid="office-import">{t('common.import')}</Button>}
        <Button icon={<DownloadOutlined />} loading={exporting.isPending} onClick={() => exporting.mutate()} data-testid="room-export">{t('common.export')}</Button>
      </>}
    >
      <Row gutter={[16, 16]}>
        <Col xs={24} md={7}>
          <Card size="small" title={t('office.buildingsTitle')}>
            <BuildingTree selected={floorId ? `f${floorId}:${buildingId}` : buildingId ? `b${buildingId}` : undefined}
              onSelect={(k) => url.set({ buildingId: k.buildingId, floorId: k.floorId, page: undefined, view: k.floorId ? url.get('view') : undefined })} />
          </Card>
        </Col>
        <Col xs={24} md={17}>
          <QueryForm<RoomFilters>
            values={filters}
            onSearch={(v) => url.set({ q: v.q?.trim(), status: v.status, roomClass: v.roomClass, verdict: v.verdict, page: undefined })}
            onReset={() => url.set({ q: undefined, status: undefined, roomClass: undefined, verdict: undefined, page: undefined })}
            fields={[
              <Form.Item key="q" name="q" label={t('office.keyword')}><Input allowClear placeholder={t('office.keywordPlaceholder')} data-testid="room-query-q" /></Form.Item>,
              <Form.Item key="s" name="status" label={t('common.status')}><Select allowClear placeholder={t('common.all')} options={STATUSES.map((s) => ({ value: s, label: t(`office.status.${s}`) }))} /></Form.Item>,
              <Form.Item key="c" name="roomClass" label={t('office.class')}><Select allowClear placeholder={t('common.all')} options={CLASSES.map((s) => ({ value: s, label: t(`office.roomClass.${s}`) }))} /></Form.Item>,
              <Form.Item key="v" name="verdict" label={t('office.verdictLabel')}><Select allowClear placeholder={t('common.all')} options={VERDICTS.map((s) => ({ value: s, label: t(`office.verdict.${s}`) }))} data-testid="room-query-verdict" /></Form.Item>,
            ]}
          />
          <div style={{ marginBottom: 12 }}><AsOfDate value={date} onChange={(d) => url.set({ date: d, page: undefined })} /></div>
          {floorId && (
            <Segmented style={{ marginBottom: 12 }} value={view} onChange={(v) => url.set({ view: v === 'plan' ? 'plan' : undefined })}
              options={[{ value: 'list', label: t('office.viewList') }, { value: 'plan', label: t('office.viewPlan') }]} data-testid="view-switch" />
          )}
          {view === 'plan' ? (
            <FloorPlan rooms={list.data?.items ?? []} onOpen={setRoomId} />
          ) : (
            <RoomTable rooms={list.data?.items} loading={list.isFetching} onOpen={setRoomId}
              pagination={pagingOf(t, page, pageSize, list.data?.total, (p, s) => url.set({ page: p, pageSize: s }))}
              emptyText={filtered ? t('office.emptyFiltered') : t('office.empty')} />
          )}
        </Col>
      </Row>
      <RoomDrawer roomId={roomId} onClose={() => setRoomId(null)} canWrite={canWrite && !date} date={date} />
      <RoomFormModal at={creating && floorId && building.data ? { buildingId: buildingId!, floorId, orgUnitId: building.data.orgUnitId } : null} onClose={() => setCreating(false)} />
      <RegistryForms mode={form} onClose={() => setForm(null)} />
      <ImportModal open={importing} onClose={() => setImporting(false)} kinds={['buildings', 'rooms', 'occupants']} />
    </Page>
  );
}
