import { lazy, Suspense, useState } from 'react';
import { Breadcrumb, Button, Card, Col, Flex, Row, Spin, Statistic, Table, Typography } from 'antd';
import { DownloadOutlined } from '@ant-design/icons';
import { useQuery } from '@tanstack/react-query';
import { useMutation } from '../../kernel/mutation';
import { useTranslation } from 'react-i18next';
import { useUrlState } from '../../kernel/url-state';
import { useNotifyError } from '../../kernel/errors';
import { Page } from '../../kernel/components/PageHeader';
import { pagingOf } from '../../kernel/table';
import { exportCompliance, exportRooms, fetchCompliance, fetchRooms, officeKey, type ComplianceSummary } from './office-api';
import { RoomTable } from './RoomTable';
import { RoomDrawer } from './RoomDrawer';
import { m2 } from './labels';
import { AsOfDate } from './AsOfDate';

const ComplianceChart = lazy(() => import('./ComplianceChart'));
type Row = ComplianceSummary['children'][number];

/** 达标情况: province → prefecture → county → organ → rooms, the figures and a chart at each level. */
export default function CompliancePage() {
  const { t } = useTranslation();
  const url = useUrlState();
  const unitId = url.getNumber('unitId');
  const trail = (url.get('trail') ?? '').split('~').filter(Boolean).map((s) => { const [id, ...name] = s.split(':'); return { id: Number(id), name: name.join(':') }; });
  const [roomId, setRoomId] = useState<number | null>(null);
  const date = url.get('date');
  const summary = useQuery({ queryKey: [...officeKey, 'compliance', unitId, date], queryFn: () => fetchCompliance(unitId, date) });
  const s = summary.data;
  const isOrgan = s?.unit.kind === 'organ';
  const { page, pageSize } = url;
  // The unit shown: the one drilled to, or (no `unitId` in the address) the caller's own, as the summary answers.
  const organId = isOrgan ? s.unit.unitId : undefined;
  const rooms = useQuery({ queryKey: [...officeKey, 'compliance-rooms', organId, date, page, pageSize], queryFn: () => fetchRooms({ orgUnitId: organId, roomClass: 'office', status: 'in_use', date }, page, pageSize), enabled: organId !== undefined });
  const drill = (r: Row) => {
    const here = s ? [...trail, { id: s.unit.unitId, name: s.unit.name }] : trail;
    url.set({ unitId: r.unitId, trail: here.map((x) => `${x.id}:${x.name}`).join('~'), page: undefined });
  };
  const notifyError = useNotifyError();
  // The list the user sees: an organ's offices (room list), or the children's figures, as of the chosen day.
  const exporting = useMutation({
    mutationFn: () => (isOrgan ? exportRooms({ orgUnitId: s?.unit.unitId ?? unitId, roomClass: 'office', status: 'in_use', date }) : exportCompliance(s?.unit.unitId ?? unitId, date)),
    onError: notifyError,
  });
  const back = (i: number) => url.set({ unitId: trail[i]!.id, trail: trail.slice(0, i).map((x) => `${x.id}:${x.name}`).join('~'), page: undefined });

  return (
    <Page id="office-compliance" title={t('office.nav.compliance')} extra={<Flex gap={8} wrap align="center">
        <AsOfDate value={date} onChange={(d) => url.set({ date: d, page: undefined })} />
        <Button icon={<DownloadOutlined />} disabled={!s} loading={exporting.isPending} onClick={() => exporting.mutate()} data-testid="compliance-export">{t('common.export')}</Button>
      </Flex>}>
      <Breadcrumb style={{ marginBottom: 12 }} data-testid="compliance-trail"
        items={[...trail.map((x, i) => ({ title: <a onClick={() => back(i)}>{x.name}</a> })), { title: s?.unit.name ?? '…' }]} />
      {!s ? <Spin /> : (
        <>
          <Row gutter={[16, 16]} style={{ marginBottom: 16 }}>
            <Col xs={12} md={6}><Card size="small"><Statistic title={t('office.rate')} value={s.unit.rate ?? '—'} suffix={s.unit.rate === null ? '' : '%'} data-testid="stat-rate" /></Card></Col>
            <Col xs={12} md={6}><Card size="small"><Statistic title={t('office.officesInUse')} value={s.unit.offices} data-testid="stat-offices" /></Card></Col>
            <Col xs={12} md={6}><Card size="small"><Statistic title={t('office.overOffices')} value={s.unit.over} styles={{ content: { color: s.unit.over ? '#cf1322' : undefined } }} data-testid="stat-over" /></Card></Col>
            <Col xs={12} md={6}><Card size="small"><Statistic title={t('office.overArea')} value={s.unit.overArea} suffix="m²" /></Card></Col>
          </Row>
          <Row gutter={[16, 16]} style={{ marginBottom: 16 }}>
            {isOrgan ? (
              <Col xs={24} md={12}><Card size="small" data-testid="service-card">
                <Statistic title={t('office.servicePerHead')} value={s.unit.servicePerHead ?? '—'} suffix={s.unit.servicePerHead === null || s.unit.servicePerHead === undefined ? '' : t('office.m2PerHead')}
                  styles={{ content: { color: s.unit.serviceOverOrgans ? '#cf1322' : undefined } }} />
                <Typography.Text type="secondary">
                  {s.unit.serviceMax === null || s.unit.serviceMax === undefined ? t('office.serviceNoStandard') : t('office.serviceStandardIs', { range: s.unit.serviceMin ? `${s.unit.serviceMin}–${s.unit.serviceMax}` : `≤ ${s.unit.serviceMax}` })}
                  {s.unit.serviceOverOrgans ? ` · ${t('office.serviceOver', { area: s.unit.serviceOverArea })}` : ''}
                </Typography.Text>
              </Card></Col>
            ) : (
              <Col xs={24} md={12}><Card size="small" data-testid="service-card">
                <Statistic title={t('office.serviceOverOrgans')} value={s.unit.serviceOverOrgans} styles={{ content: { color: s.unit.serviceOverOrgans ? '#cf1322' : undefined } }} />
                <Typography.Text type="secondary">{t('office.serviceRegion', { area: s.unit.serviceArea, allowed: s.unit.serviceAllowed })}</Typography.Text>
              </Card></Col>
            )}
          </Row>
          {isOrgan ? (
            <>
              <Typography.Title level={5}>{t('office.organRooms')}</Typography.Title>
              <RoomTable rooms={rooms.data?.items} loading={rooms.isFetching} onOpen={setRoomId} emptyText={t('office.organRoomsEmpty')}
                pagination={pagingOf(t, page, pageSize, rooms.data?.total, (p, sz) => url.set({ page: p, pageSize: sz }))} />
            </>
          ) : (
            <>
              <Suspense fallback={<Spin />}><ComplianceChart rows={s.children} onDrill={drill} /></Suspense>
              <Table<Row> rowKey="unitId" size="middle" dataSource={s.children} pagination={false} scroll={{ x: 'max-content' }} data-testid="compliance-table"
                locale={{ emptyText: t('office.complianceEmpty') }}
                onRow={(r) => ({ onClick: () => drill(r), style: { cursor: 'pointer' } })}
                columns={[
                  { title: t('office.unit'), dataIndex: 'name', render: (n: string) => <a>{n}</a> },
                  { title: t('office.officesInUse'), dataIndex: 'offices' },
                  { title: t('office.verdict.compliant'), dataIndex: 'compliant' },
                  { title: t('office.verdict.over'), dataIndex: 'over' },
                  { title: t('office.rate'), dataIndex: 'rate', render: (v: number | null) => (v === null ? '—' : `${v}%`), sorter: (a, b) => (a.rate ?? 101) - (b.rate ?? 101) },
                  { title: t('office.overArea'), dataIndex: 'overArea', render: (v: number) => m2(v) },
                  { title: t('office.usableArea'), dataIndex: 'usableArea', render: (v: number) => m2(v) },
                  { title: t('office.serviceOverOrgans'), dataIndex: 'serviceOverOrgans' },
                ]} />
            </>
          )}
        </>
      )}
      <RoomDrawer roomId={roomId} onClose={() => setRoomId(null)} canWrite={false} date={date} />
    </Page>
  );
}
