import { Suspense } from 'react';
import { Alert, Descriptions, Drawer, Skeleton, Timeline, Typography } from 'antd';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import type { ApprovalAction } from '../../kernel/contracts';
import { approvalDetailView } from '../../kernel/approval-details';
import { formatDateTime } from '../../kernel/format';
import { useErrorText } from '../../kernel/errors';
import { useDrawerSize } from '../../kernel/responsive';
import { approvalDetailKey, fetchApproval } from './approval-api';
import { ApprovalStatusTag } from './ApprovalStatusTag';
import { DecisionPanel } from './DecisionPanel';

const actionColor: Record<ApprovalAction['action'], string> = {
  submit: 'blue',
  resubmit: 'blue',
  approve: 'green',
  reject: 'red',
  return: 'orange',
  withdraw: 'gray',
};

/** One request: its facts, the timeline of actions, and the decision buttons when it is the caller's turn. */
export function ApprovalDrawer({ id, onClose }: { id: number | null; onClose: () => void }) {
  const { t, i18n } = useTranslation();
  const size = useDrawerSize(640);
  const errorText = useErrorText();
  const detail = useQuery({ queryKey: approvalDetailKey(id ?? 0), queryFn: () => fetchApproval(id ?? 0), enabled: id !== null });
  const a = detail.data;
  const en = i18n.language === 'en';
  const ModuleView = a ? approvalDetailView(a.workflow) : undefined;

  return (
    <Drawer open={id !== null} onClose={onClose} size={size} title={a?.title ?? t('approvals.detail')} destroyOnHidden>
      {detail.isPending && <Skeleton active />}
      {detail.isError && <Alert type="error" showIcon title={errorText(detail.error)} />}
      {a && (
        <>
          <Descriptions column={1} size="small" bordered style={{ marginBottom: 24 }}>
            <Descriptions.Item label={t('approvals.workflow')}>{en ? a.workflowNameEn : a.workflowNameZh}</Descriptions.Item>
            <Descriptions.Item label={t('approvals.applicant')}>
              {a.applicantName} · {a.applicantUnitName}
            </Descriptions.Item>
            <Descriptions.Item label={t('approvals.step')}>
              {a.status === 'pending' ? `${(en ? a.stepNameEn : a.stepNameZh) ?? '—'} (${a.stepIndex + 1}/${a.stepCount})` : '—'}
            </Descriptions.Item>
            <Descriptions.Item label={t('common.status')}>
              <ApprovalStatusTag status={a.status} />
            </Descriptions.Item>
            <Descriptions.Item label={t('approvals.submittedAt')}>{formatDateTime(a.createdAt)}</Descriptions.Item>
          </Descriptions>
          {ModuleView && <Suspense fallback={<Skeleton active />}><div style={{ marginBottom: 24 }}><ModuleView approvalId={a.id} objectId={a.objectId} /></div></Suspense>}
          <Typography.Title level={5}>{t('approvals.timeline')}</Typography.Title>
          <Timeline
            items={a.timeline.map((x) => ({
              key: x.id,
              color: actionColor[x.action],
              title: formatDateTime(x.at),
              content: (
                <>
                  <Typography.Text strong>{x.actorName}</Typography.Text> {t(`approvals.action.${x.action}`)}
                  {x.comment && <Typography.Paragraph type="secondary" style={{ margin: 0 }}>{x.comment}</Typography.Paragraph>}
                </>
              ),
            }))}
          />
          {a.canDecide && a.status === 'pending' && <DecisionPanel approval={a} />}
        </>
      )}
    </Drawer>
  );
}
