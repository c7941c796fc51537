import { Card, Empty, Flex, Skeleton, Typography, theme } from 'antd';
import { useQuery } from '@tanstack/react-query';
import { Link } from 'react-router';
import { useTranslation } from 'react-i18next';
import { formatDateTime } from '../../kernel/format';
import { approvalListKey, fetchApprovals } from '../approvals/approval-api';
import { ApprovalStatusTag } from '../approvals/ApprovalStatusTag';

/** The first five requests waiting for the user's decision. */
export function ApprovalsWaitingCard() {
  const { t, i18n } = useTranslation();
  const { token } = theme.useToken();
  const inbox = useQuery({ queryKey: approvalListKey('inbox', 1, 5), queryFn: () => fetchApprovals('inbox', 1, 5) });
  const items = inbox.data?.items ?? [];
  return (
    <Card
      title={t('home.approvalsTitle', { count: inbox.data?.total ?? 0 })}
      extra={<Link to="/approvals?tab=inbox">{t('common.viewAll')}</Link>}
      data-testid="home-approvals"
    >
      {inbox.isPending && <Skeleton active />}
      {!inbox.isPending && items.length === 0 && <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} style={{ marginBlock: 8 }} description={t('home.approvalsEmpty')} />}
      <Flex vertical>
        {items.map((a) => (
          <Link key={a.id} to={`/approvals?tab=inbox&id=${a.id}`} style={{ color: 'inherit' }}>
            <Flex justify="space-between" align="center" gap={8} style={{ padding: '10px 0', borderBottom: `1px solid ${token.colorBorderSecondary}` }}>
              <Flex vertical style={{ minWidth: 0 }}>
                <Typography.Text ellipsis strong>
                  {a.title}
                </Typography.Text>
                <Typography.Text type="secondary" ellipsis>
                  {i18n.language === 'en' ? a.workflowNameEn : a.workflowNameZh} · {a.applicantName} · {formatDateTime(a.createdAt)}
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
