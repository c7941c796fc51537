import { Button, Empty, Table, Tabs, Typography, type TableColumnsType } from 'antd';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import type { ApprovalRequest } from '../../kernel/contracts';
import { useCan } from '../../kernel/auth';
import { formatDateTime } from '../../kernel/format';
import { useUrlState } from '../../kernel/url-state';
import { pagingOf } from '../../kernel/table';
import { PageHeader } from '../../kernel/components/PageHeader';
import { approvalListKey, fetchApprovals, type ApprovalBox } from './approval-api';
import { ApprovalStatusTag } from './ApprovalStatusTag';
import { ApprovalDrawer } from './ApprovalDrawer';

/** 待我审批 / 我发起的, with the request opened in a drawer (`?open=ID`). */
export default function ApprovalsPage() {
  const { t } = useTranslation();
  const can = useCan();
  const url = useUrlState();
  const mayDecide = can('kernel.approvals.decide');
  const requested = url.get('tab');
  const box: ApprovalBox = mayDecide && requested !== 'mine' ? 'inbox' : 'mine';
  const openId = url.getNumber('open') ?? null;

  const tabs = [
    ...(mayDecide ? [{ key: 'inbox', label: t('approvals.inbox') }] : []),
    { key: 'mine', label: t('approvals.mine') },
  ];

  return (
    <>
      <PageHeader title={t('nav.approvals')} />
      <Tabs activeKey={box} items={tabs} onChange={(k) => url.set({ tab: k, page: undefined, open: undefined })} />
      <ApprovalTable box={box} page={url.page} pageSize={url.pageSize} onPage={(page, pageSize) => url.set({ page, pageSize })} onOpen={(id) => url.set({ open: id })} />
      <ApprovalDrawer id={openId} onClose={() => url.set({ open: undefined })} />
    </>
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
      render: (_, r) => `${(en ? r.stepNameEn : r.stepNameZh) ?? '—'} (${r.stepIndex + 1}/${r.stepCount})`,
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
