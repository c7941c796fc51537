import { App, Button, Empty, Space, Table, Tag, type TableColumnsType } from 'antd';
import { useQueryClient } from '@tanstack/react-query';
import { useMutation } from '../../../kernel/mutation';
import { useTranslation } from 'react-i18next';
import type { Role } from '../../../kernel/contracts';
import { useNotifyError } from '../../../kernel/errors';
import { localName } from '../../../i18n';
import { deleteRole, rolesKey } from './role-api';

interface Props {
  roles: Role[];
  loading: boolean;
  canWrite: boolean;
  onOpen: (r: Role) => void;
}

/** Built-in and custom roles; custom ones can be edited and deleted. */
export function RoleList({ roles, loading, canWrite, onOpen }: Props) {
  const { t, i18n } = useTranslation();
  const { modal, message } = App.useApp();
  const qc = useQueryClient();
  const notifyError = useNotifyError();
  const remove = useMutation({
    mutationFn: (r: Role) => deleteRole(r.id),
    onSuccess: (_x, r) => {
      void message.success(t('roles.deleted', { name: localName(r, i18n.language) }));
      void qc.invalidateQueries({ queryKey: rolesKey });
    },
    onError: notifyError,
  });
  const confirmDelete = (r: Role) =>
    modal.confirm({
      title: t('roles.deleteConfirm', { name: localName(r, i18n.language) }),
      content: t('roles.deleteHint'),
      okButtonProps: { danger: true },
      okText: t('common.delete'),
      onOk: () => remove.mutateAsync(r).catch(() => undefined),
    });

  const columns: TableColumnsType<Role> = [
    { title: t('roles.name'), key: 'name', render: (_, r) => localName(r, i18n.language) },
    { title: t('roles.code'), dataIndex: 'code' },
    {
      title: t('roles.type'),
      key: 'type',
      render: (_, r) => (
        <Space size={4}>
          {r.builtin ? <Tag color="blue">{t('roles.builtin')}</Tag> : <Tag color="green">{t('roles.custom')}</Tag>}
          {r.isAdmin && <Tag color="red">{t('roles.admin')}</Tag>}
        </Space>
      ),
    },
    { title: t('roles.permissionCount'), key: 'count', render: (_, r) => r.permissions.length },
    {
      title: t('roles.description'),
      dataIndex: 'description',
      render: (v: string | null, r) => (r.builtin ? t(`roles.builtinDescription.${r.code}`, { defaultValue: v ?? '—' }) : (v ?? '—')),
    },
    {
      title: t('common.actions'),
      key: 'actions',
      fixed: 'right',
      render: (_, r) => (
        <Space size={0}>
          <Button type="link" size="small" onClick={() => onOpen(r)} data-testid={`role-open-${r.code}`}>
            {canWrite && !r.builtin ? t('common.edit') : t('common.view')}
          </Button>
          {canWrite && !r.builtin && (
            <Button type="link" size="small" danger onClick={() => confirmDelete(r)} data-testid={`role-delete-${r.code}`}>
              {t('common.delete')}
            </Button>
          )}
        </Space>
      ),
    },
  ];
  return (
    <Table<Role>
      rowKey="id"
      columns={columns}
      dataSource={roles}
      loading={loading}
      pagination={false}
      scroll={{ x: 'max-content' }}
      locale={{ emptyText: <Empty description={t('roles.empty')} /> }}
    />
  );
}
