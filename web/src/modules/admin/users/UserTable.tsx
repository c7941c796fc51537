import { App, Button, Empty, Space, Table, Tag, type TableColumnsType, type TablePaginationConfig } from 'antd';
import { useQueryClient } from '@tanstack/react-query';
import { useMutation } from '../../../kernel/mutation';
import { useTranslation } from 'react-i18next';
import type { OneTimePassword, User } from '../../../kernel/contracts';
import { formatDateTime } from '../../../kernel/format';
import { useNotifyError } from '../../../kernel/errors';
import { localName } from '../../../i18n';
import { resetPassword, unlockUser, useRanks, usersKey } from './user-api';

interface Props {
  users: User[] | undefined;
  loading: boolean;
  pagination: TablePaginationConfig;
  canWrite: boolean;
  emptyText: string;
  onEdit: (u: User) => void;
  onPassword: (r: OneTimePassword) => void;
}

/** Accounts with their status tags and row actions. */
export function UserTable({ users, loading, pagination, canWrite, emptyText, onEdit, onPassword }: Props) {
  const { t, i18n } = useTranslation();
  const { modal, message } = App.useApp();
  const qc = useQueryClient();
  const notifyError = useNotifyError();
  const ranks = useRanks();
  const refresh = () => qc.invalidateQueries({ queryKey: usersKey });

  const reset = useMutation({ mutationFn: (u: User) => resetPassword(u.id), onSuccess: onPassword, onError: notifyError });
  const unlock = useMutation({
    mutationFn: (u: User) => unlockUser(u.id),
    onSuccess: (_r, u) => {
      void message.success(t('users.unlocked', { name: u.displayName }));
      void refresh();
    },
    onError: notifyError,
  });

  const confirmReset = (u: User) =>
    modal.confirm({
      title: t('users.resetConfirm', { name: u.displayName, username: u.username }),
      content: t('users.resetConfirmHint'),
      okButtonProps: { danger: true },
      onOk: () => reset.mutateAsync(u).catch(() => undefined),
    });

  const rankName = (code: string | null) => {
    const r = ranks.data?.find((x) => x.code === code);
    return r ? localName(r, i18n.language) : (code ?? '—');
  };

  const columns: TableColumnsType<User> = [
    { title: t('users.username'), dataIndex: 'username' },
    { title: t('users.displayName'), dataIndex: 'displayName' },
    { title: t('users.orgUnit'), dataIndex: 'orgUnitName' },
    { title: t('users.rank'), dataIndex: 'rank', render: rankName },
    { title: t('users.phone'), dataIndex: 'phone', render: (v: string | null) => v ?? '—' },
    {
      title: t('common.status'),
      key: 'status',
      render: (_, u) => (
        <Space size={4} wrap>
          {u.active ? <Tag color="success">{t('users.statusActive')}</Tag> : <Tag>{t('users.statusInactive')}</Tag>}
          {u.locked && <Tag color="error">{t('users.statusLocked')}</Tag>}
          {u.totpEnabled && <Tag color="blue">{t('users.statusTotp')}</Tag>}
        </Space>
      ),
    },
    { title: t('users.lastLoginAt'), dataIndex: 'lastLoginAt', render: (v: string | null) => formatDateTime(v) },
  ];
  if (canWrite) {
    columns.push({
      title: t('common.actions'),
      key: 'actions',
      fixed: 'right',
      render: (_, u) => (
        <Space size={0} wrap>
          <Button type="link" size="small" onClick={() => onEdit(u)} data-testid={`user-edit-${u.username}`}>
            {t('common.edit')}
          </Button>
          <Button type="link" size="small" onClick={() => confirmReset(u)} data-testid={`user-reset-${u.username}`}>
            {t('users.resetPassword')}
          </Button>
          {u.locked && (
            <Button type="link" size="small" onClick={() => unlock.mutate(u)} data-testid={`user-unlock-${u.username}`}>
              {t('users.unlock')}
            </Button>
          )}
        </Space>
      ),
    });
  }

  return (
    <Table<User>
      rowKey="id"
      columns={columns}
      dataSource={users}
      loading={loading}
      pagination={pagination}
      scroll={{ x: 'max-content' }}
      locale={{ emptyText: <Empty description={emptyText} /> }}
    />
  );
}
