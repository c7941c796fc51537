import { App, Alert, Modal } from 'antd';
import { useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { meQueryKey } from '../../kernel/auth';
import { ChangePasswordForm } from '../../kernel/components/ChangePasswordForm';
import { TotpEnrolment } from '../../kernel/components/TotpEnrolment';

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

/** Set up (or replace) the authenticator app. */
export function TotpModal({ open, enabled, onClose }: DialogProps & { enabled: boolean }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const qc = useQueryClient();
  return (
    <Modal open={open} onCancel={onClose} footer={null} title={t('auth.secondFactor')} destroyOnHidden>
      {enabled && <Alert type="info" showIcon title={t('auth.totpReplaceWarning')} style={{ marginBottom: 12 }} />}
      <TotpEnrolment
        onDone={() => {
          void message.success(t('auth.totpEnabled'));
          void qc.invalidateQueries({ queryKey: meQueryKey });
          onClose();
        }}
      />
    </Modal>
  );
}
