import { useState } from 'react';
import { Button, Card, Descriptions, Flex, Tag, Typography } from 'antd';
import { KeyOutlined, SafetyOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { useAuth } from '../../kernel/auth';
import { localName } from '../../i18n';
import { ChangePasswordModal, TotpModal } from '../../app/shell/AccountDialogs';

/** Who the user is here (unit, roles and where they hold them) and the state of their sign-in security. */
export function AccountCard() {
  const { t, i18n } = useTranslation();
  const { me } = useAuth();
  const [dialog, setDialog] = useState<'password' | 'totp' | null>(null);
  const roleName = (code: string) => {
    const r = me.roles.find((x) => x.code === code || x.nameZh === code || x.nameEn === code);
    return r ? localName(r, i18n.language) : code;
  };
  return (
    <Card title={t('home.accountTitle')} data-testid="home-account">
      <Descriptions column={1} size="small" colon={false} styles={{ label: { minWidth: 88 } }}>
        <Descriptions.Item label={t('home.accountName')}>
          {me.displayName} <Typography.Text type="secondary">({me.username})</Typography.Text>
        </Descriptions.Item>
        <Descriptions.Item label={t('shell.ownUnit')}>{me.orgUnitName}</Descriptions.Item>
        <Descriptions.Item label={t('home.accountRoles')}>
          {me.scopes.length === 0 ? (
            <Typography.Text type="secondary">{t('shell.noScopes')}</Typography.Text>
          ) : (
            <Flex vertical gap={4}>
              {me.scopes.map((s) => (
                <div key={s.unitId}>
                  {s.roles.map((r) => (
                    <Tag key={r} color="blue">
                      {roleName(r)}
                    </Tag>
                  ))}
                  <Typography.Text type="secondary">{t('home.accountScope', { unit: s.unitName })}</Typography.Text>
                </div>
              ))}
            </Flex>
          )}
        </Descriptions.Item>
        <Descriptions.Item label={t('auth.secondFactor')}>
          {me.totpEnabled ? <Tag color="success">{t('home.totpOn')}</Tag> : <Tag color="warning">{t('home.totpOff')}</Tag>}
        </Descriptions.Item>
      </Descriptions>
      {!me.totpEnabled && (
        <Typography.Paragraph type="secondary" style={{ marginTop: 8 }}>
          {t('home.totpAdvice')}
        </Typography.Paragraph>
      )}
      <Flex gap={8} wrap style={{ marginTop: 8 }}>
        <Button icon={<KeyOutlined />} onClick={() => setDialog('password')} data-testid="home-change-password">
          {t('auth.changePassword')}
        </Button>
        <Button icon={<SafetyOutlined />} type={me.totpEnabled ? 'default' : 'primary'} ghost={!me.totpEnabled} onClick={() => setDialog('totp')} data-testid="home-totp">
          {me.totpEnabled ? t('auth.secondFactor') : t('home.totpSetUp')}
        </Button>
      </Flex>
      <ChangePasswordModal open={dialog === 'password'} onClose={() => setDialog(null)} />
      <TotpModal open={dialog === 'totp'} enabled={me.totpEnabled} onClose={() => setDialog(null)} />
    </Card>
  );
}
