import { useState } from 'react';
import { App, Button, Card, Flex, Input, Typography } from 'antd';
import { useQueryClient } from '@tanstack/react-query';
import { useMutation } from '../../kernel/mutation';
import { useTranslation } from 'react-i18next';
import type { ApprovalDetail, DecisionBody } from '../../kernel/contracts';
import { isApiError } from '../../kernel/api';
import { useNotifyError } from '../../kernel/errors';
import { approvalsKey, decideApproval } from './approval-api';

type Decision = DecisionBody['decision'];

/** Approve, return or reject with a comment. A stale version (409) means someone else decided first. */
export function DecisionPanel({ approval }: { approval: ApprovalDetail }) {
  const { t } = useTranslation();
  const { message, modal } = App.useApp();
  const qc = useQueryClient();
  const notifyError = useNotifyError();
  const [comment, setComment] = useState('');

  const decide = useMutation({
    mutationFn: (decision: Decision) =>
      decideApproval(approval.id, { decision, comment: comment.trim() || undefined, version: approval.version }),
    onSuccess: (_r, decision) => {
      void message.success(t(`approvals.decided.${decision}`));
      setComment('');
    },
    onError: (e) => {
      if (isApiError(e) && (e.status === 409 || e.code === 'approval_not_pending')) void message.warning(t('approvals.conflict'));
      else notifyError(e);
    },
    onSettled: () => qc.invalidateQueries({ queryKey: approvalsKey }),
  });

  const [needReason, setNeedReason] = useState(false);
  const ask = (decision: Decision) => {
    if (decision === 'approve') return decide.mutate(decision);
    // The applicant must learn why (the server refuses a rejection or return without a reason too).
    if (!comment.trim()) {
      setNeedReason(true);
      return;
    }
    modal.confirm({
      title: t(`approvals.confirm.${decision}`, { title: approval.title }),
      content: t(`approvals.confirmHint.${decision}`),
      okButtonProps: { danger: decision === 'reject' },
      onOk: () => decide.mutateAsync(decision).catch(() => undefined),
    });
  };

  return (
    <Card size="small" title={t('approvals.decide')}>
      <Input.TextArea
        value={comment}
        onChange={(e) => { setComment(e.target.value); if (e.target.value.trim()) setNeedReason(false); }}
        status={needReason ? 'error' : undefined}
        maxLength={1000}
        showCount
        rows={3}
        placeholder={t('approvals.commentPlaceholder')}
        aria-label={t('approvals.comment')}
        data-testid="approval-comment"
      />
      {needReason && <Typography.Text type="danger" data-testid="approval-reason-required">{t('approvals.reasonRequired')}</Typography.Text>}
      <Flex gap={8} wrap justify="flex-end" style={{ marginTop: 12 }}>
        <Button danger onClick={() => ask('reject')} loading={decide.isPending && decide.variables === 'reject'} data-testid="approval-reject">
          {t('approvals.decision.reject')}
        </Button>
        <Button onClick={() => ask('return')} loading={decide.isPending && decide.variables === 'return'} data-testid="approval-return">
          {t('approvals.decision.return')}
        </Button>
        <Button type="primary" onClick={() => ask('approve')} loading={decide.isPending && decide.variables === 'approve'} data-testid="approval-approve">
          {t('approvals.decision.approve')}
        </Button>
      </Flex>
    </Card>
  );
}
