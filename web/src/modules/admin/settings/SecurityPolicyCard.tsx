import { Alert, App, Card, Flex, Skeleton, Switch, Typography } from 'antd';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useMutation } from '../../../kernel/mutation';
import { useTranslation } from 'react-i18next';
import type { SecurityPolicy } from '../../../kernel/contracts';
import { api } from '../../../kernel/api';
import { useErrorText, useNotifyError } from '../../../kernel/errors';

const key = ['settings', 'security-policy'] as const;

/** Security admin: require a second factor (TOTP) for holders of admin roles. */
export function SecurityPolicyCard() {
  const { t } = useTranslation();
  const { message, modal } = App.useApp();
  const qc = useQueryClient();
  const errorText = useErrorText();
  const notifyError = useNotifyError();
  const policy = useQuery({ queryKey: key, queryFn: () => api.get<SecurityPolicy>('/api/settings/security-policy') });
  const save = useMutation({
    mutationFn: (v: SecurityPolicy) => api.put<SecurityPolicy>('/api/settings/security-policy', v),
    onSuccess: () => {
      void message.success(t('common.saved'));
      void qc.invalidateQueries({ queryKey: key });
    },
    onError: notifyError,
  });
  const toggle = (on: boolean) =>
    modal.confirm({
      title: on ? t('settings.requireTotpOnConfirm') : t('settings.requireTotpOffConfirm'),
      content: on ? t('settings.requireTotpOnHint') : t('settings.requireTotpOffHint'),
      okButtonProps: { danger: !on },
      onOk: () => save.mutateAsync({ requireTotpForAdmins: on }).catch(() => undefined),
    });

  return (
    <Card title={t('settings.securityPolicy')} data-testid="settings-security-policy">
      {policy.isPending && <Skeleton active />}
      {policy.isError && <Alert type="error" showIcon title={errorText(policy.error)} />}
      {policy.data && (
        <Flex justify="space-between" align="center" gap={16}>
          <div>
            <Typography.Text strong>{t('settings.requireTotp')}</Typography.Text>
            <br />
            <Typography.Text type="secondary">{t('settings.requireTotpHint')}</Typography.Text>
          </div>
          <Switch
            checked={policy.data.requireTotpForAdmins}
            loading={save.isPending}
            onChange={toggle}
            aria-label={t('settings.requireTotp')}
            data-testid="settings-require-totp"
          />
        </Flex>
      )}
    </Card>
  );
}
