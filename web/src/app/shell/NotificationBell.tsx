import { Badge, Button, Tooltip } from 'antd';
import { BellOutlined } from '@ant-design/icons';
import { useQuery } from '@tanstack/react-query';
import { useNavigate } from 'react-router';
import { useTranslation } from 'react-i18next';
import type { UnreadCount } from '../../kernel/contracts';
import { api } from '../../kernel/api';

export const unreadCountKey = ['notifications', 'unread-count'] as const;

/** Bell with the unread count, refreshed every minute. */
export function NotificationBell() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const unread = useQuery({
    queryKey: unreadCountKey,
    queryFn: () => api.get<UnreadCount>('/api/notifications/unread-count'),
    refetchInterval: 60_000,
  });
  const count = unread.data?.unread ?? 0;
  const label = t('shell.notificationsUnread', { count });
  return (
    <Tooltip title={label}>
      <Button
        type="text"
        aria-label={label}
        onClick={() => navigate('/notifications')}
        data-testid="notification-bell"
        style={{ width: 44, height: 44 }}
      >
        <Badge count={count} size="small" overflowCount={99}>
          <BellOutlined style={{ fontSize: 18 }} />
        </Badge>
      </Button>
    </Tooltip>
  );
}
