import { Table, Tooltip, type TableColumnsType } from 'antd';
import { CheckOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import type { Permission, Role } from '../../../kernel/contracts';
import { localName } from '../../../i18n';
import { groupByModule } from './role-api';

interface Row {
  key: string;
  module: string;
  moduleRows: number;
  permission: Permission;
}

/** Which role holds which permission, grouped by module (read-only overview). */
export function PermissionMatrix({ roles, permissions, loading }: { roles: Role[]; permissions: Permission[]; loading: boolean }) {
  const { t, i18n } = useTranslation();
  const rows: Row[] = groupByModule(permissions).flatMap(([module, perms]) =>
    perms.map((p, i) => ({ key: p.code, module, moduleRows: i === 0 ? perms.length : 0, permission: p })),
  );
  const columns: TableColumnsType<Row> = [
    {
      title: t('roles.moduleLabel'),
      dataIndex: 'module',
      fixed: 'left',
      onCell: (r) => ({ rowSpan: r.moduleRows }),
      render: (m: string) => t(`roles.module.${m}`, { defaultValue: m }),
    },
    {
      title: t('roles.permission'),
      key: 'permission',
      fixed: 'left',
      render: (_, r) => <Tooltip title={r.permission.code}>{localName(r.permission, i18n.language)}</Tooltip>,
    },
    ...roles.map((role) => ({
      title: localName(role, i18n.language),
      key: `role-${role.id}`,
      align: 'center' as const,
      render: (_: unknown, r: Row) =>
        role.permissions.includes(r.permission.code) ? <CheckOutlined style={{ color: '#52c41a' }} aria-label={t('roles.granted')} /> : null,
    })),
  ];
  return (
    <Table<Row>
      size="small"
      bordered
      rowKey="key"
      columns={columns}
      dataSource={rows}
      loading={loading}
      pagination={false}
      scroll={{ x: 'max-content' }}
      data-testid="permission-matrix"
    />
  );
}
