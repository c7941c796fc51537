import { Card, Empty, Flex, Skeleton, Typography, theme } from 'antd';
import { useQuery } from '@tanstack/react-query';
import { Link } from 'react-router';
import { useTranslation } from 'react-i18next';
import { formatDateTime } from '../../kernel/format';
import { approvalListKey, fetchApprovals } from '../approvals/approval-api';
import { ApprovalStatusTag } from '../approvals/ApprovalStatusTag';

/**
 * The first five of an approvals list on the home page: `inbox` (waiting for the user's decision)
 * or `mine` (the user's own requests and where they stand).
 */
export function ApprovalListCard({ list }: { list: 'inbox' | 'mine' }) {
  const { t, i18n } = useTranslation();
  const { token } = theme.useToken();
  const query = useQuery({ queryKey: approvalListKey(list, 1, 5), queryFn: () => fetchApprovals(list, 1, 5) });
  const items = query.data?.items ?? [];
  const inbox = list === 'inbox';
  return (
    <Card
      title={inbox ? t('home.approvalsTitle', { count: query.data?.total ?? 0 }) : t('home.myRequestsTitle')}
      extra={<Link to={`/approvals?tab=${list}`}>{t('common.viewAll')}</Link>}
      data-testid={inbox ? 'home-approvals' : 'home-my-requests'}
    >
      {query.isPending && <Skeleton active />}
      {!query.isPending && items.length === 0 && (
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} style={{ marginBlock: 8 }} description={t(inbox ? 'home.approvalsEmpty' : 'home.myRequestsEmpty')} />
      )}
      <Flex vertical>
        {items.map((a) => (
          <Link key={a.id} to={`/approvals?tab=${list}&id=${a.id}`} style={{ color: 'inherit' }}>
            <Flex justify="space-between" align="center" gap={8} style={{ padding: '10px 0', borderBottom: `1px solid ${token.colorBorderSecondary}` }}>
              <Flex vertical style={{ minWidth: 0 }}>
                <Typography.Text ellipsis strong>
                  {a.title}
                </Typography.Text>
                <Typography.Text type="secondary" ellipsis>
                  {i18n.language === 'en' ? a.workflowNameEn : a.workflowNameZh}
                  {inbox ? ` · ${a.applicantName}` : ''} · {formatDateTime(a.createdAt)}
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
