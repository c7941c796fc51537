import { Badge, Card, Empty, Flex, Skeleton, Typography, theme } from 'antd';
import { useQuery } from '@tanstack/react-query';
import { Link } from 'react-router';
import { useTranslation } from 'react-i18next';
import { formatDateTime } from '../../kernel/format';
import { fetchNotifications, isInternalLink, notificationsKey } from '../notifications/notification-api';

/** The five latest notifications. */
export function LatestNotificationsCard() {
  const { t } = useTranslation();
  const { token } = theme.useToken();
  const latest = useQuery({ queryKey: [...notificationsKey, 1, 5], queryFn: () => fetchNotifications(1, 5) });
  const items = latest.data?.items ?? [];
  return (
    <Card title={t('home.notificationsTitle')} extra={<Link to="/notifications">{t('common.viewAll')}</Link>} data-testid="home-notifications">
      {latest.isPending && <Skeleton active />}
      {!latest.isPending && items.length === 0 && <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} style={{ marginBlock: 8 }} description={t('home.notificationsEmpty')} />}
      <Flex vertical>
        {items.map((n) => {
          const text = (
            <Flex vertical style={{ minWidth: 0 }}>
              <Badge status={n.read ? 'default' : 'processing'} text={<Typography.Text strong={!n.read}>{n.title}</Typography.Text>} />
              <Typography.Text type="secondary" ellipsis>
                {formatDateTime(n.createdAt)} · {n.body}
              </Typography.Text>
            </Flex>
          );
          return (
            <div key={n.id} style={{ padding: '10px 0', borderBottom: `1px solid ${token.colorBorderSecondary}` }}>
              {isInternalLink(n.link) ? <Link to={n.link} style={{ color: 'inherit' }}>{text}</Link> : text}
            </div>
          );
        })}
      </Flex>
    </Card>
  );
}
