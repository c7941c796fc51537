import { App, Alert, Modal } from 'antd';
import { useQueryClient } from '@tanstack/react-query';
import { useMutation } from '../../kernel/mutation';
import { useTranslation } from 'react-i18next';
import { api } from '../../kernel/api';
import { meQueryKey } from '../../kernel/auth';
import { useErrorText } from '../../kernel/errors';
import { ChangePasswordForm } from '../../kernel/components/ChangePasswordForm';
import { TotpCodeForm, TotpEnrolment } from '../../kernel/components/TotpEnrolment';

interface DialogProps {
  open: boolean;
  onClose: () => void;
}

export function ChangePasswordModal({ open, onClose }: DialogProps) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const qc = useQueryClient();
  return (
    <Modal open={open} onCancel={onClose} footer={null} title={t('auth.changePassword')} destroyOnHidden>
      <ChangePasswordForm
        onDone={() => {
          void message.success(t('auth.passwordChanged'));
          void qc.invalidateQueries({ queryKey: meQueryKey });
          onClose();
        }}
      />
    </Modal>
  );
}

/** Set up the authenticator app; when it is on, turn it off with a current code (unless policy requires it). */
export function TotpModal({ open, enabled, onClose }: DialogProps & { enabled: boolean }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const qc = useQueryClient();
  const errorText = useErrorText();
  const disable = useMutation({
    mutationFn: (code: string) => api.post('/api/auth/totp/disable', { code }),
    onSuccess: () => {
      void message.success(t('auth.totpDisabled'));
      void qc.invalidateQueries({ queryKey: meQueryKey });
      onClose();
    },
  });
  const done = () => {
    void message.success(t('auth.totpEnabled'));
    void qc.invalidateQueries({ queryKey: meQueryKey });
    onClose();
  };
  return (
    <Modal open={open} onCancel={onClose} footer={null} title={t('auth.secondFactor')} destroyOnHidden afterClose={() => disable.reset()}>
      {enabled ? (
        <>
          <Alert type="success" showIcon title={t('auth.totpIsEnabled')} description={t('auth.totpDisableIntro')} style={{ marginBottom: 16 }} />
          <TotpCodeForm
            submitText={t('auth.totpDisable')}
            loading={disable.isPending}
            error={disable.isError ? errorText(disable.error) : undefined}
            onSubmit={(code) => disable.mutate(code)}
          />
        </>
      ) : (
        <TotpEnrolment onDone={done} />
      )}
    </Modal>
  );
}
