import { Button, Empty, Table, Tabs, Typography, type TableColumnsType } from 'antd';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import type { ApprovalRequest } from '../../kernel/contracts';
import { useCan } from '../../kernel/auth';
import { formatDateTime } from '../../kernel/format';
import { useUrlState } from '../../kernel/url-state';
import { pagingOf } from '../../kernel/table';
import { Page } from '../../kernel/components/PageHeader';
import { approvalListKey, fetchApprovals, type ApprovalBox } from './approval-api';
import { ApprovalStatusTag } from './ApprovalStatusTag';
import { ApprovalDrawer } from './ApprovalDrawer';

/** 待我审批 / 我发起的, with the request opened in a drawer (`?id=ID`, as in notification links). */
export default function ApprovalsPage() {
  const { t } = useTranslation();
  const can = useCan();
  const url = useUrlState();
  const mayDecide = can('kernel.approvals.decide');
  const requested = url.get('tab');
  const box: ApprovalBox = mayDecide && requested !== 'mine' ? 'inbox' : 'mine';
  const openId = url.getNumber('id') ?? null;

  const tabs = [
    ...(mayDecide ? [{ key: 'inbox', label: t('approvals.inbox') }] : []),
    { key: 'mine', label: t('approvals.mine') },
  ];

  return (
    <Page id="approvals" title={t('nav.approvals')}>
      <Tabs activeKey={box} items={tabs} onChange={(k) => url.set({ tab: k, page: undefined, id: undefined })} />
      <ApprovalTable box={box} page={url.page} pageSize={url.pageSize} onPage={(page, pageSize) => url.set({ page, pageSize })} onOpen={(id) => url.set({ id })} />
      <ApprovalDrawer id={openId} onClose={() => url.set({ id: undefined })} />
    </Page>
  );
}

interface TableProps {
  box: ApprovalBox;
  page: number;
  pageSize: number;
  onPage: (page: number, pageSize: number) => void;
  onOpen: (id: number) => void;
}

function ApprovalTable({ box, page, pageSize, onPage, onOpen }: TableProps) {
  const { t, i18n } = useTranslation();
  const list = useQuery({ queryKey: approvalListKey(box, page, pageSize), queryFn: () => fetchApprovals(box, page, pageSize) });
  const en = i18n.language === 'en';

  const columns: TableColumnsType<ApprovalRequest> = [
    {
      title: t('approvals.title'),
      dataIndex: 'title',
      render: (v: string, r) => (
        <Typography.Link onClick={() => onOpen(r.id)} data-testid={`approval-open-${r.id}`}>
          {v}
        </Typography.Link>
      ),
    },
    { title: t('approvals.workflow'), key: 'workflow', render: (_, r) => (en ? r.workflowNameEn : r.workflowNameZh) },
    { title: t('approvals.applicant'), key: 'applicant', render: (_, r) => `${r.applicantName} · ${r.applicantUnitName}` },
    {
      title: t('approvals.step'),
      key: 'step',
      render: (_, r) => (r.status === 'pending' ? `${(en ? r.stepNameEn : r.stepNameZh) ?? '—'} (${r.stepIndex + 1}/${r.stepCount})` : '—'),
    },
    { title: t('common.status'), dataIndex: 'status', render: (_, r) => <ApprovalStatusTag status={r.status} /> },
    { title: t('approvals.submittedAt'), dataIndex: 'createdAt', render: (v: string) => formatDateTime(v) },
    {
      title: t('common.actions'),
      key: 'actions',
      fixed: 'right',
      render: (_, r) => (
        <Button type="link" size="small" onClick={() => onOpen(r.id)}>
          {r.canDecide && r.status === 'pending' ? t('approvals.handle') : t('common.view')}
        </Button>
      ),
    },
  ];

  return (
    <Table<ApprovalRequest>
      rowKey="id"
      columns={columns}
      dataSource={list.data?.items}
      loading={list.isFetching}
      scroll={{ x: 'max-content' }}
      locale={{ emptyText: <Empty description={box === 'inbox' ? t('approvals.emptyInbox') : t('approvals.emptyMine')} /> }}
      pagination={pagingOf(t, page, pageSize, list.data?.total, onPage)}
    />
  );
}
