import { Alert, Button, Descriptions, Modal, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import type { OneTimePassword } from '../../../kernel/contracts';

/** Shows a new account's (or a reset) one-time password exactly once. */
export function OneTimePasswordModal({ result, onClose }: { result: OneTimePassword | null; onClose: () => void }) {
  const { t } = useTranslation();
  return (
    <Modal
      open={result !== null}
      title={t('users.otpTitle')}
      onCancel={onClose}
      mask={{ closable: false }}
      footer={
        <Button type="primary" onClick={onClose} data-testid="one-time-password-close">
          {t('users.otpDone')}
        </Button>
      }
      destroyOnHidden
    >
      <Alert type="warning" showIcon title={t('users.otpWarning')} style={{ marginBottom: 16 }} />
      {result && (
        <Descriptions column={1} bordered size="small">
          <Descriptions.Item label={t('users.username')}>{result.user.username}</Descriptions.Item>
          <Descriptions.Item label={t('users.displayName')}>{result.user.displayName}</Descriptions.Item>
          <Descriptions.Item label={t('users.oneTimePassword')}>
            <Typography.Text
              code
              strong
              style={{ fontSize: 16 }}
              data-testid="one-time-password"
              copyable={{ text: result.oneTimePassword, tooltips: [t('common.copy'), t('common.copied')] }}
            >
              {result.oneTimePassword}
            </Typography.Text>
          </Descriptions.Item>
        </Descriptions>
      )}
    </Modal>
  );
}
