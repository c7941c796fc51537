import { useState } from 'react';
import { Button, Tabs } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import type { Role } from '../../../kernel/contracts';
import { useCan } from '../../../kernel/auth';
import { useUrlState } from '../../../kernel/url-state';
import { Page } from '../../../kernel/components/PageHeader';
import { usePermissions, useRoles } from './role-api';
import { RoleList } from './RoleList';
import { RoleDrawer } from './RoleDrawer';
import { PermissionMatrix } from './PermissionMatrix';
import { AssignmentsTab } from './AssignmentsTab';

type Tab = 'roles' | 'matrix' | 'assignments';

/** Roles, the permission matrix, and role assignments (who holds what over which unit). */
export default function RolesPage() {
  const { t } = useTranslation();
  const can = useCan();
  const canWrite = can('kernel.roles.write');
  const canGrant = can('kernel.roles.grant');
  const url = useUrlState();
  const roles = useRoles();
  const permissions = usePermissions();
  const [open, setOpen] = useState<Role | 'new' | null>(null);
  const tabParam = url.get('tab');
  // Listing assignments needs the grant permission too (the server checks it).
  const tab: Tab = tabParam === 'matrix' || (tabParam === 'assignments' && canGrant) ? tabParam : 'roles';

  return (
    <Page
      id="roles"
      title={t('nav.roles')}
      extra={
        canWrite && tab === 'roles' ? (
          <Button type="primary" icon={<PlusOutlined />} onClick={() => setOpen('new')} data-testid="role-create">
            {t('roles.create')}
          </Button>
        ) : null
      }
    >
      <Tabs
        activeKey={tab}
        onChange={(k) => url.set({ tab: k === 'roles' ? undefined : k, page: undefined, userId: undefined, roleId: undefined })}
        items={[
          {
            key: 'roles',
            label: t('roles.tabRoles'),
            children: <RoleList roles={roles.data ?? []} loading={roles.isFetching} canWrite={canWrite} onOpen={setOpen} />,
          },
          {
            key: 'matrix',
            label: t('roles.tabMatrix'),
            children: <PermissionMatrix roles={roles.data ?? []} permissions={permissions.data ?? []} loading={roles.isFetching || permissions.isFetching} />,
          },
          ...(canGrant
            ? [{ key: 'assignments', label: t('roles.tabAssignments'), children: <AssignmentsTab roles={roles.data ?? []} canGrant={canGrant} /> }]
            : []),
        ]}
      />
      <RoleDrawer target={open} permissions={permissions.data ?? []} canWrite={canWrite} onClose={() => setOpen(null)} />
    </Page>
  );
}
