import { Badge, Button, Empty, Space, Table, Typography, type TableColumnsType } from 'antd';
import { CheckOutlined } from '@ant-design/icons';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useMutation } from '../../kernel/mutation';
import { useNavigate } from 'react-router';
import { useTranslation } from 'react-i18next';
import type { Notification, UnreadCount } from '../../kernel/contracts';
import { formatDateTime } from '../../kernel/format';
import { useNotifyError } from '../../kernel/errors';
import { useUrlState } from '../../kernel/url-state';
import { pagingOf } from '../../kernel/table';
import { Page } from '../../kernel/components/PageHeader';
import { api } from '../../kernel/api';
import { fetchNotifications, isInternalLink, markAllRead, markRead, notificationsKey } from './notification-api';

/** The user's notifications, newest first; open one to mark it read. */
export default function NotificationsPage() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const qc = useQueryClient();
  const url = useUrlState();
  const notifyError = useNotifyError();
  const { page, pageSize } = url;
  const list = useQuery({ queryKey: [...notificationsKey, page, pageSize], queryFn: () => fetchNotifications(page, pageSize) });
  // The same query as the bell in the header (shared cache): nothing unread, nothing to mark.
  const unread = useQuery({ queryKey: [...notificationsKey, 'unread-count'], queryFn: () => api.get<UnreadCount>('/api/notifications/unread-count') });
  const refresh = () => qc.invalidateQueries({ queryKey: notificationsKey });
  const readOne = useMutation({ mutationFn: markRead, onSuccess: refresh, onError: notifyError });
  const readAll = useMutation({ mutationFn: markAllRead, onSuccess: refresh, onError: notifyError });

  const open = (n: Notification) => {
    if (!n.read) readOne.mutate(n.id);
    if (isInternalLink(n.link)) void navigate(n.link);
  };

  const columns: TableColumnsType<Notification> = [
    {
      title: t('notifications.subject'),
      dataIndex: 'title',
      render: (_, n) => (
        <Space orientation="vertical" size={0}>
          <Badge status={n.read ? 'default' : 'processing'} text={
            isInternalLink(n.link) ? <Typography.Link onClick={() => open(n)}>{n.title}</Typography.Link> : <Typography.Text strong={!n.read}>{n.title}</Typography.Text>
          } />
          <Typography.Text type="secondary">{n.body}</Typography.Text>
        </Space>
      ),
    },
    { title: t('notifications.receivedAt'), dataIndex: 'createdAt', width: 180, render: (v: string) => formatDateTime(v) },
    {
      title: t('common.actions'),
      key: 'actions',
      width: 120,
      render: (_, n) =>
        n.read ? (
          <Typography.Text type="secondary">{t('notifications.read')}</Typography.Text>
        ) : (
          <Button type="link" size="small" onClick={() => readOne.mutate(n.id)} data-testid={`notification-read-${n.id}`}>
            {t('notifications.markRead')}
          </Button>
        ),
    },
  ];

  return (
    <Page
      id="notifications"
      title={t('nav.notifications')}
      extra={
        <Button icon={<CheckOutlined />} onClick={() => readAll.mutate()} loading={readAll.isPending} disabled={!unread.data?.unread} data-testid="notifications-read-all">
          {t('notifications.markAllRead')}
        </Button>
      }
    >
      <Table<Notification>
        rowKey="id"
        columns={columns}
        dataSource={list.data?.items}
        loading={list.isFetching}
        scroll={{ x: 'max-content' }}
        locale={{ emptyText: <Empty description={t('notifications.empty')} /> }}
        pagination={pagingOf(t, page, pageSize, list.data?.total, (p, s) => url.set({ page: p, pageSize: s }))}
      />
    </Page>
  );
}
