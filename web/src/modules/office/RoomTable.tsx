import { Table, type TablePaginationConfig } from 'antd';
import { useTranslation } from 'react-i18next';
import type { Room } from './office-api';
import { m2, StatusTag, VerdictTag } from './labels';

/** The room list: number, place, class, areas, status and the engine's verdict. */
export function RoomTable({ rooms, loading, pagination, onOpen, emptyText }: { rooms?: Room[]; loading: boolean; pagination: TablePaginationConfig | false; onOpen: (id: number) => void; emptyText: string }) {
  const { t } = useTranslation();
  return (
    <Table<Room>
      rowKey="id"
      size="middle"
      loading={loading}
      dataSource={rooms}
      pagination={pagination}
      scroll={{ x: 'max-content' }}
      locale={{ emptyText }}
      data-testid="room-table"
      onRow={(r) => ({ onClick: () => onOpen(r.id), style: { cursor: 'pointer' } })}
      columns={[
        { title: t('office.roomNumber'), dataIndex: 'number', fixed: 'left', width: 90 },
        { title: t('office.building'), dataIndex: 'buildingName', width: 160, ellipsis: true },
        { title: t('office.floor'), dataIndex: 'floorLevel', width: 70 },
        { title: t('office.organ'), dataIndex: 'orgUnitName', width: 160, ellipsis: true },
        { title: t('office.class'), key: 'cls', render: (_, r) => `${t(`office.roomClass.${r.roomClass}`)} / ${t(`office.subType.${r.subType}`)}` },
        { title: t('office.usableArea'), dataIndex: 'usableArea', width: 110, render: (v: number) => m2(v) },
        { title: t('common.status'), dataIndex: 'status', width: 100, render: (s: Room['status']) => <StatusTag status={s} /> },
        { title: t('office.occupants'), dataIndex: 'occupants', width: 80 },
        { title: t('office.entitlement'), dataIndex: 'entitlement', width: 110, render: (v: number | null) => m2(v) },
        { title: t('office.verdictLabel'), key: 'verdict', width: 150, render: (_, r) => <VerdictTag verdict={r.verdict} over={r.overArea} /> },
      ]}
    />
  );
}
