import { Card, Empty, Flex, Skeleton, Typography, theme } from 'antd';
import { useQuery } from '@tanstack/react-query';
import { Link } from 'react-router';
import { useTranslation } from 'react-i18next';
import { formatDateTime } from '../../kernel/format';
import { approvalListKey, fetchApprovals } from '../approvals/approval-api';
import { ApprovalStatusTag } from '../approvals/ApprovalStatusTag';

/** The user's own five latest requests and where they stand. */
export function MyRequestsCard() {
  const { t, i18n } = useTranslation();
  const { token } = theme.useToken();
  const mine = useQuery({ queryKey: approvalListKey('mine', 1, 5), queryFn: () => fetchApprovals('mine', 1, 5) });
  const items = mine.data?.items ?? [];
  return (
    <Card
      title={t('home.myRequestsTitle')}
      extra={<Link to="/approvals?tab=mine">{t('common.viewAll')}</Link>}
      data-testid="home-my-requests"
    >
      {mine.isPending && <Skeleton active />}
      {!mine.isPending && items.length === 0 && <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} style={{ marginBlock: 8 }} description={t('home.myRequestsEmpty')} />}
      <Flex vertical>
        {items.map((a) => (
          <Link key={a.id} to={`/approvals?tab=mine&id=${a.id}`} style={{ color: 'inherit' }}>
            <Flex justify="space-between" align="center" gap={8} style={{ padding: '10px 0', borderBottom: `1px solid ${token.colorBorderSecondary}` }}>
              <Flex vertical style={{ minWidth: 0 }}>
                <Typography.Text ellipsis strong>
                  {a.title}
                </Typography.Text>
                <Typography.Text type="secondary" ellipsis>
                  {i18n.language === 'en' ? a.workflowNameEn : a.workflowNameZh} · {formatDateTime(a.createdAt)}
                </Typography.Text>
              </Flex>
              <ApprovalStatusTag status={a.status} />
            </Flex>
          </Link>
        ))}
      </Flex>
    </Card>
  );
}
