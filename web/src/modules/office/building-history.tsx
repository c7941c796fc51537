import { useState } from 'react';
import { Card, Col, Descriptions, Empty, Flex, List, Row, Tag, Timeline, Typography } from 'antd';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { useUrlState } from '../../kernel/url-state';
import { pagingOf } from '../../kernel/table';
import { Page } from '../../kernel/components/PageHeader';
import { fetchBuilding, fetchBuildingHistory, fetchRooms, officeKey, type BuildingEvent } from './office-api';
import { AsOfDate } from './AsOfDate';
import { RoomTable } from './RoomTable';
import { RoomDrawer } from './RoomDrawer';
import { m2, todayIso } from './labels';

const COLOR: Record<BuildingEvent['kind'], string> = {
  building_added: 'green', building_changed: 'blue', floor_added: 'green', floor_changed: 'blue', room_added: 'green', room_changed: 'blue', room_use: 'purple', room_disposed: 'gray',
};
const AREAS = new Set(['certArea', 'grossArea', 'usableArea', 'washroomArea']);
/** From this many rooms entered on one day (a new building, a survey import) the timeline shows them as one line. */
const GROUP_FROM = 4;
type Line = BuildingEvent & { rooms?: string[] };

/** Runs of `room_added` events on one day become one line listing the rooms (the events come sorted by day, kind, room). */
function lines(events: BuildingEvent[]): Line[] {
  const out: Line[] = [];
  for (let i = 0; i < events.length;) {
    let j = i;
    while (j < events.length && events[j]!.kind === 'room_added' && events[j]!.day === events[i]!.day) j++;
    if (j - i >= GROUP_FROM) {
      const run = events.slice(i, j);
      const by = run.every((e) => e.by === run[0]!.by) ? run[0]!.by : null;
      out.push({ ...run[0]!, subject: '', changes: [], rooms: run.map((e) => e.subject), by, at: by ? run[0]!.at : null });
      i = j;
    } else {
      out.push(events[i]!);
      i += 1;
    }
  }
  return out;
}

/** 楼宇变更记录: one building's dated changes (newest first) and the building as it was on a chosen day. */
export default function BuildingHistoryPage() {
  const { t } = useTranslation();
  const url = useUrlState();
  const id = url.getNumber('id');
  const date = url.get('date');
  const day = date ?? todayIso();
  const [roomId, setRoomId] = useState<number | null>(null);
  const [page, setPage] = useState({ page: 1, pageSize: 20 });
  const building = useQuery({ queryKey: [...officeKey, 'building', id, date], queryFn: () => fetchBuilding(id!, date), enabled: Boolean(id) });
  const history = useQuery({ queryKey: [...officeKey, 'building-history', id], queryFn: () => fetchBuildingHistory(id!), enabled: Boolean(id) });
  const rooms = useQuery({ queryKey: [...officeKey, 'rooms', { buildingId: id, date }, page], queryFn: () => fetchRooms({ buildingId: id, date }, page.page, page.pageSize), enabled: Boolean(id) });

  const value = (field: string, v: string | number | null) => {
    if (v === null || v === '') return '—';
    if (AREAS.has(field)) return m2(Number(v));
    if (field === 'structure') return t(`office.structureName.${v}`);
    if (field === 'status') return t(`office.status.${v}`);
    if (field === 'roomClass') return t(`office.roomClass.${v}`);
    if (field === 'subType') return t(`office.subType.${v}`);
    return String(v);
  };
  const b = building.data;
  return (
    <Page id="office-building-history" title={b ? `${t('office.historyTitle')} · ${b.name}(${b.code})` : t('office.historyTitle')}
      extra={<Link to={id ? `/office/registry?buildingId=${id}` : '/office/registry'}>{t('office.nav.registry')}</Link>}>
      {!id ? <Empty description={t('office.historyPick')} /> : (
        <Row gutter={[16, 16]}>
          <Col xs={24} lg={10}>
            <Card size="small" title={t('office.historyTitle')}>
              <Typography.Paragraph type="secondary">{t('office.historyIntro')}</Typography.Paragraph>
              {history.data && history.data.length === 0 ? <Empty description={t('office.historyEmpty')} /> : (
                <div data-testid="building-timeline">
                  <Timeline items={lines(history.data ?? []).map((e, i) => ({
                    key: i,
                    color: e.day > day ? 'gray' : COLOR[e.kind],
                    content: (
                      <div data-testid="building-event" style={{ opacity: e.day > day ? 0.55 : 1 }}>
                        <Flex gap={6} wrap align="center">
                          <Typography.Text strong>{e.day}</Typography.Text>
                          <Tag color={COLOR[e.kind]}>{t(`office.eventKind.${e.kind}`)}</Tag>
                          {e.subject && <Typography.Text>{e.subject}</Typography.Text>}
                          {e.rooms && <Typography.Text>{t('office.historyRoomCount', { count: e.rooms.length })}</Typography.Text>}
                          {e.day > day && <Tag>{t('office.historyAfter')}</Tag>}
                        </Flex>
                        {e.rooms && (
                          <Typography.Paragraph style={{ fontSize: 13, marginBottom: 0 }} ellipsis={{ rows: 2, expandable: 'collapsible', symbol: (open) => t(open ? 'office.historyRoomsLess' : 'office.historyRoomsAll') }} data-testid="building-event-rooms">
                            {e.rooms.join('、')}
                          </Typography.Paragraph>
                        )}
                        {e.changes.map((c) => (
                          <div key={c.field} style={{ fontSize: 13 }}>
                            {t(`office.field.${c.field}`)}:{c.from === null && e.kind.endsWith('added') ? value(c.field, c.to) : `${value(c.field, c.from)} → ${value(c.field, c.to)}`}
                          </div>
                        ))}
                        {e.by && <Typography.Text type="secondary" style={{ fontSize: 12 }}>{t('office.historyRecordedBy', { by: e.by, at: e.at })}</Typography.Text>}
                      </div>
                    ),
                  }))} />
                </div>
              )}
            </Card>
          </Col>
          <Col xs={24} lg={14}>
            <Card size="small" title={t('office.historyAsOfTitle', { date: day })} data-testid="building-asof">
              <div style={{ marginBottom: 12 }}><AsOfDate value={date} onChange={(d) => { setPage((p) => ({ ...p, page: 1 })); url.set({ date: d }); }} /></div>
              {b && (
                <Descriptions size="small" column={{ xs: 1, sm: 2 }} data-testid="building-asof-attributes" items={[
                  { key: 'name', label: t('office.field.name'), children: <span data-testid="building-asof-name">{b.name}</span> },
                  { key: 'keeper', label: t('office.keeper'), children: b.orgUnitName },
                  { key: 'year', label: t('office.yearBuilt'), children: b.yearBuilt ?? '—' },
                  { key: 'cert', label: t('office.titleCertNo'), children: b.titleCertNo || '—' },
                  { key: 'certArea', label: t('office.certArea'), children: m2(b.certArea) },
                  { key: 'owner', label: t('office.field.owner'), children: b.owner || '—' },
                  { key: 'gross', label: t('office.grossArea'), children: m2(b.grossArea) },
                  { key: 'structure', label: t('office.field.structure'), children: t(`office.structureName.${b.structure}`) },
                  { key: 'address', label: t('office.address'), children: b.address || '—' },
                ]} />
              )}
              <Typography.Title level={5}>{t('office.historyFloors')}</Typography.Title>
              <List size="small" data-testid="building-asof-floors" dataSource={b?.floorList ?? []} locale={{ emptyText: t('office.historyNoFloors') }}
                renderItem={(f) => <List.Item><Flex justify="space-between" style={{ width: '100%' }}><span>{f.name}</span><Typography.Text type="secondary">{t('office.roomsCount', { count: f.rooms })}</Typography.Text></Flex></List.Item>} />
              <Typography.Title level={5}>{t('office.historyRooms')}</Typography.Title>
              <div data-testid="building-asof-rooms">
                <RoomTable rooms={rooms.data?.items} loading={rooms.isFetching} onOpen={setRoomId}
                  pagination={pagingOf(t, page.page, page.pageSize, rooms.data?.total, (p, s) => setPage({ page: p, pageSize: s }))} emptyText={t('office.historyNoRooms')} />
              </div>
            </Card>
          </Col>
        </Row>
      )}
      <RoomDrawer roomId={roomId} onClose={() => setRoomId(null)} canWrite={false} date={date} />
    </Page>
  );
}
